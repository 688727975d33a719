// TaskMemoryManager (core/src/main/java/org/apache/spark/memory/TaskMemoryManager.java, 2.4.4,
// 3.3.1, 4.1.1; 3.2 from SPARK-35486): one per task; spills same-mode consumers of the task when
// the MemoryManager grants too little, and keeps the page table.
import { atLeast } from '../../version';
import { MemoryMode } from '../memoryMode';
import { SparkError, javaAssertionFailed } from '../errors';
import { MemoryManager } from '../memoryManager';
import { MemoryConsumer } from './memoryConsumer';
import { PendingCall, SimGen, awaitAcquire, drive } from './pending';

export const PAGE_NUMBER_BITS = 13;
export const OFFSET_BITS = 64 - PAGE_NUMBER_BITS;
export const PAGE_TABLE_SIZE = 1 << PAGE_NUMBER_BITS;
/** ((1L << 31) - 1) * 8: the largest long[] the on-heap allocator can make. */
export const MAXIMUM_PAGE_SIZE_BYTES = (2 ** 31 - 1) * 8;

export interface Page {
  readonly pageNumber: number;
  readonly size: number;
}

/** Observer of spill() calls made by the spill policy. */
export interface SpillObserver {
  onSpill(consumer: MemoryConsumer, requested: number, released: number): void;
}

export class TaskMemoryManager {
  readonly tungstenMemoryMode: MemoryMode;
  /** Insertion-ordered stand-in for Java's HashSet (the cases avoid order-dependent ties). */
  readonly consumers = new Set<MemoryConsumer>();
  private readonly pageTable = new Map<number, Page>();
  /** Java's BitSet(PAGE_TABLE_SIZE): grown on demand (most tasks use a few pages), numbers past its end are free. */
  private allocatedPages = new Uint8Array(64);
  /** No page below this number is free (BitSet.nextClearBit starts here; same lowest free page, without rescanning). */
  private freeFrom = 0;
  acquiredButNotUsed = 0;
  currentOnHeapMemory = 0;
  currentOffHeapMemory = 0;
  peakOnHeapMemory = 0;
  peakOffHeapMemory = 0;
  spillObserver: SpillObserver | undefined;
  /** Test hook: the next n allocator calls throw OutOfMemoryError (the memory is kept as acquiredButNotUsed). */
  allocatorFailures = 0;

  constructor(
    readonly memoryManager: MemoryManager,
    readonly taskAttemptId: number,
  ) {
    this.tungstenMemoryMode = memoryManager.tungstenMemoryMode;
  }

  get pageSizeBytes(): number {
    return this.memoryManager.pageSizeBytes;
  }

  /**
   * acquireExecutionMemory(required, requestingConsumer): bytes granted (<= required), spilling
   * consumers of this task as the release's policy says; a PendingCall where Spark would block.
   */
  acquireExecutionMemory(required: number, consumer: MemoryConsumer): number | PendingCall<number> {
    if (!(required >= 0)) throw javaAssertionFailed();
    const mode = consumer.mode;
    const r = this.memoryManager.acquireExecutionMemory(required, this.taskAttemptId, mode);
    if (typeof r === 'number' && r >= required) {
      this.consumers.add(consumer);
      this.track(mode, r);
      return r;
    }
    return drive(this.memoryManager, this.acquireSlow(required, consumer, r), this.taskAttemptId);
  }

  /** The same as a generator, for callers that are themselves resumable. */
  *acquireExecutionMemoryGen(required: number, consumer: MemoryConsumer): SimGen<number> {
    if (!(required >= 0)) throw javaAssertionFailed();
    const r = this.memoryManager.acquireExecutionMemory(required, this.taskAttemptId, consumer.mode);
    return yield* this.acquireSlow(required, consumer, r);
  }

  private *acquireSlow(
    required: number,
    consumer: MemoryConsumer,
    first: number | ReturnType<MemoryManager['acquireExecutionMemory']>,
  ): SimGen<number> {
    const mode = consumer.mode;
    let got = yield* awaitAcquire(first);
    if (got < required) {
      const v = this.memoryManager.version;
      if (atLeast(v, 3, 3)) got = yield* this.spillUnified(required, got, consumer);
      else got = yield* this.spillLegacy(required, got, consumer, atLeast(v, 3, 2));
    }
    this.consumers.add(consumer);
    this.track(mode, got);
    return got;
  }

  /** 3.3+ (SPARK-36933): one loop; the requester is a candidate with key 0, so it goes last. */
  private *spillUnified(required: number, got0: number, requester: MemoryConsumer): SimGen<number> {
    let got = got0;
    const mode = requester.mode;
    const sorted = new SortedConsumers();
    for (const c of this.consumers) {
      if (c.used > 0 && c.mode === mode) sorted.add(c === requester ? 0 : c.used, c);
    }
    while (got < required && !sorted.isEmpty()) {
      const entry = sorted.ceilingOrLast(required - got);
      const list = entry.list;
      const c = list[list.length - 1] as MemoryConsumer;
      const released = this.callSpill(c, required - got, requester);
      if (released > 0) {
        got += yield* awaitAcquire(this.memoryManager.acquireExecutionMemory(required - got, this.taskAttemptId, mode));
      } else {
        list.pop();
      }
      if (list.length === 0) sorted.remove(entry);
    }
    return got;
  }

  /** 2.x – 3.1: other consumers first, then the requester once; 3.2 (SPARK-35486) retries the self-spill. */
  private *spillLegacy(required: number, got0: number, requester: MemoryConsumer, retrySelf: boolean): SimGen<number> {
    let got = got0;
    const mode = requester.mode;
    const sorted = new SortedConsumers();
    for (const c of this.consumers) {
      if (c !== requester && c.used > 0 && c.mode === mode) sorted.add(c.used, c);
    }
    while (!sorted.isEmpty()) {
      const entry = sorted.ceilingOrLast(required - got);
      const list = entry.list;
      const c = list[list.length - 1] as MemoryConsumer;
      const released = this.callSpill(c, required - got, requester);
      if (released > 0) {
        got += yield* awaitAcquire(this.memoryManager.acquireExecutionMemory(required - got, this.taskAttemptId, mode));
        if (got >= required) break;
      } else {
        list.pop();
        if (list.length === 0) sorted.remove(entry);
      }
    }
    if (retrySelf) {
      while (got < required) {
        const released = this.callSpill(requester, required - got, requester);
        if (released > 0)
          got += yield* awaitAcquire(
            this.memoryManager.acquireExecutionMemory(required - got, this.taskAttemptId, mode),
          );
        else break;
      }
    } else if (got < required) {
      const released = this.callSpill(requester, required - got, requester);
      if (released > 0)
        got += yield* awaitAcquire(this.memoryManager.acquireExecutionMemory(required - got, this.taskAttemptId, mode));
    }
    return got;
  }

  private callSpill(c: MemoryConsumer, size: number, trigger: MemoryConsumer): number {
    const released = c.spill(size, trigger);
    this.spillObserver?.onSpill(c, size, released);
    return released;
  }

  private track(mode: MemoryMode, got: number): void {
    if (mode === 'OFF_HEAP') {
      this.currentOffHeapMemory += got;
      if (this.currentOffHeapMemory > this.peakOffHeapMemory) this.peakOffHeapMemory = this.currentOffHeapMemory;
    } else {
      this.currentOnHeapMemory += got;
      if (this.currentOnHeapMemory > this.peakOnHeapMemory) this.peakOnHeapMemory = this.currentOnHeapMemory;
    }
  }

  /** releaseExecutionMemory(size, consumer). */
  releaseExecutionMemory(size: number, consumer: MemoryConsumer): void {
    this.memoryManager.releaseExecutionMemory(size, this.taskAttemptId, consumer.mode);
    if (consumer.mode === 'OFF_HEAP') this.currentOffHeapMemory -= size;
    else this.currentOnHeapMemory -= size;
  }

  // ---- pages ---------------------------------------------------------------------------------------

  /** allocatePage(size, consumer): a page of what could be acquired (maybe less), or null for 0. */
  allocatePage(size: number, consumer: MemoryConsumer): Page | null | PendingCall<Page | null> {
    return drive(this.memoryManager, this.allocatePageGen(size, consumer), this.taskAttemptId);
  }

  *allocatePageGen(size: number, consumer: MemoryConsumer): SimGen<Page | null> {
    if (consumer.mode !== this.tungstenMemoryMode) throw javaAssertionFailed();
    if (size > MAXIMUM_PAGE_SIZE_BYTES)
      throw new SparkError('TooLargePageException', `Cannot allocate a page of ${size} bytes.`);
    for (;;) {
      const acquired = yield* this.acquireExecutionMemoryGen(size, consumer);
      if (acquired <= 0) return null;
      let pageNumber = this.freeFrom;
      while (pageNumber < PAGE_TABLE_SIZE && this.allocatedPages[pageNumber] === 1) pageNumber++;
      this.freeFrom = pageNumber;
      if (pageNumber >= PAGE_TABLE_SIZE) {
        this.releaseExecutionMemory(acquired, consumer);
        throw new SparkError('IllegalStateException', `Have already allocated a maximum of ${PAGE_TABLE_SIZE} pages`);
      }
      if (pageNumber >= this.allocatedPages.length) {
        const grown = new Uint8Array(
          Math.min(PAGE_TABLE_SIZE, Math.max(2 * this.allocatedPages.length, pageNumber + 1)),
        );
        grown.set(this.allocatedPages);
        this.allocatedPages = grown;
      }
      this.allocatedPages[pageNumber] = 1;
      if (this.allocatorFailures > 0) {
        // OutOfMemoryError from the allocator: keep the memory as acquiredButNotUsed and retry.
        this.allocatorFailures--;
        this.acquiredButNotUsed += acquired;
        this.allocatedPages[pageNumber] = 0;
        if (pageNumber < this.freeFrom) this.freeFrom = pageNumber;
        continue;
      }
      const page: Page = { pageNumber, size: acquired };
      this.pageTable.set(pageNumber, page);
      return page;
    }
  }

  /** freePage(page, consumer). */
  freePage(page: Page, consumer: MemoryConsumer): void {
    if (this.allocatedPages[page.pageNumber] !== 1 || this.pageTable.get(page.pageNumber) !== page)
      throw javaAssertionFailed();
    this.pageTable.delete(page.pageNumber);
    this.allocatedPages[page.pageNumber] = 0;
    if (page.pageNumber < this.freeFrom) this.freeFrom = page.pageNumber;
    this.releaseExecutionMemory(page.size, consumer);
  }

  get allocatedPageCount(): number {
    return this.pageTable.size;
  }

  /** encodePageNumberAndOffset(pageNumber, offsetInPage) as a BigInt (Java long). */
  static encodePageNumberAndOffset(pageNumber: number, offsetInPage: bigint): bigint {
    const mask = (1n << BigInt(OFFSET_BITS)) - 1n;
    return BigInt.asIntN(64, (BigInt(pageNumber) << BigInt(OFFSET_BITS)) | (offsetInPage & mask));
  }

  static decodePageNumber(address: bigint): number {
    return Number(BigInt.asUintN(64, address) >> BigInt(OFFSET_BITS));
  }

  static decodeOffset(address: bigint): bigint {
    return address & ((1n << BigInt(OFFSET_BITS)) - 1n);
  }

  // ---- task end -------------------------------------------------------------------------------------

  /**
   * cleanUpAllAllocatedMemory: forget consumers and pages, release acquiredButNotUsed, then release
   * everything the task holds; returns that (non-zero = "Managed memory leak detected").
   */
  cleanUpAllAllocatedMemory(): number {
    this.consumers.clear();
    this.pageTable.clear();
    // Spark leaves the allocatedPages bitmap and acquiredButNotUsed as they are.
    this.memoryManager.releaseExecutionMemory(this.acquiredButNotUsed, this.taskAttemptId, this.tungstenMemoryMode);
    return this.memoryManager.releaseAllExecutionMemoryForTask(this.taskAttemptId);
  }

  getMemoryConsumptionForThisTask(): number {
    return this.memoryManager.getExecutionMemoryUsageForTask(this.taskAttemptId);
  }
}

/** Enough of TreeMap<Long, List<MemoryConsumer>> for the spill policy. */
class SortedConsumers {
  private readonly entries: { key: number; list: MemoryConsumer[] }[] = [];

  add(key: number, c: MemoryConsumer): void {
    let i = 0;
    while (i < this.entries.length && (this.entries[i] as { key: number }).key < key) i++;
    const e = this.entries[i];
    if (e !== undefined && e.key === key) e.list.push(c);
    else this.entries.splice(i, 0, { key, list: [c] });
  }

  isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** ceilingEntry(k), or lastEntry() if none. */
  ceilingOrLast(k: number): { key: number; list: MemoryConsumer[] } {
    for (const e of this.entries) if (e.key >= k) return e;
    return this.entries[this.entries.length - 1] as { key: number; list: MemoryConsumer[] };
  }

  remove(e: { key: number; list: MemoryConsumer[] }): void {
    const i = this.entries.indexOf(e);
    if (i >= 0) this.entries.splice(i, 1);
  }
}
