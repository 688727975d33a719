// The run's memory story: each executor's layout computed from the log's own properties beside
// what the log reports (BlockManagerAdded maximum memory), per stage the task peaks against the
// per-task share the layout gives, the cache against the storage region, and findings in plain
// words with their numbers. Every size comes from the layout (sparkLayout); nothing is re-derived.
import { SparkConfView } from '../config/confSource';
import type { ConfValue } from '../parse/confValue';
import { type JavaVersion, collectorText } from '../layout/jvmMaxMemory';
import { type SparkLayout, sparkLayout } from '../layout/sparkLayout';
import { formatBytes } from '../size';
import { SPARK_2_4, type SparkVersion, formatVersion, parseSparkVersion } from '../version';
import { partitionAdvice, partitionAdviceText } from '../workload/partitionAdvice';
import type { EventLogFacts, ExecutorFacts, StageFacts } from './types';

export interface MaxMemoryComparison {
  readonly observed?: number;
  readonly predicted?: number;
  readonly observedOnHeap?: number;
  readonly predictedOnHeap?: number;
  readonly observedOffHeap?: number;
  readonly predictedOffHeap?: number;
  /** The collector the prediction assumed and why: "Parallel (default of Java 8)". */
  readonly collector?: string;
  /** Agreement, or the reason the two differ. */
  readonly note: string;
}

export interface ExecutorAnalysis {
  readonly id: string;
  readonly cores?: number;
  readonly maxMemory: MaxMemoryComparison;
  /** -Xmx of this executor (spark.executor.memory, or spark.driver.memory for the driver). */
  readonly heap?: number;
  readonly tasks: number;
  readonly failedTasks: number;
  readonly removedReason?: string;
  readonly peaks: Readonly<Record<string, number>>;
}

export interface StageAnalysis {
  readonly stageId: number;
  readonly attempt: number;
  readonly name?: string;
  readonly tasks: number;
  readonly failedTasks: number;
  readonly spilledTasks: number;
  readonly memoryBytesSpilled: number;
  readonly diskBytesSpilled: number;
  readonly peakExecutionMemoryMax: number;
  readonly peakExecutionMemoryMedian: number;
  readonly gcTime: number;
  readonly runTime: number;
  readonly start?: number;
  readonly end?: number;
}

export interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface RunAnalysis {
  /** The Spark version whose rules the layout used (the log's, or the nearest modelled one). */
  readonly modelVersion: string;
  readonly layout?: SparkLayout;
  readonly executors: ExecutorAnalysis[];
  readonly stages: StageAnalysis[];
  readonly findings: Finding[];
  readonly counts: {
    readonly jobs: number;
    readonly stages: number;
    readonly tasks: number;
    readonly failedTasks: number;
  };
  readonly spilled: { readonly memoryBytes: number; readonly diskBytes: number };
}

/**
 * Why what was read is not a Spark event log (no line of it is a Spark event); undefined when it
 * is one, and when reading failed with an error of its own (a damaged stream says so itself).
 */
export function notAnEventLog(facts: EventLogFacts): string | undefined {
  if (Object.keys(facts.eventCounts).length > 0 || facts.problems.some((p) => p.severity === 'error')) return undefined;
  const first = facts.problems.find((p) => p.severity !== 'info');
  return (
    `not a Spark event log: none of its ${facts.lines} line(s) is a Spark listener event` +
    (first !== undefined ? ` (${first.file}:${first.line}: ${first.message})` : '')
  );
}

/** The version the layout models for a log's "Spark Version" (3.1.0-SNAPSHOT → 3.1.0; before 2.4 → 2.4). */
export function modelVersionOf(text: string | undefined): { version: SparkVersion; note?: string } {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text ?? '');
  const parsed = m !== null ? parseSparkVersion(`${m[1]}.${m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}`) : undefined;
  if (parsed !== undefined) return { version: parsed };
  return {
    version: SPARK_2_4,
    note: `Spark ${text ?? '(version not logged)'} is modelled with Spark 2.4's rules, the oldest this product models.`,
  };
}

/** The Java versions whose default collector the JVM model knows (jvmMaxMemory.ts), oldest first. */
const MODELLED_JAVA: readonly JavaVersion[] = [8, 11, 17, 21, 25];

/**
 * The Java version of the run's JVM, from SparkListenerEnvironmentUpdate's "JVM Information"
 * ("Java Version": "1.8.0_92 (Oracle Corporation)", "17.0.15 (Debian)"; SparkEnv.environmentDetails
 * logs System.getProperty("java.version")): the newest modelled version at or below it (7 as 8:
 * both choose Parallel on a server-class machine, Arguments::set_ergonomics_flags in JDK 7 and 8).
 * Undefined when not logged.
 */
export function javaVersionOfLog(facts: EventLogFacts): JavaVersion | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(facts.jvm['Java Version'] ?? '');
  if (m === null) return undefined;
  // Before Java 9 java.version is 1.<major>.
  const major = m[1] === '1' ? Number(m[2] ?? '0') : Number(m[1]);
  let v: JavaVersion = 8;
  for (const k of MODELLED_JAVA) if (k <= major) v = k;
  return v;
}

/** The log's Spark properties (plus what-ifs) as a conf view. */
export function confOfLog(facts: EventLogFacts, overrides: Readonly<Record<string, string>> = {}): SparkConfView {
  const values: ConfValue[] = [];
  for (const [key, value] of Object.entries({ ...facts.sparkProperties, ...overrides }))
    values.push({ key, value, origin: key in overrides ? 'override' : 'file' });
  return new SparkConfView(values);
}

function isDriver(id: string): boolean {
  return id === 'driver' || id === '<driver>';
}

/** The layout of one executor of the run (and its conf): its own cores from the log; the driver's heap for the driver. */
export function executorLayout(
  facts: EventLogFacts,
  x: ExecutorFacts | undefined,
  version: SparkVersion,
  overrides: Readonly<Record<string, string>> = {},
): { layout: SparkLayout; conf: SparkConfView } {
  const base = confOfLog(facts, overrides);
  const extra: Record<string, string> = {};
  if (x?.cores !== undefined && overrides['spark.executor.cores'] === undefined)
    extra['spark.executor.cores'] = String(x.cores);
  const javaVersion = javaVersionOfLog(facts);
  const opts = { version, ...(javaVersion !== undefined ? { javaVersion } : {}) };
  if (x !== undefined && isDriver(x.id)) {
    // The driver's BlockManager sits in the driver JVM (-Xmx spark.driver.memory, and the driver's
    // java options choose its collector; local mode runs every task there).
    const driverMemory = sparkLayout(base, opts).driverMemory;
    if (driverMemory !== undefined && overrides['spark.executor.memory'] === undefined)
      extra['spark.executor.memory'] = `${driverMemory}b`;
    if (overrides['spark.executor.extraJavaOptions'] === undefined)
      extra['spark.executor.extraJavaOptions'] = base.getString('spark.driver.extraJavaOptions') ?? '';
  }
  const conf = Object.keys(extra).length > 0 ? base.with(extra) : base;
  return { layout: sparkLayout(conf, opts), conf };
}

function maxMemoryOf(x: ExecutorFacts, l: SparkLayout): MaxMemoryComparison {
  const on = l.unified?.maxOnHeapStorageMemory ?? l.legacy?.maxOnHeapStorageMemory;
  const off = l.unified?.maxOffHeapStorageMemory ?? 0;
  const predicted = on !== undefined ? on + off : undefined;
  const observedOn = x.maxOnHeapMemory ?? (x.maxOffHeapMemory === undefined ? x.maxMemory : undefined);
  const base = {
    ...(x.maxMemory !== undefined ? { observed: x.maxMemory } : {}),
    ...(predicted !== undefined ? { predicted } : {}),
    ...(observedOn !== undefined ? { observedOnHeap: observedOn } : {}),
    ...(on !== undefined ? { predictedOnHeap: on } : {}),
    ...(x.maxOffHeapMemory !== undefined ? { observedOffHeap: x.maxOffHeapMemory } : {}),
    ...(l.unified !== undefined ? { predictedOffHeap: off } : {}),
    collector: collectorText(l.executorJvm, isDriver(x.id) ? 'spark.driver.extraJavaOptions' : undefined),
  };
  let note = maxMemoryNote(x, l, observedOn, on);
  if (x.maxOffHeapMemory !== undefined && l.unified !== undefined && x.maxOffHeapMemory !== off)
    note += `; off heap the log reports ${formatBytes(x.maxOffHeapMemory)}, the logged properties give ${formatBytes(off)}`;
  return { ...base, note };
}

function maxMemoryNote(
  x: ExecutorFacts,
  l: SparkLayout,
  observedOn: number | undefined,
  on: number | undefined,
): string {
  if (x.maxMemory === undefined) return 'the log has no BlockManagerAdded for this executor';
  if (on === undefined || observedOn === undefined) return 'the layout gives no storage maximum';
  if (on === observedOn) return 'agrees exactly';
  const u = l.unified;
  if (u === undefined) return `differs by ${formatBytes(observedOn - on)}`;
  // Invert the unified manager's arithmetic: maxHeapMemory = (systemMemory − reserved) × fraction.
  const impliedSystem = observedOn / u.memoryFraction + u.reservedMemory;
  const share = impliedSystem / l.executorMemory;
  const diff = formatBytes(observedOn - on);
  if (share < 1 && share > 0.8)
    return `differs by ${diff}: the JVM's Runtime.maxMemory was about ${formatBytes(impliedSystem)}, ${(100 * share).toFixed(1)} % of -Xmx ${formatBytes(l.executorMemory)}, where ${collectorText(l.executorJvm)} gives ${formatBytes(u.systemMemory)} (another collector or Java version than the log says?)`;
  return `differs by ${diff}: the run's JVM reported about ${formatBytes(impliedSystem)} as Runtime.maxMemory, where the layout assumes ${formatBytes(u.systemMemory)} (a heap or fraction set outside the logged properties?)`;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
}

function stageAnalysis(s: StageFacts): StageAnalysis {
  return {
    stageId: s.stageId,
    attempt: s.attempt,
    ...(s.name !== undefined ? { name: s.name } : {}),
    tasks: s.tasks,
    failedTasks: s.failedTasks,
    spilledTasks: s.spilledTasks,
    memoryBytesSpilled: s.memoryBytesSpilled,
    diskBytesSpilled: s.diskBytesSpilled,
    peakExecutionMemoryMax: s.peakExecutionMemoryMax,
    peakExecutionMemoryMedian: median(s.taskPeaks),
    gcTime: s.gcTime,
    runTime: s.runTime,
    ...(s.firstLaunch !== undefined ? { start: s.firstLaunch } : {}),
    ...(s.lastFinish !== undefined ? { end: s.lastFinish } : {}),
  };
}

/** The executor whose layout stands for the run: the first non-driver one, else the driver (local mode). */
export function representativeExecutor(facts: EventLogFacts): ExecutorFacts | undefined {
  const all = Object.values(facts.executors);
  return all.find((x) => !isDriver(x.id) && x.maxMemory !== undefined) ?? all.find((x) => isDriver(x.id)) ?? all[0];
}

export function analyzeRun(facts: EventLogFacts, overrides: Readonly<Record<string, string>> = {}): RunAnalysis {
  const { version, note } = modelVersionOf(facts.application.sparkVersion);
  const findings: Finding[] = [];
  if (note !== undefined) findings.push({ severity: 'info', message: note });
  const executors: ExecutorAnalysis[] = [];
  for (const x of Object.values(facts.executors)) {
    const l = executorLayout(facts, x, version, overrides).layout;
    executors.push({
      id: x.id,
      ...(x.cores !== undefined ? { cores: x.cores } : {}),
      maxMemory: maxMemoryOf(x, l),
      heap: l.executorMemory,
      tasks: x.tasks,
      failedTasks: x.failedTasks,
      ...(x.removedReason !== undefined ? { removedReason: x.removedReason } : {}),
      peaks: x.peaks,
    });
  }
  const rep = representativeExecutor(facts);
  const layout = executorLayout(facts, rep, version, overrides).layout;
  const stages = facts.stages.map(stageAnalysis);
  findings.push(
    ...stageFindings(facts.stages, layout),
    ...partitionFindings(facts.stages),
    ...cacheFindings(facts, layout),
    ...failureFindings(facts),
  );
  for (const p of facts.problems.filter((q) => q.severity !== 'info'))
    findings.push({ severity: p.severity, message: `${p.file}:${p.line}: ${p.message}` });
  return {
    modelVersion: formatVersion(version),
    layout,
    executors,
    stages,
    findings,
    counts: {
      jobs: facts.jobs.length,
      stages: facts.stages.length,
      tasks: facts.totals.tasks,
      failedTasks: facts.totals.failedTasks,
    },
    spilled: { memoryBytes: facts.totals.memoryBytesSpilled, diskBytes: facts.totals.diskBytesSpilled },
  };
}

function stageFindings(stages: readonly StageFacts[], l: SparkLayout): Finding[] {
  const out: Finding[] = [];
  const per = l.executionPerTask;
  for (const s of stages) {
    if (s.memoryBytesSpilled <= 0) continue;
    let m = `stage ${s.stageId}${s.attempt > 0 ? ` (attempt ${s.attempt})` : ''} spilled ${formatBytes(s.memoryBytesSpilled)} (${formatBytes(s.diskBytesSpilled)} on disk) in ${s.spilledTasks} of ${s.tasks} tasks`;
    if (s.peakExecutionMemoryMax > 0) m += `: its tasks peaked at up to ${formatBytes(s.peakExecutionMemoryMax)} each`;
    if (per !== undefined) {
      m += `, the per-task share is ${formatBytes(per.minPerTask)} to ${formatBytes(per.maxPerTask)} with ${per.concurrentTasks} tasks at once`;
      // What a task needed: what it held at its peak plus what it spilled (averaged over the stage).
      const need = s.tasks > 0 ? (s.peakExecutionMemorySum + s.memoryBytesSpilled) / s.tasks : 0;
      const pool = per.maxPerTask * per.concurrentTasks;
      if (need > 0) {
        const fit = Math.floor(pool / need);
        m += `; a task needed about ${formatBytes(need)} (peak + spill): ${
          fit >= 1
            ? `${fit} task${fit > 1 ? 's' : ''} at once would not spill`
            : `even alone a task would spill (execution can reach ${formatBytes(pool)})`
        }`;
      }
    }
    out.push({ severity: 'warning', message: m });
  }
  return out;
}

/**
 * The seeds' partition sizing (workload/partitionAdvice.ts) on what each stage read: its input and
 * shuffle-read bytes over its partitions (Spark's numTasks for the stage, else the tasks that ended).
 */
function partitionFindings(stages: readonly StageFacts[]): Finding[] {
  const out: Finding[] = [];
  for (const s of stages) {
    const a = partitionAdvice(s.inputBytes + s.shuffleReadBytes, s.numTasks ?? s.tasks);
    if (a === undefined) continue;
    const what = `stage ${s.stageId}${s.attempt > 0 ? ` (attempt ${s.attempt})` : ''} read`;
    out.push({ severity: 'info', message: partitionAdviceText(what, a) });
  }
  return out;
}

function cacheFindings(facts: EventLogFacts, l: SparkLayout): Finding[] {
  const out: Finding[] = [];
  const region = l.unified?.onHeapStorageRegionSize;
  const maxStorage = l.unified?.maxOnHeapStorageMemory;
  for (const r of Object.values(facts.cachedRdds)) {
    let m = `RDD ${r.rddId}${r.name !== undefined ? ` (${shortName(r.name)})` : ''}, ${r.storageLevel}: ${r.numCachedPartitions} of ${r.numPartitions} partitions cached, ${formatBytes(r.memorySize)} in memory, ${formatBytes(r.diskSize)} on disk`;
    if (region !== undefined && maxStorage !== undefined)
      m += ` (the storage region is ${formatBytes(region)}, storage can reach ${formatBytes(maxStorage)} per executor)`;
    if (r.blocksDroppedToDisk + r.blocksRemovedFromMemory > 0)
      m += `; block updates: ${r.blocksDroppedToDisk} dropped to disk, ${r.blocksRemovedFromMemory} removed from memory`;
    const partial =
      r.storageLevel.includes('MEMORY') &&
      r.numPartitions > 0 &&
      r.numCachedPartitions < r.numPartitions &&
      !r.unpersisted;
    out.push({ severity: partial ? 'warning' : 'info', message: m });
  }
  return out;
}

function failureFindings(facts: EventLogFacts): Finding[] {
  const byKind = new Map<string, number>();
  for (const f of facts.memoryFailures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const out: Finding[] = [];
  for (const [kind, n] of byKind) {
    const first = facts.memoryFailures.find((f) => f.kind === kind);
    out.push({
      severity: 'error',
      message: `${n} failure${n > 1 ? 's' : ''} of memory (${kind}); the first at line ${first?.line ?? '?'}: ${first?.message ?? ''}`,
    });
  }
  return out;
}

/** A cached Dataset's RDD is named by its whole plan: its first line is enough in a sentence. */
function shortName(name: string): string {
  const first = name.split('\n')[0] ?? name;
  return first.length > 80 ? `${first.slice(0, 79)}…` : first;
}
