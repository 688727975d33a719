// Comparisons built on the engine: the same scenario at every storage level, the seeds' rule of
// thumb for choosing a level, and the same scenario on two executors.
import { formatBytes } from '../size/format';
import { simulateWorkload, SimulateOptions } from './engine';
import { STORAGE_LEVEL_NAMES } from './types';
import type { ExecutorSource, Scenario, SimResult, StorageLevelName, TaskOp } from './types';

export interface LevelResult {
  readonly level: StorageLevelName;
  readonly result: SimResult;
}

/** The scenario with every cache and read op at `level`. */
export function withLevel(scenario: Scenario, level: StorageLevelName): Scenario {
  return {
    ...scenario,
    name: `${scenario.name} @ ${level}`,
    stages: scenario.stages.map((st) => ({
      ...st,
      ops: st.ops.map((op): TaskOp => (op.op === 'cache' || op.op === 'read' ? { ...op, level } : op)),
    })),
  };
}

/** Runs the scenario once per storage level (STORAGE_LEVEL_NAMES order). */
export function compareLevels(source: ExecutorSource, scenario: Scenario, opts: SimulateOptions = {}): LevelResult[] {
  return STORAGE_LEVEL_NAMES.map((level) => ({
    level,
    result: simulateWorkload(source, withLevel(scenario, level), opts),
  }));
}

/**
 * The rule of thumb the seed material gives (chooseStorageLevel): size × 1.5 below the storage
 * memory → MEMORY_ONLY; below it → MEMORY_ONLY_SER; else MEMORY_AND_DISK_SER.
 */
export function ruleOfThumb(estimatedBytes: number, storageAvailable: number): StorageLevelName {
  if (estimatedBytes * 1.5 < storageAvailable) return 'MEMORY_ONLY';
  if (estimatedBytes < storageAvailable) return 'MEMORY_ONLY_SER';
  return 'MEMORY_AND_DISK_SER';
}

export interface LevelAdvice {
  readonly ruleOfThumb: StorageLevelName;
  /** The level with the best simulated outcome (fewest failures, then shortest run, then most memory hits). */
  readonly simulated: StorageLevelName;
  readonly agrees: boolean;
  /** Cached bytes the rule of thumb was given (every cache op's size × tasks) and the storage it compared with. */
  readonly estimatedBytes: number;
  readonly storageAvailable: number;
  readonly message: string;
}

/** Where the simulation and the rule of thumb disagree, for a compareLevels result. */
export function levelAdvice(scenario: Scenario, results: readonly LevelResult[]): LevelAdvice | undefined {
  const first = results[0]?.result.executor;
  if (first === undefined) return undefined;
  let estimated = 0;
  for (const st of scenario.stages) for (const op of st.ops) if (op.op === 'cache') estimated += op.bytes * st.tasks;
  // The memory a cache can fill: the whole unified region when execution does not hold any.
  const storage = first.maxHeapMemory;
  const rule = ruleOfThumb(estimated, storage);
  const score = (r: SimResult): [number, number, number] => [
    r.summary.failedTasks + (r.summary.stoppedAt !== undefined ? 1e9 : 0),
    r.summary.durationMs,
    -r.summary.cacheHits,
  ];
  let best = results[0] as LevelResult;
  for (const r of results) {
    const a = score(r.result);
    const b = score(best.result);
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] - 1e-9 || (Math.abs(a[1] - b[1]) <= 1e-9 && a[2] < b[2]))))
      best = r;
  }
  const ruleRes = results.find((r) => r.level === rule)?.result;
  // A tie with the best outcome is agreement.
  const same = (x: [number, number, number], y: [number, number, number]): boolean =>
    x[0] === y[0] && Math.abs(x[1] - y[1]) <= 1e-9 && x[2] === y[2];
  const agrees = best.level === rule || (ruleRes !== undefined && same(score(ruleRes), score(best.result)));
  const message = agrees
    ? `The simulation agrees with the rule of thumb: ${rule}.`
    : `The rule of thumb says ${rule} (${formatBytes(estimated)} cached vs ${formatBytes(storage)} of unified memory), but ${best.level} runs best in the simulation` +
      `${ruleRes !== undefined ? ` (${Math.round(best.result.summary.durationMs)} ms vs ${Math.round(ruleRes.summary.durationMs)} ms)` : ''}.`;
  return {
    ruleOfThumb: rule,
    simulated: best.level,
    agrees,
    estimatedBytes: estimated,
    storageAvailable: storage,
    message,
  };
}

export interface ConfigComparison {
  readonly a: SimResult;
  readonly b: SimResult;
  /** b − a for the headline numbers. */
  readonly delta: {
    readonly durationMs: number;
    readonly spilledBytes: number;
    readonly evictedBlocks: number;
    readonly cacheHits: number;
    readonly waitMs: number;
    readonly failedTasks: number;
  };
}

/** The same scenario on two executors (e.g. a file and its what-if). */
export function compareConfigs(
  a: ExecutorSource,
  b: ExecutorSource,
  scenario: Scenario,
  opts: SimulateOptions = {},
): ConfigComparison {
  const ra = simulateWorkload(a, scenario, opts);
  const rb = simulateWorkload(b, scenario, opts);
  const d = (f: (r: SimResult) => number): number => f(rb) - f(ra);
  return {
    a: ra,
    b: rb,
    delta: {
      durationMs: d((r) => r.summary.durationMs),
      spilledBytes: d((r) => r.summary.spilledBytes),
      evictedBlocks: d((r) => r.summary.evictedBlocks),
      cacheHits: d((r) => r.summary.cacheHits),
      waitMs: d((r) => r.summary.waitMs),
      failedTasks: d((r) => r.summary.failedTasks),
    },
  };
}
