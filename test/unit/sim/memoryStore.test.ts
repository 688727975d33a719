import * as assert from 'node:assert/strict';
import { MemoryStore, SPARK_3_5, StorageLevels, UnifiedMemoryManager, linearSource } from './api';
import { stepOk } from './helpers';

/** MemoryStoreSuite.makeMemoryStore(12000) with unrollMemoryThreshold 512. */
function makeStore(maxMem = 12000): { mm: UnifiedMemoryManager; ms: MemoryStore } {
  const mm = new UnifiedMemoryManager({
    version: SPARK_3_5,
    conf: {
      'spark.storage.unrollMemoryThreshold': '512',
      'spark.memory.offHeap.enabled': 'true',
      'spark.memory.offHeap.size': '12000',
    },
    maxHeapMemory: maxMem,
    onHeapStorageRegionSize: maxMem / 2,
  });
  const ms = new MemoryStore(mm);
  mm.setMemoryStore(ms);
  return { mm, ms };
}

describe('MemoryStore', () => {
  it('reserves and releases unroll memory per task', () => {
    const { mm, ms } = makeStore();
    assert.equal(
      stepOk(mm, () => ms.reserveUnrollMemoryForThisTask('', 100, 'ON_HEAP', -1)),
      true,
    );
    assert.equal(
      stepOk(mm, () => ms.reserveUnrollMemoryForThisTask('', 1000000, 'ON_HEAP', -1)),
      false,
    );
    stepOk(mm, () => ms.releaseUnrollMemoryForThisTask('ON_HEAP', -1, 30));
    assert.equal(ms.currentUnrollMemoryForTask(-1), 70);
    stepOk(mm, () => ms.releaseUnrollMemoryForThisTask('ON_HEAP', -1));
    assert.equal(ms.currentUnrollMemory, 0);
    assert.equal(mm.storageMemoryUsed, 0);
  });

  it('unrolls with period-16 checks, growth 1.5, and transfers to storage', () => {
    const { mm, ms } = makeStore();
    const log: number[] = [];
    const r = stepOk(mm, () =>
      ms.putIteratorAsValues('b', linearSource(40, 120), 'ON_HEAP', 0, StorageLevels.MEMORY_ONLY, log),
    );
    assert.deepEqual(r, { stored: true, size: 4800 });
    assert.deepEqual(log, [512, 2548, 2880]);
    assert.equal(ms.currentUnrollMemory, 0);
    assert.equal(mm.storageMemoryUsed, 4800);
  });

  it('a failed unroll keeps its memory until closed', () => {
    const { mm, ms } = makeStore();
    const r = stepOk(mm, () => ms.putIteratorAsBytes('big', linearSource(40, 1000), 'ON_HEAP', 7));
    assert.equal(r.stored, false);
    if (r.stored) return;
    assert.equal(r.unrollMemory, 1500);
    assert.equal(ms.currentUnrollMemoryForTask(7), 1500);
    r.close();
    r.close();
    assert.equal(ms.currentUnrollMemoryForTask(7), 0);
    assert.equal(mm.storageMemoryUsed, 0);
    mm.assertInvariants();
  });

  it('get moves a block to most-recently-used, contains does not', () => {
    const { mm, ms } = makeStore();
    for (const b of ['a', 'b', 'c']) stepOk(mm, () => ms.putBytes(b, 10, 'ON_HEAP'));
    assert.equal(ms.contains('a'), true);
    assert.deepEqual(ms.blockIds(), ['a', 'b', 'c']);
    ms.getSize('a');
    assert.deepEqual(ms.blockIds(), ['b', 'c', 'a']);
  });

  it("evicts all or nothing, skipping locked blocks and the requester's RDD, dropping to disk when the level allows", () => {
    const { mm, ms } = makeStore(2000);
    stepOk(mm, () => mm.acquireExecutionMemory(1000, 0, 'ON_HEAP'));
    stepOk(mm, () => ms.putBytes('rdd_1_0', 400, 'ON_HEAP', StorageLevels.MEMORY_AND_DISK));
    stepOk(mm, () => ms.putBytes('rdd_2_0', 300, 'ON_HEAP'));
    stepOk(mm, () => ms.putBytes('rdd_3_0', 300, 'ON_HEAP'));
    ms.blockInfoManager.lockForReading('rdd_3_0');
    // 500 needed: rdd_2_0 is the requester's RDD, rdd_3_0 is read -> only rdd_1_0 (400): not enough, nothing dropped.
    assert.equal(
      stepOk(mm, () => ms.putBytes('rdd_2_1', 500, 'ON_HEAP')),
      false,
    );
    assert.deepEqual(ms.blockIds(), ['rdd_1_0', 'rdd_2_0', 'rdd_3_0']);
    ms.blockInfoManager.unlock('rdd_3_0');
    assert.equal(
      stepOk(mm, () => ms.putBytes('rdd_2_1', 500, 'ON_HEAP')),
      true,
    );
    assert.deepEqual(ms.blockIds(), ['rdd_2_0', 'rdd_2_1']);
    assert.deepEqual(ms.diskBlockIds(), ['rdd_1_0']);
  });

  it('putBlock falls back to disk for levels that use it', () => {
    const { mm, ms } = makeStore(1000);
    assert.equal(
      stepOk(mm, () => ms.putBlock('rdd_0_0', 5000, StorageLevels.MEMORY_AND_DISK)),
      'disk',
    );
    assert.equal(
      stepOk(mm, () => ms.putBlock('rdd_0_1', 5000, StorageLevels.MEMORY_ONLY)),
      'none',
    );
    assert.equal(
      stepOk(mm, () => ms.putBlock('rdd_0_2', 100, StorageLevels.MEMORY_ONLY)),
      'memory',
    );
    assert.equal(
      stepOk(mm, () => ms.putBlock('rdd_0_3', 100, StorageLevels.OFF_HEAP)),
      'memory',
    );
    assert.equal(mm.offHeapStorageMemoryUsed, 100);
  });
});
