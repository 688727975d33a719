import * as assert from 'node:assert/strict';
import { MemoryStore, SnappyUnifiedMemoryManager, snappySizes } from './api';
import { stepOk } from './helpers';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('SnappyUnifiedMemoryManager sizing (config-formats.md B.6/B.7)', () => {
  it('20g heap, critical 95, eviction 85.5: reserved from critical, fraction 0.85, storage capped at 85.5%', () => {
    const s = snappySizes({ systemMemory: 20 * GiB, criticalHeapPercentage: 95, evictionHeapPercentage: 85.5 });
    // reserved = trunc(21474836480 x 5 x 0.01) = 1073741824; unified = trunc((21474836480 - 1073741824) x 0.85)
    assert.equal(s.reservedMemory, 1073741824);
    assert.equal(s.pools.maxHeapMemory, 17340930457);
    assert.equal(s.pools.onHeapStorageRegionSize, 8670465228);
    assert.equal(s.pools.maxHeapStorageSize, 14826495540);
  });

  it('local mode: snappydata.store.critical-heap-percentage reserves (100 - c)% of the heap whenever it is set, even 0', () => {
    const local = (conf: Record<string, string>): ReturnType<typeof snappySizes> =>
      snappySizes({ systemMemory: 1000 * MiB, localMode: true, conf });
    // SnappyUnifiedMemoryManager.getMaxMemory (v1.3.1 l.1047-1052): trunc(1048576000 x (100 - 90) x 0.01).
    assert.equal(local({ 'snappydata.store.critical-heap-percentage': '90' }).reservedMemory, 104857600);
    // Unset: RESERVED_SYSTEM_MEMORY_BYTES, min(5 GiB, max(heap / 20, 100 MiB)) = 100 MiB.
    assert.equal(local({}).reservedMemory, 100 * MiB);
    // Set to 0: the whole heap is reserved, and 1.5 x that exceeds the heap.
    assert.throws(
      () => local({ 'snappydata.store.critical-heap-percentage': '0' }),
      /System memory 1048576000 must be at least 1572864000\./,
    );
  });

  it('4g heap with memory-size 16g: off-heap storage may grow to 95% of memory-size', () => {
    const s = snappySizes({
      systemMemory: 4 * GiB,
      criticalHeapPercentage: 95,
      evictionHeapPercentage: 85.5,
      memorySize: 16 * GiB,
    });
    // Reserved = heap - the monitor's critical bytes, trunc(95f x 0.01 x 4294967296) = 4080218931 (as the layout).
    assert.equal(s.pools.maxHeapMemory, 3468186091);
    assert.equal(s.pools.offHeap.maxOffHeapMemory, 16 * GiB);
    assert.equal(s.pools.maxOffHeapStorageSize, 16320875724);
    const mm = new SnappyUnifiedMemoryManager({
      systemMemory: 4 * GiB,
      criticalHeapPercentage: 95,
      memorySize: 16 * GiB,
    });
    assert.equal(mm.tungstenMemoryMode, 'OFF_HEAP');
    assert.equal(mm.offHeapStorageMemoryPool.poolSize, 8 * GiB);
  });

  it('without a critical percentage the reserve is 5% of the heap between 100 MB and 5 GB, eviction fraction 0.8', () => {
    const s = snappySizes({ systemMemory: 1000 * MiB });
    assert.equal(s.reservedMemory, 100 * MiB);
    assert.equal(s.evictionFraction, 0.8);
  });

  it('rejects a reserve under 25 MB and an eviction fraction outside [0.1, 0.98]', () => {
    assert.throws(() => snappySizes({ systemMemory: 400 * MiB, criticalHeapPercentage: 99 }), {
      message: /^Reserved memory 4194304 must be at least 25MB\. Please increase critical-heap-percentage/,
    });
    assert.throws(
      () => snappySizes({ systemMemory: 4 * GiB, criticalHeapPercentage: 95, evictionHeapPercentage: 99 }),
      {
        message: 'Eviction fraction 0.99 must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.',
      },
    );
  });
});

describe('SnappyUnifiedMemoryManager behaviour', () => {
  function make(critical = 0): SnappyUnifiedMemoryManager {
    // spark.testing: no reserve; 1000-byte heap, fraction 1 -> 500/500, storage cap 0.8 x 1000 = 800.
    const mm = new SnappyUnifiedMemoryManager({
      systemMemory: 1000,
      ...(critical > 0 ? { criticalHeapPercentage: critical } : {}),
      conf: { 'spark.testing': 'true', 'spark.memory.fraction': '1', 'spark.testing.maxStorageFraction': '0.8' },
    });
    mm.setMemoryStore(new MemoryStore(mm));
    return mm;
  }

  it('storage borrows min(execution free, numBytes) but never past the storage cap', () => {
    const mm = make();
    assert.equal(
      stepOk(mm, () => mm.acquireStorageMemory('a', 400, 'ON_HEAP')),
      true,
    );
    // 200 > free 100: borrow min(500, 200) = 200 -> pool 700 (Spark would borrow only 100).
    assert.equal(
      stepOk(mm, () => mm.acquireStorageMemory('b', 200, 'ON_HEAP')),
      true,
    );
    assert.equal(mm.onHeapStorageMemoryPool.poolSize, 700);
    // 250 > free 100: borrow would reach 950 > cap 800 -> only 100 more; 250 > 200 free and no table data -> refused.
    assert.equal(
      stepOk(mm, () => mm.acquireStorageMemory('c', 250, 'ON_HEAP')),
      false,
    );
    assert.equal(mm.onHeapStorageMemoryPool.poolSize, 800);
  });

  it('table data is evicted to disk, and a refusal is a LowMemoryException', () => {
    const mm = make();
    assert.equal(mm.putTableData('t1', 300), undefined);
    assert.equal(mm.putTableData('t2', 300), undefined);
    // 400 more: borrow up to the 800 cap, then Spark eviction finds no cached block; table data (t1, LRU) is overflowed.
    assert.equal(
      stepOk(mm, () => mm.putTableData('t3', 400)),
      undefined,
    );
    assert.equal(mm.tableBytesOnDisk('t1'), 300);
    const ev = stepOk(mm, () => mm.putTableData('t4', 900));
    assert.deepEqual(ev, {
      kind: 'LowMemoryException',
      message: 'Could not obtain memory of size 900',
      bytes: 900,
      mode: 'ON_HEAP',
    });
  });

  it('the heap monitor counts untracked user objects toward CRITICAL_UP', () => {
    // Critical at 90% of 1000 = 900 bytes of heap in use.
    const mm = make(90);
    mm.untrackedHeapBytes = 950;
    assert.equal(mm.acquireExecutionMemory(100, 0, 'ON_HEAP'), 0);
    assert.deepEqual(
      mm.snappyEvents.map((e) => e.kind),
      ['CRITICAL_UP', 'MemoryRefused'],
    );
    assert.equal(mm.snappyEvents[0]?.message, 'Member: this member above heap critical threshold');
    assert.equal(mm.acquireStorageMemory('x', 10, 'ON_HEAP'), false);
    mm.untrackedHeapBytes = 0;
    assert.equal(
      stepOk(mm, () => mm.acquireExecutionMemory(100, 0, 'ON_HEAP')),
      100,
    );
    const low = mm.allocateExecutionMemory('DECOMPRESSOR', 5000);
    assert.equal(typeof low === 'object' && low.message, 'Could not obtain memory of size 5000');
  });

  it('execution takes back only what storage holds above its region, evicting table data when short', () => {
    const mm = make();
    mm.putTableData('t1', 300);
    mm.putTableData('t2', 300);
    mm.putTableData('t3', 100);
    // t2 borrowed min(execution free 500, 300) = 300 -> pool 800 (the cap).
    assert.equal(mm.onHeapStorageMemoryPool.poolSize, 800);
    // 600 wanted, execution pool 200: extra 400, reclaimable 800 - 500 = 300; 100 of it is free storage,
    // no cached block to evict, so table data is overflowed: min(300 + minEviction, 300) -> t1 (300).
    const got = stepOk(mm, () => mm.acquireExecutionMemory(600, 0, 'ON_HEAP'));
    assert.equal(got, 600);
    assert.equal(mm.tableBytesOnDisk('t1'), 300);
    assert.deepEqual([mm.onHeapStorageMemoryPool.poolSize, mm.onHeapExecutionMemoryPool.poolSize], [400, 600]);
  });
});
