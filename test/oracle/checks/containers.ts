// The executor container against the cluster manager's own Spark code: for every point of the layout
// grid (layoutGrid.ts, with container keys added: an explicit overhead, overhead factors, the minimum
// overhead, PySpark memory), on YARN and Kubernetes, for a JVM and a Python application, the container
// the layout shows (container.ts: heap + overhead + off-heap + PySpark memory) must equal, byte for byte,
// what YARN's YarnAllocator or Kubernetes' BasicExecutorFeatureStep asks for (ContainerHarness.java, run
// on the line's spark-yarn / spark-kubernetes jars: scripts/oracle/spark/clusters/lines.txt). Where that
// code refuses the configuration, the layout must refuse it in its 'container' phase with Spark's
// exception class and text (counted as error cases).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckResult, LineFigures, OracleCheck } from '../check';
import { SparkLine, oracleCacheDir } from '../lines';
import type { JavaRunner } from '../jvm';
import { harnessResults, runSpark } from '../sparkJvm';
import { layoutGrid } from './layoutGrid';
import { SparkConfView } from '../../../src/core/config/confSource';
import type { StartupError } from '../../../src/core/layout/startupError';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { SparkVersion, atLeast, parseSparkVersion } from '../../../src/core/version';

export interface ContainerPoint {
  readonly conf: Readonly<Record<string, string>>;
  readonly clusterManager: 'yarn' | 'kubernetes';
  readonly pythonApp: boolean;
}

/** Container keys added to the grid's points in turn (seeded by the point's index). */
function containerKeys(v: SparkVersion, i: number): Record<string, string> {
  const extra: Record<string, string>[] = [
    {},
    { 'spark.executor.memoryOverhead': '1g' },
    { 'spark.executor.pyspark.memory': '512m' },
    { 'spark.kubernetes.memoryOverheadFactor': '0.2' },
    { 'spark.yarn.executor.memoryOverhead': '700' },
    { 'spark.executor.memoryOverhead': '100m', 'spark.executor.pyspark.memory': '2g' },
  ];
  // spark.executor.memoryOverheadFactor from 3.3 (SPARK-38194), spark.executor.minMemoryOverhead from 4.0.
  if (atLeast(v, 3, 3)) extra.push({ 'spark.executor.memoryOverheadFactor': '0.25' });
  if (atLeast(v, 4))
    extra.push({ 'spark.executor.minMemoryOverhead': '1g' }, { 'spark.executor.minMemoryOverhead': '100m' });
  return extra[i % extra.length]!;
}

/** The grid's points on both cluster managers, for a JVM and a Python application. */
export function containerPoints(v: SparkVersion, seed: number, legacy: boolean): ContainerPoint[] {
  const out: ContainerPoint[] = [];
  layoutGrid(seed, 240, legacy).forEach((p, i) => {
    const conf = { ...p.conf, ...containerKeys(v, i) };
    for (const clusterManager of ['yarn', 'kubernetes'] as const)
      for (const pythonApp of [false, true]) out.push({ conf, clusterManager, pythonApp });
  });
  return out;
}

/** The differences between the cluster manager's request and the layout's container (empty: they agree). */
export function compareContainer(p: ContainerPoint, v: SparkVersion, spark: Record<string, unknown>): string[] {
  const l = sparkLayout(SparkConfView.fromRecord(p.conf, 'file'), {
    version: v,
    clusterManager: p.clusterManager,
    pythonApp: p.pythonApp,
  });
  const where = `${p.clusterManager} ${p.pythonApp ? 'python' : 'jvm'} ${JSON.stringify(p.conf)}`;
  const mine = l.startupErrors.filter((e) => e.phase === 'container');
  const error = spark['error'];
  if (typeof error === 'string') {
    const cls = error;
    const message = String(spark['message']);
    const same = (e: StartupError): boolean =>
      e.message === message && e.exceptionClass === cls.slice(cls.lastIndexOf('.') + 1);
    // The container phase's error, or the same refusal met earlier (the executors' memory manager
    // refuses off-heap without a size with the same text): either way no container is shown.
    if (mine.some(same) || (l.container === undefined && l.startupErrors.some(same))) return [];
    return [
      `${where}: Spark refuses (${cls}: ${JSON.stringify(message)}); layout ${
        mine.length === 0
          ? `asks for ${l.container?.totalMiB ?? 'no'} MiB`
          : JSON.stringify(mine.map((e) => `${e.exceptionClass}: ${e.message}`))
      }`,
    ];
  }
  const c = l.container;
  if (c === undefined)
    return [
      `${where}: Spark asks for ${String(spark['totalMiB'])} MiB; the layout refuses: ${mine[0]?.message ?? '?'}`,
    ];
  const figures: Record<string, number> = {
    totalMiB: c.totalMiB,
    executorMemoryMiB: c.executorMemoryMiB,
    memoryOverheadMiB: c.memoryOverheadMiB,
    memoryOffHeapMiB: c.offHeapMiB,
    pysparkMemoryMiB: c.pysparkMemoryMiB,
  };
  const diffs = Object.entries(spark)
    .filter(([k]) => k !== 'id' && figures[k] !== spark[k])
    .map(([k, want]) => `${k} Spark ${String(want)} layout ${String(figures[k])}`);
  return diffs.length === 0 ? [] : [`${where}: ${diffs.join(', ')}`];
}

/** A line's cluster-manager module (fetch-spark.sh writes <line>-yarn, <line>-kubernetes), as a line of its own. */
export function moduleLine(line: SparkLine, kind: 'yarn' | 'kubernetes'): SparkLine | undefined {
  const label = `${line.label}-${kind}`;
  const classpathFile = join(oracleCacheDir(), label, 'classpath.txt');
  const versionFile = join(oracleCacheDir(), label, 'version.txt');
  if (!existsSync(classpathFile) || !existsSync(versionFile)) return undefined;
  const release = readFileSync(versionFile, 'utf8').trim();
  return { label, release, scala: line.scala, classpathFile };
}

/**
 * The harness on a module's classpath: the line's compiled classes when the module's classpath is the
 * line's with the module's jars added (no second javac), else compiled against the module's own
 * classpath (a module of another Scala binary). `release` is the module's.
 */
export function moduleClasspath(
  java: JavaRunner,
  line: SparkLine,
  kind: 'yarn' | 'kubernetes',
): { classpath?: string; error?: string; release?: string } {
  const mod = moduleLine(line, kind);
  if (mod === undefined) return { error: `no spark-${kind} module (scripts/oracle/spark/clusters/lines.txt)` };
  const own = readFileSync(mod.classpathFile, 'utf8').trim();
  const core = existsSync(line.classpathFile) ? readFileSync(line.classpathFile, 'utf8').trim() : undefined;
  if (core !== undefined && own.startsWith(`${core}:`)) {
    const built = java.compile(line);
    if (built.classpath === undefined) return built;
    const classes = built.classpath.slice(0, built.classpath.indexOf(':'));
    return { classpath: `${classes}:${own}`, release: mod.release };
  }
  return { ...java.compile(mod), release: mod.release };
}

async function runModule(
  classpath: string,
  points: readonly ContainerPoint[],
  v: SparkVersion,
): Promise<{ points: number; mismatches: number; errorCases: number; errorMismatches: number; failures: string[] }> {
  const r0 = { points: 0, mismatches: 0, errorCases: 0, errorMismatches: 0, failures: [] as string[] };
  const input = points
    .map((p, i) =>
      [
        i,
        p.clusterManager,
        p.pythonApp ? 'python' : 'jvm',
        ...Object.entries(p.conf).map(([k, x]) => `${k}=${x}`),
      ].join('\t'),
    )
    .join('\n');
  const r = await runSpark(classpath, 'sparkmemory.oracle.layout.ContainerHarness', ['-XX:+UseSerialGC'], input);
  const results = harnessResults(r, points.length);
  if (!results.ok) return { ...r0, failures: [results.failure] };
  const out = results.lines;
  points.forEach((p, i) => {
    const spark = out[i]!;
    const isError = typeof spark['error'] === 'string';
    const problems = compareContainer(p, v, spark);
    r0.points++;
    if (isError) r0.errorCases++;
    if (problems.length > 0) {
      r0.failures.push(...problems);
      if (isError) r0.errorMismatches++;
      else r0.mismatches++;
    }
  });
  return r0;
}

export const containersCheck: OracleCheck = {
  name: 'containers',
  async run(ctx): Promise<CheckResult> {
    const lines: Record<string, Partial<LineFigures>> = {};
    const failures: string[] = [];
    const notes: string[] = [];
    let passed = 0;
    for (const line of ctx.lines) {
      const v = parseSparkVersion(line.release);
      if (v === undefined) continue;
      const all = containerPoints(v, ctx.options.seed, line.label === '2.4');
      const figures = { layoutPoints: 0, layoutMismatches: 0, errorCases: 0, errorMismatches: 0 };
      for (const kind of ['yarn', 'kubernetes'] as const) {
        const mod = moduleClasspath(ctx.java, line, kind);
        if (mod.classpath === undefined) {
          notes.push(`Spark ${line.release}: ${mod.error ?? '?'}: its ${kind} containers are not compared`);
          continue;
        }
        const r = await runModule(
          mod.classpath,
          all.filter((p) => p.clusterManager === kind),
          v,
        );
        figures.layoutPoints += r.points;
        figures.layoutMismatches += r.mismatches;
        figures.errorCases += r.errorCases;
        figures.errorMismatches += r.errorMismatches;
        passed += r.points - r.mismatches - r.errorMismatches;
        failures.push(...r.failures.map((f) => `Spark ${line.release} (spark-${kind} ${mod.release}): ${f}`));
        notes.push(
          `Spark ${line.release}: ${kind} containers (spark-${kind} ${mod.release}): ${r.points} compared, ${r.mismatches} mismatched, ${r.errorCases} refused by Spark (${r.errorMismatches} mismatched)`,
        );
      }
      lines[line.label] = figures;
    }
    return { lines, passed, failed: failures.length, failures, notes };
  },
};
