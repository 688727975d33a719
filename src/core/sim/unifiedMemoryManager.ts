// UnifiedMemoryManager (core/src/main/scala/org/apache/spark/memory/UnifiedMemoryManager.scala,
// 2.4.4, 3.3.1, 4.1.1): execution and storage borrow from each other; execution evicts cached
// blocks only down to the storage region; storage never evicts execution.
import { deriveUnifiedMemory } from '../layout/unified';
import { atLeast } from '../version';
import { MemoryMode } from './memoryMode';
import { assertionFailed, sparkErrorOf } from './errors';
import { MemoryManager, MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';
import { SimConf } from './sparkConf';

export interface UnifiedMemoryManagerOptions extends MemoryManagerOptions {
  readonly maxHeapMemory: number;
  readonly onHeapStorageRegionSize: number;
}

export class UnifiedMemoryManager extends MemoryManager {
  private readonly _maxHeapMemory: number;
  readonly onHeapStorageRegionSize: number;
  /** 4.1+: spark.memory.unmanagedMemoryPollingInterval; unmanaged memory counts only when > 0. */
  readonly unmanagedMemoryPollingIntervalMs: number;
  private unmanagedOnHeap = 0;
  private unmanagedOffHeap = 0;

  constructor(opts: UnifiedMemoryManagerOptions) {
    super(opts, opts.onHeapStorageRegionSize, opts.maxHeapMemory - opts.onHeapStorageRegionSize);
    this._maxHeapMemory = opts.maxHeapMemory;
    this.onHeapStorageRegionSize = opts.onHeapStorageRegionSize;
    this.unmanagedMemoryPollingIntervalMs = atLeast(this.version, 4, 1)
      ? this.conf.getTimeMs('spark.memory.unmanagedMemoryPollingInterval', 0)
      : 0;
    this.assertPoolSizes();
  }

  /**
   * UnifiedMemoryManager.apply(conf, numCores) with `systemMemory` as Runtime.maxMemory. getMaxMemory, the pool
   * split and the off-heap sizes are the layout's (deriveUnifiedMemory), so the simulator runs the heap the layout
   * shows; its first start-up error is thrown as Spark throws it.
   */
  static fromConf(opts: MemoryManagerOptions & { readonly systemMemory?: number }): UnifiedMemoryManager {
    const conf = opts.conf instanceof SimConf ? opts.conf : new SimConf(opts.conf ?? {}, opts.version);
    const d = deriveUnifiedMemory(opts.systemMemory ?? Number.NaN, conf.view(), opts.version);
    if (!d.ok) throw sparkErrorOf(d.error);
    const { maxHeapMemory, onHeapStorageRegionSize } = d.sizes;
    return new UnifiedMemoryManager({ ...opts, conf, maxHeapMemory, onHeapStorageRegionSize, offHeap: d.sizes });
  }

  override get maxHeapMemory(): number {
    return this._maxHeapMemory;
  }

  /** Spark's own assertInvariants (checked at every acquire). */
  private assertPoolSizes(): void {
    if (
      this.onHeapExecutionMemoryPool.poolSize + this.onHeapStorageMemoryPool.poolSize !== this._maxHeapMemory ||
      this.offHeapExecutionMemoryPool.poolSize + this.offHeapStorageMemoryPool.poolSize !== this.maxOffHeapMemory
    ) {
      throw assertionFailed();
    }
  }

  /** 4.1+: the latest poll of UnmanagedMemoryConsumers (only read when polling is enabled). */
  setUnmanagedMemory(mode: MemoryMode, bytes: number): void {
    if (mode === 'ON_HEAP') this.unmanagedOnHeap = bytes;
    else this.unmanagedOffHeap = bytes;
  }

  getUnmanagedMemoryUsed(mode: MemoryMode): number {
    if (!(this.unmanagedMemoryPollingIntervalMs > 0)) return 0;
    return mode === 'ON_HEAP' ? this.unmanagedOnHeap : this.unmanagedOffHeap;
  }

  get maxOnHeapStorageMemory(): number {
    return this._maxHeapMemory - this.onHeapExecutionMemoryPool.memoryUsed;
  }

  get maxOffHeapStorageMemory(): number {
    return this.maxOffHeapMemory - this.offHeapExecutionMemoryPool.memoryUsed;
  }

  protected storageRegionSize(mode: MemoryMode): number {
    return mode === 'ON_HEAP' ? this.onHeapStorageRegionSize : this.offHeapStorageMemory;
  }

  acquireExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): number | ExecutionWait {
    this.enter();
    try {
      this.assertPoolSizes();
      if (!(numBytes >= 0)) throw assertionFailed();
      return this.executionPool(mode).acquireMemory(numBytes, taskAttemptId);
    } finally {
      this.exit();
    }
  }

  /** maybeGrowExecutionPool: take free storage memory, evict only what storage borrowed. */
  override maybeGrowExecutionPool(mode: MemoryMode, extraMemoryNeeded: number): void {
    if (extraMemoryNeeded > 0) {
      const storagePool = this.storagePool(mode);
      const reclaimable = Math.max(storagePool.memoryFree, storagePool.poolSize - this.storageRegionSize(mode));
      if (reclaimable > 0) {
        // Eviction may throw; then neither pool is resized (SPARK-15260).
        const spaceToReclaim = storagePool.freeSpaceToShrinkPool(Math.min(extraMemoryNeeded, reclaimable));
        storagePool.decrementPoolSize(spaceToReclaim);
        this.executionPool(mode).incrementPoolSize(spaceToReclaim);
      }
    }
  }

  /** computeMaxExecutionPoolSize: what execution could reach by evicting (4.1+: less unmanaged). */
  override computeMaxExecutionPoolSize(mode: MemoryMode): number {
    const maxMemory = mode === 'ON_HEAP' ? this._maxHeapMemory : this.maxOffHeapMemory;
    const available = maxMemory - Math.min(this.storagePool(mode).memoryUsed, this.storageRegionSize(mode));
    if (this.unmanagedMemoryPollingIntervalMs > 0) return Math.max(0, available - this.getUnmanagedMemoryUsed(mode));
    return available;
  }

  acquireStorageMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    this.enter();
    try {
      this.assertPoolSizes();
      if (!(numBytes >= 0)) throw assertionFailed();
      const executionPool = this.executionPool(mode);
      const storagePool = this.storagePool(mode);
      const maxMemory = mode === 'ON_HEAP' ? this.maxOnHeapStorageMemory : this.maxOffHeapStorageMemory;
      const unmanaged = this.getUnmanagedMemoryUsed(mode);
      const effectiveMax = unmanaged > 0 ? Math.max(0, maxMemory - unmanaged) : maxMemory;
      if (numBytes > effectiveMax) {
        this.events?.log(
          'INFO',
          `Will not store ${blockId} as the required space (${numBytes} bytes) exceeds our memory limit (${effectiveMax} bytes)`,
        );
        return false;
      }
      if (numBytes > storagePool.memoryFree) {
        // Borrow free execution memory; kept even if the acquire below fails.
        const borrowed = Math.min(executionPool.memoryFree, numBytes - storagePool.memoryFree);
        executionPool.decrementPoolSize(borrowed);
        storagePool.incrementPoolSize(borrowed);
      }
      return storagePool.acquireMemory(blockId, numBytes);
    } finally {
      this.exit();
    }
  }

  acquireUnrollMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    return this.acquireStorageMemory(blockId, numBytes, mode);
  }
}
