// StaticMemoryManager (core/src/main/scala/org/apache/spark/memory/StaticMemoryManager.scala,
// 2.4.4; legacy mode, removed in 3.0.0 by SPARK-26539): fixed regions that never borrow, no 300 MiB
// reserve, safety fractions, a 32 MiB minimum, and an eviction cap for unrolling.
import { MemoryMode } from './memoryMode';
import { SparkError, requirementFailed } from './errors';
import { MemoryManager, MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';
import { SimConf } from './sparkConf';

/** StaticMemoryManager.MIN_MEMORY_BYTES (SPARK-14636, 2.0+). */
export const STATIC_MIN_MEMORY_BYTES = 32 * 1024 * 1024;

export interface StaticSizes {
  readonly maxOnHeapExecutionMemory: number;
  readonly maxOnHeapStorageMemory: number;
}

/** getMaxExecutionMemory (evaluated first, with the minimum checks) then getMaxStorageMemory. */
export function staticSizesFromConf(conf: SimConf, systemMemory: number): StaticSizes {
  const sys = conf.getLong('spark.testing.memory', systemMemory);
  if (sys < STATIC_MIN_MEMORY_BYTES) {
    throw new SparkError(
      'IllegalArgumentException',
      `System memory ${sys} must be at least ${STATIC_MIN_MEMORY_BYTES}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
    );
  }
  if (conf.contains('spark.executor.memory')) {
    const executorMemory = conf.getSizeAsBytes('spark.executor.memory');
    if (executorMemory < STATIC_MIN_MEMORY_BYTES) {
      throw new SparkError(
        'IllegalArgumentException',
        `Executor memory ${executorMemory} must be at least ${STATIC_MIN_MEMORY_BYTES}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
      );
    }
  }
  // Products are evaluated left to right in doubles, then truncated.
  const maxOnHeapExecutionMemory = Math.trunc(
    sys * conf.getDouble('spark.shuffle.memoryFraction', 0.2) * conf.getDouble('spark.shuffle.safetyFraction', 0.8),
  );
  const maxOnHeapStorageMemory = Math.trunc(
    sys * conf.getDouble('spark.storage.memoryFraction', 0.6) * conf.getDouble('spark.storage.safetyFraction', 0.9),
  );
  return { maxOnHeapExecutionMemory, maxOnHeapStorageMemory };
}

export interface StaticMemoryManagerOptions extends MemoryManagerOptions {
  readonly maxOnHeapExecutionMemory: number;
  readonly maxOnHeapStorageMemory: number;
}

export class StaticMemoryManager extends MemoryManager {
  private readonly _maxOnHeapStorageMemory: number;
  readonly maxOnHeapExecutionMemory: number;
  /** maxOnHeapStorageMemory × spark.storage.unrollFraction (0.2). */
  readonly maxUnrollMemory: number;

  constructor(opts: StaticMemoryManagerOptions) {
    super(opts, opts.maxOnHeapStorageMemory, opts.maxOnHeapExecutionMemory);
    this._maxOnHeapStorageMemory = opts.maxOnHeapStorageMemory;
    this.maxOnHeapExecutionMemory = opts.maxOnHeapExecutionMemory;
    // The off-heap storage share is moved to off-heap execution: no off-heap storage at all.
    this.offHeapExecutionMemoryPool.incrementPoolSize(this.offHeapStorageMemoryPool.poolSize);
    this.offHeapStorageMemoryPool.decrementPoolSize(this.offHeapStorageMemoryPool.poolSize);
    this.maxUnrollMemory = Math.trunc(
      opts.maxOnHeapStorageMemory * this.conf.getDouble('spark.storage.unrollFraction', 0.2),
    );
  }

  /** `new StaticMemoryManager(conf, numCores)` with `systemMemory` as Runtime.maxMemory. */
  static fromConf(opts: MemoryManagerOptions & { readonly systemMemory?: number }): StaticMemoryManager {
    const conf = opts.conf instanceof SimConf ? opts.conf : new SimConf(opts.conf ?? {}, opts.version);
    return new StaticMemoryManager({ ...opts, conf, ...staticSizesFromConf(conf, opts.systemMemory ?? Number.NaN) });
  }

  override get maxHeapMemory(): number {
    return this._maxOnHeapStorageMemory + this.maxOnHeapExecutionMemory;
  }

  get maxOnHeapStorageMemory(): number {
    return this._maxOnHeapStorageMemory;
  }

  get maxOffHeapStorageMemory(): number {
    return 0;
  }

  acquireStorageMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    this.enter();
    try {
      if (mode === 'OFF_HEAP') throw requirementFailed('StaticMemoryManager does not support off-heap storage memory');
      if (numBytes > this._maxOnHeapStorageMemory) {
        this.events?.log(
          'INFO',
          `Will not store ${blockId} as the required space (${numBytes} bytes) exceeds our memory limit (${this._maxOnHeapStorageMemory} bytes)`,
        );
        return false;
      }
      return this.onHeapStorageMemoryPool.acquireMemory(blockId, numBytes);
    } finally {
      this.exit();
    }
  }

  acquireUnrollMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    this.enter();
    try {
      if (mode === 'OFF_HEAP') throw requirementFailed('StaticMemoryManager does not support off-heap unroll memory');
      const pool = this.onHeapStorageMemoryPool;
      const currentUnrollMemory = pool.memoryStore.currentUnrollMemory;
      const freeMemory = pool.memoryFree;
      // Eviction for unrolling is capped so that unroll memory stays within maxUnrollMemory.
      const maxNumBytesToFree = Math.max(0, this.maxUnrollMemory - currentUnrollMemory - freeMemory);
      const numBytesToFree = Math.max(0, Math.min(maxNumBytesToFree, numBytes - freeMemory));
      return pool.acquireMemoryFreeing(blockId, numBytes, numBytesToFree);
    } finally {
      this.exit();
    }
  }

  acquireExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): number | ExecutionWait {
    this.enter();
    try {
      return this.executionPool(mode).acquireMemory(numBytes, taskAttemptId);
    } finally {
      this.exit();
    }
  }
}
