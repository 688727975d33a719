// MemoryManager (core/src/main/scala/org/apache/spark/memory/MemoryManager.scala, 2.4.4, 3.3.1,
// 4.1.1): four pools behind one lock, the off-heap sizing that happens whether or not off-heap is
// enabled, the Tungsten memory mode and the page size. Blocking is modelled by ExecutionWait.
import { SparkVersion, atLeast } from '../version';
import { MemoryMode } from './memoryMode';
import { SparkError, requirementFailed, sparkErrorOf } from './errors';
import { ConfMap, SimConf, readPageSizeOverride } from './sparkConf';
import { OffHeapMemorySizes, deriveOffHeapMemory } from '../layout/unified';
import { StorageMemoryPool } from './pools/storageMemoryPool';
import { ExecutionMemoryPool, ExecutionPoolOwner } from './pools/executionMemoryPool';
import { ExecutionWait } from './pools/executionWait';
import { MemoryStoreLike } from './store/memoryStoreLike';
import { GcKind, defaultPageSizeBytes } from './pageSize';

/** Optional observer; nothing is formatted unless one is attached. */
export interface SimEventSink {
  /** A line Spark would log (level as Spark logs it). */
  log(level: 'INFO' | 'WARN' | 'DEBUG', message: string): void;
}

export interface MemoryManagerOptions {
  readonly version: SparkVersion;
  readonly conf?: SimConf | ConfMap;
  readonly numCores?: number;
  /** Runtime.availableProcessors(), used when numCores <= 0. */
  readonly availableProcessors?: number;
  readonly gc?: GcKind;
  readonly events?: SimEventSink;
  /** The off-heap sizes the layout derived (layout/unified.ts); derived from `conf` by the same function when absent. */
  readonly offHeap?: OffHeapMemorySizes;
}

/** Thrown by `assertInvariants` (a simulator check, not a Spark exception). */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}

export abstract class MemoryManager implements ExecutionPoolOwner {
  readonly version: SparkVersion;
  readonly conf: SimConf;
  readonly numCores: number;
  readonly events: SimEventSink | undefined;

  readonly onHeapStorageMemoryPool: StorageMemoryPool;
  readonly offHeapStorageMemoryPool: StorageMemoryPool;
  readonly onHeapExecutionMemoryPool: ExecutionMemoryPool;
  readonly offHeapExecutionMemoryPool: ExecutionMemoryPool;

  /** spark.memory.offHeap.size, read regardless of spark.memory.offHeap.enabled. */
  readonly maxOffHeapMemory: number;
  /** Off-heap storage region (initial off-heap storage pool). */
  readonly offHeapStorageMemory: number;
  readonly tungstenMemoryMode: MemoryMode;
  readonly pageSizeBytes: number;

  private readonly waiters: ExecutionWait[] = [];
  private depth = 0;
  private pendingNotify = false;
  private settleSeq = 0;

  protected constructor(opts: MemoryManagerOptions, onHeapStorageMemory: number, onHeapExecutionMemory: number) {
    this.version = opts.version;
    this.conf = opts.conf instanceof SimConf ? opts.conf : new SimConf(opts.conf ?? {}, opts.version);
    this.numCores = opts.numCores ?? 1;
    this.events = opts.events;
    // 3.3.1, 4.1.1: require(onHeapExecutionMemory > 0) is the constructor's first statement.
    if (atLeast(this.version, 3, 3) && !(onHeapExecutionMemory > 0))
      throw requirementFailed('onHeapExecutionMemory must be > 0');
    this.onHeapStorageMemoryPool = new StorageMemoryPool('ON_HEAP');
    this.offHeapStorageMemoryPool = new StorageMemoryPool('OFF_HEAP');
    this.onHeapExecutionMemoryPool = new ExecutionMemoryPool('ON_HEAP', this);
    this.offHeapExecutionMemoryPool = new ExecutionMemoryPool('OFF_HEAP', this);
    this.onHeapStorageMemoryPool.incrementPoolSize(onHeapStorageMemory);
    this.onHeapExecutionMemoryPool.incrementPoolSize(onHeapExecutionMemory);
    const off = opts.offHeap ?? MemoryManager.offHeapSizes(this.conf);
    this.maxOffHeapMemory = off.maxOffHeapMemory;
    this.offHeapStorageMemory = off.offHeapStorageRegionSize;
    this.offHeapExecutionMemoryPool.incrementPoolSize(off.offHeapExecutionPoolSize);
    this.offHeapStorageMemoryPool.incrementPoolSize(off.offHeapStorageRegionSize);
    this.tungstenMemoryMode = off.tungstenMemoryMode;
    const override = readPageSizeOverride(this.conf);
    if (override !== undefined) {
      this.pageSizeBytes = override;
    } else {
      const cores = this.numCores > 0 ? this.numCores : (opts.availableProcessors ?? 1);
      const pool =
        this.tungstenMemoryMode === 'ON_HEAP'
          ? this.onHeapExecutionMemoryPool.poolSize
          : this.offHeapExecutionMemoryPool.poolSize;
      this.pageSizeBytes = defaultPageSizeBytes(pool, cores, this.tungstenMemoryMode, this.version, opts.gc ?? 'other');
    }
    if (this.events !== undefined) {
      const ev = this.events;
      const warn = (m: string): void => ev.log('WARN', m);
      this.onHeapStorageMemoryPool.onOverRelease = (a, h) =>
        warn(`Attempted to release ${a} bytes of storage memory when we only have ${h} bytes`);
      this.offHeapStorageMemoryPool.onOverRelease = this.onHeapStorageMemoryPool.onOverRelease;
      const execWarn =
        (pool: ExecutionMemoryPool) =>
        (_t: number, r: number, h: number): void =>
          warn(
            `Internal error: release called on ${r} bytes but task only has ${h} bytes of memory from the ${pool.poolName} pool`,
          );
      this.onHeapExecutionMemoryPool.onOverRelease = execWarn(this.onHeapExecutionMemoryPool);
      this.offHeapExecutionMemoryPool.onOverRelease = execWarn(this.offHeapExecutionMemoryPool);
    }
  }

  /** The off-heap pools and Tungsten mode of the layout's one derivation; its start-up error is thrown as Spark would. */
  private static offHeapSizes(conf: SimConf): OffHeapMemorySizes {
    const d = deriveOffHeapMemory(conf.view(), conf.version);
    if (!d.ok) throw sparkErrorOf(d.error);
    return d.sizes;
  }

  // ---- the lock: wait / notifyAll ---------------------------------------------------------------

  /** Enter the manager's lock (nesting allowed). */
  protected enter(): void {
    this.depth++;
  }

  /** Leave the lock; when the outermost holder leaves, notified waiters retry in arrival order. */
  protected exit(): void {
    if (--this.depth === 0 && this.pendingNotify) this.wakeWaiters();
  }

  notifyAll(): void {
    const ws = this.waiters;
    if (ws.length === 0) return;
    for (let i = 0; i < ws.length; i++) (ws[i] as ExecutionWait).notified = true;
    this.pendingNotify = true;
  }

  addWaiter(w: ExecutionWait): void {
    this.waiters.push(w);
    this.events?.log(
      'INFO',
      `TID ${w.taskAttemptId} waiting for at least 1/2N of ${w.mode === 'ON_HEAP' ? 'on-heap' : 'off-heap'} execution pool to be free`,
    );
  }

  /** Requests currently blocked, oldest first. */
  get waitingRequests(): readonly ExecutionWait[] {
    return this.waiters;
  }

  private wakeWaiters(): void {
    this.depth++;
    try {
      while (this.pendingNotify) {
        this.pendingNotify = false;
        const snapshot = this.waiters.slice();
        for (const w of snapshot) {
          if (!w.notified || w.state !== 'waiting') continue;
          w.notified = false;
          const pool = w.mode === 'ON_HEAP' ? this.onHeapExecutionMemoryPool : this.offHeapExecutionMemoryPool;
          let settled: boolean;
          try {
            settled = this.retryWaiter(pool, w);
          } catch (e) {
            // Whatever the retry threw (an eviction failure, say) is that blocked call's exception.
            w.state = 'failed';
            w.error = e instanceof SparkError ? e : new SparkError('RuntimeException', String(e));
            settled = true;
          }
          if (settled) {
            const i = this.waiters.indexOf(w);
            if (i >= 0) this.waiters.splice(i, 1);
            w.settledSeq = this.settleSeq++;
            w.onSettled?.(w);
          }
        }
      }
    } finally {
      this.depth--;
    }
  }

  /** Retries one waiter in its pool (the manager's growth callbacks apply again). */
  protected retryWaiter(pool: ExecutionMemoryPool, w: ExecutionWait): boolean {
    return pool.retry(w);
  }

  /** Next value of the manager-wide completion sequence (for ordering completions of blocked calls). */
  nextSettleSeq(): number {
    return this.settleSeq++;
  }

  // ---- the memory store --------------------------------------------------------------------------

  setMemoryStore(store: MemoryStoreLike): void {
    this.onHeapStorageMemoryPool.setMemoryStore(store);
    this.offHeapStorageMemoryPool.setMemoryStore(store);
  }

  // ---- policy (subclasses) -----------------------------------------------------------------------

  abstract get maxOnHeapStorageMemory(): number;
  abstract get maxOffHeapStorageMemory(): number;
  abstract acquireStorageMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean;
  abstract acquireUnrollMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean;
  /** Bytes granted now, or an ExecutionWait where Spark's call would block. */
  abstract acquireExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): number | ExecutionWait;

  /** ExecutionPoolOwner: growth callbacks; the defaults are a fixed pool (static manager). */
  maybeGrowExecutionPool(_mode: MemoryMode, _extra: number): void {}
  computeMaxExecutionPoolSize(mode: MemoryMode): number {
    return this.executionPool(mode).poolSize;
  }

  // ---- bookkeeping shared by every manager --------------------------------------------------------

  executionPool(mode: MemoryMode): ExecutionMemoryPool {
    return mode === 'ON_HEAP' ? this.onHeapExecutionMemoryPool : this.offHeapExecutionMemoryPool;
  }

  storagePool(mode: MemoryMode): StorageMemoryPool {
    return mode === 'ON_HEAP' ? this.onHeapStorageMemoryPool : this.offHeapStorageMemoryPool;
  }

  releaseExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): void {
    this.enter();
    try {
      this.executionPool(mode).releaseMemory(numBytes, taskAttemptId);
    } finally {
      this.exit();
    }
  }

  releaseAllExecutionMemoryForTask(taskAttemptId: number): number {
    this.enter();
    try {
      return (
        this.onHeapExecutionMemoryPool.releaseAllMemoryForTask(taskAttemptId) +
        this.offHeapExecutionMemoryPool.releaseAllMemoryForTask(taskAttemptId)
      );
    } finally {
      this.exit();
    }
  }

  releaseStorageMemory(numBytes: number, mode: MemoryMode): void {
    this.storagePool(mode).releaseMemory(numBytes);
  }

  releaseAllStorageMemory(): void {
    this.onHeapStorageMemoryPool.releaseAllMemory();
    this.offHeapStorageMemoryPool.releaseAllMemory();
  }

  releaseUnrollMemory(numBytes: number, mode: MemoryMode): void {
    this.releaseStorageMemory(numBytes, mode);
  }

  /** Task.run's end: `memoryManager.synchronized { memoryManager.notifyAll() }`. */
  notifyWaiters(): void {
    this.enter();
    this.notifyAll();
    this.exit();
  }

  get executionMemoryUsed(): number {
    return this.onHeapExecutionMemoryPool.memoryUsed + this.offHeapExecutionMemoryPool.memoryUsed;
  }

  get storageMemoryUsed(): number {
    return this.onHeapStorageMemoryPool.memoryUsed + this.offHeapStorageMemoryPool.memoryUsed;
  }

  get onHeapExecutionMemoryUsed(): number {
    return this.onHeapExecutionMemoryPool.memoryUsed;
  }

  get offHeapExecutionMemoryUsed(): number {
    return this.offHeapExecutionMemoryPool.memoryUsed;
  }

  get onHeapStorageMemoryUsed(): number {
    return this.onHeapStorageMemoryPool.memoryUsed;
  }

  get offHeapStorageMemoryUsed(): number {
    return this.offHeapStorageMemoryPool.memoryUsed;
  }

  getExecutionMemoryUsageForTask(taskAttemptId: number): number {
    return (
      this.onHeapExecutionMemoryPool.getMemoryUsageForTask(taskAttemptId) +
      this.offHeapExecutionMemoryPool.getMemoryUsageForTask(taskAttemptId)
    );
  }

  /** Execution bytes per task, both modes (tasks holding 0 but registered are included). */
  executionMemoryByTask(): Map<number, number> {
    const m = new Map<number, number>();
    const add = (t: number, b: number): void => {
      m.set(t, (m.get(t) ?? 0) + b);
    };
    this.onHeapExecutionMemoryPool.forEachTask(add);
    this.offHeapExecutionMemoryPool.forEachTask(add);
    return m;
  }

  /** The on-heap size the manager shares between execution and storage. */
  abstract get maxHeapMemory(): number;

  /**
   * The simulator's full invariant check (the unit tests call it after every step): pool sizes add
   * up in both modes, nothing negative, nothing used beyond its pool.
   */
  assertInvariants(): void {
    const check = (ok: boolean, what: string): void => {
      if (!ok) throw new InvariantViolation(what);
    };
    const on = this.onHeapStorageMemoryPool.poolSize + this.onHeapExecutionMemoryPool.poolSize;
    const off = this.offHeapStorageMemoryPool.poolSize + this.offHeapExecutionMemoryPool.poolSize;
    check(on === this.maxHeapMemory, `on-heap pools ${on} != maxHeapMemory ${this.maxHeapMemory}`);
    check(off === this.maxOffHeapMemory, `off-heap pools ${off} != maxOffHeapMemory ${this.maxOffHeapMemory}`);
    for (const p of [
      this.onHeapStorageMemoryPool,
      this.offHeapStorageMemoryPool,
      this.onHeapExecutionMemoryPool,
      this.offHeapExecutionMemoryPool,
    ]) {
      const name = `${p.memoryMode} ${p instanceof StorageMemoryPool ? 'storage' : 'execution'}`;
      check(p.poolSize >= 0, `${name} pool size ${p.poolSize} < 0`);
      check(p.memoryUsed >= 0, `${name} used ${p.memoryUsed} < 0`);
      check(p.memoryUsed <= p.poolSize, `${name} used ${p.memoryUsed} > pool ${p.poolSize}`);
    }
    for (const p of [this.onHeapExecutionMemoryPool, this.offHeapExecutionMemoryPool]) {
      let sum = 0;
      p.forEachTask((t, b) => {
        check(b >= 0, `task ${t} holds ${b} < 0`);
        sum += b;
      });
      check(sum === p.memoryUsed, `${p.poolName} per-task sum ${sum} != used ${p.memoryUsed}`);
    }
  }
}
