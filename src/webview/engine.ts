// The panel's one door to the workload engine (src/core/workload): scenarios, the executor of a
// config, stepped runs and comparisons. Everything else in the webview calls these.
// Until the engine lands this is a stand-in that produces a plausible, clearly labelled run.
import type { ParsedDocument } from '../core/analyze';
import type { MembersDocument } from '../core/parse/members';
import type { SparkVersion } from '../core/version';
import type { ExecutorSource, Scenario, SimEvent, SimResult, StorageLevelName } from '../core/workload/types';
import { STORAGE_LEVEL_NAMES } from '../core/workload/types';
import type { ScenarioRef } from '../shared/protocol';

export interface Preset { readonly id: string; readonly title: string; readonly description: string }

export const ENGINE_READY = false;

export function presets(): readonly Preset[] {
  return [{ id: 'cache-then-shuffle', title: 'Cache, then shuffle (stand-in)', description: 'Stand-in until the workload engine is merged.' }];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function scenarioOf(ref: ScenarioRef): Outcome<Scenario> {
  const name = ref.source === 'preset' ? ref.id : ref.fileName;
  return { ok: true, value: { name, stages: [], throughput: { memoryBytesPerMs: 1, diskBytesPerMs: 1, spillBytesPerMs: 1 }, maxEvents: 1000 } };
}

export interface SourceRequest {
  readonly doc: ParsedDocument;
  readonly sparkVersion?: SparkVersion;
  readonly overrides: Readonly<Record<string, string>>;
  /** 0-based member for SnappyData. */
  readonly member: number;
  readonly leads?: MembersDocument;
  readonly label: string;
}

export function executorSource(req: SourceRequest): Outcome<ExecutorSource> {
  return { ok: true, value: { version: req.sparkVersion ?? { major: 3, minor: 5, patch: 0 }, conf: { ...req.overrides }, label: req.label } as ExecutorSource };
}

export interface RunHandle {
  /** Runs up to maxEvents more events; false once the run is over. */
  step(maxEvents: number): boolean;
  snapshot(): SimResult;
  result(): SimResult;
}

export const MAX_POINTS = 600;

class StandInRun implements RunHandle {
  private i = 0;
  constructor(private readonly scenario: Scenario, private readonly total = 200) {}
  step(n: number): boolean {
    this.i = Math.min(this.total, this.i + Math.max(1, Math.floor(n / 50)));
    return this.i < this.total;
  }
  snapshot(): SimResult {
    const t: number[] = [];
    const s: number[] = [];
    const e: number[] = [];
    const pool: number[] = [];
    const events: SimEvent[] = [];
    for (let k = 0; k < this.i; k++) {
      t.push(k * 50);
      s.push(Math.min(1, k / 100) * 600 * 2 ** 20);
      e.push((k % 40) * 8 * 2 ** 20);
      pool.push(900 * 2 ** 20);
      if (k % 40 === 39) events.push({ t: k * 50, kind: 'spill', task: k % 4, bytes: 64 * 2 ** 20, message: 'spilled 64 MiB (stand-in)' });
    }
    const zero = t.map(() => 0);
    return {
      scenario: this.scenario.name, memoryManager: 'UnifiedMemoryManager', sparkVersion: '3.5.0',
      series: { t, onHeapStorageUsed: s, onHeapExecutionUsed: e, onHeapStoragePoolSize: pool, onHeapExecutionPoolSize: pool, offHeapStorageUsed: zero, offHeapExecutionUsed: zero, offHeapStoragePoolSize: zero, offHeapExecutionPoolSize: zero, untracked: zero, perTaskExecution: [e, zero] },
      events,
      summary: { spilledBytes: events.length * 64 * 2 ** 20, spillCount: events.length, evictedBlocks: 0, droppedToDiskBlocks: 0, cacheHits: 0, cacheMisses: 0, waitMs: 0, waits: 0, failedTasks: 0, lowMemoryExceptions: 0, peakStorageUsed: 0, peakExecutionUsed: 0, peakOffHeapUsed: 0, durationMs: this.i * 50, events: events.length },
    };
  }
  result(): SimResult {
    while (this.step(1e9)) { /* run to the end */ }
    return this.snapshot();
  }
}

export function startRun(_source: ExecutorSource, scenario: Scenario, _maxPoints = MAX_POINTS): RunHandle {
  return new StandInRun(scenario);
}

export function simulate(source: ExecutorSource, scenario: Scenario, maxPoints = MAX_POINTS): SimResult {
  return startRun(source, scenario, maxPoints).result();
}

export interface LevelComparison { readonly level: StorageLevelName; readonly result: SimResult }

export function compareLevels(source: ExecutorSource, scenario: Scenario): readonly LevelComparison[] {
  return STORAGE_LEVEL_NAMES.map((level) => ({ level, result: simulate(source, { ...scenario, name: `${scenario.name} ${level}` }) }));
}

export function compareConfigs(a: ExecutorSource, b: ExecutorSource, scenario: Scenario): { readonly a: SimResult; readonly b: SimResult } {
  return { a: simulate(a, scenario), b: simulate(b, scenario) };
}
