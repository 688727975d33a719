// SIZE-OFFHEAP-BYTES: spark.memory.offHeap.size below 1 MiB. The entry is bytesConf(ByteUnit.BYTE)
// (cfg MEMORY_OFFHEAP_SIZE), so `2048` is 2 KiB: it passes the `>= 0` check, but
// Utils.executorOffHeapMemorySizeAsMb truncates it to 0 MiB and, with off-heap enabled,
// Utils.checkOffHeapEnabled throws (3.5.0 Utils.scala l.3017-3033; config-formats.md A.4).
import { byteFromString, javaTrim } from '../../size';
import type { QuickFix, Rule } from '../types';
import { human, knownSettings, MiB, replaceValue, valueHazard } from './helpers';

export const sizeOffHeapBytes: Rule = {
  code: 'SIZE-OFFHEAP-BYTES',
  title: 'spark.memory.offHeap.size below 1 MiB (a bare number is bytes)',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      if (s.key !== 'spark.memory.offHeap.size' || valueHazard(ctx, s) !== undefined) continue;
      const text = javaTrim(s.value);
      const r = byteFromString(text, 'BYTE');
      if (!r.ok || r.value <= 0 || r.value >= MiB) continue;
      const bare = /^[0-9]+$/.test(text);
      const fixes: QuickFix[] = bare
        ? [replaceValue(s, `${text}m`, `Write ${text}m (${text} MiB)`)]
        : [replaceValue(s, '1m', 'Round up to 1m')];
      report({
        message:
          `spark.memory.offHeap.size ${text} is ${human(r.value)}${bare ? ' (a bare number is bytes for this key)' : ''}. ` +
          'The container request adds it in whole MiB, so 0 MiB, and with spark.memory.offHeap.enabled=true Spark 3.x fails with ' +
          '"spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true".',
        span: s.span,
        fixes,
      });
    }
  },
};
