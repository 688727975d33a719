import * as assert from 'node:assert/strict';
import { MemoryStore, SnappyUnifiedMemoryManager } from './api';
import { MemoryThresholds } from '../../../src/core/sim/snappy/memoryThresholds';
import { tableEvictionAttributes } from '../../../src/core/sim/snappy/tables';

describe('SnappyData store: thresholds (MemoryThresholds.java)', () => {
  it('stores percentages as floats and widens them for the byte thresholds', () => {
    const t = new MemoryThresholds(20 * 1024 ** 3, 95.12, 85.6);
    assert.equal(t.criticalThreshold, Math.fround(95.12));
    // (long) (95.12f * 0.01 * 21474836480): the float's 95.12000274658203, not 95.12.
    assert.equal(t.criticalThresholdBytes, Math.trunc(Math.fround(95.12) * 0.01 * 20 * 1024 ** 3));
    assert.notEqual(t.criticalThresholdBytes, Math.trunc(95.12 * 0.01 * 20 * 1024 ** 3));
    assert.equal(t.criticalThresholdClearBytes, Math.trunc(t.criticalThresholdBytes - 0.02 * 20 * 1024 ** 3));
  });

  it('goes critical at the threshold and comes down only 2% of the heap below it; never "eviction" in a Snappy store', () => {
    const t = new MemoryThresholds(1000, 90, 81);
    assert.equal(t.computeNextState('NORMAL', 899), 'EVICTION');
    assert.equal(t.computeNextState('EVICTION', 900), 'EVICTION_CRITICAL');
    assert.equal(t.computeNextState('EVICTION_CRITICAL', 881), 'EVICTION_CRITICAL');
    assert.equal(t.computeNextState('EVICTION_CRITICAL', 879), 'EVICTION');
    assert.equal(t.computeNextState('EVICTION', 809), 'NORMAL');
    assert.throws(
      () => new MemoryThresholds(1000, 80, 90),
      /Eviction percentage must be less than the critical percentage/,
    );
  });
});

describe('SnappyData store: table eviction attributes (StoreUtils.ddlExtensionString)', () => {
  it('gives row and column tables heap-LRU overflow by default, none with EVICTION_BY NONE or OVERFLOW false', () => {
    assert.deepEqual(tableEvictionAttributes({ kind: 'row' }), { algorithm: 'LRUHEAPPERCENT' });
    assert.deepEqual(tableEvictionAttributes({ kind: 'column' }), { algorithm: 'LRUHEAPPERCENT' });
    assert.deepEqual(tableEvictionAttributes({ kind: 'row', evictionBy: 'none' }), { algorithm: 'NONE' });
    assert.deepEqual(tableEvictionAttributes({ kind: 'row', overflow: 'false' }), { algorithm: 'NONE' });
    assert.deepEqual(tableEvictionAttributes({ kind: 'row', evictionBy: 'LRUCOUNT 3' }), {
      algorithm: 'LRUCOUNT',
      maximum: 3,
    });
    assert.deepEqual(tableEvictionAttributes({ kind: 'row', evictionBy: 'LRUHEAPPERCENT', overflow: 'false' }), {
      error: "overflow 'FALSE' is not supported when eviction is configured.",
    });
  });
});

describe('SnappyData store: what the evictor takes', () => {
  function make(): SnappyUnifiedMemoryManager {
    // 1000-byte heap, no reserve, fraction 1: storage region 500, storage cap 0.8 x 1000.
    const mm = new SnappyUnifiedMemoryManager({
      systemMemory: 1000,
      conf: { 'spark.testing': 'true', 'spark.memory.fraction': '1' },
    });
    mm.setMemoryStore(new MemoryStore(mm));
    return mm;
  }

  it('overflows only heap-LRU tables; a table without eviction keeps its data and the insert fails', () => {
    const mm = make();
    mm.createTable('pinned', { kind: 'row', evictionBy: 'NONE' });
    mm.createTable('lru', { kind: 'row' });
    for (let i = 0; i < 4; i++) assert.equal(mm.insert('pinned', 100), undefined);
    for (let i = 0; i < 4; i++) assert.equal(mm.insert('lru', 100), undefined);
    // The cap (800) is reached: the next entry overflows LRU entries of LRU only.
    assert.equal(mm.insert('pinned', 100), undefined);
    assert.equal(mm.tableBytesOnDisk('PINNED'), 0);
    assert.ok(mm.tableBytesOnDisk('LRU') >= 100);
    // With LRU empty, nothing more can be evicted: LowMemoryException with the store's text.
    for (let i = 0; i < 4; i++) mm.insert('pinned', 100);
    const ev = mm.insert('pinned', 100);
    assert.equal(ev?.message, 'Could not obtain memory of size 100');
    assert.equal(mm.tableBytesInMemory('LRU'), 0);
    assert.ok(mm.stats.ON_HEAP.numFailedStorageRequest >= 1);
  });

  it('an LRUCOUNT table evicts past its count on insert, whatever the heap', () => {
    const mm = make();
    mm.createTable('t', { kind: 'row', evictionBy: 'LRUCOUNT 3' });
    for (let i = 0; i < 5; i++) mm.insert('t', 10);
    assert.equal(mm.tableBytesInMemory('T'), 30);
    assert.equal(mm.tableBytesOnDisk('T'), 20);
    assert.equal(mm.getMemoryForObject('T', 'ON_HEAP'), 30);
  });

  it('execution evicts at least the minimum eviction of its request size, not of its shortfall', () => {
    const mm = new SnappyUnifiedMemoryManager({
      systemMemory: 100000,
      conf: { 'spark.testing': 'true', 'spark.memory.fraction': '1' },
    });
    mm.setMemoryStore(new MemoryStore(mm));
    mm.createTable('t', { kind: 'row' });
    for (let i = 0; i < 80; i++) mm.insert('t', 1000);
    // Storage 80000 (region 50000); execution free 20000. Ask 21000: shortfall 1000, but
    // getMinHeapEviction(21000) = max(0, min(10 MB, 21000 x 100)) so everything reclaimable goes.
    assert.equal(mm.acquireExecutionMemory(21000, 0, 'ON_HEAP'), 21000);
    assert.equal(mm.tableBytesOnDisk('T'), 30000);
  });
});

describe('SnappyData percentages as Java prints the float', () => {
  it('prints 95.12f as 95.12 and whole numbers with .0', async () => {
    const { javaFloatToString } = await import('../../../src/core/config/javaParse');
    assert.equal(javaFloatToString(Math.fround(95.12)), '95.12');
    assert.equal(javaFloatToString(Math.fround(85.61)), '85.61');
    assert.equal(javaFloatToString(95), '95.0');
    assert.equal(javaFloatToString(0), '0.0');
    assert.equal(javaFloatToString(Math.fround(0.1)), '0.1');
  });
});
