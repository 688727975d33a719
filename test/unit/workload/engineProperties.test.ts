// Random scenarios on random executors: the engine never throws, always ends (or stops at its
// budget), and the pools add up at every sampled point.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseDocument } from '../../../src/core/analyze';
import {
  ExecutorSource,
  STORAGE_LEVEL_NAMES,
  Scenario,
  StageSpec,
  TaskOp,
  executorSourceOfDocument,
  simulateWorkload,
} from '../../../src/core/workload';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1 } from '../../../src/core/version';

const MiB = 1024 * 1024;

const op: fc.Arbitrary<TaskOp> = fc.oneof(
  fc.record({
    op: fc.constant('cache' as const),
    rdd: fc.nat(3),
    bytes: fc.integer({ min: 1, max: 900 * MiB }),
    level: fc.constantFrom(...STORAGE_LEVEL_NAMES),
    elementBytes: fc.integer({ min: 1, max: 4096 }),
  }),
  fc.record({
    op: fc.constant('read' as const),
    rdd: fc.nat(3),
    bytes: fc.integer({ min: 1, max: 900 * MiB }),
    level: fc.constantFrom(...STORAGE_LEVEL_NAMES),
    elementBytes: fc.integer({ min: 1, max: 4096 }),
  }),
  fc.record({
    op: fc.constantFrom('shuffleSort' as const, 'aggregate' as const, 'hashJoinBuild' as const),
    bytes: fc.integer({ min: 1, max: 1500 * MiB }),
    recordBytes: fc.integer({ min: 1, max: 10000 }),
  }),
  fc.record({ op: fc.constant('broadcast' as const), id: fc.nat(2), bytes: fc.integer({ min: 1, max: 500 * MiB }) }),
  fc.record({
    op: fc.constant('userObjects' as const),
    bytes: fc.integer({ min: 1, max: 800 * MiB }),
    holdMs: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({
    op: fc.constant('stateStore' as const),
    bytes: fc.integer({ min: 1, max: 800 * MiB }),
    holdMs: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({ op: fc.constant('compute' as const), ms: fc.integer({ min: 0, max: 100 }) }),
  fc.record({
    op: fc.constant('tableLoad' as const),
    table: fc.constantFrom('A', 'B'),
    bytes: fc.integer({ min: 1, max: 800 * MiB }),
    store: fc.constantFrom('row' as const, 'column' as const),
  }),
);

const stage: fc.Arbitrary<StageSpec> = fc.record({
  name: fc.constant('s'),
  tasks: fc.integer({ min: 1, max: 12 }),
  ops: fc.array(op, { minLength: 1, maxLength: 4 }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  name: fc.constant('random'),
  stages: fc.array(stage, { minLength: 1, maxLength: 3 }),
  throughput: fc.constant({
    memoryBytesPerMs: (2000 * MiB) / 1000,
    diskBytesPerMs: (200 * MiB) / 1000,
    spillBytesPerMs: (150 * MiB) / 1000,
  }),
  maxEvents: fc.integer({ min: 50, max: 20000 }),
});

function spark(
  heapMiB: number,
  cores: number,
  offHeap: boolean,
  v: number,
  pageSize: boolean,
): ExecutorSource | undefined {
  const text =
    `spark.executor.memory ${heapMiB}m\nspark.executor.cores ${cores}\n` +
    (offHeap ? 'spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 512m\n' : '') +
    // Unmanaged memory is polled on 4.1 runs with off-heap pools (ignored elsewhere).
    (offHeap && v === 2 ? 'spark.memory.unmanagedMemoryPollingInterval 50ms\n' : '') +
    (pageSize ? 'spark.buffer.pageSize 1m\n' : '') +
    (v === 0 ? 'spark.memory.useLegacyMode true\n' : '');
  const r = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), {
    sparkVersion: [SPARK_2_4, SPARK_3_5, SPARK_4_1][v] ?? SPARK_3_5,
  });
  return r.ok ? r.source : undefined;
}

describe('workload engine properties', () => {
  it('random scenarios end, keep the pools consistent and respect the budget', () => {
    const executor = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 700, max: 8192 }),
          fc.integer({ min: 1, max: 8 }),
          fc.boolean(),
          fc.integer({ min: 0, max: 2 }),
          fc.boolean(),
        )
        .map(([h, c, o, v, p]) => spark(h, c, o, v, p)),
      fc
        .tuple(
          fc.integer({ min: 2, max: 16 }),
          fc.constantFrom('', ' -memory-size=2g'),
          fc.constantFrom('', ' -critical-heap-percentage=90'),
        )
        .map(([g, m, c]) => {
          const r = executorSourceOfDocument(
            parseDocument({ kind: 'snappy-members', role: 'server' }, `h -heap-size=${g}g${m}${c}\n`),
          );
          return r.ok ? r.source : undefined;
        }),
    );
    const seen = { runs: 0, spilled: 0, evicted: 0, failed: 0, stopped: 0, snappy: 0 };
    fc.assert(
      fc.property(executor, scenarioArb, (src, sc) => {
        if (src === undefined) return;
        const r = simulateWorkload(src, sc, { maxPoints: 64, maxKeptEvents: 64 });
        seen.runs++;
        if (r.summary.spillCount > 0) seen.spilled++;
        if (r.summary.evictedBlocks > 0) seen.evicted++;
        if (r.summary.failedTasks > 0) seen.failed++;
        if (r.summary.stoppedAt !== undefined) seen.stopped++;
        if (src.snappy !== undefined) seen.snappy++;
        const x = r.executor;
        assert.ok(x !== undefined, r.summary.stoppedAt);
        assert.ok(r.summary.events <= sc.maxEvents + 64, `${r.summary.events} events for a budget of ${sc.maxEvents}`);
        if (r.summary.stoppedAt !== undefined)
          assert.match(r.summary.stoppedAt, /event budget|wait for execution memory|^Job aborted due to stage failure/);
        assert.ok(r.series.t.length <= 64 && r.events.length <= 64);
        const s = r.series;
        for (let i = 0; i < s.t.length; i++) {
          assert.equal((s.onHeapStoragePoolSize[i] ?? 0) + (s.onHeapExecutionPoolSize[i] ?? 0), x.maxHeapMemory);
          assert.equal((s.offHeapStoragePoolSize[i] ?? 0) + (s.offHeapExecutionPoolSize[i] ?? 0), x.maxOffHeapMemory);
          assert.ok((s.onHeapStorageUsed[i] ?? 0) <= (s.onHeapStoragePoolSize[i] ?? 0));
          assert.ok((s.onHeapExecutionUsed[i] ?? 0) <= (s.onHeapExecutionPoolSize[i] ?? 0));
          assert.ok((s.offHeapStorageUsed[i] ?? 0) <= (s.offHeapStoragePoolSize[i] ?? 0));
          assert.ok((s.offHeapExecutionUsed[i] ?? 0) <= (s.offHeapExecutionPoolSize[i] ?? 0));
        }
        // A finished run ends with nothing held by tasks.
        if (r.summary.stoppedAt === undefined) {
          assert.equal(s.onHeapExecutionUsed[s.t.length - 1], 0);
          assert.equal(s.offHeapExecutionUsed[s.t.length - 1], 0);
        }
        assert.equal(
          JSON.stringify(simulateWorkload(src, sc, { maxPoints: 64, maxKeptEvents: 64 })),
          JSON.stringify(r),
        );
      }),
      { numRuns: Number(process.env['WORKLOAD_RUNS'] ?? 150), seed: 20261206 },
    );
    // The generators reach the interesting paths (a fixed seed keeps this stable).
    assert.ok(
      seen.runs > 100 &&
        seen.spilled > 5 &&
        seen.evicted > 0 &&
        seen.failed > 5 &&
        seen.stopped > 0 &&
        seen.snappy > 10,
      JSON.stringify(seen),
    );
  });
});
