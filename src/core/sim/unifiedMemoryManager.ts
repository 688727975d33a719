// UnifiedMemoryManager (core/src/main/scala/org/apache/spark/memory/UnifiedMemoryManager.scala,
// 2.4.4, 3.3.1, 4.1.1): execution and storage borrow from each other; execution evicts cached
// blocks only down to the storage region; storage never evicts execution.
import { RESERVED_SYSTEM_MEMORY_BYTES } from '../layout/unified';
import { atLeast } from '../version';
import { MemoryMode } from './memoryMode';
import { SparkError, assertionFailed } from './errors';
import { MemoryManager, MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';
import { SimConf, readStorageFraction } from './sparkConf';

export interface UnifiedSizes {
  readonly maxHeapMemory: number;
  readonly onHeapStorageRegionSize: number;
}

/**
 * UnifiedMemoryManager.getMaxMemory + apply: the unified region from the JVM's max heap
 * (`systemMemory`, overridden by spark.testing.memory) and the conf, with the start-up checks.
 */
export function unifiedSizesFromConf(conf: SimConf, systemMemory: number): UnifiedSizes {
  const v = conf.version;
  const sys = conf.getLong('spark.testing.memory', systemMemory);
  const reserved = conf.getLong(
    'spark.testing.reservedMemory',
    conf.contains('spark.testing') ? 0 : RESERVED_SYSTEM_MEMORY_BYTES,
  );
  const minSystemMemory = Math.ceil(reserved * 1.5);
  const errorClasses = atLeast(v, 3, 5);
  if (sys < minSystemMemory) {
    throw errorClasses
      ? new SparkError(
          'SparkIllegalArgumentException',
          renderError(v, 'INVALID_DRIVER_MEMORY', [
            `System memory ${sys} must be at least ${minSystemMemory}.`,
            'Please increase heap size using the --driver-memory option or "spark.driver.memory" in Spark configuration.',
          ]),
          'INVALID_DRIVER_MEMORY',
          { systemMemory: String(sys), minSystemMemory: String(minSystemMemory), config: 'spark.driver.memory' },
        )
      : new SparkError(
          'IllegalArgumentException',
          `System memory ${sys} must be at least ${minSystemMemory}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
        );
  }
  // SPARK-12759: only when the conf contains spark.executor.memory, read with a bytes default.
  if (conf.contains('spark.executor.memory')) {
    const executorMemory = conf.getSizeAsBytes('spark.executor.memory');
    if (executorMemory < minSystemMemory) {
      throw errorClasses
        ? new SparkError(
            'SparkIllegalArgumentException',
            renderError(v, 'INVALID_EXECUTOR_MEMORY', [
              `Executor memory ${executorMemory} must be at least ${minSystemMemory}.`,
              'Please increase executor memory using the --executor-memory option or "spark.executor.memory" in Spark configuration.',
            ]),
            'INVALID_EXECUTOR_MEMORY',
            {
              executorMemory: String(executorMemory),
              minSystemMemory: String(minSystemMemory),
              config: 'spark.executor.memory',
            },
          )
        : new SparkError(
            'IllegalArgumentException',
            `Executor memory ${executorMemory} must be at least ${minSystemMemory}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
          );
    }
  }
  const usable = sys - reserved;
  const maxHeapMemory = Math.trunc(usable * conf.getDouble('spark.memory.fraction', 0.6));
  const onHeapStorageRegionSize = Math.trunc(maxHeapMemory * readStorageFraction(conf));
  return { maxHeapMemory, onHeapStorageRegionSize };
}

/** SparkThrowable text: `[CLASS] ` + template lines joined by a newline; 4.x adds the SQLSTATE. */
function renderError(v: MemoryManagerOptions['version'], errorClass: string, lines: readonly string[]): string {
  // One line in 3.5 (Spark 3.5.9 through the oracle), broken after the first sentence from 4.0.
  const text = `[${errorClass}] ${lines.join(atLeast(v, 4, 0) ? '\n' : ' ')}`;
  return atLeast(v, 4, 0) ? `${text} SQLSTATE: F0000` : text;
}

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

  /** UnifiedMemoryManager.apply(conf, numCores) with `systemMemory` as Runtime.maxMemory. */
  static fromConf(opts: MemoryManagerOptions & { readonly systemMemory?: number }): UnifiedMemoryManager {
    const conf = opts.conf instanceof SimConf ? opts.conf : new SimConf(opts.conf ?? {}, opts.version);
    const sizes = unifiedSizesFromConf(conf, opts.systemMemory ?? Number.NaN);
    return new UnifiedMemoryManager({ ...opts, conf, ...sizes });
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
