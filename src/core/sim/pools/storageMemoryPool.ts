// StorageMemoryPool (core/src/main/scala/org/apache/spark/memory/StorageMemoryPool.scala,
// 2.4.4 – 4.1.1): one `used` counter; shortfalls are evicted through the MemoryStore.
import { MemoryMode } from '../memoryMode';
import { SparkError, assertionFailed } from '../errors';
import { MemoryStoreLike } from '../store/memoryStoreLike';
import { MemoryPool } from './memoryPool';

export class StorageMemoryPool extends MemoryPool {
  private _memoryUsed = 0;
  private _memoryStore: MemoryStoreLike | undefined;
  /** Called with (attempted, held) when a release exceeds what is used (Spark logs a warning). */
  onOverRelease: ((attempted: number, held: number) => void) | undefined;

  constructor(readonly memoryMode: MemoryMode) {
    super();
  }

  get memoryUsed(): number {
    return this._memoryUsed;
  }

  get memoryStore(): MemoryStoreLike {
    if (this._memoryStore === undefined)
      throw new SparkError('IllegalStateException', 'memory store not initialized yet');
    return this._memoryStore;
  }

  setMemoryStore(store: MemoryStoreLike): void {
    this._memoryStore = store;
  }

  /** acquireMemory(blockId, numBytes): evict the shortfall below the free space, then try. */
  acquireMemory(blockId: string, numBytes: number): boolean {
    const numBytesToFree = Math.max(0, numBytes - this.memoryFree);
    return this.acquireMemoryFreeing(blockId, numBytes, numBytesToFree);
  }

  /** acquireMemory(blockId, numBytesToAcquire, numBytesToFree). */
  acquireMemoryFreeing(blockId: string, numBytesToAcquire: number, numBytesToFree: number): boolean {
    if (!(numBytesToAcquire >= 0)) throw assertionFailed();
    if (!(numBytesToFree >= 0)) throw assertionFailed();
    if (!(this._memoryUsed <= this._poolSize)) throw assertionFailed();
    if (numBytesToFree > 0) this.memoryStore.evictBlocksToFreeSpace(blockId, numBytesToFree, this.memoryMode);
    // Eviction releases memory synchronously, so the free space is read again here.
    const enough = numBytesToAcquire <= this._poolSize - this._memoryUsed;
    if (enough) this._memoryUsed += numBytesToAcquire;
    return enough;
  }

  releaseMemory(size: number): void {
    if (size > this._memoryUsed) {
      this.onOverRelease?.(size, this._memoryUsed);
      this._memoryUsed = 0;
    } else {
      this._memoryUsed -= size;
    }
  }

  releaseAllMemory(): void {
    this._memoryUsed = 0;
  }

  /**
   * freeSpaceToShrinkPool(spaceToFree): free space first, then evict the rest with no requesting
   * block. Returns what can be moved out (whole blocks, so possibly more than asked). Does not resize.
   */
  freeSpaceToShrinkPool(spaceToFree: number): number {
    const fromFree = Math.min(spaceToFree, this.memoryFree);
    const remaining = spaceToFree - fromFree;
    if (remaining > 0) return fromFree + this.memoryStore.evictBlocksToFreeSpace(null, remaining, this.memoryMode);
    return fromFree;
  }
}
