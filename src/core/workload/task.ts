// One task attempt of the run, as the run schedules it and the operations see it.
import type { PendingCall } from '../sim/tmm/pending';
import type { TaskMemoryManager } from '../sim/tmm/taskMemoryManager';
import type { Spillable } from '../sim/tmm/spillable';
import type { DefaultMemoryConsumer, HashMapConsumer, SortConsumer } from './consumers';

/** What a task generator yields: a delay in simulated ms, or the blocked call it waits on (no allocation per step). */
export type Yield = number | PendingCall<unknown>;

/** The steps of a task (or of one of its operations), resumed by the run. */
export type TaskSteps<T = void> = Generator<Yield, T, void>;

export interface Task {
  readonly id: number;
  readonly slot: number;
  readonly partition: number;
  /** 1 for the first attempt at the partition in this stage. */
  readonly attempt: number;
  readonly stage: number;
  readonly tmm: TaskMemoryManager;
  gen: TaskSteps;
  waitingSince: number;
  /** Disk writes this task made while evicting other blocks (BlockManager.dropFromMemory runs in the caller), ms. */
  owedMs: number;
  /**
   * Consumers that hold memory until the task ends: hash relations (the probe side reads them)
   * and SnappyData's query results (freed by a task completion listener), and sorters whose output
   * is kept for the later ops (shuffleSort with keep), and aggregation maps likewise (aggregate with keep).
   */
  readonly held: (HashMapConsumer | DefaultMemoryConsumer | SortConsumer | Spillable)[];
  /** Untracked objects this attempt made (userObjects) that are still alive. */
  readonly objects: UntrackedObjects[];
  /**
   * Cached blocks this task holds a read lock on (BlockInfoManager.lockForReading in
   * BlockManager.getLocalValues / getOrElseUpdate's downgradeLock): eviction cannot take them
   * (MemoryStore.evictBlocksToFreeSpace needs a write lock). The task's later ops consume the
   * block's iterator, and Executor.TaskRunner's releaseAllLocksForTask drops what is left at its end.
   */
  readonly readLocks: string[];
  /** The op the task runs now, in words (an eviction names the request it made room for). */
  doing: string;
  /** This task's queue entry (a task is scheduled at most once at a time, so it is reused). */
  readonly item: QueueItem;
}

/**
 * Objects Spark does not track, made by one task attempt and alive until `holdMs` passes. When the
 * attempt fails they become garbage at once: Executor.TaskRunner drops the failed task and nothing
 * else references them, so its retry does not find them on the heap.
 */
export interface UntrackedObjects {
  readonly bytes: number;
  alive: boolean;
}

/** A task to resume, or a timer to fire, at simulated time t. */
export interface QueueItem {
  t: number;
  seq: number;
  task?: Task;
  timer?: () => void;
}
