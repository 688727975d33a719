// The workload engine on the simulator: presets make their point, runs are deterministic, the
// pools stay consistent at every sampled point, and pathological inputs stop fast.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import { SPARK_4_1 } from '../../../src/core/version';
import {
  ExecutorSource,
  PRESETS,
  Scenario,
  SimResult,
  WorkloadRun,
  compareConfigs,
  compareLevels,
  executorSourceOfDocument,
  levelAdvice,
  parseScenario,
  presetScenario,
  ruleOfThumb,
  simulateWorkload,
} from '../../../src/core/workload';

const MiB = 1024 * 1024;

function sparkSource(text: string, overrides: Record<string, string> = {}): ExecutorSource {
  const r = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), { overrides });
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function snappySource(text: string): ExecutorSource {
  const r = executorSourceOfDocument(parseDocument({ kind: 'snappy-members', role: 'server' }, text), {});
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function scenario(yaml: string): Scenario {
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

const EXEC_4G = sparkSource('spark.executor.memory 4g\nspark.executor.cores 4\n');
const EXEC_8G = sparkSource('spark.executor.memory 8g\nspark.executor.cores 4\n');
const SNAPPY_8G = snappySource('node-a -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\n');

function preset(id: string): Scenario {
  const s = presetScenario(id);
  assert.ok(s !== undefined, id);
  return s;
}

function checkPools(r: SimResult): void {
  const s = r.series;
  const x = r.executor;
  assert.ok(x !== undefined);
  assert.ok(s.t.length >= 2);
  for (let i = 0; i < s.t.length; i++) {
    const at = `point ${i} (t=${s.t[i]})`;
    assert.equal((s.onHeapStoragePoolSize[i] ?? 0) + (s.onHeapExecutionPoolSize[i] ?? 0), x.maxHeapMemory, at);
    assert.equal((s.offHeapStoragePoolSize[i] ?? 0) + (s.offHeapExecutionPoolSize[i] ?? 0), x.maxOffHeapMemory, at);
    assert.ok((s.onHeapStorageUsed[i] ?? 0) <= (s.onHeapStoragePoolSize[i] ?? 0), at);
    assert.ok((s.onHeapExecutionUsed[i] ?? 0) <= (s.onHeapExecutionPoolSize[i] ?? 0), at);
    assert.ok((s.offHeapStorageUsed[i] ?? 0) <= (s.offHeapStoragePoolSize[i] ?? 0), at);
    assert.ok((s.offHeapExecutionUsed[i] ?? 0) <= (s.offHeapExecutionPoolSize[i] ?? 0), at);
    if (i > 0) assert.ok((s.t[i] ?? 0) >= (s.t[i - 1] ?? 0), at);
    let perTask = 0;
    for (const slot of s.perTaskExecution) perTask += slot[i] ?? 0;
    assert.equal(perTask, (s.onHeapExecutionUsed[i] ?? 0) + (s.offHeapExecutionUsed[i] ?? 0), at);
  }
}

describe('workload engine', () => {
  it('lays out the 4g executor from the file (never re-derived)', () => {
    const r = simulateWorkload(EXEC_4G, preset('iterative-ml'));
    assert.equal(r.executor?.maxHeapMemory, 2388236697);
    assert.equal(r.executor?.onHeapStorageRegionSize, 1194118348);
    assert.equal(r.executor?.slots, 4);
  });

  it('iterative-ml: every re-read is a memory hit when storage is large enough', () => {
    const r = simulateWorkload(EXEC_8G, preset('iterative-ml'));
    assert.equal(r.summary.stoppedAt, undefined);
    assert.equal(r.summary.cacheHits, 80);
    assert.equal(r.summary.cacheMisses, 0);
    assert.equal(r.summary.hitRatio, 1);
    assert.equal(r.summary.peakStorageUsed, 16 * 40 * MiB);
    assert.equal(r.summary.failedTasks, 0);
    checkPools(r);
  });

  it('iterative-ml on a small executor misses and recomputes (MEMORY_ONLY has no disk)', () => {
    const small = sparkSource('spark.executor.memory 1g\nspark.executor.cores 4\n');
    const r = simulateWorkload(small, preset('iterative-ml'));
    assert.ok(r.summary.cacheMisses > 0, JSON.stringify(r.summary));
    assert.ok((r.summary.hitRatio ?? 1) < 0.9);
    assert.equal(r.summary.diskHits, 0);
    checkPools(r);
  });

  it('wide-aggregation spills on a 4g and an 8g executor', () => {
    const r = simulateWorkload(EXEC_4G, preset('wide-aggregation'));
    assert.ok(r.summary.spillCount >= 4, JSON.stringify(r.summary));
    assert.ok(r.summary.spilledBytes > 2048 * MiB);
    assert.ok(r.events.some((e) => e.kind === 'spill'));
    assert.equal(r.summary.peakExecutionUsed, r.executor?.maxHeapMemory);
    checkPools(r);
    const big = simulateWorkload(EXEC_8G, preset('wide-aggregation'));
    assert.ok(big.summary.spillCount >= 1 && big.summary.spilledBytes > 512 * MiB, JSON.stringify(big.summary));
    assert.ok(big.summary.spilledBytes < r.summary.spilledBytes);
  });

  it('broadcast-join stores the broadcast once and builds hash relations in execution memory', () => {
    const r = simulateWorkload(EXEC_4G, preset('broadcast-join'));
    assert.equal(r.summary.failedTasks, 0);
    // The 200 MiB value and its pieces, 100 MiB serialized (TorrentBroadcast keeps both).
    assert.equal(r.summary.peakStorageUsed, 300 * MiB);
    assert.ok(r.summary.peakExecutionUsed >= 4 * 128 * MiB);
    checkPools(r);
  });

  it('cache-thrash evicts blocks and drops them to disk; re-reads come from disk', () => {
    const r = simulateWorkload(EXEC_4G, preset('cache-thrash'));
    assert.ok(r.summary.evictedBlocks > 24, JSON.stringify(r.summary));
    // Blocks read back from disk are cached again (getLocalValues) and evict the other dataset,
    // whose blocks are on disk already: only the first eviction of a block writes it.
    assert.ok(r.summary.droppedToDiskBlocks > 0 && r.summary.droppedToDiskBlocks < r.summary.evictedBlocks);
    assert.equal(r.summary.diskHits, 48);
    assert.equal(r.summary.cacheHits, 0);
    assert.ok(r.events.some((e) => e.kind === 'dropToDisk'));
    assert.equal(r.summary.cacheMisses, 0);
    checkPools(r);
  });

  it('offheap-shuffle takes Tungsten pages from the off-heap execution pool', () => {
    const r = simulateWorkload(EXEC_4G, preset('offheap-shuffle'));
    assert.equal(r.executor?.tungstenMemoryMode, 'OFF_HEAP');
    assert.equal(r.executor?.maxOffHeapMemory, 2 * 1024 * MiB);
    assert.ok(Math.max(...r.series.offHeapExecutionUsed) > 1024 * MiB);
    assert.equal(Math.max(...r.series.onHeapExecutionUsed), 0);
    assert.ok(r.summary.peakOffHeapUsed > 1024 * MiB);
    checkPools(r);
  });

  it('stateful-streaming spills on Spark 4.1, where the polled state stores shrink off-heap execution, and not on 3.5', () => {
    const on41 = (() => {
      const r = executorSourceOfDocument(
        parseDocument({ kind: 'spark-defaults' }, 'spark.executor.memory 8g\nspark.executor.cores 4\n'),
        { sparkVersion: SPARK_4_1 },
      );
      if (!r.ok) assert.fail(r.message);
      return r.source;
    })();
    const r41 = simulateWorkload(on41, preset('stateful-streaming'));
    const r35 = simulateWorkload(
      sparkSource('spark.executor.memory 8g\nspark.executor.cores 4\n'),
      preset('stateful-streaming'),
    );
    // Four partitions' 384m stores, reopened by each batch, never add up past 1.5g.
    assert.equal(r41.summary.peakStateStore, 1536 * MiB);
    assert.equal(r35.summary.peakStateStore, 1536 * MiB);
    assert.equal(r41.summary.peakPolledUnmanaged, 1536 * MiB);
    assert.ok(
      r41.summary.spillCount > 0 && r35.summary.spillCount === 0,
      `${r41.summary.spillCount} / ${r35.summary.spillCount}`,
    );
    assert.ok(
      Math.max(...r41.series.offHeapExecutionUsed) <= 512 * MiB,
      String(Math.max(...r41.series.offHeapExecutionUsed)),
    );
    checkPools(r41);
    checkPools(r35);
  });

  it('snappy-row-no-eviction: the table never overflows, and query results get LowMemoryException', () => {
    const r = simulateWorkload(SNAPPY_8G, preset('snappy-row-no-eviction'));
    assert.equal(r.summary.tableBytesEvicted, 0);
    assert.ok(r.summary.lowMemoryExceptions > 0, JSON.stringify(r.summary));
    assert.equal(r.summary.lowMemoryExceptions, r.summary.failedTasks);
    assert.equal(r.summary.stoppedAt, undefined, 'the failed queries succeed on retry');
    assert.ok(r.events.some((e) => e.kind === 'lowMemory' && /above heap critical threshold/.test(e.message)));
    const failed = r.events.filter((e) => e.kind === 'taskFailed');
    assert.ok(failed.length > 0);
    for (const e of failed)
      assert.match(e.message, /LowMemoryException: Could not obtain ON_HEAP memory of size 201326592 ;/);
    checkPools(r);
  });

  it('snappy-column-load reaches eviction and raises LowMemoryException', () => {
    const r = simulateWorkload(SNAPPY_8G, preset('snappy-column-load'));
    assert.equal(r.memoryManager, 'SnappyUnifiedMemoryManager');
    assert.ok(r.summary.lowMemoryExceptions > 0, JSON.stringify(r.summary));
    assert.ok(r.summary.failedTasks > 0);
    assert.ok(r.events.some((e) => e.kind === 'lowMemory' && /Could not obtain memory of size/.test(e.message)));
    assert.ok(r.events.some((e) => e.kind === 'evict' && /table data/.test(e.message)));
    assert.ok((r.summary.tableBytesEvicted ?? 0) > 1024 * MiB, JSON.stringify(r.summary));
    // It ends in SnappyData's refusal, not in the heap running out: a failed attempt's objects are gone.
    assert.match(r.summary.stoppedAt ?? '', /most recent failure: LowMemoryException: Could not obtain memory of size/);
    assert.ok(!r.events.some((e) => /OutOfMemoryError/.test(e.message) && e.kind === 'taskFailed'));
    assert.equal(r.summary.lowMemoryExceptions, r.summary.failedTasks);
    checkPools(r);
  });

  it('every preset finishes without hitting its budget, on a 4g and an 8g executor', () => {
    for (const p of PRESETS) {
      for (const src of p.id.startsWith('snappy') ? [SNAPPY_8G] : [EXEC_4G, EXEC_8G]) {
        const r = simulateWorkload(src, preset(p.id));
        // The SnappyData load is meant to fail: past the critical threshold every retry fails too.
        if (p.id === 'snappy-column-load')
          assert.match(r.summary.stoppedAt ?? '', /^Job aborted due to stage failure: /, p.id);
        else assert.equal(r.summary.stoppedAt, undefined, p.id);
        assert.ok(r.summary.durationMs > 0, p.id);
        checkPools(r);
      }
    }
  });

  it('is deterministic: the same input gives identical JSON', () => {
    for (const p of PRESETS) {
      const src = p.id.startsWith('snappy') ? SNAPPY_8G : EXEC_4G;
      assert.equal(
        JSON.stringify(simulateWorkload(src, preset(p.id))),
        JSON.stringify(simulateWorkload(src, preset(p.id))),
        p.id,
      );
    }
  });

  it('step() plays the same run in pieces', () => {
    const whole = simulateWorkload(EXEC_4G, preset('wide-aggregation'));
    const run = new WorkloadRun(EXEC_4G, preset('wide-aggregation'));
    let steps = 0;
    while (!run.step(7)) {
      steps++;
      const snap = run.snapshot();
      assert.ok(snap.summary.events <= whole.summary.events);
    }
    assert.ok(steps > 10);
    assert.equal(JSON.stringify(run.result()), JSON.stringify(whole));
  });

  it('a late task below 1/2N of the execution pool waits until the others release', () => {
    // Three partitions are cached (1.05g, inside the storage region); the fourth misses and is
    // recomputed, so its task reaches the hash join build after the other three hold all the
    // execution memory they may (1/3 each): it waits for them to end.
    const r = simulateWorkload(
      EXEC_4G,
      scenario(`name: late task
stages:
  - tasks: 3
    ops:
      - cache: { rdd: 1, size: 350m, level: MEMORY_ONLY }
  - tasks: 4
    ops:
      - read: { rdd: 1, size: 350m }
      - hashJoinBuild: { size: 380m, recordSize: 100b }
      - compute: { ms: 1000 }
`),
    );
    assert.equal(r.summary.cacheMisses, 1);
    assert.equal(r.summary.waits, 1, JSON.stringify(r.summary));
    assert.ok(r.summary.waitMs > 500 && r.summary.waitMs < 1000, String(r.summary.waitMs));
    assert.equal(r.summary.failedTasks, 0);
    const wait = r.events.find((e) => e.kind === 'wait');
    const wake = r.events.find((e) => e.kind === 'wake');
    assert.equal(wait?.task, 6);
    assert.ok(wake !== undefined && wait !== undefined && wake.t - wait.t === r.summary.waitMs);
    checkPools(r);
  });

  it('a hash join build beyond its 1/N share fails the task (BytesToBytesMap cannot spill)', () => {
    const build = (maxFailures: number) =>
      simulateWorkload(
        EXEC_4G,
        scenario(`name: big build
conf:
  spark.task.maxFailures: "${maxFailures}"
stages:
  - tasks: 4
    ops:
      - hashJoinBuild: { size: 700m, recordSize: 100b }
`),
      );
    // With one attempt allowed, the first task to be refused fails the job.
    const once = build(1);
    assert.equal(once.summary.failedTasks, 1);
    assert.equal(once.summary.retriedTasks, 0);
    assert.match(
      once.summary.stoppedAt ?? '',
      /^Job aborted due to stage failure: Task \d+ in stage 1 failed 1 times \(spark\.task\.maxFailures=1\), most recent failure: SparkOutOfMemoryError: There is not enough memory to build hash map$/,
    );
    checkPools(once);
    // With Spark's default of 4 the retry runs next, beside the tasks that still hold their
    // builds, so the executor stays four builds deep: some partition fails a fourth time.
    const r = build(4);
    assert.ok((r.summary.retriedTasks ?? 0) >= 3, JSON.stringify(r.summary));
    assert.match(r.summary.stoppedAt ?? '', /failed 4 times/);
    assert.ok(
      r.events.some(
        (e) =>
          e.kind === 'taskFailed' &&
          /SparkOutOfMemoryError: There is not enough memory to build hash map; it will be retried/.test(e.message),
      ),
    );
    assert.ok(r.events.some((e) => e.kind === 'taskStart' && /attempt 2/.test(e.message)));
    checkPools(r);
    // With three tasks at a time each build fits its 1/3 share (more than 700m): no failure.
    const three = simulateWorkload(
      sparkSource('spark.executor.memory 4g\nspark.executor.cores 3\n'),
      scenario('name: b\nstages:\n  - tasks: 4\n    ops:\n      - hashJoinBuild: { size: 700m, recordSize: 100b }\n'),
    );
    assert.equal(three.summary.failedTasks, 0, JSON.stringify(three.summary));
  });

  it('the event budget stops a pathological scenario fast', () => {
    const r = simulateWorkload(
      EXEC_4G,
      scenario(`name: endless
maxEvents: 5000
stages:
  - tasks: 1000000
    ops:
      - aggregate: { size: 1g, recordSize: 1b }
      - shuffleSort: { size: 1t, recordSize: 1b }
`),
    );
    assert.match(
      r.summary.stoppedAt ?? '',
      /^stopped: the scenario needs more than its event budget of 5,000 \(maxEvents\), reached at t=\d/,
    );
    assert.ok(r.summary.events >= 5000 && r.summary.events < 5100, String(r.summary.events));
    assert.equal(r.events[r.events.length - 1]?.kind, 'budget');
  });

  it('a 1-byte page size and a billion tiny records finish quickly', () => {
    const tiny = simulateWorkload(
      EXEC_4G,
      scenario(`name: tiny pages
conf:
  spark.buffer.pageSize: 1b
stages:
  - tasks: 4
    ops:
      - shuffleSort: { size: 1g, recordSize: 1b }
`),
    );
    // 8192 pages per task (PAGE_NUMBER_BITS = 13), then IllegalStateException; every attempt
    // fails the same way, and the fourth failure of a partition aborts the job.
    assert.match(
      tiny.summary.stoppedAt ?? '',
      /failed 4 times .*Have already allocated a maximum of 8192 pages/,
      JSON.stringify(tiny.summary),
    );
    assert.ok(tiny.summary.failedTasks >= 4 && tiny.summary.failedTasks <= 13, JSON.stringify(tiny.summary));
    assert.ok(tiny.summary.events < 16 * 8200, String(tiny.summary.events));
    const billion = simulateWorkload(
      EXEC_4G,
      scenario(`name: billion records
stages:
  - tasks: 4
    ops:
      - cache: { rdd: 1, size: 1000000000, level: MEMORY_AND_DISK, elementSize: 1b }
      - aggregate: { size: 1000000000, recordSize: 1b }
`),
    );
    assert.equal(billion.summary.stoppedAt, undefined);
    // Bounded work, not a timing: a billion records cost a few hundred events.
    assert.ok(billion.summary.events < 2000, String(billion.summary.events));
  });

  it('keeps at most maxPoints points and maxKeptEvents events', () => {
    const s = preset('cache-thrash');
    const r = simulateWorkload(EXEC_4G, s, { maxPoints: 50, maxKeptEvents: 30 });
    assert.ok(r.series.t.length <= 50 && r.series.t.length >= 25, String(r.series.t.length));
    assert.ok(r.events.length <= 30);
    assert.ok(r.summary.events > 30);
    for (const slot of r.series.perTaskExecution) assert.equal(slot.length, r.series.t.length);
    const full = simulateWorkload(EXEC_4G, s);
    assert.equal(full.series.t[full.series.t.length - 1], r.series.t[r.series.t.length - 1]);
    assert.equal(full.summary.events, r.summary.events);
    // Notable kinds are kept ahead of acquire/release.
    assert.ok(r.events.some((e) => e.kind === 'evict' || e.kind === 'dropToDisk' || e.kind === 'stageStart'));
  });

  it('a scenario conf what-if is laid out again (heap, manager)', () => {
    const r = simulateWorkload(
      EXEC_4G,
      scenario(`name: bigger
conf:
  spark.executor.memory: 8g
stages:
  - tasks: 1
    ops: [ { compute: { ms: 1 } } ]
`),
    );
    assert.equal(r.executor?.systemMemory, 8 * 1024 * MiB);
    const bad = simulateWorkload(
      EXEC_4G,
      scenario(`name: broken
conf:
  spark.memory.fraction: "1.5"
stages:
  - tasks: 1
    ops: [ { compute: { ms: 1 } } ]
`),
    );
    assert.match(bad.summary.stoppedAt ?? '', /spark\.memory\.fraction should be between 0 and 1/);
  });

  it('untracked user objects beyond the user region are an OOM risk', () => {
    const r = simulateWorkload(
      EXEC_4G,
      scenario(`name: collect
stages:
  - tasks: 4
    ops:
      - userObjects: { size: 500m, holdMs: 100 }
      - compute: { ms: 10 }
`),
    );
    assert.equal(r.summary.oomRisks, 1);
    assert.equal(r.summary.peakUntracked, 2000 * MiB);
    assert.ok(r.events.some((e) => e.kind === 'oomRisk'));
  });

  it('serialized levels store serialization.ratio of the objects and pay the serializer', () => {
    const res = compareLevels(EXEC_8G, preset('iterative-ml'));
    const by = new Map(res.map((x) => [x.level, x.result.summary]));
    assert.equal(by.get('MEMORY_ONLY')?.peakStorageUsed, 640 * MiB);
    assert.equal(by.get('MEMORY_ONLY_SER')?.peakStorageUsed, 320 * MiB);
    assert.ok((by.get('MEMORY_ONLY_SER')?.durationMs ?? 0) > (by.get('MEMORY_ONLY')?.durationMs ?? 0));
    const s = scenario(
      'name: r\nserialization: { ratio: 0.25, MBps: 500 }\nstages:\n  - tasks: 2\n    ops:\n      - cache: { rdd: 1, size: 100m, level: MEMORY_ONLY_SER }\n',
    );
    assert.equal(simulateWorkload(EXEC_4G, s).summary.peakStorageUsed, 50 * MiB);
    // Storage too small for objects but not for bytes: the rule of thumb's case for _SER.
    const small = sparkSource('spark.executor.memory 1g\nspark.executor.cores 4\n');
    const ml = compareLevels(small, preset('iterative-ml'));
    assert.ok((ml[1]?.result.summary.cacheHits ?? 0) > (ml[0]?.result.summary.cacheHits ?? 0));
  });

  it('objects that do not fit in the heap beside the pools fail the task with OutOfMemoryError', () => {
    const r = simulateWorkload(
      EXEC_4G,
      scenario(`name: collect too much
stages:
  - tasks: 4
    ops:
      - userObjects: { size: 1500m, holdMs: 1000 }
`),
    );
    // 4g heap: two tasks' 1500m fit (3000m), the third and fourth do not; their retries run at
    // once, while the first two still hold their objects, and fail again until one partition
    // has failed four times (spark.task.maxFailures) and the job is aborted.
    assert.equal(r.summary.peakUntracked, 3000 * MiB);
    assert.ok(
      r.events.some(
        (e) => e.kind === 'taskFailed' && /OutOfMemoryError: Java heap space.*it will be retried/.test(e.message),
      ),
    );
    assert.match(r.summary.stoppedAt ?? '', /^Job aborted due to stage failure: Task [23] in stage 1 failed 4 times/);
    assert.equal(r.summary.failedTasks, (r.summary.retriedTasks ?? 0) + 1);
  });

  it("a spark.task.maxFailures that is not an int stops the run with the scheduler's message", () => {
    const r = simulateWorkload(
      EXEC_4G,
      scenario(
        'name: s\nconf:\n  spark.task.maxFailures: four\nstages:\n  - tasks: 1\n    ops:\n      - compute: { ms: 1 }\n',
      ),
    );
    assert.match(r.summary.stoppedAt ?? '', /spark\.task\.maxFailures should be int, but was four/);
    assert.equal(r.summary.tasks ?? 0, 0);
  });

  describe('RocksDB state stores (stateStore) and Spark 4.1 unmanaged memory', () => {
    const conf41 = (extra: string) => {
      const r = executorSourceOfDocument(
        parseDocument({ kind: 'spark-defaults' }, `spark.executor.memory 4g\nspark.executor.cores 1\n${extra}`),
        { sparkVersion: SPARK_4_1 },
      );
      if (!r.ok) assert.fail(r.message);
      return r.source;
    };
    // One task opens a 600m store, then caches 1000m of objects off heap (500m serialized); the pools are 1g.
    const run = scenario(`name: stateful
stages:
  - tasks: 1
    ops:
      - stateStore: { size: 600m, holdMs: 10000 }
      - compute: { ms: 200 }
      - cache: { rdd: 1, size: 1000m, level: OFF_HEAP }
`);

    it('from the first poll, the polled memory is taken off what off-heap storage may reach', () => {
      const polled = simulateWorkload(
        conf41(
          'spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\nspark.memory.unmanagedMemoryPollingInterval 100ms\n',
        ),
        run,
      );
      assert.equal(polled.summary.peakPolledUnmanaged, 600 * MiB);
      const poll = polled.events.find((e) => e.kind === 'unmanaged');
      assert.ok(
        poll !== undefined && poll.t === 100 && /424\.00 MiB of 1\.00 GiB/.test(poll.message),
        JSON.stringify(poll),
      );
      // 1g - 600m leaves 424m. Every unroll step fits under that, but MemoryStore's transfer of the
      // whole 500m block to storage memory is one request, refused: Spark's assertion fails the task.
      // Each retry fails the same way, and the job is aborted.
      assert.equal(polled.summary.failedTasks, 4, JSON.stringify(polled.summary));
      assert.match(
        polled.events.find((e) => e.kind === 'taskFailed')?.message ?? '',
        /transferring unroll memory to storage memory failed \(the block unrolled in steps.*600\.00 MiB of polled unmanaged memory/,
      );
      assert.match(polled.summary.stoppedAt ?? '', /failed 4 times/);
      // Without polling the same store is invisible and the block is cached.
      const unpolled = simulateWorkload(
        conf41('spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\n'),
        run,
      );
      assert.equal(unpolled.summary.failedTasks, 0);
      assert.equal(unpolled.summary.peakStorageUsed, 500 * MiB);
      assert.equal(unpolled.summary.peakPolledUnmanaged, 0);
      assert.match(
        unpolled.events.find((e) => e.kind === 'unmanaged')?.message ?? '',
        /unmanagedMemoryPollingInterval is 0/,
      );
      // A block under the limit is cached with polling on too.
      const small = simulateWorkload(
        conf41(
          'spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\nspark.memory.unmanagedMemoryPollingInterval 100ms\n',
        ),
        scenario(
          'name: s\nstages:\n  - tasks: 1\n    ops:\n      - stateStore: { size: 600m, holdMs: 10000 }\n      - compute: { ms: 200 }\n      - cache: { rdd: 1, size: 600m, level: OFF_HEAP }\n',
        ),
      );
      assert.equal(small.summary.failedTasks, 0);
      assert.equal(small.summary.peakStorageUsed, 300 * MiB);
    });

    it('says why the manager cannot see it before Spark 4.1, and when the off-heap pools are empty', () => {
      const r35 = simulateWorkload(
        sparkSource('spark.executor.memory 4g\nspark.memory.unmanagedMemoryPollingInterval 100ms\n'),
        run,
      );
      assert.match(r35.events.find((e) => e.kind === 'unmanaged')?.message ?? '', /polled from Spark 4\.1/);
      assert.equal(r35.summary.peakStateStore, 600 * MiB);
      const onHeapOnly = simulateWorkload(conf41('spark.memory.unmanagedMemoryPollingInterval 100ms\n'), run);
      assert.match(onHeapOnly.events.find((e) => e.kind === 'unmanaged')?.message ?? '', /off-heap pools are empty/);
    });
  });

  it('compareConfigs runs one scenario on two executors', () => {
    const c = compareConfigs(EXEC_4G, EXEC_8G, preset('wide-aggregation'));
    assert.equal(c.a.executor?.systemMemory, 4 * 1024 * MiB);
    assert.equal(c.b.executor?.systemMemory, 8 * 1024 * MiB);
    assert.ok(c.delta.spilledBytes < 0, JSON.stringify(c.delta));
    assert.equal(c.delta.spilledBytes, c.b.summary.spilledBytes - c.a.summary.spilledBytes);
  });

  it('compareLevels returns the six levels; the rule of thumb follows the seed', () => {
    const res = compareLevels(EXEC_4G, preset('cache-thrash'));
    assert.deepEqual(
      res.map((x) => x.level),
      ['MEMORY_ONLY', 'MEMORY_ONLY_SER', 'MEMORY_AND_DISK', 'MEMORY_AND_DISK_SER', 'DISK_ONLY', 'OFF_HEAP'],
    );
    const only = res[0]?.result.summary;
    const disk = res[4]?.result.summary;
    assert.ok((only?.cacheMisses ?? 0) > 0);
    assert.equal(disk?.cacheHits, 0);
    assert.equal(disk?.diskHits, 48);
    assert.equal(ruleOfThumb(100, 151), 'MEMORY_ONLY');
    assert.equal(ruleOfThumb(100, 150), 'MEMORY_ONLY_SER');
    assert.equal(ruleOfThumb(100, 100), 'MEMORY_AND_DISK_SER');
    const advice = levelAdvice(preset('cache-thrash'), res);
    assert.equal(advice?.ruleOfThumb, 'MEMORY_AND_DISK_SER');
    assert.equal(advice?.estimatedBytes, 48 * 128 * MiB);
  });
});
