// Replay: a workload derived from the log, run in the simulator. Per stage the task count, each
// task's execution demand reconstructed from its peak and spill, the partitions it caches with
// their level and size, and the cached blocks it reads. Run first on the log's own config (the
// calibration: predicted against observed spill, cached partitions and evictions), then on any
// other executor (a workspace config, what-ifs).
import {
  type ExecutorSource,
  SCENARIO_DEFAULTS,
  type Scenario,
  type SimResult,
  type StageSpec,
  type StorageLevelName,
  type TaskOp,
  STORAGE_LEVEL_NAMES,
  executorSourceOfLayout,
  mibPerSecondToBytesPerMs,
  simulateWorkload,
} from '../workload';
import { executorLayout, modelVersionOf, representativeExecutor } from './analysis';
import type { SparkLayout } from '../layout/sparkLayout';
import type { EventLogFacts, StageFacts } from './types';

export interface ReplayStageMap {
  readonly stageId: number;
  readonly attempt: number;
  readonly name: string;
}

export interface DerivedWorkload {
  readonly scenario: Scenario;
  /** The log's stage behind each scenario stage, in order. */
  readonly stages: readonly ReplayStageMap[];
  /** Stages left out (no task ended in the log), with the reason. */
  readonly skipped: readonly string[];
}

/** The level a replayed cache op uses: the log's, without replication (one executor is simulated). */
function scenarioLevel(name: string): StorageLevelName | undefined {
  const base = name.replace(/_\d+$/, '');
  return (STORAGE_LEVEL_NAMES as readonly string[]).includes(base) ? (base as StorageLevelName) : undefined;
}

/**
 * A task's execution demand: what it held at its peak plus what it had to spill (the data it
 * sorted or aggregated), the stage's mean; each task's own is the mean × its skew factor.
 */
function demandOf(s: StageFacts): number {
  if (s.tasks === 0) return 0;
  const peak = s.peakExecutionMemorySum / s.tasks;
  const spill = s.memoryBytesSpilled / s.tasks;
  return Math.round(peak + spill);
}

/**
 * Each task's own demand against the stage's mean (its peak plus its spill over the mean), in the
 * order the tasks ended; undefined when the log's sample does not hold every task of the stage
 * (STAGE_TASK_SAMPLE) or no task had any demand.
 */
function skewOf(s: StageFacts, demand: number): number[] | undefined {
  if (demand <= 0 || s.taskPeaks.length !== s.tasks || s.tasks < 2) return undefined;
  const skew = s.taskPeaks.map((peak, i) => (peak + (s.taskSpills[i] ?? 0)) / demand);
  return skew.every((f) => Math.abs(f - 1) < 1e-9) ? undefined : skew;
}

/** Bytes per record: the demand over the records a task read or wrote (100 B, the scenario default, when unknown). */
function recordBytesOf(s: StageFacts, demand: number): number {
  const records = s.tasks > 0 ? s.records / s.tasks : 0;
  if (records <= 0) return SCENARIO_DEFAULTS.recordSize;
  return Math.min(1024 * 1024, Math.max(16, Math.round(demand / records)));
}

export function deriveWorkload(facts: EventLogFacts): DerivedWorkload {
  const stages: StageSpec[] = [];
  const map: ReplayStageMap[] = [];
  const skipped: string[] = [];
  const cachedBy = new Map<number, number>();
  const ordered = [...facts.stages].sort(
    (a, b) => (a.firstLaunch ?? a.submissionTime ?? 0) - (b.firstLaunch ?? b.submissionTime ?? 0),
  );
  for (const s of ordered) {
    if (s.tasks === 0) {
      skipped.push(`stage ${s.stageId}${s.attempt > 0 ? `.${s.attempt}` : ''}: no task ended in the log`);
      continue;
    }
    const ops: TaskOp[] = [];
    for (const rddId of s.cachedRddIds) {
      const r = facts.cachedRdds[String(rddId)];
      const level = r !== undefined ? scenarioLevel(r.storageLevel) : undefined;
      if (r === undefined || level === undefined || r.numCachedPartitions === 0) continue;
      // The stored size of one partition, as the log reports it (memory, else disk).
      const held = r.memorySize + r.diskSize;
      const bytes = Math.max(1, Math.round(held / r.numCachedPartitions));
      const first = cachedBy.get(rddId);
      if (first === undefined) cachedBy.set(rddId, s.stageId);
      ops.push({
        op: first === undefined ? 'cache' : 'read',
        rdd: rddId,
        bytes,
        level,
        elementBytes: SCENARIO_DEFAULTS.elementSize,
      });
    }
    const demand = demandOf(s);
    if (demand > 0) ops.push({ op: 'shuffleSort', bytes: demand, recordBytes: recordBytesOf(s, demand) });
    if (s.tasks > 0 && s.runTime > 0) ops.push({ op: 'compute', ms: Math.round(s.runTime / s.tasks) });
    if (ops.length === 0) ops.push({ op: 'compute', ms: 1 });
    const name = `stage ${s.stageId}${s.attempt > 0 ? `.${s.attempt}` : ''}`;
    const skew = skewOf(s, demand);
    stages.push({ name, tasks: s.tasks, ops, ...(skew !== undefined ? { skew } : {}) });
    map.push({ stageId: s.stageId, attempt: s.attempt, name });
  }
  const scenario: Scenario = {
    name: `replay of ${facts.application.id ?? facts.files[0] ?? 'an event log'}`,
    description: `Derived from the event log of ${facts.application.name ?? 'an application'} (${facts.totals.tasks} tasks).`,
    stages,
    throughput: {
      memoryBytesPerMs: mibPerSecondToBytesPerMs(SCENARIO_DEFAULTS.memoryMBps),
      diskBytesPerMs: mibPerSecondToBytesPerMs(SCENARIO_DEFAULTS.diskMBps),
      spillBytesPerMs: mibPerSecondToBytesPerMs(SCENARIO_DEFAULTS.spillMBps),
    },
    // Cached sizes are the sizes the log reports as stored: a serialized level stores them as they are.
    serialization: { ratio: 1, bytesPerMs: mibPerSecondToBytesPerMs(1000) },
    maxEvents: Math.max(SCENARIO_DEFAULTS.maxEvents, facts.totals.tasks * 200),
  };
  return { scenario, stages: map, skipped };
}

/** The executor of the log's own run: the layout of its properties (and what-ifs), for the representative executor. */
export function logExecutorSource(
  facts: EventLogFacts,
  overrides: Readonly<Record<string, string>> = {},
): { ok: true; source: ExecutorSource; layout: SparkLayout } | { ok: false; message: string } {
  const { version } = modelVersionOf(facts.application.sparkVersion);
  const x = representativeExecutor(facts);
  const { layout, conf } = executorLayout(facts, x, version, overrides);
  const values: Record<string, string> = {};
  for (const v of conf.entries()) values[v.key] = v.value;
  const r = executorSourceOfLayout(layout, version, values, facts.application.id ?? 'event log');
  return r.ok ? { ...r, layout } : r;
}

export interface StageCalibration {
  readonly stageId: number;
  readonly attempt: number;
  readonly observedSpilledBytes: number;
  readonly predictedSpilledBytes: number;
  readonly observedSpilled: boolean;
  readonly predictedSpilled: boolean;
}

export interface Calibration {
  readonly stages: StageCalibration[];
  readonly cachedPartitions: { readonly observed: number; readonly predicted: number };
  readonly evictions: { readonly observed: number; readonly predicted: number };
  readonly spilledBytes: { readonly observed: number; readonly predicted: number };
}

/** Predicted against observed, per stage (spill) and for the cache. */
export function calibrate(facts: EventLogFacts, w: DerivedWorkload, result: SimResult): Calibration {
  const spill = new Array<number>(w.stages.length).fill(0);
  const unroll = new Array<number>(w.stages.length).fill(0);
  let stage = -1;
  for (const e of result.events) {
    if (e.kind === 'stageStart') stage++;
    else if (e.kind === 'spill' && stage >= 0) spill[stage] = (spill[stage] ?? 0) + (e.bytes ?? 0);
    else if (e.kind === 'unrollFailure' && stage >= 0) unroll[stage] = (unroll[stage] ?? 0) + 1;
  }
  const stages: StageCalibration[] = w.stages.map((m, i) => {
    const s = facts.stages.find((x) => x.stageId === m.stageId && x.attempt === m.attempt);
    const observed = s?.memoryBytesSpilled ?? 0;
    const predicted = spill[i] ?? 0;
    return {
      stageId: m.stageId,
      attempt: m.attempt,
      observedSpilledBytes: observed,
      predictedSpilledBytes: predicted,
      observedSpilled: observed > 0,
      predictedSpilled: predicted > 0,
    };
  });
  // Cached partitions: what the caching stage left held (memory or disk); a memory-only level holds
  // nothing of a partition that failed to unroll.
  let observedCached = 0;
  let predictedCached = 0;
  let observedEvictions = 0;
  for (const r of Object.values(facts.cachedRdds)) {
    observedCached += r.numCachedPartitions;
    observedEvictions += r.blocksDroppedToDisk + r.blocksRemovedFromMemory;
  }
  w.scenario.stages.forEach((st, i) => {
    for (const op of st.ops) {
      if (op.op !== 'cache') continue;
      const toDisk = op.level.includes('DISK');
      predictedCached += toDisk ? st.tasks : Math.max(0, st.tasks - (unroll[i] ?? 0));
    }
  });
  return {
    stages,
    cachedPartitions: { observed: observedCached, predicted: predictedCached },
    evictions: {
      observed: observedEvictions,
      predicted: result.summary.evictedBlocks + result.summary.droppedToDiskBlocks,
    },
    spilledBytes: { observed: facts.totals.memoryBytesSpilled, predicted: result.summary.spilledBytes },
  };
}

export interface ReplayResult {
  readonly workload: DerivedWorkload;
  readonly result: SimResult;
  readonly calibration: Calibration;
}

/** Replays the log on its own config (calibration). */
export function replayOnOwnConfig(facts: EventLogFacts): ReplayResult | { error: string } {
  const src = logExecutorSource(facts);
  if (!src.ok) return { error: `the run's executor does not lay out: ${src.message}` };
  const workload = deriveWorkload(facts);
  const result = simulateWorkload(src.source, workload.scenario, { maxKeptEvents: 200_000 });
  return { workload, result, calibration: calibrate(facts, workload, result) };
}

/** Scenario YAML (docs/scenarios.md) of a derived workload: sizes in bytes, so it reads back exactly. */
export function scenarioYaml(s: Scenario): string {
  const q = (t: string) => JSON.stringify(t);
  let y = `name: ${q(s.name)}\n`;
  if (s.description !== undefined) y += `description: ${q(s.description)}\n`;
  y += `serialization: { ratio: ${s.serialization?.ratio ?? 0.5} }\n`;
  y += `maxEvents: ${s.maxEvents}\nstages:\n`;
  for (const st of s.stages) {
    y += `  - name: ${q(st.name)}\n    tasks: ${st.tasks}\n`;
    if (st.skew !== undefined) y += `    skew: [${st.skew.join(', ')}]\n`;
    y += '    ops:\n';
    for (const op of st.ops) y += `      - ${opYaml(op)}\n`;
  }
  return y;
}

function opYaml(op: TaskOp): string {
  switch (op.op) {
    case 'cache':
    case 'read':
      return `${op.op}: { rdd: ${op.rdd}, size: ${op.bytes}, level: ${op.level}, elementSize: ${op.elementBytes} }`;
    case 'shuffleSort':
    case 'aggregate':
    case 'hashJoinBuild':
      return `${op.op}: { size: ${op.bytes}, recordSize: ${op.recordBytes}${op.keep === true ? ', keep: true' : ''} }`;
    case 'compute':
      return `compute: { ms: ${op.ms} }`;
    case 'broadcast':
      return `broadcast: { id: ${op.id}, size: ${op.bytes} }`;
    case 'userObjects':
    case 'stateStore':
      return `${op.op}: { size: ${op.bytes}, holdMs: ${op.holdMs} }`;
    case 'tableLoad':
      return `tableLoad: { table: ${JSON.stringify(op.table)}, size: ${op.bytes}${op.store !== undefined ? `, store: ${op.store}` : ''} }`;
    case 'createTable':
      return `createTable: { table: ${JSON.stringify(op.table)}, store: ${op.store}${op.evictionBy !== undefined ? `, evictionBy: ${JSON.stringify(op.evictionBy)}` : ''}${op.overflow !== undefined ? `, overflow: ${JSON.stringify(op.overflow)}` : ''}${op.partitionBy !== undefined ? `, partitionBy: ${JSON.stringify(op.partitionBy)}` : ''} }`;
    case 'tableScan':
      return `tableScan: { table: ${JSON.stringify(op.table)}, size: ${op.bytes} }`;
    case 'query':
      return `query: { size: ${op.bytes}, recordSize: ${op.recordBytes}, resultSize: ${op.resultBytes} }`;
  }
}
