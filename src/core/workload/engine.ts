// The workload engine: a deterministic discrete-event simulation of ONE executor running a
// scenario on the simulator's memory manager (src/core/sim). Stages run in order; each stage's
// tasks run floor(executor cores / spark.task.cpus) at a time (TaskSchedulerImpl's slots); every
// task runs its ops in simulated time. All memory decisions are the manager's, MemoryStore's and
// TaskMemoryManager's own (ports of Spark's classes). This file is the run (queue, stages, tasks,
// step, snapshot); the operations it drives are in operations.ts, stateStore.ts and snappyOps.ts,
// and the executor it runs on is built by buildExecutor.ts:
//  - cache / read: BlockManager.doPutIterator → MemoryStore.putIteratorAsValues/AsBytes, with the
//    "Persisting block ... to disk instead" fallback for *_AND_DISK levels; a read that misses is
//    recomputed and cached again (RDD.getOrCompute → BlockManager.getOrElseUpdate).
//  - shuffleSort / hashJoinBuild: Tungsten pages via MemoryConsumer.allocatePage (spill on refusal);
//    aggregate: Spillable.maybeSpill (ExternalAppendOnlyMap, always on heap).
//  - a request Spark blocks on (ExecutionMemoryPool's 1/2N rule) parks the task until a release
//    wakes it; the wait is timed.
//  - broadcast: TorrentBroadcast stores its pieces (MEMORY_AND_DISK_SER) and the value
//    (MEMORY_AND_DISK) once per executor.
//  - a task holds a read lock on each cached block it reads until it ends (releaseAllLocksForTask).
//  - userObjects: heap Spark does not track; past the user region an OOM is likely ('oomRisk').
//  - stateStore: a RocksDB state store's native memory, which Spark 4.1's UnifiedMemoryManager
//    polls as unmanaged OFF_HEAP memory (RocksDBMemoryManager) when polling is on ('unmanaged').
//  - SnappyData: SnappyUnifiedMemoryManager (untracked heap, table data, LowMemoryException).
// Every event counts against the scenario's budget; the run stops with a message when it is reached.
import type { MemoryMode } from '../sim/memoryMode';
import type { MemoryManager } from '../sim/memoryManager';
import { MemoryStore } from '../sim/store/memoryStore';
import { StorageLevels } from '../sim/store/storageLevel';
import { TaskMemoryManager } from '../sim/tmm/taskMemoryManager';
import { SparkError } from '../sim/errors';
import { javaParseInt } from '../config/javaParse';
import { formatBytes } from '../size';
import { formatVersion } from '../version';
import { BuiltExecutor, buildExecutor } from './buildExecutor';
import { opRequest, shareCause } from './causes';
import { RunCounters } from './counters';
import { SortConsumer } from './consumers';
import { Spillable } from '../sim/tmm/spillable';
import { EventLog } from './eventLog';
import { TaskOperations } from './operations';
import { Queue } from './queue';
import type { EventExtra, RunContext } from './runContext';
import { SeriesRecorder } from './series';
import { SnappyOperations } from './snappyOps';
import { StateStores } from './stateStore';
import { MAX_TRACKED_BLOCKS, WorkLimitReached, eventsMessage, internalLimitMessage } from './workBudget';
import type { QueueItem, Task, TaskSteps, Yield } from './task';
import type { EventKind, ExecutorSource, Scenario, SimResult, SimSummary, StageSpec, TaskOp } from './types';

export interface SimulateOptions {
  /** Series points kept (downsampled); default 2000. */
  readonly maxPoints?: number;
  /** Events kept in the result (all are counted); default 2000. */
  readonly maxKeptEvents?: number;
  /** Distinct blocks one run tracks before it stops; default (and at most) MAX_TRACKED_BLOCKS. */
  readonly maxTrackedBlocks?: number;
}

function fmtT(t: number): string {
  return `${Math.round(t * 1000) / 1000}ms`;
}

export class WorkloadRun {
  readonly scenario: Scenario;
  readonly source: ExecutorSource;
  private readonly built: BuiltExecutor | undefined;
  private readonly startError: string | undefined;
  private readonly mm: MemoryManager | undefined;
  private readonly store: MemoryStore | undefined;
  private readonly ops: TaskOperations | undefined;
  private readonly stateStores: StateStores | undefined;
  private readonly snappyOps: SnappyOperations | undefined;
  private readonly series: SeriesRecorder;
  private readonly log: EventLog;
  private readonly queue = new Queue();
  private readonly counters = new RunCounters();
  private seq = 0;
  private now = 0;
  private finished = false;
  private stoppedAt: string | undefined;

  private stageIndex = -1;
  private nextPartition = 0;
  /**
   * Failed partitions of the stage waiting for another attempt. TaskSetManager.handleFailedTask
   * re-adds them to its pending list, which dequeueTask reads from the end: a retry runs next.
   */
  private readonly retries: number[] = [];
  /** Failed attempts per partition of the stage (TaskSetManager.numFailures). */
  private readonly failures = new Map<number, number>();
  /** spark.task.maxFailures (config TASK_MAX_FAILURES, default 4): the attempt that reaches it aborts the job. */
  private readonly maxFailures: number;
  private readonly maxTrackedBlocks: number;
  private running = 0;
  private readonly slotTask: (Task | undefined)[];
  private nextTaskId = 0;
  private currentTask: Task | undefined;

  constructor(source: ExecutorSource, scenario: Scenario, opts: SimulateOptions = {}) {
    this.source = source;
    this.scenario = scenario;
    const maxFailuresText = scenario.conf?.['spark.task.maxFailures'] ?? source.conf['spark.task.maxFailures'] ?? '4';
    const maxFailures = javaParseInt(maxFailuresText.trim());
    this.maxFailures = maxFailures.ok ? Math.max(1, maxFailures.value) : 4;
    this.log = new EventLog(Math.max(4, Math.floor(opts.maxKeptEvents ?? 2000)));
    this.maxTrackedBlocks = Math.min(MAX_TRACKED_BLOCKS, Math.max(1, opts.maxTrackedBlocks ?? MAX_TRACKED_BLOCKS));
    const tp = scenario.throughput;
    const badRate = [
      tp.memoryBytesPerMs,
      tp.diskBytesPerMs,
      tp.spillBytesPerMs,
      tp.recomputeBytesPerMs ?? 1,
      scenario.serialization?.bytesPerMs ?? 1,
      scenario.serialization?.ratio ?? 1,
    ].some((x) => !(x > 0 && Number.isFinite(x)));
    // A scenario built by hand (not parsed) may carry rates the parser would refuse.
    const b = badRate
      ? "the scenario's throughput and serialization figures must be positive numbers"
      : // The scheduler reads it as an int config (ConfigEntry's "should be int" on anything else).
        !maxFailures.ok
        ? `spark.task.maxFailures should be int, but was ${maxFailuresText}`
        : buildExecutor(source, scenario);
    if (typeof b === 'string' || 'limit' in b) {
      this.startError = typeof b === 'string' ? b : b.limit;
      this.series = new SeriesRecorder(opts.maxPoints ?? 2000, 0);
      this.slotTask = [];
      this.finished = true;
      this.stoppedAt =
        typeof b !== 'string' ? b.limit : badRate ? `cannot run: ${b}` : `the executor does not start: ${b}`;
      return;
    }
    this.built = b;
    this.mm = b.mm;
    this.slotTask = new Array<Task | undefined>(b.info.slots).fill(undefined);
    this.series = new SeriesRecorder(opts.maxPoints ?? 2000, b.info.slots);
    const store = new MemoryStore(b.mm, {
      listener: { onBlockDropped: (blockId, writtenToDisk) => this.ops?.blockDropped(blockId, writtenToDisk) },
    });
    b.mm.setMemoryStore(store);
    this.store = store;
    const context = this.context(b, store);
    this.ops = new TaskOperations(context);
    this.stateStores = new StateStores(context);
    this.snappyOps = new SnappyOperations(context, this.ops);
    this.sample(true);
    this.nextStage();
  }

  /** What the operations see of this run. */
  private context(executor: BuiltExecutor, store: MemoryStore): RunContext {
    const now = (): number => this.now;
    const currentTask = (): Task | undefined => this.currentTask;
    return {
      scenario: this.scenario,
      source: this.source,
      executor,
      store,
      counters: this.counters,
      maxTrackedBlocks: this.maxTrackedBlocks,
      get now() {
        return now();
      },
      get currentTask() {
        return currentTask();
      },
      emit: (kind, message, extra) => this.emit(kind, message, extra),
      acquired: (task, bytes, mode, what) => this.acquired(task, bytes, mode, what),
      released: (task, bytes, mode, what) => this.released(task, bytes, mode, what),
      schedule: (t, task, timer) => this.schedule(t, task, timer),
    };
  }

  // ---- events and samples ---------------------------------------------------------------------

  private emit(kind: EventKind, message: string | (() => string), extra: EventExtra = {}): void {
    if (!this.log.wouldKeep(kind) && kind !== 'budget') {
      this.log.skip();
      return;
    }
    this.log.add({ t: this.now, kind, ...extra, message: typeof message === 'string' ? message : message() });
  }

  private acquired(task: Task, bytes: number, mode: MemoryMode, what: string): void {
    this.counters.acquires++;
    if (this.log.wouldKeep('acquire'))
      this.emit('acquire', `${what}: ${formatBytes(bytes)}`, { task: task.id, bytes, mode });
    else this.log.skip();
  }

  private released(task: Task, bytes: number, mode: MemoryMode, what: string): void {
    this.counters.releases++;
    if (this.log.wouldKeep('release'))
      this.emit('release', `${what}: ${formatBytes(bytes)}`, { task: task.id, bytes, mode });
    else this.log.skip();
  }

  private sample(force = false): void {
    const mm = this.mm;
    if (mm === undefined) return;
    const storage = mm.storageMemoryUsed;
    const exec = mm.executionMemoryUsed;
    const off = mm.offHeapStorageMemoryUsed + mm.offHeapExecutionMemoryUsed;
    if (storage > this.counters.peakStorage) this.counters.peakStorage = storage;
    if (exec > this.counters.peakExecution) this.counters.peakExecution = exec;
    if (off > this.counters.peakOffHeap) this.counters.peakOffHeap = off;
    if (!force && !this.series.wants()) {
      this.series.skip();
      return;
    }
    const slotBytes = this.slotTask.map((t) => (t === undefined ? 0 : mm.getExecutionMemoryUsageForTask(t.id)));
    this.series.add(
      {
        t: this.now,
        onHeapStorageUsed: mm.onHeapStorageMemoryUsed,
        onHeapExecutionUsed: mm.onHeapExecutionMemoryUsed,
        onHeapStoragePoolSize: mm.onHeapStorageMemoryPool.poolSize,
        onHeapExecutionPoolSize: mm.onHeapExecutionMemoryPool.poolSize,
        offHeapStorageUsed: mm.offHeapStorageMemoryUsed,
        offHeapExecutionUsed: mm.offHeapExecutionMemoryUsed,
        offHeapStoragePoolSize: mm.offHeapStorageMemoryPool.poolSize,
        offHeapExecutionPoolSize: mm.offHeapExecutionMemoryPool.poolSize,
        untracked: this.counters.untracked,
      },
      slotBytes,
      force,
    );
  }

  // ---- scheduling -------------------------------------------------------------------------------

  private get stage(): StageSpec | undefined {
    return this.scenario.stages[this.stageIndex];
  }

  private nextStage(): void {
    for (;;) {
      this.stageIndex++;
      const stage = this.stage;
      if (stage === undefined) {
        this.finished = true;
        return;
      }
      this.nextPartition = 0;
      this.retries.length = 0;
      this.failures.clear();
      this.emit(
        'stageStart',
        `stage ${this.stageIndex + 1} "${stage.name}": ${stage.tasks} task(s) on ${this.slotTask.length} slot(s)`,
      );
      for (let s = 0; s < this.slotTask.length && this.hasPendingTask(); s++) this.startTask(s);
      if (this.running > 0) return;
    }
  }

  private hasPendingTask(): boolean {
    const stage = this.stage;
    return stage !== undefined && (this.retries.length > 0 || this.nextPartition < stage.tasks);
  }

  private startTask(slot: number): void {
    const stage = this.stage as StageSpec;
    const mm = this.mm as MemoryManager;
    const partition = this.retries.pop() ?? this.nextPartition++;
    const attempt = (this.failures.get(partition) ?? 0) + 1;
    const id = this.nextTaskId++;
    const item: QueueItem = { t: 0, seq: 0 };
    const task: Task = {
      id,
      slot,
      partition,
      attempt,
      stage: this.stageIndex,
      tmm: new TaskMemoryManager(mm, id),
      gen: undefined as unknown as TaskSteps,
      waitingSince: 0,
      item,
      held: [],
      objects: [],
      readLocks: [],
      doing: 'starting',
      owedMs: 0,
    };
    item.task = task;
    task.gen = this.runTask(task, stage.ops, stage.skew?.[partition] ?? 1);
    this.slotTask[slot] = task;
    this.running++;
    this.counters.tasksRun++;
    if (this.log.wouldKeep('taskStart')) {
      this.emit(
        'taskStart',
        `task ${id} (partition ${partition} of "${stage.name}"${attempt > 1 ? `, attempt ${attempt}` : ''}) starts on slot ${slot}`,
        { task: id },
      );
    } else this.log.skip();
    this.schedule(this.now, task);
  }

  private schedule(t: number, task?: Task, timer?: () => void): void {
    if (task !== undefined) {
      const item = task.item;
      item.t = t;
      item.seq = this.seq++;
      this.queue.push(item);
    } else if (timer !== undefined) this.queue.push({ t, seq: this.seq++, timer });
  }

  private endTask(task: Task, error: unknown): void {
    const mm = this.mm as MemoryManager;
    const store = this.store as MemoryStore;
    this.currentTask = task;
    let abort: string | undefined;
    if (error !== undefined) {
      this.counters.failedTasks++;
      const msg =
        error instanceof SparkError
          ? `${error.sparkClass}: ${error.message}`
          : error instanceof Error
            ? error.message
            : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error: print what it is
              String(error);
      // Every LowMemoryException that fails a task, whichever SnappyData path threw it.
      if (error instanceof SparkError && error.sparkClass === 'LowMemoryException') this.counters.lowMemoryExceptions++;
      const failures = task.attempt;
      this.failures.set(task.partition, failures);
      const next = failures >= this.maxFailures ? 'the job is aborted' : 'it will be retried';
      this.emit(
        'taskFailed',
        `task ${task.id} (partition ${task.partition}, attempt ${task.attempt}) failed: ${msg}${this.stateStores?.whyTransferFailed(msg) ?? ''}; ${next}`,
        { task: task.id },
      );
      if (failures >= this.maxFailures) {
        // TaskSetManager.handleFailedTask: "Task N in stage S failed K times; aborting job".
        abort =
          `Job aborted due to stage failure: Task ${task.partition} in stage ${task.stage + 1} failed ${failures} times ` +
          `(spark.task.maxFailures=${this.maxFailures}), most recent failure: ${msg}`;
      } else {
        this.retries.push(task.partition);
        this.counters.retriedTasks++;
      }
    } else {
      if (this.log.wouldKeep('taskEnd')) this.emit('taskEnd', `task ${task.id} ends`, { task: task.id });
      else this.log.skip();
    }
    // The hashed relations go with the task (a task completion listener closes them); then
    // Executor.TaskRunner's cleanUpAllAllocatedMemory, and Task.run's finally releases the task's
    // unroll memory and notifies waiting tasks.
    for (const h of task.held) {
      // A kept consumer spilled for a request that then failed: its spill is counted here.
      if ((h instanceof SortConsumer || h instanceof Spillable) && h.spilledNow > 0) {
        this.counters.spillCount++;
        this.counters.spilledBytes += h.spilledNow;
        this.released(task, h.spilledNow, h.mode, 'spill frees a kept consumer');
        h.spilledNow = 0;
      }
      let freed: number;
      if (h instanceof Spillable) {
        freed = h.myMemoryThreshold - h.initialMemoryThreshold;
        h.releaseMemory();
      } else freed = h.freeAll();
      const what =
        h.name === 'BytesToBytesMap'
          ? 'hash relation'
          : h instanceof SortConsumer
            ? 'kept sort output'
            : h instanceof Spillable
              ? 'kept aggregation map'
              : 'query result';
      if (freed > 0) this.released(task, freed, h.mode, `${what} freed at task end`);
    }
    task.held.length = 0;
    (this.ops as TaskOperations).releaseReadLocks(task);
    const leaked = task.tmm.cleanUpAllAllocatedMemory();
    if (leaked > 0) this.released(task, leaked, mm.tungstenMemoryMode, 'task end releases execution memory');
    store.releaseAllUnrollMemoryForTask(task.id);
    if (error !== undefined) {
      const garbage = this.ops?.releaseObjectsOf(task) ?? 0;
      if (garbage > 0)
        this.emit('release', () => `the failed attempt's ${formatBytes(garbage)} of untracked objects are garbage`, {
          task: task.id,
          bytes: garbage,
          mode: 'ON_HEAP',
        });
    } else task.objects.length = 0;
    // What the releases changed on the heap (CRITICAL_DOWN) belongs to this task's end.
    this.snappyOps?.drainEvents(task);
    this.currentTask = undefined;
    this.slotTask[task.slot] = undefined;
    this.running--;
    if (abort !== undefined) this.stop(abort);
    else if (this.hasPendingTask()) this.startTask(task.slot);
    else if (this.running === 0) this.nextStage();
  }

  /** Resume one task until its next delay or wait. */
  private advance(task: Task): void {
    this.currentTask = task;
    let r: IteratorResult<Yield, void>;
    try {
      r = task.gen.next();
    } catch (e) {
      this.currentTask = undefined;
      // What SnappyData raised on the way to the failure (CRITICAL_UP, the refused memory) comes first.
      this.snappyOps?.drainEvents(task);
      // Only Spark's own exceptions fail a task; a limit of the simulator (its own, or a JavaScript
      // one such as "Set maximum size exceeded") stops the run and says so.
      if (e instanceof SparkError) this.endTask(task, e);
      else this.stop(e instanceof WorkLimitReached ? e.message : internalLimitMessage(e));
      return;
    }
    this.currentTask = undefined;
    this.snappyOps?.drainEvents(task);
    if (r.done === true) {
      this.endTask(task, undefined);
      return;
    }
    const y = r.value;
    if (typeof y === 'number') {
      const owed = task.owedMs;
      task.owedMs = 0;
      this.schedule(this.now + (y > 0 ? y : 0) + owed, task);
      return;
    }
    const call = y;
    this.counters.waits++;
    task.waitingSince = this.now;
    const waitCause = shareCause(this.mm, task, this.mm?.tungstenMemoryMode ?? 'ON_HEAP', task.doing, true);
    this.emit('wait', () => `task ${task.id} waits for execution memory (below its 1/2N share)`, {
      task: task.id,
      ...(waitCause !== undefined ? { cause: waitCause } : {}),
    });
    call.onDone = () => {
      const waited = this.now - task.waitingSince;
      this.counters.waitMs += waited;
      this.emit('wake', () => `task ${task.id} wakes after ${fmtT(waited)}`, { task: task.id });
      this.schedule(this.now, task);
    };
  }

  /** Runs until `maxEvents` more events were counted or the run is over; true when it is over. */
  step(maxEvents: number): boolean {
    if (this.finished) return true;
    const budget = this.scenario.maxEvents;
    const stopAt = this.log.count + Math.max(1, maxEvents);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- advance() and stop() set it
    while (!this.finished && this.log.count < stopAt) {
      const item = this.queue.pop();
      if (item === undefined) {
        // Nothing scheduled but tasks are running: every one is parked on a wait nobody will wake.
        this.stop(
          `all ${this.running} running task(s) wait for execution memory that no task will release (t=${fmtT(this.now)})`,
        );
        break;
      }
      this.now = item.t;
      if (item.timer !== undefined) {
        item.timer();
        // Objects going away can take the heap below critical (CRITICAL_DOWN).
        this.snappyOps?.drainEvents(undefined);
      } else if (item.task !== undefined) this.advance(item.task);
      this.sample();
      // stop() and advance() set `finished`: the compiler's narrowing from the loop's test does not see that.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (this.log.count >= budget && !this.finished) {
        this.stop(eventsMessage(budget, fmtT(this.now)));
        break;
      }
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by stop() inside the loop
    if (this.finished) this.sample(true);
    return this.finished;
  }

  private stop(message: string): void {
    this.stoppedAt = message;
    this.finished = true;
    this.log.add({ t: this.now, kind: 'budget', message });
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Simulated time reached, ms. */
  get time(): number {
    return this.now;
  }

  /** Where the run is: the stage running (0-based; = stages when done), tasks started so far, events counted. */
  get progress(): {
    readonly stage: number;
    readonly stages: number;
    readonly tasksStarted: number;
    readonly events: number;
  } {
    return {
      stage: Math.min(Math.max(0, this.stageIndex), this.scenario.stages.length),
      stages: this.scenario.stages.length,
      tasksStarted: this.counters.tasksRun,
      events: this.log.count,
    };
  }

  /** Runs to the end and returns the result. */
  result(): SimResult {
    while (!this.step(1_000_000)) {
      /* keep going */
    }
    return this.snapshot();
  }

  snapshot(): SimResult {
    const c = this.counters;
    const reads = c.cacheHits + c.cacheMisses + c.diskHits;
    const summary: SimSummary = {
      spilledBytes: c.spilledBytes,
      spillCount: c.spillCount,
      evictedBlocks: c.evictedBlocks,
      droppedToDiskBlocks: c.droppedToDisk,
      cacheHits: c.cacheHits,
      cacheMisses: c.cacheMisses,
      diskHits: c.diskHits,
      diskPuts: c.diskPuts,
      unrollFailures: c.unrollFailures,
      ...(reads > 0 ? { hitRatio: c.cacheHits / reads } : {}),
      waitMs: c.waitMs,
      waits: c.waits,
      failedTasks: c.failedTasks,
      retriedTasks: c.retriedTasks,
      lowMemoryExceptions: c.lowMemoryExceptions,
      ...(this.built?.snappy !== undefined ? { tableBytesEvicted: c.tableBytesEvicted } : {}),
      peakStorageUsed: c.peakStorage,
      peakExecutionUsed: c.peakExecution,
      peakOffHeapUsed: c.peakOffHeap,
      peakUntracked: c.peakUntracked,
      oomRisks: c.oomRisks,
      ...(c.peakStateStore > 0 ? { peakStateStore: c.peakStateStore, peakPolledUnmanaged: c.peakPolledUnmanaged } : {}),
      tasks: c.tasksRun,
      acquires: c.acquires,
      releases: c.releases,
      durationMs: this.now,
      events: this.log.count,
      ...(this.stoppedAt !== undefined ? { stoppedAt: this.stoppedAt } : {}),
    };
    return {
      scenario: this.scenario.name,
      memoryManager:
        this.built?.managerName ??
        (this.source.snappy !== undefined
          ? 'SnappyUnifiedMemoryManager'
          : (this.source.memoryManager ?? 'UnifiedMemoryManager')),
      sparkVersion: this.built?.versionText ?? formatVersion(this.source.version),
      series: this.series.snapshot(),
      events: this.log.kept.slice(),
      summary,
      ...(this.built !== undefined ? { executor: this.built.info } : {}),
    };
  }

  /** Why the executor did not start, when it did not. */
  get startupError(): string | undefined {
    return this.startError;
  }

  // ---- the ops ------------------------------------------------------------------------------------

  /** A task's ops in order, each run by the operation that models it; `skew` scales its execution ops. */
  private *runTask(task: Task, ops: readonly TaskOp[], skew: number): TaskSteps {
    const scaled = (bytes: number): number => (skew === 1 ? bytes : Math.round(bytes * skew));
    const o = this.ops as TaskOperations;
    const tp = this.scenario.throughput;
    for (const op of ops) {
      task.doing = opRequest(op, task.partition);
      switch (op.op) {
        case 'compute':
          yield op.ms;
          break;
        case 'cache':
          yield op.bytes / tp.memoryBytesPerMs;
          yield* o.cache(task, `rdd_${op.rdd}_${task.partition}`, op.bytes, op.elementBytes, StorageLevels[op.level]);
          break;
        case 'read':
          yield* o.read(task, op);
          break;
        case 'shuffleSort':
          yield* o.pages(task, scaled(op.bytes), op.recordBytes, true, op.keep === true);
          break;
        case 'hashJoinBuild':
          yield* o.pages(task, scaled(op.bytes), op.recordBytes, false);
          break;
        case 'aggregate':
          yield* o.aggregate(task, scaled(op.bytes), op.recordBytes, op.keep === true);
          break;
        case 'broadcast':
          yield* o.broadcast(task, op.id, op.bytes);
          break;
        case 'userObjects':
          yield* o.userObjects(task, op.bytes, op.holdMs);
          break;
        case 'stateStore':
          yield* (this.stateStores as StateStores).open(task, op.bytes, op.holdMs);
          break;
        case 'tableLoad':
          yield* (this.snappyOps as SnappyOperations).tableLoad(task, op.table, op.bytes, op.store ?? 'column');
          break;
        case 'createTable':
          (this.snappyOps as SnappyOperations).createTable(op);
          break;
        case 'tableScan':
          yield* (this.snappyOps as SnappyOperations).tableScan(task, op.table, op.bytes);
          break;
        case 'query':
          yield* (this.snappyOps as SnappyOperations).query(task, op.bytes, op.recordBytes, op.resultBytes);
          break;
      }
    }
  }
}

/** Runs a scenario to the end on one executor. Deterministic: the same input gives the same result. */
export function simulateWorkload(source: ExecutorSource, scenario: Scenario, opts: SimulateOptions = {}): SimResult {
  return new WorkloadRun(source, scenario, opts).result();
}
