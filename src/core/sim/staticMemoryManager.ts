// StaticMemoryManager (core/src/main/scala/org/apache/spark/memory/StaticMemoryManager.scala,
// 2.4.4; legacy mode, removed in 3.0.0 by SPARK-26539): fixed regions that never borrow, no 300 MiB
// reserve, safety fractions, a 32 MiB minimum, and an eviction cap for unrolling.
import { MemoryMode } from './memoryMode';
import { requirementFailed, sparkErrorOf } from './errors';
import { deriveMaxUnrollMemory, deriveStaticMemory } from '../layout/static';
import { MemoryManager, MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';
import { SimConf } from './sparkConf';

export interface StaticMemoryManagerOptions extends MemoryManagerOptions {
  readonly maxOnHeapExecutionMemory: number;
  readonly maxOnHeapStorageMemory: number;
  /** maxOnHeapStorageMemory × spark.storage.unrollFraction (layout/static.ts); derived from `conf` when absent. */
  readonly maxUnrollMemory?: number;
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
    this.maxUnrollMemory = opts.maxUnrollMemory ?? StaticMemoryManager.unrollOf(opts.maxOnHeapStorageMemory, this.conf);
  }

  /**
   * `new StaticMemoryManager(conf, numCores)` with `systemMemory` as Runtime.maxMemory: the sizes are the layout's
   * (deriveStaticMemory), its first start-up error is thrown as Spark throws it.
   */
  static fromConf(opts: MemoryManagerOptions & { readonly systemMemory?: number }): StaticMemoryManager {
    const conf = opts.conf instanceof SimConf ? opts.conf : new SimConf(opts.conf ?? {}, opts.version);
    const d = deriveStaticMemory(opts.systemMemory ?? Number.NaN, conf.view(), opts.version);
    if (!d.ok) throw sparkErrorOf(d.error);
    const { maxOnHeapExecutionMemory, maxOnHeapStorageMemory, maxUnrollMemory } = d.sizes;
    // The layout's off-heap sizes are those MemoryManager starts with, before the constructor moves storage to execution.
    const offHeap = {
      maxOffHeapMemory: d.sizes.maxOffHeapMemory,
      offHeapStorageRegionSize: d.sizes.offHeapStorageShareAtStart,
      offHeapExecutionPoolSize: d.sizes.maxOffHeapMemory - d.sizes.offHeapStorageShareAtStart,
      offHeapEnabled: d.sizes.tungstenMemoryMode === 'OFF_HEAP',
      tungstenMemoryMode: d.sizes.tungstenMemoryMode,
    };
    return new StaticMemoryManager({
      ...opts,
      conf,
      maxOnHeapExecutionMemory,
      maxOnHeapStorageMemory,
      maxUnrollMemory,
      offHeap,
    });
  }

  private static unrollOf(maxOnHeapStorageMemory: number, conf: SimConf): number {
    const d = deriveMaxUnrollMemory(maxOnHeapStorageMemory, conf.view(), conf.version);
    if (!d.ok) throw sparkErrorOf(d.error);
    return d.sizes;
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
