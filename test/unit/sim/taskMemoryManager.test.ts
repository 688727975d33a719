import * as assert from 'node:assert/strict';
import {
  MAXIMUM_PAGE_SIZE_BYTES,
  OFFSET_BITS,
  PAGE_TABLE_SIZE,
  PendingCall,
  SPARK_2_4,
  SPARK_3_5,
  SPARK_4_1,
  SparkError,
  TaskMemoryManager,
  TestMemoryConsumer,
  TestMemoryManager,
  TestPartialSpillingMemoryConsumer,
  UnifiedMemoryManager,
  Spillable,
  isPendingCall,
} from './api';
import { makeUnified, stepOk, withExactStore } from './helpers';

function bigUnified(version = SPARK_3_5): UnifiedMemoryManager {
  // TaskMemoryManagerSuite.leakedPageMemoryIsDetected: new UnifiedMemoryManager(conf, Long.MaxValue, Long.MaxValue / 2, 1)
  return new UnifiedMemoryManager({ version, maxHeapMemory: 2 ** 53, onHeapStorageRegionSize: 2 ** 52 });
}

describe('TaskMemoryManager pages', () => {
  it('leaked page memory is detected by cleanUpAllAllocatedMemory', () => {
    const mm = bigUnified();
    const tmm = new TaskMemoryManager(mm, 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    const page = tmm.allocatePage(4096, c);
    assert.ok(page !== null && !isPendingCall(page));
    assert.equal(tmm.getMemoryConsumptionForThisTask(), 4096);
    assert.equal(tmm.cleanUpAllAllocatedMemory(), 4096);
    mm.assertInvariants();
  });

  it('pages take the lowest free number and free it again', () => {
    const mm = bigUnified();
    const tmm = new TaskMemoryManager(mm, 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    const p0 = tmm.allocatePage(100, c) as { pageNumber: number; size: number };
    const p1 = tmm.allocatePage(100, c) as { pageNumber: number; size: number };
    assert.deepEqual([p0.pageNumber, p1.pageNumber], [0, 1]);
    tmm.freePage(p0, c);
    assert.equal((tmm.allocatePage(100, c) as { pageNumber: number }).pageNumber, 0);
    assert.throws(() => tmm.freePage(p0, c), { name: 'AssertionError' });
  });

  it('a page larger than MAXIMUM_PAGE_SIZE_BYTES is a TooLargePageException', () => {
    const tmm = new TaskMemoryManager(bigUnified(), 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    assert.equal(MAXIMUM_PAGE_SIZE_BYTES, 17179869176);
    assert.throws(() => tmm.allocatePage(MAXIMUM_PAGE_SIZE_BYTES + 1, c), {
      name: 'TooLargePageException',
      message: 'Cannot allocate a page of 17179869177 bytes.',
    });
  });

  it('8192 pages at most', () => {
    const mm = bigUnified();
    const tmm = new TaskMemoryManager(mm, 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    for (let i = 0; i < PAGE_TABLE_SIZE; i++) tmm.allocatePage(1, c);
    assert.throws(() => tmm.allocatePage(1, c), {
      name: 'IllegalStateException',
      message: 'Have already allocated a maximum of 8192 pages',
    });
    // The memory for the refused page was released again.
    assert.equal(tmm.getMemoryConsumptionForThisTask(), PAGE_TABLE_SIZE);
  });

  it('an allocator OutOfMemoryError keeps the memory as acquiredButNotUsed and retries', () => {
    const mm = bigUnified();
    const tmm = new TaskMemoryManager(mm, 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    tmm.allocatorFailures = 1;
    const page = tmm.allocatePage(100, c) as { pageNumber: number; size: number };
    assert.equal(page.pageNumber, 0);
    assert.equal(tmm.acquiredButNotUsed, 100);
    assert.equal(tmm.getMemoryConsumptionForThisTask(), 200);
    assert.equal(tmm.cleanUpAllAllocatedMemory(), 100);
    assert.equal(mm.executionMemoryUsed, 0);
  });

  it('MemoryConsumer.allocatePage throws SparkOutOfMemoryError when it cannot get what it needs', () => {
    const mm = withExactStore(makeUnified(SPARK_2_4));
    const tmm = new TaskMemoryManager(mm, 0);
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 64);
    assert.throws(() => c.allocatePage(2000), {
      name: 'SparkOutOfMemoryError',
      message: 'Unable to acquire 2000 bytes of memory, got 1000',
    });
    assert.equal(mm.executionMemoryUsed, 0);
    const mm35 = withExactStore(makeUnified(SPARK_3_5));
    const c35 = new TestMemoryConsumer(new TaskMemoryManager(mm35, 0), 'ON_HEAP', 'c', 64);
    assert.throws(
      () => c35.allocatePage(2000),
      (e: unknown) => e instanceof SparkError && e.errorClass === 'UNABLE_TO_ACQUIRE_MEMORY',
    );
  });

  it('encodes page number and offset in 13 + 51 bits', () => {
    assert.equal(OFFSET_BITS, 51);
    const addr = TaskMemoryManager.encodePageNumberAndOffset(8191, (1n << 51n) + 10n);
    assert.equal(TaskMemoryManager.decodePageNumber(addr), 8191);
    assert.equal(TaskMemoryManager.decodeOffset(addr), 10n);
  });

  it('tracks per-task peak on- and off-heap execution memory', () => {
    const mm = withExactStore(makeUnified(SPARK_4_1, 1000, { 'spark.memory.offHeap.size': '1000' }));
    const tmm = new TaskMemoryManager(mm, 1);
    const off = new TestMemoryConsumer(tmm, 'OFF_HEAP', 'off', 1024);
    const on = new TestMemoryConsumer(tmm, 'ON_HEAP', 'on', 1024);
    assert.equal(tmm.acquireExecutionMemory(500, off), 500);
    assert.equal(tmm.acquireExecutionMemory(400, on), 400);
    tmm.releaseExecutionMemory(400, on);
    assert.equal(tmm.peakOnHeapMemory, 400);
    assert.equal(tmm.peakOffHeapMemory, 500);
    assert.equal(tmm.currentOnHeapMemory, 0);
  });
});

describe('TaskMemoryManager spill choice', () => {
  for (const version of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) {
    it(`cooperative spilling @${version.major}.${version.minor}`, () => {
      const mm = new TestMemoryManager({ version });
      mm.limit(100);
      const tmm = new TaskMemoryManager(mm, 0);
      const c1 = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c1', 1024);
      const c2 = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c2', 1024);
      c1.use(100);
      c2.use(100);
      assert.deepEqual([c1.used, c2.used], [0, 100]);
      c1.use(100);
      assert.deepEqual([c1.used, c2.used], [100, 0]);
      c1.use(50);
      assert.deepEqual([c1.used, c2.used], [50, 0]);
      c2.use(50);
      c1.use(100);
      assert.deepEqual([c1.used, c2.used], [100, 0]);
      c1.free(20);
      c2.use(10);
      c2.use(100);
      assert.deepEqual([c1.used, c2.used], [0, 100]);
      c2.free(100);
      assert.equal(tmm.cleanUpAllAllocatedMemory(), 0);
    });
  }

  it('self-spill is retried from 3.2 when another task takes the freed memory (SPARK-35486)', () => {
    for (const [version, granted, spilled] of [
      [SPARK_2_4, 0, 500],
      [SPARK_3_5, 500, 1000],
    ] as const) {
      const mm = withExactStore(makeUnified(version));
      const t1 = new TaskMemoryManager(mm, 1);
      const t2 = new TaskMemoryManager(mm, 2);
      const c1 = new TestPartialSpillingMemoryConsumer(t1, 'ON_HEAP', 'c1', 1024);
      const c2 = new TestMemoryConsumer(t2, 'ON_HEAP', 'c2', 1024);
      assert.equal(
        stepOk(mm, () => c1.acquireMemory(1000)),
        1000,
      );
      const pending = stepOk(mm, () => c2.acquireMemory(500));
      assert.ok(pending instanceof PendingCall);
      assert.equal(
        stepOk(mm, () => c1.acquireMemory(500)),
        granted,
      );
      assert.equal(pending.done, true);
      assert.equal(pending.value, 500);
      assert.equal(c1.spilledBytes, spilled);
      assert.deepEqual([c1.used, c2.used], [500, 500]);
    }
  });

  it('a Spillable is spilled by another consumer of its task but never by itself', () => {
    const mm = new TestMemoryManager({ version: SPARK_3_5 });
    mm.limit(20 * 1024 * 1024);
    const tmm = new TaskMemoryManager(mm, 0);
    const sorter = new Spillable(tmm, 'sorter');
    const c = new TestMemoryConsumer(tmm, 'ON_HEAP', 'c', 1024);
    sorter.elementsRead = 32;
    const r = sorter.maybeSpill(5 * 1024 * 1024);
    assert.deepEqual(r, { spilled: false, requested: 5242880, granted: 5242880, threshold: 10485760 });
    assert.equal(sorter.spill(100, sorter), 0);
    assert.equal(c.use(20 * 1024 * 1024), 20 * 1024 * 1024);
    assert.equal(sorter.used, 0);
    assert.equal(sorter.myMemoryThreshold, sorter.initialMemoryThreshold);
  });
});
