// Workload fidelity, each on tiny numbers and against the Spark code it follows: read locks held
// by a task on the cached blocks it reads, a failed task's untracked objects, a MEMORY_AND_DISK
// block that fell back to disk read back into memory, broadcast pieces, and the hash build's text.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import {
  ExecutorSource,
  Scenario,
  executorSourceOfDocument,
  parseScenario,
  simulateWorkload,
} from '../../../src/core/workload';

const MiB = 1024 * 1024;

function sparkSource(text: string): ExecutorSource {
  const r = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), {});
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function scenario(yaml: string): Scenario {
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

// 4g, one core: (Runtime.maxMemory of 4 GiB − 300 MiB) × 0.6 unified, half of it the storage region.
const ONE_CORE = sparkSource('spark.executor.memory 4g\nspark.executor.cores 1\n');

describe('workload fidelity', () => {
  it('a task keeps the read lock on the cached block it reads: its sort spills instead of evicting it', () => {
    // BlockManager.getLocalValues takes a read lock the block's iterator holds until it is consumed;
    // MemoryStore.evictBlocksToFreeSpace only drops blocks it can write-lock.
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: read then sort
stages:
  - name: cache
    tasks: 1
    ops:
      - cache: { rdd: 1, size: 1500m, level: MEMORY_ONLY, elementSize: 1m }
  - name: sort what was read
    tasks: 1
    ops:
      - read: { rdd: 1, size: 1500m, level: MEMORY_ONLY, elementSize: 1m }
      - shuffleSort: { size: 1000m, recordSize: 1k }
  - name: read again
    tasks: 1
    ops:
      - read: { rdd: 1, size: 1500m, level: MEMORY_ONLY, elementSize: 1m }
`),
    );
    assert.equal(r.summary.evictedBlocks, 0, JSON.stringify(r.summary));
    assert.ok(r.summary.spilledBytes > 0, JSON.stringify(r.summary));
    assert.equal(r.summary.cacheHits, 2);
    assert.equal(r.summary.cacheMisses, 0);
  });

  it('the lock goes with the task: a later task’s sort may evict the block', () => {
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: cache then sort elsewhere
stages:
  - tasks: 1
    ops:
      - cache: { rdd: 1, size: 1500m, level: MEMORY_ONLY, elementSize: 1m }
  - tasks: 1
    ops:
      - shuffleSort: { size: 1000m, recordSize: 1k }
`),
    );
    assert.equal(r.summary.evictedBlocks, 1, JSON.stringify(r.summary));
    assert.equal(r.summary.spilledBytes, 0);
  });

  it('a failed task releases its untracked objects at once (its retry does not find them)', () => {
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: objects then a failing build
conf:
  spark.task.maxFailures: "3"
stages:
  - tasks: 1
    ops:
      - userObjects: { size: 100m, holdMs: 1000000000 }
      - hashJoinBuild: { size: 3000m, recordSize: 1k }
`),
    );
    assert.equal(r.summary.failedTasks, 3);
    // Without the release each attempt would add its 100 MiB to the last one's.
    assert.equal(r.summary.peakUntracked, 100 * MiB);
    assert.equal(r.series.untracked[r.series.untracked.length - 1], 0);
  });

  it('a succeeding task leaves its objects for their holdMs', () => {
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: objects kept
stages:
  - tasks: 2
    ops:
      - userObjects: { size: 100m, holdMs: 1000000000 }
`),
    );
    assert.equal(r.summary.peakUntracked, 200 * MiB);
  });

  it('a hash build that cannot grow fails with Spark’s own text', () => {
    // UnsafeHashedRelation.apply: append fails → binaryMap.free(); SparkOutOfMemoryError.
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: build
conf:
  spark.task.maxFailures: "1"
stages:
  - tasks: 1
    ops:
      - hashJoinBuild: { size: 3000m, recordSize: 1k }
`),
    );
    assert.match(
      r.summary.stoppedAt ?? '',
      /most recent failure: SparkOutOfMemoryError: There is not enough memory to build hash map$/,
    );
    assert.equal(r.summary.peakExecutionUsed <= (r.executor?.maxHeapMemory ?? 0), true);
  });

  it('a MEMORY_AND_DISK block that fell back to disk is read back and cached in memory again', () => {
    // BlockManager.doPutIterator: "Persisting block ... to disk instead"; getLocalValues then
    // maybeCacheDiskValuesInMemory offers the values read from disk to the memory store.
    const r = simulateWorkload(
      ONE_CORE,
      scenario(`name: fall back, read back
stages:
  - name: the task's own hash relation leaves storage too little
    tasks: 1
    ops:
      - hashJoinBuild: { size: 1500m, recordSize: 1k }
      - cache: { rdd: 1, size: 1500m, level: MEMORY_AND_DISK, elementSize: 1m }
  - name: read from disk, cached again
    tasks: 1
    ops:
      - read: { rdd: 1, size: 1500m, level: MEMORY_AND_DISK, elementSize: 1m }
  - name: read from memory
    tasks: 1
    ops:
      - read: { rdd: 1, size: 1500m, level: MEMORY_AND_DISK, elementSize: 1m }
`),
      { maxKeptEvents: 10_000 },
    );
    assert.equal(r.summary.unrollFailures, 1, JSON.stringify(r.summary));
    assert.equal(r.summary.diskPuts, 1);
    assert.equal(r.summary.diskHits, 1);
    assert.ok(r.events.some((e) => e.kind === 'acquire' && e.message === 'cached rdd_1_0 again from disk: 1.46 GiB'));
    assert.equal(r.summary.cacheHits, 1);
  });

  it('broadcast pieces are MEMORY_AND_DISK_SER blocks of spark.broadcast.blockSize beside the value', () => {
    // TorrentBroadcast.readBlocks: putBytes(piece, MEMORY_AND_DISK_SER); then putSingle(value, MEMORY_AND_DISK).
    const run = (conf: string) =>
      simulateWorkload(
        sparkSource(`spark.executor.memory 4g\nspark.executor.cores 1\n${conf}`),
        scenario(`name: broadcast
serialization: { ratio: 0.5 }
stages:
  - tasks: 2
    ops:
      - broadcast: { id: 0, size: 20m }
`),
        { maxKeptEvents: 10_000 },
      );
    const r = run('');
    // 10 MiB serialized in 4 MiB pieces: 4 + 4 + 2, then the 20 MiB value.
    const stored = r.events.filter((e) => e.kind === 'acquire' && /broadcast_0/.test(e.message)).map((e) => e.message);
    assert.deepEqual(stored, [
      'stored broadcast_0_piece0 (MEMORY_AND_DISK_SER): 4.00 MiB',
      'stored broadcast_0_piece1 (MEMORY_AND_DISK_SER): 4.00 MiB',
      'stored broadcast_0_piece2 (MEMORY_AND_DISK_SER): 2.00 MiB',
      'cached broadcast_0 (MEMORY_AND_DISK): 20.00 MiB',
    ]);
    assert.equal(r.summary.peakStorageUsed, 30 * MiB);
    const one = run('spark.broadcast.blockSize 16m\n');
    assert.equal(one.events.filter((e) => e.kind === 'acquire' && /piece/.test(e.message)).length, 1);
    assert.equal(one.summary.peakStorageUsed, 30 * MiB);
  });
});
