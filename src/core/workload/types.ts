// The contract between the workload engine and its front ends (CLI, webview panel, bench).
// Everything here is plain data (structured-clone safe) so a run can cross the webview boundary.
import type { SparkVersion } from '../version';

export type StorageLevelName =
  'MEMORY_ONLY' | 'MEMORY_ONLY_SER' | 'MEMORY_AND_DISK' | 'MEMORY_AND_DISK_SER' | 'DISK_ONLY' | 'OFF_HEAP';

export const STORAGE_LEVEL_NAMES: readonly StorageLevelName[] = [
  'MEMORY_ONLY',
  'MEMORY_ONLY_SER',
  'MEMORY_AND_DISK',
  'MEMORY_AND_DISK_SER',
  'DISK_ONLY',
  'OFF_HEAP',
];

/** One step of a task, in the order it runs. Sizes are bytes after parsing the scenario's size strings. */
export type TaskOp =
  | {
      readonly op: 'cache';
      readonly rdd: number;
      readonly bytes: number;
      readonly level: StorageLevelName;
      readonly elementBytes: number;
    }
  | {
      readonly op: 'read';
      readonly rdd: number;
      readonly bytes: number;
      readonly level: StorageLevelName;
      readonly elementBytes: number;
    }
  | {
      readonly op: 'shuffleSort' | 'aggregate' | 'hashJoinBuild';
      readonly bytes: number;
      readonly recordBytes: number;
      /**
       * shuffleSort, aggregate: the output stays in memory while the task's later ops read it (a sort
       * merge's buffered side while a join builds, an aggregation map being iterated): another
       * consumer's request can make it spill (UnsafeExternalSorter's SpillableIterator.spill,
       * Spillable.spill with ExternalAppendOnlyMap.forceSpill).
       */
      readonly keep?: boolean;
    }
  | { readonly op: 'broadcast'; readonly id: number; readonly bytes: number }
  | { readonly op: 'userObjects'; readonly bytes: number; readonly holdMs: number }
  | { readonly op: 'stateStore'; readonly bytes: number; readonly holdMs: number }
  | { readonly op: 'compute'; readonly ms: number }
  | { readonly op: 'tableLoad'; readonly table: string; readonly bytes: number; readonly store?: 'row' | 'column' }
  | {
      readonly op: 'createTable';
      readonly table: string;
      readonly store: 'row' | 'column';
      /** The EVICTION_BY option as written ("LRUHEAPPERCENT", "LRUCOUNT 1000", "LRUMEMSIZE 512", "NONE"). */
      readonly evictionBy?: string;
      /** The OVERFLOW option as written ("true" / "false"). */
      readonly overflow?: string;
      /** PARTITION_BY columns; a row table without them is replicated. */
      readonly partitionBy?: string;
    }
  | { readonly op: 'tableScan'; readonly table: string; readonly bytes: number }
  | {
      readonly op: 'query';
      /** Rows the query's operators (sort, aggregate) hold in execution memory. */
      readonly bytes: number;
      readonly recordBytes: number;
      /** The partition's result, kept in execution memory until it is sent (CachedDataFrame). */
      readonly resultBytes: number;
    };

export interface StageSpec {
  readonly name: string;
  readonly tasks: number;
  /** The ops every task of the stage runs; a partition index p substitutes into block ids (rdd_<rdd>_<p>). Sizes are the partition's objects. */
  readonly ops: readonly TaskOp[];
  /**
   * Per partition (index p), the factor its execution ops' sizes (shuffleSort, aggregate,
   * hashJoinBuild) are scaled by: skewed partitions. Missing entries are 1.
   */
  readonly skew?: readonly number[];
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly stages: readonly StageSpec[];
  /** Simulated throughput, bytes per simulated millisecond (compute, disk, spill). */
  readonly throughput: {
    readonly memoryBytesPerMs: number;
    readonly diskBytesPerMs: number;
    readonly spillBytesPerMs: number;
    /** Rebuilding a cached partition that is gone (a cache miss); default memoryBytesPerMs / 4. */
    readonly recomputeBytesPerMs?: number;
  };
  /**
   * Serialized levels and disk: stored size = ratio × the partition's object size, and
   * (de)serializing costs size / bytesPerMs. Defaults: 0.5 and 1000 MiB/s.
   */
  readonly serialization?: { readonly ratio: number; readonly bytesPerMs: number };
  /** Stops the run with a clear message when reached. */
  readonly maxEvents: number;
  /** Conf overrides the scenario applies on top of the file (e.g. a what-if), as Spark conf strings. */
  readonly conf?: Readonly<Record<string, string>>;
}

export type EventKind =
  | 'acquire'
  | 'release'
  | 'evict'
  | 'dropToDisk'
  | 'spill'
  | 'unrollFailure'
  | 'wait'
  | 'wake'
  | 'lowMemory'
  | 'oomRisk'
  | 'unmanaged'
  | 'taskStart'
  | 'taskEnd'
  | 'taskFailed'
  | 'stageStart'
  | 'budget';

/** Why an event happened, in Spark's terms: which request, for which task, against which cap. */
export interface EventCause {
  /** What was asking for memory ("task 12 caching rdd_7_9", "task 3's sort page"). */
  readonly request: string;
  readonly task?: number;
  /** The limit the request ran against ("1/N of the execution memory, N = 4 active tasks"). */
  readonly cap: string;
  readonly capBytes: number;
  /** What the task held under that cap when it happened (execution memory), when it applies. */
  readonly heldBytes?: number;
}

export interface SimEvent {
  /** Simulated time, ms. */
  readonly t: number;
  readonly kind: EventKind;
  readonly task?: number;
  readonly bytes?: number;
  readonly blockId?: string;
  readonly mode?: 'ON_HEAP' | 'OFF_HEAP';
  readonly message: string;
  /** Spills, evictions and waits carry their cause. */
  readonly cause?: EventCause;
}

/** Pool series sampled at the same times; downsampled to at most `maxPoints`. */
export interface SimSeries {
  readonly t: number[];
  readonly onHeapStorageUsed: number[];
  readonly onHeapExecutionUsed: number[];
  readonly onHeapStoragePoolSize: number[];
  readonly onHeapExecutionPoolSize: number[];
  readonly offHeapStorageUsed: number[];
  readonly offHeapExecutionUsed: number[];
  readonly offHeapStoragePoolSize: number[];
  readonly offHeapExecutionPoolSize: number[];
  /** Memory Spark does not track (user objects), bytes. */
  readonly untracked: number[];
  /** Execution memory per task slot (slot index → bytes over time). */
  readonly perTaskExecution: number[][];
}

export interface SimSummary {
  readonly spilledBytes: number;
  readonly spillCount: number;
  readonly evictedBlocks: number;
  readonly droppedToDiskBlocks: number;
  /** Reads served from memory. */
  readonly cacheHits: number;
  /** Reads whose block was gone and had to be recomputed. */
  readonly cacheMisses: number;
  /** Reads served from a block on disk (evicted or put there by a *_AND_DISK level). */
  readonly diskHits?: number;
  /** Puts that went straight to disk because the block did not fit in memory. */
  readonly diskPuts?: number;
  /** Puts whose unrolling was refused (the block is not cached, or goes to disk). */
  readonly unrollFailures?: number;
  /** Memory hits / every read (memory, disk, recompute), or undefined when nothing was read. */
  readonly hitRatio?: number;
  readonly waitMs: number;
  readonly waits: number;
  /** Failed task attempts (each retry that fails again counts). */
  readonly failedTasks: number;
  /** Failed attempts given another try (below spark.task.maxFailures). */
  readonly retriedTasks?: number;
  readonly lowMemoryExceptions: number;
  /** SnappyData: table data overflowed from memory to disk (eviction), bytes. */
  readonly tableBytesEvicted?: number;
  readonly peakStorageUsed: number;
  readonly peakExecutionUsed: number;
  readonly peakOffHeapUsed: number;
  /** Peak of memory Spark does not track (user objects). */
  readonly peakUntracked?: number;
  /** Times untracked memory grew past the user region (the executor is at risk of an OutOfMemoryError). */
  readonly oomRisks?: number;
  /** Peak native memory of RocksDB state stores (stateStore ops), whether or not the manager counts it. */
  readonly peakStateStore?: number;
  /** The unmanaged off-heap memory the manager last polled (4.1+, polling on), at its peak. */
  readonly peakPolledUnmanaged?: number;
  readonly tasks?: number;
  /** acquire/release calls made on the memory manager (counted, mostly not kept as events). */
  readonly acquires?: number;
  readonly releases?: number;
  readonly durationMs: number;
  readonly events: number;
  /** Set when the event budget stopped the run. */
  readonly stoppedAt?: string;
}

export interface SimResult {
  readonly scenario: string;
  readonly memoryManager: string;
  readonly sparkVersion: string;
  readonly series: SimSeries;
  /** Notable events (at most a bounded number; acquire/release are counted, not all kept). */
  readonly events: readonly SimEvent[];
  readonly summary: SimSummary;
  /** The executor the run used (sizes from the layout). */
  readonly executor?: SimExecutorInfo;
}

export interface SimExecutorInfo {
  /** ExecutorSource.label (file, member line), when given. */
  readonly label?: string;
  readonly systemMemory: number;
  /** The unified (or legacy storage + execution) region on heap: storage + execution pool sizes. */
  readonly maxHeapMemory: number;
  readonly maxOffHeapMemory: number;
  readonly onHeapStorageRegionSize: number;
  readonly userMemory: number;
  readonly slots: number;
  readonly pageSizeBytes: number;
  readonly tungstenMemoryMode: 'ON_HEAP' | 'OFF_HEAP';
}

/** What a run needs about the executor: from a config document through the layout (never re-derived). */
export interface ExecutorSource {
  readonly version: SparkVersion;
  /** The effective Spark conf as strings (defaults left out), after what-if overrides. */
  readonly conf: Readonly<Record<string, string>>;
  /** Runtime.maxMemory of the executor JVM (layout's system memory). */
  readonly systemMemory?: number;
  /** Memory outside the unified region (layout's user memory); untracked objects beyond it are an OOM risk. */
  readonly userMemory?: number;
  readonly executorCores?: number;
  readonly taskCpus?: number;
  /** 'StaticMemoryManager' for Spark 2.4 legacy mode. */
  readonly memoryManager?: 'UnifiedMemoryManager' | 'StaticMemoryManager' | 'SnappyUnifiedMemoryManager';
  /** Where the executor came from (file, member line), for summaries. */
  readonly label?: string;
  /** For SnappyData members: heap and thresholds from the member layout. */
  readonly snappy?: {
    readonly heapBytes: number;
    readonly criticalHeapPercentage: number;
    readonly evictionHeapPercentage: number;
    readonly memorySize: number;
  };
}
