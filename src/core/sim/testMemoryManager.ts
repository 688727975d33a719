// Spark's TestMemoryManager (core/src/test/scala/org/apache/spark/memory/TestMemoryManager.scala,
// 2.4.4 and 4.1.1): one `available` counter shared by both modes, no pools, no fairness, never
// blocks. Per-task bookkeeping arrived in 3.0.0 (SPARK-29310); before it, releaseAll returned 0.
import { atLeast } from '../version';
import { MemoryMode } from './memoryMode';
import { requirementFailed } from './errors';
import { MemoryManager, MemoryManagerOptions } from './memoryManager';

// Long.MAX_VALUE (2^63 - 1) as a double: Java rounds it the same way when it meets a double.
const LONG_MAX = 2 ** 63;

export class TestMemoryManager extends MemoryManager {
  private available = LONG_MAX;
  private consequentOOM = 0;
  private readonly memoryForTask = new Map<number, number>();

  constructor(opts: MemoryManagerOptions) {
    super({ ...opts, numCores: 1 }, LONG_MAX, LONG_MAX);
  }

  private get tracksTasks(): boolean {
    return atLeast(this.version, 3, 0);
  }

  override get maxHeapMemory(): number {
    return this.onHeapStorageMemoryPool.poolSize + this.onHeapExecutionMemoryPool.poolSize;
  }

  get maxOnHeapStorageMemory(): number {
    return LONG_MAX;
  }

  get maxOffHeapStorageMemory(): number {
    return 0;
  }

  /** TestMemoryManager.limit(avail). */
  limit(avail: number): void {
    if (this.tracksTasks && !(avail >= 0)) throw requirementFailed();
    this.available = avail;
  }

  get availableBytes(): number {
    return this.available;
  }

  /** markConsequentOOM(n): the next n acquires return 0. */
  markConsequentOOM(n: number): void {
    this.consequentOOM += n;
  }

  acquireExecutionMemory(numBytes: number, taskAttemptId: number, _mode: MemoryMode): number {
    if (this.tracksTasks && !(numBytes >= 0)) throw requirementFailed();
    let acquired: number;
    if (this.consequentOOM > 0) {
      this.consequentOOM -= 1;
      acquired = 0;
    } else if (this.available >= numBytes) {
      this.available -= numBytes;
      acquired = numBytes;
    } else {
      acquired = this.available;
      this.available = 0;
    }
    if (this.tracksTasks)
      this.memoryForTask.set(taskAttemptId, (this.memoryForTask.get(taskAttemptId) ?? 0) + acquired);
    return acquired;
  }

  override releaseExecutionMemory(numBytes: number, taskAttemptId: number, _mode: MemoryMode): void {
    if (!this.tracksTasks) {
      this.available += numBytes;
      return;
    }
    if (!(numBytes >= 0)) throw requirementFailed();
    this.available += numBytes;
    const existing = this.memoryForTask.get(taskAttemptId) ?? 0;
    const next = existing - numBytes;
    if (!(next >= 0)) {
      throw requirementFailed(
        `Attempting to free ${numBytes} of memory for task attempt ${taskAttemptId}, but it only allocated ${existing} bytes of memory`,
      );
    }
    this.memoryForTask.set(taskAttemptId, next);
  }

  override releaseAllExecutionMemoryForTask(taskAttemptId: number): number {
    if (!this.tracksTasks) return super.releaseAllExecutionMemoryForTask(taskAttemptId);
    const v = this.memoryForTask.get(taskAttemptId) ?? 0;
    this.memoryForTask.delete(taskAttemptId);
    return v;
  }

  override getExecutionMemoryUsageForTask(taskAttemptId: number): number {
    return this.tracksTasks ? (this.memoryForTask.get(taskAttemptId) ?? 0) : 0;
  }

  override get executionMemoryUsed(): number {
    let s = 0;
    this.memoryForTask.forEach((b) => {
      s += b;
    });
    return s;
  }

  override executionMemoryByTask(): Map<number, number> {
    return new Map(this.memoryForTask);
  }

  acquireStorageMemory(_blockId: string, numBytes: number, _mode: MemoryMode): boolean {
    if (this.tracksTasks && !(numBytes >= 0)) throw requirementFailed();
    return true;
  }

  acquireUnrollMemory(_blockId: string, numBytes: number, _mode: MemoryMode): boolean {
    if (this.tracksTasks && !(numBytes >= 0)) throw requirementFailed();
    return true;
  }

  override releaseStorageMemory(numBytes: number, _mode: MemoryMode): void {
    if (this.tracksTasks && !(numBytes >= 0)) throw requirementFailed();
  }

  /** Pools are unused here; only non-negativity is meaningful. */
  override assertInvariants(): void {
    if (this.available < 0) throw new Error(`available ${this.available} < 0`);
  }
}
