// The layout against the memory manager Spark really builds: for a seeded grid of configurations
// (heaps 450m..64g through the JVM model, fractions, storage fractions, off-heap on/off and sizes,
// cores, task cpus; 2.4 also in legacy mode), under G1 and Parallel, every figure the layout shows that
// Spark computes must equal the real manager's value byte for byte: the unified region
// (maxOnHeapStorageMemory at start), the four pools (the storage and execution regions), the off-heap
// size, the default page size, the Tungsten mode and the per-task share a task can reach (measured by
// acquiring: LayoutHarness.maxPerTask). Where Spark refuses the configuration, the layout must refuse
// it too, with Spark's exact text among its start-up errors (also counted as error cases).
import { CheckResult, LineFigures, OracleCheck } from '../check';
import { SparkLine } from '../lines';
import { GC_FLAGS, harnessResults, runSpark } from '../sparkJvm';
import { SparkConfView } from '../../../src/core/config/confSource';
import { jvmMaxMemory } from '../../../src/core/layout/jvmMaxMemory';
import type { GarbageCollector } from '../../../src/core/layout/pageSize';
import { SparkLayout, sparkLayout } from '../../../src/core/layout/sparkLayout';
import { SparkVersion, parseSparkVersion } from '../../../src/core/version';

const MiB = 1024 * 1024;

export interface GridPoint {
  readonly conf: Readonly<Record<string, string>>;
  readonly cores: number;
  readonly tasks: number;
}

/** A seeded grid: every axis value appears, combined at random. */
export function layoutGrid(seed: number, count: number, legacy: boolean): GridPoint[] {
  let s = seed >>> 0 || 1;
  const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const heaps = [
    '450m',
    '471m',
    '512m',
    '1g',
    '1500m',
    '2g',
    '3g',
    '4g',
    '4097m',
    '6g',
    '8g',
    '12g',
    '16g',
    '24g',
    '31g',
    '48g',
    '64g',
  ];
  const fractions = [undefined, '0.6', '0.5', '0.75', '0.1', '0.9', '0.33', '1', '0'];
  const storage = [undefined, '0.5', '0.3', '0', '0.9', '0.25', '0.999'];
  const offHeap: readonly (Record<string, string> | undefined)[] = [
    undefined,
    { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g' },
    { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '3g' },
    { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '536870919' },
    { 'spark.memory.offHeap.enabled': 'false', 'spark.memory.offHeap.size': '2g' },
    { 'spark.memory.offHeap.enabled': 'true' },
  ];
  const cores = [1, 2, 3, 4, 5, 8, 16, 32];
  const cpus = [1, 1, 1, 2, 3];
  const out: GridPoint[] = [];
  for (let i = 0; i < count; i++) {
    const conf: Record<string, string> = { 'spark.executor.memory': pick(heaps) };
    const f = pick(fractions);
    if (f !== undefined) conf['spark.memory.fraction'] = f;
    const sf = pick(storage);
    if (sf !== undefined) conf['spark.memory.storageFraction'] = sf;
    Object.assign(conf, pick(offHeap) ?? {});
    const c = pick(cores);
    const t = Math.min(c, pick(cpus));
    conf['spark.executor.cores'] = String(c);
    if (t !== 1) conf['spark.task.cpus'] = String(t);
    if (legacy && rnd() < 0.4) conf['spark.memory.useLegacyMode'] = 'true';
    out.push({ conf, cores: c, tasks: Math.max(1, Math.floor(c / t)) });
  }
  return out;
}

const heapBytes = (s: string): number => Number(s.slice(0, -1)) * (s.endsWith('g') ? 1024 * MiB : MiB);

/** The figures of the layout for one point, under the names LayoutHarness prints. */
export function layoutFigures(l: SparkLayout): Record<string, number | string | undefined> {
  const u = l.unified;
  if (u !== undefined)
    return {
      maxOnHeapStorageMemory: u.maxHeapMemory,
      onHeapStoragePool: u.onHeapStorageRegionSize,
      onHeapExecutionPool: u.onHeapExecutionPoolSize,
      offHeapStoragePool: u.offHeapStorageRegionSize,
      offHeapExecutionPool: u.offHeapExecutionPoolSize,
      maxOffHeapStorageMemory: u.maxOffHeapMemory,
      pageSizeBytes: l.pageSizeBytes,
      tungstenMemoryMode: u.tungstenMemoryMode,
      maxPerTask: l.executionPerTask?.maxPerTask,
    };
  const g = l.legacy;
  if (g !== undefined)
    return {
      maxOnHeapStorageMemory: g.maxOnHeapStorageMemory,
      onHeapStoragePool: g.maxOnHeapStorageMemory,
      onHeapExecutionPool: g.maxOnHeapExecutionMemory,
      offHeapStoragePool: g.offHeapStorageRegionSize,
      offHeapExecutionPool: g.offHeapExecutionPoolSize,
      maxOffHeapStorageMemory: g.maxOffHeapStorageMemory,
      maxUnrollMemory: g.maxUnrollMemory,
      pageSizeBytes: l.pageSizeBytes,
      tungstenMemoryMode: g.tungstenMemoryMode,
      maxPerTask: l.executionPerTask?.maxPerTask,
    };
  return {};
}

function compare(p: GridPoint, gc: GarbageCollector, v: SparkVersion, spark: Record<string, unknown>): string[] {
  const layout = sparkLayout(SparkConfView.fromRecord(p.conf, 'file'), { version: v, gc });
  const where = `${gc} ${JSON.stringify(p.conf)}`;
  if (typeof spark['error'] === 'string') {
    const message = String(spark['message']);
    const problems: string[] = [];
    if (layout.unified !== undefined || layout.legacy !== undefined)
      problems.push(`${where}: Spark refuses (${message}) but the layout lays it out`);
    else if (!layout.startupErrors.some((e) => e.message === message))
      problems.push(
        `${where}: error text: Spark ${JSON.stringify(message)}, layout ${JSON.stringify(layout.startupErrors.map((e) => e.message))}`,
      );
    return problems;
  }
  const mine = layoutFigures(layout);
  if (Object.keys(mine).length === 0)
    return [
      `${where}: Spark builds ${String(spark['manager'])} but the layout refuses: ${layout.startupErrors[0]?.message ?? ''}`,
    ];
  const diffs: string[] = [];
  for (const [k, want] of Object.entries(spark)) {
    if (k === 'manager') continue;
    if (mine[k] !== want) diffs.push(`${k} Spark ${String(want)} layout ${String(mine[k])}`);
  }
  return diffs.length === 0 ? [] : [`${where}: ${diffs.join(', ')}`];
}

export const layoutGridCheck: OracleCheck = {
  name: 'layout',
  async run(ctx): Promise<CheckResult> {
    const lines: Record<string, Partial<LineFigures>> = {};
    const failures: string[] = [];
    let passed = 0;
    let failed = 0;
    for (const line of ctx.lines) {
      const r = await runLine(line, ctx.java.compile(line), ctx.options.seed);
      lines[line.label] = r.figures;
      failures.push(...r.failures.map((f) => `Spark ${line.release}: ${f}`));
      passed += r.passed;
      failed += r.failures.length;
    }
    return { lines, passed, failed, failures, notes: [] };
  },
};

async function runLine(
  line: SparkLine,
  compiled: { classpath?: string; error?: string },
  seed: number,
): Promise<{ figures: Partial<LineFigures>; failures: string[]; passed: number }> {
  if (compiled.classpath === undefined) return { figures: {}, failures: [compiled.error ?? 'no classpath'], passed: 0 };
  const v = parseSparkVersion(line.release);
  if (v === undefined) return { figures: {}, failures: [`unknown release ${line.release}`], passed: 0 };
  const grid = layoutGrid(seed, 120, line.label === '2.4');
  let points = 0;
  let layoutMismatches = 0;
  let errorCases = 0;
  let errorMismatches = 0;
  const failures: string[] = [];
  for (const gc of ['G1', 'Parallel'] as const) {
    // The executor's JVM gives Spark Runtime.maxMemory: the model's figure goes in as spark.testing.memory.
    const withJvm = grid.map((p) => ({
      ...p,
      conf: {
        ...p.conf,
        'spark.testing.memory': String(jvmMaxMemory(heapBytes(p.conf['spark.executor.memory']!), gc).maxMemory),
      },
    }));
    const input = withJvm
      .map((p) => [p.cores, p.tasks, ...Object.entries(p.conf).map(([k, x]) => `${k}=${x}`)].join('\t'))
      .join('\n');
    const r = await runSpark(compiled.classpath, 'sparkmemory.oracle.layout.LayoutHarness', [GC_FLAGS[gc]!], input);
    const results = harnessResults(r, withJvm.length);
    if (!results.ok) {
      failures.push(`${gc}: ${results.failure}`);
      continue;
    }
    const out = results.lines;
    withJvm.forEach((p, i) => {
      const spark = out[i]!;
      const problems = compare(p, gc, v, spark);
      points++;
      const isError = typeof spark['error'] === 'string';
      if (isError) errorCases++;
      if (problems.length > 0) {
        failures.push(...problems);
        if (isError && problems.every((x) => x.includes('error text'))) errorMismatches++;
        else layoutMismatches++;
      }
    });
  }
  return {
    figures: { layoutPoints: points, layoutMismatches, errorCases, errorMismatches },
    failures,
    passed: points - layoutMismatches - errorMismatches,
  };
}
