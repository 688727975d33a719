// ExecutionMemoryPool (core/src/main/scala/org/apache/spark/memory/ExecutionMemoryPool.scala,
// 2.4.4 – 4.1.1): per-task bookkeeping with the 1/2N .. 1/N fairness rule.
import { MemoryMode } from '../memoryMode';
import { SparkError, assertionFailed } from '../errors';
import { MemoryPool } from './memoryPool';
import { ExecutionWait } from './executionWait';

/** The manager side of a pool: the growth callbacks Spark passes in, and the shared lock. */
export interface ExecutionPoolOwner {
  /** maybeGrowPool(additionalSpaceNeeded): called on every pass of the acquire loop. */
  maybeGrowExecutionPool(mode: MemoryMode, extraMemoryNeeded: number): void;
  /** computeMaxPoolSize(): the size this pool could reach at this moment. */
  computeMaxExecutionPoolSize(mode: MemoryMode): number;
  /** lock.notifyAll(): wake every waiting acquire of this manager (both modes share one lock). */
  notifyAll(): void;
  /** Registers a blocked request (lock.wait()). */
  addWaiter(w: ExecutionWait): void;
}

export class ExecutionMemoryPool extends MemoryPool {
  private readonly memoryForTask = new Map<number, number>();
  private _used = 0;
  /** Called with (task, requested, held) when a release exceeds the task's bytes (Spark logs). */
  onOverRelease: ((task: number, requested: number, held: number) => void) | undefined;

  constructor(
    readonly memoryMode: MemoryMode,
    private readonly owner: ExecutionPoolOwner,
  ) {
    super();
  }

  get memoryUsed(): number {
    return this._used;
  }

  get poolName(): string {
    return this.memoryMode === 'ON_HEAP' ? 'on-heap execution' : 'off-heap execution';
  }

  /** Tasks currently in the map (N of the fairness rule). */
  get numActiveTasks(): number {
    return this.memoryForTask.size;
  }

  getMemoryUsageForTask(taskAttemptId: number): number {
    return this.memoryForTask.get(taskAttemptId) ?? 0;
  }

  hasTask(taskAttemptId: number): boolean {
    return this.memoryForTask.has(taskAttemptId);
  }

  forEachTask(fn: (task: number, bytes: number) => void): void {
    this.memoryForTask.forEach((bytes, task) => fn(task, bytes));
  }

  /**
   * acquireMemory(numBytes, taskAttemptId, maybeGrowPool, computeMaxPoolSize): the bytes granted
   * (possibly fewer, possibly 0), or an ExecutionWait where Spark would block.
   */
  acquireMemory(numBytes: number, taskAttemptId: number): number | ExecutionWait {
    if (!(numBytes > 0)) throw assertionFailed(`invalid number of bytes requested: ${numBytes}`);
    if (!this.memoryForTask.has(taskAttemptId)) {
      this.memoryForTask.set(taskAttemptId, 0);
      this.owner.notifyAll();
    }
    const got = this.tryGrant(numBytes, taskAttemptId);
    if (got >= 0) return got;
    const w = new ExecutionWait(taskAttemptId, numBytes, this.memoryMode);
    this.owner.addWaiter(w);
    return w;
  }

  /** One pass of Spark's acquire loop; -1 means "wait". */
  private tryGrant(numBytes: number, taskAttemptId: number): number {
    const numActiveTasks = this.memoryForTask.size;
    const curMem = this.memoryForTask.get(taskAttemptId) as number;
    this.owner.maybeGrowExecutionPool(this.memoryMode, numBytes - this.memoryFree);
    const maxPoolSize = this.owner.computeMaxExecutionPoolSize(this.memoryMode);
    const maxMemoryPerTask = Math.trunc(maxPoolSize / numActiveTasks);
    const minMemoryPerTask = Math.trunc(this._poolSize / (2 * numActiveTasks));
    const maxToGrant = Math.min(numBytes, Math.max(0, maxMemoryPerTask - curMem));
    const toGrant = Math.min(maxToGrant, this._poolSize - this._used);
    if (toGrant < numBytes && curMem + toGrant < minMemoryPerTask) return -1;
    this.memoryForTask.set(taskAttemptId, curMem + toGrant);
    this._used += toGrant;
    return toGrant;
  }

  /**
   * A waiting request wakes and runs the loop again. Returns true once it is settled. Through
   * 4.1.1 the task's entry is read with `memoryForTask(taskAttemptId)`, which throws if a release
   * removed the entry while the request waited.
   */
  retry(w: ExecutionWait): boolean {
    if (!this.memoryForTask.has(w.taskAttemptId)) {
      w.state = 'failed';
      w.error = new SparkError('NoSuchElementException', `key not found: ${w.taskAttemptId}`);
      return true;
    }
    const got = this.tryGrant(w.numBytes, w.taskAttemptId);
    if (got < 0) return false;
    w.state = 'granted';
    w.granted = got;
    return true;
  }

  releaseMemory(numBytes: number, taskAttemptId: number): void {
    const curMem = this.memoryForTask.get(taskAttemptId);
    const held = curMem ?? 0;
    let memoryToFree = numBytes;
    if (held < numBytes) {
      this.onOverRelease?.(taskAttemptId, numBytes, held);
      memoryToFree = held;
    }
    if (curMem !== undefined) {
      const left = curMem - memoryToFree;
      this._used -= memoryToFree;
      if (left <= 0) this.memoryForTask.delete(taskAttemptId);
      else this.memoryForTask.set(taskAttemptId, left);
    }
    this.owner.notifyAll();
  }

  releaseAllMemoryForTask(taskAttemptId: number): number {
    const numBytesToFree = this.getMemoryUsageForTask(taskAttemptId);
    this.releaseMemory(numBytesToFree, taskAttemptId);
    return numBytesToFree;
  }
}
