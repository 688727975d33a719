// The execution-memory consumers the workload ops stand for, as MemoryConsumer subclasses so that
// TaskMemoryManager's spill policy (spark-memory.md 8.1) treats them as Spark treats the real ones.
import { MemoryConsumer } from '../sim/tmm/memoryConsumer';
import type { Page, TaskMemoryManager } from '../sim/tmm/taskMemoryManager';
import type { MemoryMode } from '../sim/memoryMode';

/** A consumer whose memory is Tungsten pages it keeps in a list. */
abstract class PagedConsumer extends MemoryConsumer {
  readonly pages: Page[] = [];

  /** Frees every page (a spill that writes them all, or the task's end); returns the bytes freed. */
  freeAll(): number {
    let freed = 0;
    for (const p of this.pages) {
      freed += p.size;
      this.freePage(p);
    }
    this.pages.length = 0;
    return freed;
  }
}

/**
 * UnsafeExternalSorter / ShuffleExternalSorter (core/src/main/java/org/apache/spark/util/collection/
 * unsafe/sort/UnsafeExternalSorter.java, shuffle/sort/ShuffleExternalSorter.java): records go into
 * Tungsten pages; spill() only acts when the sorter itself asked (trigger == this) and then writes
 * every page out and frees it.
 */
export class SortConsumer extends PagedConsumer {
  /** Spills made and bytes they wrote, read by the engine after each allocation. */
  spills = 0;
  spilledNow = 0;

  /**
   * Sorted and kept for the task's later ops to read (getSortedIterator handed out a
   * SpillableIterator): another consumer's request can now make it spill, once.
   */
  reading = false;

  constructor(tmm: TaskMemoryManager, mode: MemoryMode) {
    super(tmm, mode, 'UnsafeExternalSorter');
  }

  spill(_size: number, trigger: MemoryConsumer): number {
    if (trigger !== this) return this.reading ? this.spillWhileReading() : 0;
    if (this.pages.length === 0) return 0;
    const freed = this.freeAll();
    this.spills++;
    this.spilledNow += freed;
    this.spilledBytes += freed;
    return freed;
  }

  /**
   * SpillableIterator.spill (UnsafeExternalSorter.java, Spark 3.5.x): the records not yet read go to
   * a spill file and every page is freed but the one the reader is on (here the first: the later
   * ops have not read on yet); after that the in-memory sorter is gone, so it spills only once.
   */
  private spillWhileReading(): number {
    this.reading = false;
    const [current, ...rest] = this.pages;
    if (current === undefined) return 0;
    let freed = 0;
    for (const p of rest) {
      freed += p.size;
      this.freePage(p);
    }
    this.pages.length = 0;
    this.pages.push(current);
    if (freed === 0) return 0;
    this.spills++;
    this.spilledNow += freed;
    this.spilledBytes += freed;
    return freed;
  }
}

/**
 * BytesToBytesMap (core/src/main/java/org/apache/spark/unsafe/map/BytesToBytesMap.java), the build
 * side of a hash join (UnsafeHashedRelation): pages in Tungsten mode; spill() frees nothing while
 * the map is being built, so a build that cannot get a page fails the task
 * (SparkOutOfMemoryError from MemoryConsumer.allocatePage).
 */
export class HashMapConsumer extends PagedConsumer {
  constructor(tmm: TaskMemoryManager, mode: MemoryMode) {
    super(tmm, mode, 'BytesToBytesMap');
  }

  spill(_size: number, _trigger: MemoryConsumer): number {
    return 0;
  }
}

/**
 * SnappyData's DefaultMemoryConsumer (TIBCOSoftware/snappydata v1.3.1, encoders/.../memory/
 * StoreUnifiedManager.scala): plain execution memory that cannot spill. CachedDataFrame takes a
 * partition's result in it and frees it in a task completion listener.
 */
export class DefaultMemoryConsumer extends MemoryConsumer {
  constructor(tmm: TaskMemoryManager, mode: MemoryMode = 'ON_HEAP') {
    super(tmm, mode, 'DefaultMemoryConsumer');
  }

  spill(_size: number, _trigger: MemoryConsumer): number {
    return 0;
  }

  /** The task completion listener: freeMemory(granted). */
  freeAll(): number {
    const held = this.used;
    if (held > 0) this.freeMemory(held);
    return held;
  }
}
