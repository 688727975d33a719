// What the operations of a task see of the run that drives them: the executor, the clock, the
// counters and the event log. The run (engine.ts) is the only implementation.
import type { MemoryMode } from '../sim/memoryMode';
import type { MemoryStore } from '../sim/store/memoryStore';
import type { BuiltExecutor } from './buildExecutor';
import type { RunCounters } from './counters';
import type { Task } from './task';
import type { EventKind, ExecutorSource, Scenario, SimEvent } from './types';

export type EventExtra = Partial<Omit<SimEvent, 't' | 'kind' | 'message'>>;

export interface RunContext {
  readonly scenario: Scenario;
  readonly source: ExecutorSource;
  readonly executor: BuiltExecutor;
  readonly store: MemoryStore;
  readonly counters: RunCounters;
  /** Distinct blocks the run tracks before it stops (workBudget.ts). */
  readonly maxTrackedBlocks: number;
  /** Simulated time, ms. */
  readonly now: number;
  /** The task whose code runs now (a block it evicts is charged to it). */
  readonly currentTask: Task | undefined;
  emit(kind: EventKind, message: string | (() => string), extra?: EventExtra): void;
  acquired(task: Task, bytes: number, mode: MemoryMode, what: string): void;
  released(task: Task, bytes: number, mode: MemoryMode, what: string): void;
  /** Resumes `task`, or fires `timer`, at simulated time t. */
  schedule(t: number, task?: Task, timer?: () => void): void;
}
