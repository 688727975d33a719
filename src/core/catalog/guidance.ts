// Advisory thresholds the linter uses for settings Spark accepts but that are likely to hurt.
// Spark enforces none of these: each names where the number comes from, so a rule never carries
// its own magic constant. Hard limits (what Spark rejects) stay in the key entries' `ranges`.

export interface Guidance {
  readonly value: number;
  /** Why this number, and where it comes from. */
  readonly source: string;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

export const GUIDANCE = {
  /**
   * HotSpot uses compressed ordinary object pointers only while the maximum heap fits in the
   * 32 GiB a 32-bit offset × 8-byte object alignment can address; from -Xmx32g on it turns them
   * off, so every reference takes 8 bytes and a heap just above 32 GiB holds less than one below.
   */
  compressedOopsHeapBytes: {
    value: 32 * GiB,
    source:
      'HotSpot Arguments::max_heap_for_compressed_oops (OopEncodingHeapMax = 2^32 × ObjectAlignmentInBytes 8 = 32 GiB); JDK 17 "Compressed oops" in the HotSpot VM docs',
  },
  /** Very large heaps: long full-GC pauses; run more, smaller executors instead. */
  largeHeapBytes: {
    value: 64 * GiB,
    source:
      'Spark tuning guide, "Garbage Collection Tuning" and hardware provisioning ("the Java VM does not always behave well with more than 200 GiB of RAM ... launch multiple executors in a single node"); LinkedIn Dr. Elephant Spark executor-memory heuristics flag heaps of tens of GiB',
  },
  /** spark.memory.fraction above this leaves user memory (1 − fraction of heap − 300 MiB) very small. */
  memoryFractionHigh: {
    value: 0.9,
    source:
      'Spark configuration docs for spark.memory.fraction ("leaving this at the default value is recommended"; the rest is for user data structures and internal metadata, and guards against OOM errors from sparse, unusually large records); default 0.6 since 2.0 (SPARK-15796)',
  },
  /** spark.memory.fraction below this makes the unified region tiny: constant spilling and eviction. */
  memoryFractionLow: {
    value: 0.3,
    source:
      'Half of the 0.6 default (cfg MEMORY_FRACTION): below it execution and storage together get less than a fifth of (heap − 300 MiB) after the storage split',
  },
  /** spark.memory.storageFraction above this leaves the initial execution pool very small. */
  storageFractionHigh: {
    value: 0.9,
    source:
      'UnifiedMemoryManager.apply: the initial execution pool is (1 − storageFraction) of the unified region; the page size and the 1/2N per-task floor are computed from it (MemoryManager.defaultPageSizeBytes, ExecutionMemoryPool)',
  },
  /** spark.memory.storageFraction below this protects almost no cached blocks from eviction. */
  storageFractionLow: {
    value: 0.1,
    source:
      'UnifiedMemoryManager.maybeGrowExecutionPool: execution evicts cached blocks down to the storage region, which is storageFraction of the unified region',
  },
  /** Below this floor per concurrent task, sorts and aggregations spill almost at once. */
  executionPerTaskBytes: {
    value: 64 * MiB,
    source:
      'ExecutionMemoryPool.acquireMemory (a task waits below 1/(2N) of the pool); 64 MiB is the largest default Tungsten page (MemoryManager.defaultPageSizeBytes), so below it a task cannot hold one full page',
  },
} as const satisfies Readonly<Record<string, Guidance>>;
