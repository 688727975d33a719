// OVERHEAD-SMALL: an explicit memoryOverhead below what Spark itself would request: the
// 384 MiB floor (ResourceProfile.MEMORY_OVERHEAD_MIN_MIB before 4.0, spark.*.minMemoryOverhead
// from 4.0) or the factor's share of a large heap (0.1 by default). Spark accepts it, but the JVM's
// native memory (thread stacks, metaspace, NIO and Netty buffers) lives there, and a container
// that outgrows it is killed ("Container killed by YARN for exceeding memory limits",
// Kubernetes OOMKilled).
import { readTypedBytes, readTypedDouble } from '../../config/typedConf';
import { MEMORY_OVERHEAD_MIN_MIB } from '../../layout/container';
import { byteFromString, javaTrim } from '../../size';
import { atLeast } from '../../version';
import type { Rule } from '../types';
import { MiB, effective, humanMiB, replaceValue, sparkLayoutOf, valueHazard } from './helpers';

export const overheadSmall: Rule = {
  code: 'OVERHEAD-SMALL',
  title: 'An explicit memory overhead below what Spark would request itself',
  defaultSeverity: 'info',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const l = sparkLayoutOf(ctx);
    const conf = ctx.conf;
    if (l === undefined || conf === undefined) return;
    for (const role of ['executor', 'driver'] as const) {
      const s = effective(ctx, `spark.${role}.memoryOverhead`) ?? effective(ctx, `spark.yarn.${role}.memoryOverhead`);
      if (s === undefined || valueHazard(ctx, s) !== undefined) continue;
      const r = byteFromString(javaTrim(s.value), 'MiB');
      if (!r.ok || r.value < 0) continue;
      const set = r.value;
      let floor = MEMORY_OVERHEAD_MIN_MIB;
      if (atLeast(ctx.version, 4)) {
        const m = readTypedBytes(conf, `spark.${role}.minMemoryOverhead`, 'MiB', ctx.version);
        if (m.ok) floor = m.read.value;
      }
      let factor = l.container?.memoryOverheadFactor;
      if (role === 'driver' && atLeast(ctx.version, 3, 3)) {
        const f = readTypedDouble(conf, 'spark.driver.memoryOverheadFactor', ctx.version);
        if (f.ok) factor = f.read.value;
      }
      const heapMiB =
        role === 'executor'
          ? Math.trunc(l.executorMemory / MiB)
          : l.driverMemory !== undefined
            ? Math.trunc(l.driverMemory / MiB)
            : undefined;
      const derived =
        factor !== undefined && heapMiB !== undefined ? Math.max(Math.trunc(factor * heapMiB), floor) : floor;
      if (set >= derived) continue;
      const why =
        derived > floor
          ? `${factor} × the ${humanMiB(heapMiB ?? 0)} heap = ${derived} MiB`
          : `its ${floor} MiB minimum`;
      report({
        message:
          `${s.key} ${s.value.trim()} (${set} MiB) is below what Spark would request on its own (${why}). ` +
          "The JVM's native memory (thread stacks, metaspace, NIO and Netty buffers, native libraries) has to fit there; a container that outgrows it is killed " +
          '("Container killed by YARN for exceeding memory limits", OOMKilled on Kubernetes).',
        span: s.span,
        fixes: [replaceValue(s, `${derived}m`, `Write ${derived}m`, false)],
      });
    }
  },
};
