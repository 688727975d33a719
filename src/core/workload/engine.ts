// The workload engine: a deterministic discrete-event simulation of ONE executor running a
// scenario on the simulator's memory manager (src/core/sim). Stages run in order; each stage's
// tasks run floor(executor cores / spark.task.cpus) at a time (TaskSchedulerImpl's slots); every
// task runs its ops in simulated time. All memory decisions are the manager's, MemoryStore's and
// TaskMemoryManager's own (ports of Spark's classes); this file only drives them:
//  - cache / read: BlockManager.doPutIterator → MemoryStore.putIteratorAsValues/AsBytes, with the
//    "Persisting block ... to disk instead" fallback for *_AND_DISK levels; a read that misses is
//    recomputed and cached again (RDD.getOrCompute → BlockManager.getOrElseUpdate).
//  - shuffleSort / hashJoinBuild: Tungsten pages via MemoryConsumer.allocatePage (spill on refusal);
//    aggregate: Spillable.maybeSpill (ExternalAppendOnlyMap, always on heap).
//  - a request Spark blocks on (ExecutionMemoryPool's 1/2N rule) parks the task until a release
//    wakes it; the wait is timed.
//  - broadcast: TorrentBroadcast stores the value once per executor with MEMORY_AND_DISK.
//  - userObjects: heap Spark does not track; past the user region an OOM is likely ('oomRisk').
//  - stateStore: a RocksDB state store's native memory, which Spark 4.1's UnifiedMemoryManager
//    polls as unmanaged OFF_HEAP memory (RocksDBMemoryManager) when polling is on ('unmanaged').
//  - SnappyData: SnappyUnifiedMemoryManager (untracked heap, table data, LowMemoryException).
// Every event counts against the scenario's budget; the run stops with a message when it is reached.
import { MemoryMode } from '../sim/memoryMode';
import { MemoryManager } from '../sim/memoryManager';
import { UnifiedMemoryManager } from '../sim/unifiedMemoryManager';
import { StaticMemoryManager } from '../sim/staticMemoryManager';
import { SnappyEvent, SnappyUnifiedMemoryManager } from '../sim/snappyUnifiedMemoryManager';
import { SimConf } from '../sim/sparkConf';
import { MemoryStore, UnrollSource, linearSource } from '../sim/store/memoryStore';
import { StorageLevel, StorageLevels } from '../sim/store/storageLevel';
import { PendingCall } from '../sim/tmm/pending';
import { Spillable } from '../sim/tmm/spillable';
import { Page, TaskMemoryManager } from '../sim/tmm/taskMemoryManager';
import { SparkError } from '../sim/errors';
import { SparkConfView } from '../config/confSource';
import { javaParseInt } from '../config/javaParse';
import { sparkLayout } from '../layout/sparkLayout';
import { formatBytes } from '../size';
import { atLeast, formatVersion } from '../version';
import { EventLog } from './eventLog';
import { HashMapConsumer, SortConsumer } from './consumers';
import { SeriesRecorder } from './series';
import {
  MAX_TASK_SLOTS,
  MAX_TRACKED_BLOCKS,
  WorkLimitReached,
  blocksMessage,
  eventsMessage,
  internalLimitMessage,
  slotsMessage,
} from './workBudget';
import type {
  EventCause,
  EventKind,
  ExecutorSource,
  Scenario,
  SimEvent,
  SimExecutorInfo,
  SimResult,
  SimSummary,
  StageSpec,
  TaskOp,
} from './types';

export interface SimulateOptions {
  /** Series points kept (downsampled); default 2000. */
  readonly maxPoints?: number;
  /** Events kept in the result (all are counted); default 2000. */
  readonly maxKeptEvents?: number;
  /** Distinct blocks one run tracks before it stops; default (and at most) MAX_TRACKED_BLOCKS. */
  readonly maxTrackedBlocks?: number;
}

const MiB = 1024 * 1024;
/** Values a put unrolls at most: bigger partitions are unrolled in groups of records (see groupedSource). */
const MAX_UNROLL_VALUES = 1024;
/** Aggregation input is fed to Spillable in at most this many steps per op (plus 32-record minimums). */
const AGGREGATE_STEPS = 64;
/** Serialized size / object size when a scenario does not say (Kryo on typical rows). */
export const DEFAULT_SERIALIZED_RATIO = 0.5;
/** Serializer speed when a scenario does not say: 1000 MiB/s. */
export const DEFAULT_SERDE_BYTES_PER_MS = (1000 * 1024 * 1024) / 1000;
/** snappydata.column.batchSize default "24m" (SnappyData 1.3 io.snappydata.Property.ColumnBatchSize): table data is put batch by batch. */
const TABLE_BATCH_BYTES = 24 * MiB;
/** Row size the model assumes for a table cached as a DataFrame on plain Spark (a modelling choice, not a Spark default). */
const TABLE_ROW_BYTES = 100;

/** What a task generator yields: a delay in simulated ms, or the blocked call it waits on (no allocation per step). */
type Yield = number | PendingCall<unknown>;

interface Task {
  readonly id: number;
  readonly slot: number;
  readonly partition: number;
  /** 1 for the first attempt at the partition in this stage. */
  readonly attempt: number;
  readonly stage: number;
  readonly tmm: TaskMemoryManager;
  gen: Generator<Yield, void, void>;
  waitingSince: number;
  /** Disk writes this task made while evicting other blocks (BlockManager.dropFromMemory runs in the caller), ms. */
  owedMs: number;
  /** Hash relations built by this task: held until the task ends (the probe side reads them). */
  readonly held: HashMapConsumer[];
  /** The op the task runs now, in words (an eviction names the request it made room for). */
  doing: string;
  /** This task's queue entry (a task is scheduled at most once at a time, so it is reused). */
  readonly item: QueueItem;
}

interface QueueItem {
  t: number;
  seq: number;
  task?: Task;
  timer?: () => void;
}

/** A min-heap on (t, seq): same-time items run in the order they were scheduled (deterministic). */
class Queue {
  private readonly a: QueueItem[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: QueueItem): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p] as QueueItem, x)) break;
      a[i] = a[p] as QueueItem;
      i = p;
    }
    a[i] = x;
  }
  pop(): QueueItem | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && less(a[r] as QueueItem, a[l] as QueueItem) ? r : l;
        if (less(last, a[c] as QueueItem)) break;
        a[i] = a[c] as QueueItem;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

function less(x: QueueItem, y: QueueItem): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}

/**
 * The records of a partition as an UnrollSource. Up to MAX_UNROLL_VALUES records are unrolled one
 * by one, exactly as MemoryStore.putIterator does; a partition with more records is unrolled in
 * equal groups of records (the size estimate after k groups is k/groups of the partition), so a
 * billion tiny records cost the same as 1024 — the unroll requests then grow in coarser steps.
 */
export function groupedSource(bytes: number, elementBytes: number): UnrollSource {
  const count = Math.max(1, Math.ceil(bytes / Math.max(1, elementBytes)));
  if (count <= MAX_UNROLL_VALUES) return linearSource(count, elementBytes, bytes);
  const groups = MAX_UNROLL_VALUES;
  return { count: groups, estimatedSize: (k: number) => Math.floor((k * bytes) / groups), preciseSize: bytes };
}

interface Built {
  readonly mm: MemoryManager;
  readonly snappy: SnappyUnifiedMemoryManager | undefined;
  readonly info: SimExecutorInfo;
  readonly managerName: string;
  readonly versionText: string;
}

/** The executor's manager from the source; the scenario's conf what-ifs go on top (re-laid out if they change sizes). */
function buildExecutor(source: ExecutorSource, scenario: Scenario): Built | string | { readonly limit: string } {
  const conf: Record<string, string> = { ...source.conf, ...(scenario.conf ?? {}) };
  const version = source.version;
  let systemMemory = source.systemMemory;
  let userMemory = source.userMemory;
  let cores = source.executorCores ?? 1;
  let taskCpus = source.taskCpus ?? 1;
  let managerKind = source.memoryManager ?? 'UnifiedMemoryManager';
  const changed = Object.entries(scenario.conf ?? {}).some(([k, v]) => source.conf[k] !== v);
  if (source.snappy === undefined && (changed || systemMemory === undefined)) {
    // The what-ifs may change the heap, the cores or the manager: ask the layout again (one layout function).
    const view = new SparkConfView(
      Object.entries(conf).map(([key, value]) => ({ key, value, origin: 'override' as const })),
    );
    const l = sparkLayout(view, { version });
    const first = l.startupErrors[0];
    if (first !== undefined)
      return `${first.exceptionClass === 'JVM' ? '' : `${first.exceptionClass}: `}${first.message}`;
    systemMemory = l.unified?.systemMemory ?? l.legacy?.systemMemory ?? systemMemory;
    userMemory =
      l.unified !== undefined
        ? l.unified.userMemory
        : l.legacy !== undefined
          ? Math.max(0, l.legacy.systemMemory - l.legacy.maxOnHeapStorageMemory - l.legacy.maxOnHeapExecutionMemory)
          : userMemory;
    cores = l.executorCores;
    taskCpus = l.taskCpus;
    managerKind = l.memoryManager;
  }
  const slots = Math.max(1, Math.floor(cores / Math.max(1, taskCpus)));
  if (slots > MAX_TASK_SLOTS) return { limit: slotsMessage(slots, cores, taskCpus) };
  try {
    let mm: MemoryManager;
    let snappy: SnappyUnifiedMemoryManager | undefined;
    let managerName: string;
    let versionText: string;
    if (source.snappy !== undefined) {
      const s = source.snappy;
      snappy = new SnappyUnifiedMemoryManager({
        systemMemory: systemMemory ?? s.heapBytes,
        ...(s.criticalHeapPercentage > 0 ? { criticalHeapPercentage: s.criticalHeapPercentage } : {}),
        ...(s.evictionHeapPercentage > 0 ? { evictionHeapPercentage: s.evictionHeapPercentage } : {}),
        memorySize: s.memorySize,
        conf,
        numCores: cores,
        version,
      });
      mm = snappy;
      managerName = 'SnappyUnifiedMemoryManager';
      versionText = formatVersion(version);
      systemMemory = systemMemory ?? s.heapBytes;
    } else {
      if (systemMemory === undefined) return 'the executor heap is not known';
      const opts = { version, conf: new SimConf(conf, version), systemMemory, numCores: cores, gc: 'G1' as const };
      mm =
        managerKind === 'StaticMemoryManager'
          ? StaticMemoryManager.fromConf(opts)
          : UnifiedMemoryManager.fromConf(opts);
      managerName = managerKind === 'StaticMemoryManager' ? 'StaticMemoryManager' : 'UnifiedMemoryManager';
      versionText = formatVersion(version);
    }
    const info: SimExecutorInfo = {
      ...(source.label !== undefined ? { label: source.label } : {}),
      systemMemory,
      maxHeapMemory: mm.onHeapStorageMemoryPool.poolSize + mm.onHeapExecutionMemoryPool.poolSize,
      maxOffHeapMemory: mm.maxOffHeapMemory,
      onHeapStorageRegionSize:
        mm instanceof UnifiedMemoryManager ? mm.onHeapStorageRegionSize : mm.onHeapStorageMemoryPool.poolSize,
      userMemory: userMemory ?? 0,
      slots,
      pageSizeBytes: mm.pageSizeBytes,
      tungstenMemoryMode: mm.tungstenMemoryMode,
    };
    return { mm, snappy, info, managerName, versionText };
  } catch (e) {
    return e instanceof SparkError ? `${e.sparkClass}: ${e.message}` : String(e);
  }
}

/** An op as the request it makes, for the cause of an eviction or a wait. */
function opRequest(op: TaskOp, partition: number): string {
  switch (op.op) {
    case 'cache':
      return `caching rdd_${op.rdd}_${partition} (${formatBytes(op.bytes)}, ${op.level})`;
    case 'read':
      return `reading rdd_${op.rdd}_${partition}`;
    case 'shuffleSort':
      return 'sort pages (shuffle)';
    case 'hashJoinBuild':
      return 'hash join build pages';
    case 'aggregate':
      return 'aggregation map';
    case 'broadcast':
      return `fetching broadcast_${op.id}`;
    case 'userObjects':
      return 'user objects';
    case 'stateStore':
      return 'a RocksDB state store';
    case 'compute':
      return 'computing';
    case 'tableLoad':
      return `loading table ${op.table}`;
  }
}

function fmtT(t: number): string {
  return `${Math.round(t * 1000) / 1000}ms`;
}

export class WorkloadRun {
  readonly scenario: Scenario;
  readonly source: ExecutorSource;
  private readonly built: Built | undefined;
  private readonly startError: string | undefined;
  private readonly mm: MemoryManager | undefined;
  private readonly store: MemoryStore | undefined;
  private readonly snappy: SnappyUnifiedMemoryManager | undefined;
  private readonly series: SeriesRecorder;
  private readonly log: EventLog;
  private readonly queue = new Queue();
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
  private retriedTasks = 0;
  private running = 0;
  private readonly slotTask: (Task | undefined)[];
  private nextTaskId = 0;
  private readonly broadcastFetching = new Set<number>();
  /** Serialized size of every block put in memory (what a drop to disk writes). */
  private readonly diskSize = new Map<string, number>();
  /** Size in memory of every block put there (for eviction events). */
  private readonly memSize = new Map<string, number>();

  // Summary counters.
  private spilledBytes = 0;
  private spillCount = 0;
  private evictedBlocks = 0;
  private droppedToDisk = 0;
  private cacheHits = 0;
  private cacheMisses = 0;
  private diskHits = 0;
  private diskPuts = 0;
  private unrollFailures = 0;
  private waitMs = 0;
  private waits = 0;
  private failedTasks = 0;
  private lowMemoryExceptions = 0;
  private tableBytesEvicted = 0;
  private peakStorage = 0;
  private peakExecution = 0;
  private peakOffHeap = 0;
  private peakUntracked = 0;
  private oomRisks = 0;
  private tasksRun = 0;
  private acquires = 0;
  private releases = 0;
  private untracked = 0;
  private overUserRegion = false;
  /** Open RocksDB state stores by partition (RocksDBMemoryManager's instance map), and their sum. */
  private readonly stateStores = new Map<number, { readonly bytes: number; readonly gen: number }>();
  private stateStoreGen = 0;
  private stateStoreBytes = 0;
  private peakStateStore = 0;
  private peakPolledUnmanaged = 0;
  /** When the next unmanaged-memory poll is scheduled, or -1. */
  private pollAt = -1;
  private unmanagedUncountedSaid = false;
  private snappyEventsSeen = 0;
  private readonly currentTask: { t: Task | undefined } = { t: undefined };

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
    this.snappy = b.snappy;
    this.slotTask = new Array<Task | undefined>(b.info.slots).fill(undefined);
    this.series = new SeriesRecorder(opts.maxPoints ?? 2000, b.info.slots);
    const store = new MemoryStore(b.mm, {
      listener: {
        onBlockDropped: (blockId, writtenToDisk) => {
          this.evictedBlocks++;
          const task = this.currentTask.t?.id;
          const bytes = this.memSize.get(blockId);
          const cause = this.evictionCause();
          this.emit(
            'evict',
            () =>
              `evicted ${blockId}${bytes !== undefined ? ` (${formatBytes(bytes)})` : ''} from memory` +
              (cause !== undefined ? ` for ${cause.request}` : ''),
            {
              blockId,
              ...(bytes !== undefined ? { bytes } : {}),
              ...(task !== undefined ? { task } : {}),
              ...(cause !== undefined ? { cause } : {}),
            },
          );
          if (writtenToDisk) {
            this.droppedToDisk++;
            const t = this.currentTask.t;
            if (t !== undefined)
              t.owedMs += (this.diskSize.get(blockId) ?? 0) / this.scenario.throughput.diskBytesPerMs;
            this.emit('dropToDisk', `dropped ${blockId} to disk`, { blockId, ...(task !== undefined ? { task } : {}) });
          }
          // Only blocks in memory keep their sizes: the maps stay as small as the store.
          this.memSize.delete(blockId);
          this.diskSize.delete(blockId);
        },
      },
    });
    b.mm.setMemoryStore(store);
    this.store = store;
    this.sample(true);
    this.nextStage();
  }

  // ---- events and samples ---------------------------------------------------------------------

  private emit(
    kind: EventKind,
    message: string | (() => string),
    extra: Partial<Omit<SimEvent, 't' | 'kind' | 'message'>> = {},
  ): void {
    if (!this.log.wouldKeep(kind) && kind !== 'budget') {
      this.log.skip();
      return;
    }
    this.log.add({ t: this.now, kind, ...extra, message: typeof message === 'string' ? message : message() });
  }

  /**
   * Who an eviction makes room for: a storage put may fill the whole unified region, while execution
   * takes back storage only above the storage region (UnifiedMemoryManager.acquireExecutionMemory).
   */
  private evictionCause(): EventCause | undefined {
    const t = this.currentTask.t;
    const b = this.built;
    if (t === undefined || b === undefined) return undefined;
    const storagePut = t.doing.startsWith('caching') || t.doing.startsWith('reading');
    const region = b.info.onHeapStorageRegionSize;
    return storagePut || !(b.mm instanceof UnifiedMemoryManager)
      ? {
          request: `task ${t.id} ${t.doing}`,
          task: t.id,
          cap: 'the unified region (spark.memory.fraction of the usable heap), shared with execution',
          capBytes: b.info.maxHeapMemory,
        }
      : {
          request: `task ${t.id} ${t.doing}`,
          task: t.id,
          cap: 'the storage region (spark.memory.storageFraction): execution evicts cached blocks above it',
          capBytes: region,
        };
  }

  /** A task's execution share when it spills or waits: at most 1/N of what execution can reach, at least 1/(2N) of the pool (ExecutionMemoryPool.acquireMemory). */
  private shareCause(
    task: Task,
    mode: MemoryMode,
    what: string,
    floor: boolean,
    held?: number,
  ): EventCause | undefined {
    const mm = this.mm;
    if (mm === undefined) return undefined;
    const pool = mm.executionPool(mode);
    const n = Math.max(1, pool.numActiveTasks);
    const capBytes = floor ? Math.trunc(pool.poolSize / (2 * n)) : Math.trunc(mm.computeMaxExecutionPoolSize(mode) / n);
    return {
      request: `task ${task.id}'s ${what}`,
      task: task.id,
      cap: floor
        ? `1/(2×${n}) of the ${formatBytes(pool.poolSize)} execution pool (${n} active task${n === 1 ? '' : 's'}): the share a task waits for`
        : `1/${n} of the ${formatBytes(mm.computeMaxExecutionPoolSize(mode))} execution memory can reach (${n} active task${n === 1 ? '' : 's'})`,
      capBytes,
      heldBytes: held ?? pool.getMemoryUsageForTask(task.id),
    };
  }

  private acquired(task: Task, bytes: number, mode: MemoryMode, what: string): void {
    this.acquires++;
    if (this.log.wouldKeep('acquire'))
      this.emit('acquire', `${what}: ${formatBytes(bytes)}`, { task: task.id, bytes, mode });
    else this.log.skip();
  }

  private released(task: Task, bytes: number, mode: MemoryMode, what: string): void {
    this.releases++;
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
    if (storage > this.peakStorage) this.peakStorage = storage;
    if (exec > this.peakExecution) this.peakExecution = exec;
    if (off > this.peakOffHeap) this.peakOffHeap = off;
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
        untracked: this.untracked,
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
      gen: undefined as unknown as Generator<Yield, void, void>,
      waitingSince: 0,
      item,
      held: [],
      doing: 'starting',
      owedMs: 0,
    };
    item.task = task;
    task.gen = this.runTask(task, stage.ops);
    this.slotTask[slot] = task;
    this.running++;
    this.tasksRun++;
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
    this.currentTask.t = task;
    let abort: string | undefined;
    if (error !== undefined) {
      this.failedTasks++;
      const msg =
        error instanceof SparkError
          ? `${error.sparkClass}: ${error.message}`
          : error instanceof Error
            ? error.message
            : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error: print what it is
              String(error);
      const failures = task.attempt;
      this.failures.set(task.partition, failures);
      const next = failures >= this.maxFailures ? 'the job is aborted' : 'it will be retried';
      this.emit(
        'taskFailed',
        `task ${task.id} (partition ${task.partition}, attempt ${task.attempt}) failed: ${msg}${this.whyTransferFailed(msg)}; ${next}`,
        { task: task.id },
      );
      if (failures >= this.maxFailures) {
        // TaskSetManager.handleFailedTask: "Task N in stage S failed K times; aborting job".
        abort =
          `Job aborted due to stage failure: Task ${task.partition} in stage ${task.stage + 1} failed ${failures} times ` +
          `(spark.task.maxFailures=${this.maxFailures}), most recent failure: ${msg}`;
      } else {
        this.retries.push(task.partition);
        this.retriedTasks++;
      }
    } else {
      if (this.log.wouldKeep('taskEnd')) this.emit('taskEnd', `task ${task.id} ends`, { task: task.id });
      else this.log.skip();
    }
    // The hashed relations go with the task (a task completion listener closes them); then
    // Executor.TaskRunner's cleanUpAllAllocatedMemory, and Task.run's finally releases the task's
    // unroll memory and notifies waiting tasks.
    for (const h of task.held) {
      const freed = h.freeAll();
      if (freed > 0) this.released(task, freed, h.mode, 'hash relation freed at task end');
    }
    task.held.length = 0;
    const leaked = task.tmm.cleanUpAllAllocatedMemory();
    if (leaked > 0) this.released(task, leaked, mm.tungstenMemoryMode, 'task end releases execution memory');
    store.releaseAllUnrollMemoryForTask(task.id);
    this.currentTask.t = undefined;
    this.slotTask[task.slot] = undefined;
    this.running--;
    if (abort !== undefined) this.stop(abort);
    else if (this.hasPendingTask()) this.startTask(task.slot);
    else if (this.running === 0) this.nextStage();
  }

  /** Resume one task until its next delay or wait. */
  private advance(task: Task): void {
    this.currentTask.t = task;
    let r: IteratorResult<Yield, void>;
    try {
      r = task.gen.next();
    } catch (e) {
      this.currentTask.t = undefined;
      // Only Spark's own exceptions fail a task; a limit of the simulator (its own, or a JavaScript
      // one such as "Set maximum size exceeded") stops the run and says so.
      if (e instanceof SparkError) this.endTask(task, e);
      else this.stop(e instanceof WorkLimitReached ? e.message : internalLimitMessage(e));
      return;
    }
    this.currentTask.t = undefined;
    this.drainSnappyEvents(task);
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
    this.waits++;
    task.waitingSince = this.now;
    const waitCause = this.shareCause(task, this.mm?.tungstenMemoryMode ?? 'ON_HEAP', task.doing, true);
    this.emit('wait', () => `task ${task.id} waits for execution memory (below its 1/2N share)`, {
      task: task.id,
      ...(waitCause !== undefined ? { cause: waitCause } : {}),
    });
    call.onDone = () => {
      const waited = this.now - task.waitingSince;
      this.waitMs += waited;
      this.emit('wake', () => `task ${task.id} wakes after ${fmtT(waited)}`, { task: task.id });
      this.schedule(this.now, task);
    };
  }

  private drainSnappyEvents(task: Task | undefined): void {
    const s = this.snappy;
    if (s === undefined || s.snappyEvents.length === this.snappyEventsSeen) return;
    for (let i = this.snappyEventsSeen; i < s.snappyEvents.length; i++) {
      const e = s.snappyEvents[i] as SnappyEvent;
      const extra = { bytes: e.bytes, mode: e.mode, ...(task !== undefined ? { task: task.id } : {}) };
      if (e.kind === 'TableDataEvicted') this.tableBytesEvicted += e.bytes;
      if (e.kind === 'TableDataEvicted')
        this.emit('evict', () => `table data: ${formatBytes(e.bytes)} overflowed to disk`, extra);
      else if (e.kind === 'LowMemoryException') {
        this.lowMemoryExceptions++;
        this.emit('lowMemory', `LowMemoryException: ${e.message}`, extra);
      } else this.emit('lowMemory', e.message, extra);
    }
    this.snappyEventsSeen = s.snappyEvents.length;
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
      if (item.timer !== undefined) item.timer();
      else if (item.task !== undefined) this.advance(item.task);
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
      tasksStarted: this.tasksRun,
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
    const reads = this.cacheHits + this.cacheMisses + this.diskHits;
    const summary: SimSummary = {
      spilledBytes: this.spilledBytes,
      spillCount: this.spillCount,
      evictedBlocks: this.evictedBlocks,
      droppedToDiskBlocks: this.droppedToDisk,
      cacheHits: this.cacheHits,
      cacheMisses: this.cacheMisses,
      diskHits: this.diskHits,
      diskPuts: this.diskPuts,
      unrollFailures: this.unrollFailures,
      ...(reads > 0 ? { hitRatio: this.cacheHits / reads } : {}),
      waitMs: this.waitMs,
      waits: this.waits,
      failedTasks: this.failedTasks,
      retriedTasks: this.retriedTasks,
      lowMemoryExceptions: this.lowMemoryExceptions,
      ...(this.snappy !== undefined ? { tableBytesEvicted: this.tableBytesEvicted } : {}),
      peakStorageUsed: this.peakStorage,
      peakExecutionUsed: this.peakExecution,
      peakOffHeapUsed: this.peakOffHeap,
      peakUntracked: this.peakUntracked,
      oomRisks: this.oomRisks,
      ...(this.peakStateStore > 0
        ? { peakStateStore: this.peakStateStore, peakPolledUnmanaged: this.peakPolledUnmanaged }
        : {}),
      tasks: this.tasksRun,
      acquires: this.acquires,
      releases: this.releases,
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

  private get tp(): Scenario['throughput'] {
    return this.scenario.throughput;
  }

  private *runTask(task: Task, ops: readonly TaskOp[]): Generator<Yield, void, void> {
    for (const op of ops) {
      task.doing = opRequest(op, task.partition);
      switch (op.op) {
        case 'compute':
          yield op.ms;
          break;
        case 'cache': {
          yield op.bytes / this.tp.memoryBytesPerMs;
          yield* this.putPartition(
            task,
            `rdd_${op.rdd}_${task.partition}`,
            op.bytes,
            op.elementBytes,
            StorageLevels[op.level],
          );
          break;
        }
        case 'read':
          yield* this.read(task, op);
          break;
        case 'shuffleSort':
          yield* this.pages(task, op.bytes, op.recordBytes, true);
          break;
        case 'hashJoinBuild':
          yield* this.pages(task, op.bytes, op.recordBytes, false);
          break;
        case 'aggregate':
          yield* this.aggregate(task, op.bytes, op.recordBytes);
          break;
        case 'broadcast':
          yield* this.broadcast(task, op.id, op.bytes);
          break;
        case 'userObjects':
          yield* this.userObjects(task, op.bytes, op.holdMs);
          break;
        case 'stateStore':
          yield* this.stateStore(task, op.bytes, op.holdMs);
          break;
        case 'tableLoad':
          yield* this.tableLoad(task, op.table, op.bytes, op.store ?? 'column');
          break;
      }
    }
  }

  /** Serialized size of `bytes` of objects (scenario serialization.ratio, default 0.5). */
  private serialized(bytes: number): number {
    return Math.max(1, Math.round(bytes * (this.scenario.serialization?.ratio ?? DEFAULT_SERIALIZED_RATIO)));
  }

  /** Time to serialize or deserialize `bytes` of objects. */
  private serdeMs(bytes: number): number {
    return bytes / (this.scenario.serialization?.bytesPerMs ?? DEFAULT_SERDE_BYTES_PER_MS);
  }

  /**
   * BlockManager.doPutIterator for one partition at `level`, with the disk fallback. `bytes` is the
   * partition as objects; serialized levels (and anything on disk) hold serialization.ratio of it
   * and pay the serializer's time.
   */
  private *putPartition(
    task: Task,
    blockId: string,
    bytes: number,
    elementBytes: number,
    level: StorageLevel,
  ): Generator<Yield, void, void> {
    const store = this.store as MemoryStore;
    if (store.contains(blockId)) return;
    if (store.trackedBlocks >= this.maxTrackedBlocks && !store.isOnDisk(blockId))
      throw new WorkLimitReached(blocksMessage(this.maxTrackedBlocks));
    const onDisk = this.serialized(bytes);
    if (!level.useMemory) {
      if (!store.isOnDisk(blockId)) {
        store.putBlock(blockId, onDisk, level);
        yield this.serdeMs(bytes) + onDisk / this.tp.diskBytesPerMs;
      }
      return;
    }
    const mode: MemoryMode = level.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
    // Off-heap caching always goes through bytes (MemoryStore.putIteratorAsBytes).
    const values = level.deserialized && !level.useOffHeap;
    const src = values
      ? groupedSource(bytes, elementBytes)
      : groupedSource(onDisk, Math.max(1, Math.round((elementBytes * onDisk) / bytes)));
    const r = values
      ? store.putIteratorAsValues(blockId, src, mode, task.id, level)
      : store.putIteratorAsBytes(blockId, src, mode, task.id, level);
    if (!values) yield this.serdeMs(bytes);
    if (r.stored) {
      this.diskSize.set(blockId, onDisk);
      this.memSize.set(blockId, r.size);
      this.acquired(task, r.size, mode, `cached ${blockId} (${level.name})`);
      return;
    }
    this.unrollFailures++;
    this.emit(
      'unrollFailure',
      () =>
        `not enough storage memory to unroll ${blockId} (${formatBytes(src.preciseSize)}, ${level.name}; ${formatBytes(r.unrollMemory)} unrolled)`,
      { task: task.id, blockId, bytes: src.preciseSize, mode },
    );
    if (level.useDisk) {
      // "Persisting block ... to disk instead": the partially unrolled values go to disk.
      store.putBlock(blockId, onDisk, StorageLevels.DISK_ONLY);
      this.diskPuts++;
      r.close();
      yield (values ? this.serdeMs(bytes) : 0) + onDisk / this.tp.diskBytesPerMs;
    } else {
      // The task consumes the partially unrolled iterator; its unroll memory goes when it is done.
      yield 0;
      r.close();
    }
  }

  private *read(task: Task, op: Extract<TaskOp, { op: 'read' }>): Generator<Yield, void, void> {
    const store = this.store as MemoryStore;
    const blockId = `rdd_${op.rdd}_${task.partition}`;
    const entry = store.access(blockId);
    if (entry !== undefined) {
      this.cacheHits++;
      // Values are scanned as they are; bytes are deserialized first.
      yield entry.deserialized
        ? op.bytes / this.tp.memoryBytesPerMs
        : this.serdeMs(op.bytes) + op.bytes / this.tp.memoryBytesPerMs;
      return;
    }
    if (store.isOnDisk(blockId)) {
      this.diskHits++;
      const onDisk = this.serialized(op.bytes);
      yield onDisk / this.tp.diskBytesPerMs + this.serdeMs(op.bytes);
      // BlockManager.getLocalValues: a block read from disk at a level that uses memory is cached
      // in memory again if it fits (maybeCacheDiskValuesInMemory / maybeCacheDiskBytesInMemory).
      const level = StorageLevels[op.level];
      if (level.useMemory && !store.contains(blockId)) {
        const mode: MemoryMode = level.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
        if (level.deserialized && !level.useOffHeap) {
          const r = store.putIteratorAsValues(blockId, groupedSource(op.bytes, op.elementBytes), mode, task.id, level);
          if (r.stored) {
            this.memSize.set(blockId, r.size);
            this.acquired(task, r.size, mode, `cached ${blockId} again from disk`);
          } else r.close();
        } else if (store.putBytes(blockId, onDisk, mode, level)) {
          this.memSize.set(blockId, onDisk);
          this.acquired(task, onDisk, mode, `cached ${blockId} again from disk`);
        }
      }
      return;
    }
    // Gone (never cached, or evicted at a level without disk): recompute, then getOrElseUpdate caches it again.
    this.cacheMisses++;
    yield op.bytes / (this.tp.recomputeBytesPerMs ?? this.tp.memoryBytesPerMs / 4);
    yield* this.putPartition(task, blockId, op.bytes, op.elementBytes, StorageLevels[op.level]);
  }

  /** Waits for a blocked call; returns its value or throws its error (resumed in the task). */
  private *await<T>(r: T | PendingCall<T>): Generator<Yield, T, void> {
    if (r instanceof PendingCall) {
      if (!r.done) yield r as PendingCall<unknown>;
      if (r.error !== undefined) throw r.error;
      return r.value as T;
    }
    return r;
  }

  /**
   * Tungsten pages: shuffleSort (UnsafeExternalSorter: self-spill when a page is refused; pages
   * freed when the op is done) or hashJoinBuild (BytesToBytesMap: cannot spill, so a refused page
   * fails the task; the relation is held until the task ends, as the probe reads it). Each page
   * is asked for with the record size as the minimum (acquireNewPageIfNecessary(required)).
   */
  private *pages(task: Task, bytes: number, recordBytes: number, sort: boolean): Generator<Yield, void, void> {
    const mm = this.mm as MemoryManager;
    const mode = mm.tungstenMemoryMode;
    const consumer = sort ? new SortConsumer(task.tmm, mode) : new HashMapConsumer(task.tmm, mode);
    const what = sort ? 'sort page' : 'hash map page';
    let remaining = bytes;
    let spilled = 0;
    try {
      while (remaining > 0) {
        const got = consumer.allocatePage(Math.min(recordBytes, remaining));
        let page: Page;
        if (got instanceof PendingCall) {
          if (!got.done) yield got as PendingCall<unknown>;
          if (got.error !== undefined) throw got.error;
          page = got.value as Page;
        } else page = got;
        consumer.pages.push(page);
        this.acquired(task, page.size, mode, what);
        if (consumer instanceof SortConsumer && consumer.spilledNow > 0) {
          const s = consumer.spilledNow;
          consumer.spilledNow = 0;
          spilled += s;
          this.spillCount++;
          this.spilledBytes += s;
          this.released(task, s, mode, 'spill frees sort pages');
          const cause = this.shareCause(task, mode, what, false);
          this.emit('spill', () => `task ${task.id} spilled ${formatBytes(s)} of sorted records`, {
            task: task.id,
            bytes: s,
            mode,
            ...(cause !== undefined ? { cause } : {}),
          });
          yield s / this.tp.spillBytesPerMs;
        }
        const used = Math.min(page.size, remaining);
        remaining -= used;
        yield used / this.tp.memoryBytesPerMs;
      }
      // Spill files are merged back (read once from disk).
      if (spilled > 0) yield spilled / this.tp.diskBytesPerMs;
    } finally {
      if (consumer instanceof HashMapConsumer) task.held.push(consumer);
      else {
        // The sorted output has been handed on (written or merged): the sorter frees its pages.
        const freed = consumer.freeAll();
        if (freed > 0) this.released(task, freed, mode, 'sorter frees its pages');
      }
    }
  }

  /** ExternalAppendOnlyMap: Spillable.maybeSpill every 32 records as the map grows (on heap). */
  private *aggregate(task: Task, bytes: number, recordBytes: number): Generator<Yield, void, void> {
    const sp = new Spillable(task.tmm, 'ExternalAppendOnlyMap');
    const chunk = Math.max(32 * recordBytes, Math.ceil(bytes / AGGREGATE_STEPS));
    let remaining = bytes;
    let current = 0;
    let spilled = 0;
    try {
      while (remaining > 0) {
        const c = Math.min(chunk, remaining);
        remaining -= c;
        current += c;
        // Records read since the last spill; maybeSpill looks at memory only on multiples of 32.
        const records = Math.ceil(c / recordBytes);
        sp.elementsRead += Math.ceil(records / 32) * 32;
        const before = sp.myMemoryThreshold;
        const r = yield* this.await(sp.maybeSpill(current));
        if (r.granted > 0) this.acquired(task, r.granted, 'ON_HEAP', 'aggregation map grows');
        if (r.spilled) {
          this.spillCount++;
          this.spilledBytes += current;
          spilled += current;
          const freed = Math.max(before + r.granted - sp.initialMemoryThreshold, 0);
          if (freed > 0) this.released(task, freed, 'ON_HEAP', 'spill frees the aggregation map');
          const s = current;
          // What the map held when it spilled (before the spill released it).
          const cause = this.shareCause(task, 'ON_HEAP', 'aggregation map', false, before + r.granted);
          this.emit('spill', () => `task ${task.id} spilled ${formatBytes(s)} of its aggregation map`, {
            task: task.id,
            bytes: s,
            mode: 'ON_HEAP',
            ...(cause !== undefined ? { cause } : {}),
          });
          yield current / this.tp.spillBytesPerMs;
          current = 0;
        }
        yield c / this.tp.memoryBytesPerMs;
      }
      if (spilled > 0) yield spilled / this.tp.diskBytesPerMs;
    } finally {
      const held = sp.myMemoryThreshold - sp.initialMemoryThreshold;
      if (held > 0) {
        sp.releaseMemory();
        this.released(task, held, 'ON_HEAP', 'aggregation map freed');
      }
    }
  }

  /** TorrentBroadcast.readBroadcastBlock: fetch once per executor, putSingle(MEMORY_AND_DISK). */
  private *broadcast(task: Task, id: number, bytes: number): Generator<Yield, void, void> {
    const store = this.store as MemoryStore;
    const blockId = `broadcast_${id}`;
    const fetchMs = bytes / this.tp.memoryBytesPerMs;
    for (;;) {
      if (store.access(blockId) !== undefined) return;
      if (store.isOnDisk(blockId)) {
        yield bytes / this.tp.diskBytesPerMs;
        return;
      }
      if (!this.broadcastFetching.has(id)) break;
      // Another task of this executor is fetching it: TorrentBroadcast's lock makes this one wait.
      yield Math.max(1, fetchMs / 8);
    }
    this.broadcastFetching.add(id);
    try {
      yield fetchMs;
      yield* this.putPartition(task, blockId, bytes, bytes, StorageLevels.MEMORY_AND_DISK);
    } finally {
      this.broadcastFetching.delete(id);
    }
  }

  private setUntracked(v: number): void {
    this.untracked = v;
    if (this.snappy !== undefined) this.snappy.untrackedHeapBytes = v;
    if (v > this.peakUntracked) this.peakUntracked = v;
    const user = this.built?.info.userMemory ?? Infinity;
    if (v > user && !this.overUserRegion) {
      this.overUserRegion = true;
      this.oomRisks++;
      const task = this.currentTask.t?.id;
      this.emit(
        'oomRisk',
        `untracked objects (${formatBytes(v)}) outgrow the user region (${formatBytes(user)}): the heap may run out (OutOfMemoryError)`,
        { bytes: v, ...(task !== undefined ? { task } : {}) },
      );
    } else if (v <= user) this.overUserRegion = false;
  }

  private *userObjects(_task: Task, bytes: number, holdMs: number): Generator<Yield, void, void> {
    // The heap itself is the hard limit: objects that do not fit beside what the pools hold on
    // heap are the JVM's OutOfMemoryError, which fails the task (and, in Spark, often the executor).
    const mm = this.mm as MemoryManager;
    const heap = this.built?.info.systemMemory ?? Infinity;
    const inUse = this.untracked + mm.onHeapStorageMemoryUsed + mm.onHeapExecutionMemoryUsed;
    if (inUse + bytes > heap) {
      throw new SparkError(
        'OutOfMemoryError',
        `Java heap space (${formatBytes(bytes)} of objects beside ${formatBytes(inUse)} in use on a ${formatBytes(heap)} heap)`,
      );
    }
    this.setUntracked(this.untracked + bytes);
    // The objects live for holdMs whatever the task does next (e.g. a per-executor cache or a big collect).
    this.schedule(this.now + holdMs, undefined, () => this.setUntracked(this.untracked - bytes));
    yield bytes / this.tp.memoryBytesPerMs;
  }

  /**
   * The task's partition's RocksDB state store, open for holdMs. Its memory is native, outside
   * the heap and Spark's pools. Spark 4.1 reports it through RocksDBMemoryManager, an
   * UnmanagedMemoryConsumer whose memoryMode is OFF_HEAP: instances are keyed by their id (here
   * the partition, so a later batch's store replaces the figure) and summed (bounded memory usage,
   * which shares one cache, is not modelled). UnifiedMemoryManager polls it every
   * spark.memory.unmanagedMemoryPollingInterval (default 0: never) and takes the last poll off
   * what off-heap storage and execution may reach.
   */
  private *stateStore(task: Task, bytes: number, holdMs: number): Generator<Yield, void, void> {
    const partition = task.partition;
    const gen = ++this.stateStoreGen;
    // The sum follows each change (never a walk over every open store).
    this.stateStoreBytes += bytes - (this.stateStores.get(partition)?.bytes ?? 0);
    this.stateStores.set(partition, { bytes, gen });
    this.setStateStore();
    // Closed after holdMs unless a later op of the partition reopened it.
    this.schedule(this.now + holdMs, undefined, () => {
      const open = this.stateStores.get(partition);
      if (open?.gen !== gen) return;
      this.stateStores.delete(partition);
      this.stateStoreBytes -= open.bytes;
      this.setStateStore();
    });
    yield bytes / this.tp.memoryBytesPerMs;
  }

  private setStateStore(): void {
    const v = this.stateStoreBytes;
    if (v > this.peakStateStore) this.peakStateStore = v;
    const mm = this.mm;
    const interval = mm instanceof UnifiedMemoryManager ? mm.unmanagedMemoryPollingIntervalMs : 0;
    if (!(mm instanceof UnifiedMemoryManager) || !(interval > 0)) {
      if (!this.unmanagedUncountedSaid && v > 0) {
        this.unmanagedUncountedSaid = true;
        const why = !(mm instanceof UnifiedMemoryManager)
          ? `${this.built?.managerName ?? 'this memory manager'} does not poll unmanaged memory`
          : !atLeast(this.source.version, 4, 1)
            ? 'unmanaged memory is polled from Spark 4.1'
            : 'spark.memory.unmanagedMemoryPollingInterval is 0 (the default), so it is never polled';
        this.emit(
          'unmanaged',
          `RocksDB state stores hold ${formatBytes(v)} of native memory that Spark's pools do not see: ${why}. It still counts against the container (memoryOverhead).`,
          { bytes: v, mode: 'OFF_HEAP' },
        );
      }
      return;
    }
    // The poller runs every interval, so the pools see a change at the next poll, not at once.
    const next = (Math.floor(this.now / interval) + 1) * interval;
    if (this.pollAt >= this.now && this.pollAt <= next) return;
    this.pollAt = next;
    this.schedule(next, undefined, () => this.pollUnmanaged(mm));
  }

  /**
   * MemoryStore asserts that a fully unrolled block moves to storage memory. With polled unmanaged
   * memory (4.1) that can fail: each unroll step fits under the storage limit minus unmanaged, but
   * the whole block, asked for at once, does not.
   */
  private whyTransferFailed(msg: string): string {
    const mm = this.mm;
    if (!msg.includes('transferring unroll memory to storage memory failed') || !(mm instanceof UnifiedMemoryManager))
      return '';
    const unmanaged = mm.getUnmanagedMemoryUsed('OFF_HEAP') + mm.getUnmanagedMemoryUsed('ON_HEAP');
    return unmanaged > 0
      ? ` (the block unrolled in steps that each fitted, but as one request it exceeds what storage may reach once the ${formatBytes(unmanaged)} of polled unmanaged memory is taken off)`
      : '';
  }

  private pollUnmanaged(mm: UnifiedMemoryManager): void {
    this.pollAt = -1;
    const before = mm.getUnmanagedMemoryUsed('OFF_HEAP');
    mm.setUnmanagedMemory('OFF_HEAP', this.stateStoreBytes);
    if (this.stateStoreBytes > this.peakPolledUnmanaged) this.peakPolledUnmanaged = this.stateStoreBytes;
    if (before === this.stateStoreBytes) return;
    const maxOff = mm.maxOffHeapMemory;
    this.emit(
      'unmanaged',
      () =>
        maxOff > 0
          ? `poll: RocksDB holds ${formatBytes(this.stateStoreBytes)} off heap; off-heap storage and execution together may now reach ` +
            `${formatBytes(Math.max(0, maxOff - this.stateStoreBytes))} of ${formatBytes(maxOff)}`
          : `poll: RocksDB holds ${formatBytes(this.stateStoreBytes)} off heap, but the off-heap pools are empty (spark.memory.offHeap.enabled is off), ` +
            'so no pool shrinks; the memory still counts against the container (memoryOverhead)',
      { bytes: this.stateStoreBytes, mode: 'OFF_HEAP' },
    );
  }

  /**
   * SnappyData table data, batch by batch (column-batch-size 24m): row tables live on the heap;
   * column tables off heap when the member has a memory-size. A refused batch is the
   * LowMemoryException that fails the task. On a plain Spark executor a table is a cached
   * MEMORY_AND_DISK_SER block (what a cached DataFrame of it would be).
   */
  private *tableLoad(task: Task, table: string, bytes: number, kind: 'row' | 'column'): Generator<Yield, void, void> {
    const s = this.snappy;
    if (s === undefined) {
      yield bytes / this.tp.memoryBytesPerMs;
      yield* this.putPartition(
        task,
        `table_${table}_${task.partition}`,
        bytes,
        TABLE_ROW_BYTES,
        StorageLevels.MEMORY_AND_DISK_SER,
      );
      return;
    }
    const mode: MemoryMode = kind === 'column' && s.maxOffHeapMemory > 0 ? 'OFF_HEAP' : 'ON_HEAP';
    let remaining = bytes;
    while (remaining > 0) {
      const b = Math.min(TABLE_BATCH_BYTES, remaining);
      const ev = s.putTableData(table, b, mode);
      this.drainSnappyEvents(task);
      if (ev !== undefined) throw new SparkError('LowMemoryException', ev.message);
      this.acquired(task, b, mode, `table ${table} batch`);
      remaining -= b;
      yield b / this.tp.memoryBytesPerMs;
    }
  }
}

/** Runs a scenario to the end on one executor. Deterministic: the same input gives the same result. */
export function simulateWorkload(source: ExecutorSource, scenario: Scenario, opts: SimulateOptions = {}): SimResult {
  return new WorkloadRun(source, scenario, opts).result();
}
