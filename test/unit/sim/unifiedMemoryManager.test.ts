import * as assert from 'node:assert/strict';
import {
  ExecutionWait,
  MemoryStore,
  SPARK_2_4,
  SPARK_3_5,
  SPARK_4_1,
  SparkError,
  StaticMemoryManager,
  UnifiedMemoryManager,
  isExecutionWait,
} from './api';
import { makeUnified, stepOk, withExactStore } from './helpers';

for (const version of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) {
  const v = `${version.major}.${version.minor}`;

  describe(`UnifiedMemoryManager @${v}`, () => {
    it('basic execution memory', () => {
      const mm = withExactStore(makeUnified(version));
      mm.assertInvariants();
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(10, 0, 'ON_HEAP')),
        10,
      );
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(100, 0, 'ON_HEAP')),
        100,
      );
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(1000, 0, 'ON_HEAP')),
        890,
      );
      assert.equal(mm.executionMemoryUsed, 1000);
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(1, 0, 'ON_HEAP')),
        0,
      );
      stepOk(mm, () => mm.releaseExecutionMemory(800, 0, 'ON_HEAP'));
      assert.equal(mm.executionMemoryUsed, 200);
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(1, 0, 'ON_HEAP')),
        1,
      );
      stepOk(mm, () => mm.releaseExecutionMemory(1000, 0, 'ON_HEAP'));
      assert.equal(mm.executionMemoryUsed, 0);
    });

    it('storage borrows execution free memory and keeps it when the acquire fails', () => {
      const mm = makeUnified(version);
      const ms = new MemoryStore(mm);
      mm.setMemoryStore(ms);
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(400, 0, 'ON_HEAP')),
        400,
      );
      assert.equal(
        stepOk(mm, () => ms.putBytes('rdd_1_0', 400, 'ON_HEAP')),
        true,
      );
      ms.blockInfoManager.lockForReading('rdd_1_0');
      assert.equal(
        stepOk(mm, () => ms.putBytes('rdd_2_0', 300, 'ON_HEAP')),
        false,
      );
      assert.equal(mm.onHeapStorageMemoryPool.poolSize, 600);
      assert.equal(mm.onHeapExecutionMemoryPool.poolSize, 400);
    });

    it('execution evicts only what storage borrowed, whole blocks, before the per-task cap', () => {
      const mm = makeUnified(version);
      const ms = new MemoryStore(mm);
      mm.setMemoryStore(ms);
      stepOk(mm, () => ms.putBytes('rdd_1_0', 300, 'ON_HEAP'));
      stepOk(mm, () => ms.putBytes('rdd_1_1', 300, 'ON_HEAP'));
      stepOk(mm, () => ms.putBytes('broadcast_0', 100, 'ON_HEAP'));
      ms.blockInfoManager.lockForReading('rdd_1_0');
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(500, 0, 'ON_HEAP')),
        500,
      );
      assert.deepEqual(ms.blockIds(), ['rdd_1_0', 'broadcast_0']);
      assert.equal(mm.onHeapStorageMemoryPool.poolSize, 400);
    });

    it('a request below 1/2N waits, stays counted, and completes on release', () => {
      const mm = withExactStore(makeUnified(version));
      assert.equal(
        stepOk(mm, () => mm.acquireExecutionMemory(1000, 1, 'ON_HEAP')),
        1000,
      );
      const w = stepOk(mm, () => mm.acquireExecutionMemory(250, 2, 'ON_HEAP'));
      assert.ok(isExecutionWait(w));
      assert.equal(mm.onHeapExecutionMemoryPool.numActiveTasks, 2);
      let settled: ExecutionWait | undefined;
      w.onSettled = (x) => {
        settled = x;
      };
      stepOk(mm, () => mm.releaseExecutionMemory(100, 1, 'ON_HEAP'));
      assert.equal(w.state, 'waiting');
      stepOk(mm, () => mm.releaseExecutionMemory(150, 1, 'ON_HEAP'));
      assert.equal(settled, w);
      assert.equal(w.granted, 250);
      assert.equal(mm.getExecutionMemoryUsageForTask(2), 250);
      assert.equal(mm.waitingRequests.length, 0);
    });

    it('a waiter whose task entry was released fails as Spark does (key not found)', () => {
      const mm = withExactStore(makeUnified(version));
      mm.acquireExecutionMemory(1000, 1, 'ON_HEAP');
      const w = mm.acquireExecutionMemory(300, 2, 'ON_HEAP') as ExecutionWait;
      // The release notifies; the waiter wakes, reads its own (now removed) entry and fails.
      stepOk(mm, () => mm.releaseAllExecutionMemoryForTask(2));
      assert.equal(w.state, 'failed');
      assert.equal(w.error?.sparkClass, 'NoSuchElementException');
    });

    it('eviction that throws resizes nothing (SPARK-15260)', () => {
      const mm = makeUnified(version, 1000, { 'spark.memory.storageFraction': '0' });
      mm.setMemoryStore({
        currentUnrollMemory: 0,
        evictBlocksToFreeSpace: () => {
          throw new SparkError('RuntimeException', 'bad memory store!');
        },
      });
      assert.equal(
        stepOk(mm, () => mm.acquireStorageMemory('dummy', 1000, 'ON_HEAP')),
        true,
      );
      stepOk(mm, () => mm.releaseStorageMemory(600, 'ON_HEAP'));
      assert.throws(
        () => mm.acquireExecutionMemory(1000, 0, 'ON_HEAP'),
        (e: unknown) => e instanceof SparkError && e.isInstanceOf('RuntimeException'),
      );
      mm.assertInvariants();
      assert.equal(mm.onHeapStorageMemoryPool.poolSize, 1000);
    });

    it('0-byte and negative requests are Spark assertion failures', () => {
      const mm = withExactStore(makeUnified(version));
      assert.throws(() => mm.acquireExecutionMemory(0, 0, 'ON_HEAP'), {
        name: 'AssertionError',
        message: 'assertion failed: invalid number of bytes requested: 0',
      });
      assert.throws(() => mm.acquireExecutionMemory(-1, 0, 'ON_HEAP'), {
        name: 'AssertionError',
        message: 'assertion failed',
      });
      assert.throws(() => mm.acquireStorageMemory('b', -1, 'ON_HEAP'), { name: 'AssertionError' });
    });
  });
}

describe('UnifiedMemoryManager version differences', () => {
  it('3.3+ requires an on-heap execution pool; 2.4 does not', () => {
    const conf = { 'spark.memory.fraction': '0' };
    assert.equal(UnifiedMemoryManager.fromConf({ version: SPARK_2_4, conf, systemMemory: 1 << 30 }).maxHeapMemory, 0);
    assert.throws(() => UnifiedMemoryManager.fromConf({ version: SPARK_3_5, conf, systemMemory: 1 << 30 }), {
      message: 'requirement failed: onHeapExecutionMemory must be > 0',
    });
  });

  it('3.5 raises INVALID_EXECUTOR_MEMORY with parameters; 2.4 the plain text', () => {
    const conf = { 'spark.executor.memory': '2048' };
    try {
      UnifiedMemoryManager.fromConf({ version: SPARK_3_5, conf, systemMemory: 4 * 1024 ** 3 });
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof SparkError);
      assert.equal(e.errorClass, 'INVALID_EXECUTOR_MEMORY');
      assert.deepEqual(e.messageParameters, {
        executorMemory: '2048',
        minSystemMemory: '471859200',
        config: 'spark.executor.memory',
      });
      assert.ok(e.isInstanceOf('IllegalArgumentException'));
    }
    assert.throws(() => UnifiedMemoryManager.fromConf({ version: SPARK_2_4, conf, systemMemory: 4 * 1024 ** 3 }), {
      message:
        'Executor memory 2048 must be at least 471859200. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.',
    });
  });

  it('4.1 counts unmanaged memory only while polling is on', () => {
    const on = withExactStore(makeUnified(SPARK_4_1, 1000, { 'spark.memory.unmanagedMemoryPollingInterval': '100ms' }));
    on.setUnmanagedMemory('ON_HEAP', 200);
    assert.equal(
      stepOk(on, () => on.acquireExecutionMemory(900, 0, 'ON_HEAP')),
      800,
    );
    const off = withExactStore(
      makeUnified(SPARK_3_5, 1000, { 'spark.memory.unmanagedMemoryPollingInterval': '100ms' }),
    );
    off.setUnmanagedMemory('ON_HEAP', 200);
    assert.equal(
      stepOk(off, () => off.acquireExecutionMemory(900, 0, 'ON_HEAP')),
      900,
    );
  });
});

describe('StaticMemoryManager @2.4', () => {
  it('caps eviction for unrolling at maxUnrollMemory', () => {
    const mm = new StaticMemoryManager({
      version: SPARK_2_4,
      conf: { 'spark.storage.unrollFraction': '0.4' },
      maxOnHeapExecutionMemory: 1e12,
      maxOnHeapStorageMemory: 1000,
    });
    const store = {
      currentUnrollMemory: 0,
      evictBlocksToFreeSpace: (_b: string | null, space: number) => {
        mm.releaseStorageMemory(space, 'ON_HEAP');
        return space;
      },
    };
    mm.setMemoryStore(store);
    assert.equal(
      stepOk(mm, () => mm.acquireUnrollMemory('b', 100, 'ON_HEAP')),
      true,
    );
    stepOk(mm, () => mm.releaseUnrollMemory(40, 'ON_HEAP'));
    store.currentUnrollMemory = 60;
    assert.equal(
      stepOk(mm, () => mm.acquireStorageMemory('b', 800, 'ON_HEAP')),
      true,
    );
    assert.equal(
      stepOk(mm, () => mm.acquireUnrollMemory('b', 240, 'ON_HEAP')),
      true,
    );
    store.currentUnrollMemory = 300;
    assert.equal(
      stepOk(mm, () => mm.acquireUnrollMemory('b', 150, 'ON_HEAP')),
      false,
    );
    assert.equal(mm.storageMemoryUsed, 900);
  });

  it('derives the legacy sizes with no reserve', () => {
    const mm = StaticMemoryManager.fromConf({ version: SPARK_2_4, systemMemory: 1073741824 });
    assert.equal(mm.maxOnHeapExecutionMemory, 171798691);
    assert.equal(mm.maxOnHeapStorageMemory, 579820584);
    assert.equal(mm.maxUnrollMemory, 115964116);
  });
});
