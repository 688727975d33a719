// A real local SparkContext per configuration (SparkContextHarness: driver heap by -Xmx, the collector
// by -XX:+Use…GC): the maximum memory its BlockManager registers (SparkListenerBlockManagerAdded.maxMem)
// must equal the product's prediction for that JVM: Runtime.maxMemory from the JVM model, then the
// layout's unified region plus the off-heap size. Also the JVM's own Runtime.maxMemory against the model.
import { CheckResult, OracleCheck } from '../check';
import { SparkLine } from '../lines';
import { pool } from '../javaHomes';
import { GC_FLAGS, jsonLines, runSpark } from '../sparkJvm';
import { SparkConfView } from '../../../src/core/config/confSource';
import { jvmMaxMemory } from '../../../src/core/layout/jvmMaxMemory';
import type { GarbageCollector } from '../../../src/core/layout/pageSize';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { parseSparkVersion } from '../../../src/core/version';

interface ContextConfig {
  readonly line: string;
  readonly heapMiB: number;
  readonly gc: GarbageCollector;
  readonly conf: Readonly<Record<string, string>>;
}

const CONFIGS: readonly ContextConfig[] = [
  { line: '3.5', heapMiB: 1024, gc: 'Parallel', conf: {} },
  { line: '3.5', heapMiB: 777, gc: 'G1', conf: { 'spark.memory.fraction': '0.75' } },
  { line: '3.5', heapMiB: 2047, gc: 'Serial', conf: { 'spark.memory.offHeap.size': '100m' } },
  { line: '4.1', heapMiB: 1500, gc: 'G1', conf: { 'spark.memory.storageFraction': '0.3' } },
  { line: '4.1', heapMiB: 600, gc: 'Parallel', conf: { 'spark.memory.fraction': '0.5' } },
  {
    line: '4.1',
    heapMiB: 1024,
    gc: 'Shenandoah',
    conf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '256m' },
  },
  { line: '4.2', heapMiB: 4097, gc: 'G1', conf: {} },
  { line: '4.2', heapMiB: 900, gc: 'Serial', conf: { 'spark.memory.fraction': '0.2' } },
  { line: '2.4', heapMiB: 1024, gc: 'Parallel', conf: {} },
  { line: '2.4', heapMiB: 1200, gc: 'G1', conf: { 'spark.memory.useLegacyMode': 'true' } },
];

const MiB = 1024 * 1024;

/** The BlockManager's registered maximum the product predicts: unified region (or legacy storage) + off-heap. */
export function predictedBlockManagerMax(c: ContextConfig, release: string): number | string {
  const v = parseSparkVersion(release);
  if (v === undefined) return `unknown release ${release}`;
  const systemMemory = jvmMaxMemory(c.heapMiB * MiB, c.gc).maxMemory;
  if (systemMemory === undefined) return `no model for ${c.gc}`;
  const l = sparkLayout(SparkConfView.fromRecord(c.conf, 'file'), { version: v, systemMemory, gc: c.gc });
  if (l.unified !== undefined) return l.unified.maxHeapMemory + l.unified.maxOffHeapMemory;
  if (l.legacy !== undefined) return l.legacy.maxOnHeapStorageMemory + l.legacy.maxOffHeapStorageMemory;
  return `the layout refuses: ${l.startupErrors[0]?.message ?? ''}`;
}

export const sparkContextCheck: OracleCheck = {
  name: 'sparkcontext',
  async run(ctx): Promise<CheckResult> {
    const byLabel = new Map<string, SparkLine>(ctx.lines.map((l) => [l.label, l]));
    const chosen = CONFIGS.filter((c) => byLabel.has(c.line));
    const results = await pool(
      chosen.map((c) => async (): Promise<string | undefined> => {
        const line = byLabel.get(c.line)!;
        const where = `Spark ${line.release} ${c.gc} -Xmx${c.heapMiB}m ${JSON.stringify(c.conf)}`;
        const compiled = ctx.java.compile(line);
        if (compiled.classpath === undefined) return `${where}: ${compiled.error ?? 'no classpath'}`;
        const r = await runSpark(
          compiled.classpath,
          'sparkmemory.oracle.layout.SparkContextHarness',
          [GC_FLAGS[c.gc]!, `-Xmx${c.heapMiB}m`],
          '',
          Object.entries(c.conf).map(([k, x]) => `${k}=${x}`),
        );
        const got = jsonLines(r.stdout)[0];
        if (got === undefined) return `${where}: no result (exit ${r.code}): ${r.stderr.slice(-300)}`;
        if (typeof got['error'] === 'string') return `${where}: SparkContext failed: ${String(got['message'])}`;
        const predicted = predictedBlockManagerMax(c, line.release);
        const model = jvmMaxMemory(c.heapMiB * MiB, c.gc).maxMemory;
        const problems: string[] = [];
        if (got['runtimeMaxMemory'] !== model)
          problems.push(`Runtime.maxMemory ${String(got['runtimeMaxMemory'])}, model ${String(model)}`);
        if (got['blockManagerMaxMem'] !== predicted)
          problems.push(`BlockManager max ${String(got['blockManagerMaxMem'])}, predicted ${String(predicted)}`);
        return problems.length === 0 ? undefined : `${where}: ${problems.join('; ')}`;
      }),
      2,
    );
    const failures = results.filter((x): x is string => x !== undefined);
    return {
      sparkContext: { configs: chosen.length, mismatches: failures.length },
      passed: chosen.length - failures.length,
      failed: failures.length,
      failures,
      notes: [],
    };
  },
};
