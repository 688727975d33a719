// Property: for random executor configurations over Spark 2.4, 3.x and 4.x (unified and legacy, on- and
// off-heap), the memory manager the simulator builds (StaticMemoryManager / UnifiedMemoryManager.fromConf,
// as the workload engine builds it) has exactly the pools, limits, Tungsten mode and page size the layout
// (sparkLayout) shows, and when the layout says the executor does not start, building the manager throws
// that error. Seeded, so a failure replays.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SparkConfView } from '../../../src/core/config/confSource';
import { SparkLayout, sparkLayout } from '../../../src/core/layout/sparkLayout';
import { MemoryManager, SparkError, StaticMemoryManager, UnifiedMemoryManager } from '../../../src/core/sim';
import { SparkVersion, sparkVersion } from '../../../src/core/version';

const MiB = 1024 * 1024;

/** Releases whose memory code differs (spark-memory.md: 3.0 typed entries, 3.3 checks, 3.5 error classes, 4.1). */
const VERSIONS: readonly SparkVersion[] = [
  sparkVersion(2, 4, 8),
  sparkVersion(3, 0, 3),
  sparkVersion(3, 2, 4),
  sparkVersion(3, 3, 1),
  sparkVersion(3, 5, 9),
  sparkVersion(4, 0, 1),
  sparkVersion(4, 1, 1),
];

const fraction = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((n) => String(n / 100)),
  fc.constantFrom('0', '1', '1.0', '0.999', '1.2', '-0.1', ' 0.4'),
);
const size = (minMiB: number, maxMiB: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: minMiB, max: maxMiB }).map((n) => `${n}m`),
    fc.integer({ min: Math.max(1, Math.ceil(minMiB / 1024)), max: Math.ceil(maxMiB / 1024) }).map((n) => `${n}g`),
  );
const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: a });

interface Case {
  readonly version: SparkVersion;
  readonly conf: Record<string, string>;
  readonly systemMemory: number | undefined;
}

const aCase: fc.Arbitrary<Case> = fc
  .record({
    version: fc.constantFrom(...VERSIONS),
    legacy: fc.boolean(),
    executorMemory: optional(
      fc.oneof({ weight: 9, arbitrary: size(256, 65536) }, { weight: 1, arbitrary: size(1, 300) }),
    ),
    cores: optional(fc.integer({ min: 1, max: 16 })),
    memoryFraction: optional(fraction),
    storageFraction: optional(fraction),
    offHeapEnabled: optional(fc.constantFrom('true', 'false')),
    offHeapSize: optional(fc.oneof(size(0, 16384), fc.constantFrom('0', '-1g', '1001'))),
    pageSize: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('1m', '4m', '2097152', '64k') },
    ),
    testingMemory: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.integer({ min: 100 * MiB, max: 8192 * MiB }).map(String) },
    ),
    legacyFractions: fc.record({
      'spark.shuffle.memoryFraction': optional(fraction),
      'spark.shuffle.safetyFraction': optional(fraction),
      'spark.storage.memoryFraction': optional(fraction),
      'spark.storage.safetyFraction': optional(fraction),
      'spark.storage.unrollFraction': optional(fraction),
    }),
    systemMemory: optional(fc.integer({ min: 256 * MiB, max: 64 * 1024 * MiB })),
  })
  .map((r) => {
    const conf: Record<string, string> = {};
    const set = (k: string, v: string | undefined): void => {
      if (v !== undefined) conf[k] = v;
    };
    set('spark.executor.memory', r.executorMemory);
    set('spark.executor.cores', r.cores === undefined ? undefined : String(r.cores));
    set('spark.memory.fraction', r.memoryFraction);
    set('spark.memory.storageFraction', r.storageFraction);
    set('spark.memory.offHeap.enabled', r.offHeapEnabled);
    set('spark.memory.offHeap.size', r.offHeapSize);
    set('spark.buffer.pageSize', r.pageSize);
    set('spark.testing.memory', r.testingMemory);
    if (r.legacy && r.version.major === 2) {
      conf['spark.memory.useLegacyMode'] = 'true';
      for (const [k, v] of Object.entries(r.legacyFractions)) set(k, v);
    }
    return { version: r.version, conf, systemMemory: r.systemMemory };
  });

/** The manager as the workload engine builds it (buildExecutor), for the JVM and cores the layout assumed. */
function freshManager(c: Case, l: SparkLayout, systemMemory: number): MemoryManager {
  const opts = {
    version: c.version,
    conf: c.conf,
    systemMemory,
    numCores: l.executorCores,
    gc: l.executorJvm.collector,
  };
  return l.memoryManager === 'StaticMemoryManager'
    ? StaticMemoryManager.fromConf(opts)
    : UnifiedMemoryManager.fromConf(opts);
}

function pools(mm: MemoryManager): Record<string, number | string> {
  return {
    onHeapStorage: mm.onHeapStorageMemoryPool.poolSize,
    onHeapExecution: mm.onHeapExecutionMemoryPool.poolSize,
    offHeapStorage: mm.offHeapStorageMemoryPool.poolSize,
    offHeapExecution: mm.offHeapExecutionMemoryPool.poolSize,
    maxHeapMemory: mm.maxHeapMemory,
    maxOffHeapMemory: mm.maxOffHeapMemory,
    tungstenMemoryMode: mm.tungstenMemoryMode,
    pageSizeBytes: mm.pageSizeBytes,
  };
}

/** Java longs have no -0 (trunc(-0.1 × 0) is a JS -0, a Java 0L). */
const long = (n: number): number => (n === 0 ? 0 : n);
const asLongs = (r: Record<string, number | string>): Record<string, number | string> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? long(v) : v]));

/** What the layout says the same pools are at start-up. */
function layoutPools(l: SparkLayout): Record<string, number | string> | undefined {
  const page = l.pageSizeBytes ?? Number.NaN;
  if (l.unified !== undefined) {
    const u = l.unified;
    return {
      onHeapStorage: u.onHeapStorageRegionSize,
      onHeapExecution: u.onHeapExecutionPoolSize,
      offHeapStorage: u.offHeapStorageRegionSize,
      offHeapExecution: u.offHeapExecutionPoolSize,
      maxHeapMemory: u.maxHeapMemory,
      maxOffHeapMemory: u.maxOffHeapMemory,
      tungstenMemoryMode: u.tungstenMemoryMode,
      pageSizeBytes: page,
    };
  }
  if (l.legacy !== undefined) {
    const s = l.legacy;
    return {
      onHeapStorage: s.maxOnHeapStorageMemory,
      onHeapExecution: s.maxOnHeapExecutionMemory,
      offHeapStorage: s.maxOffHeapStorageMemory,
      offHeapExecution: s.offHeapExecutionPoolSize,
      maxHeapMemory: s.maxOnHeapStorageMemory + s.maxOnHeapExecutionMemory,
      maxOffHeapMemory: s.maxOffHeapMemory,
      tungstenMemoryMode: s.tungstenMemoryMode,
      pageSizeBytes: page,
    };
  }
  return undefined;
}

describe('the layout and a freshly built memory manager agree (property, spark-memory.md 1, 7, 8.3)', () => {
  it('on every pool, limit, Tungsten mode and page size, or on the start-up error, for random configurations', () => {
    let built = 0;
    let refused = 0;
    fc.assert(
      fc.property(aCase, (c) => {
        const view = SparkConfView.fromRecord(c.conf, 'file');
        const l = sparkLayout(view, {
          version: c.version,
          ...(c.systemMemory !== undefined ? { systemMemory: c.systemMemory } : {}),
        });
        const systemMemory = c.systemMemory ?? l.executorJvm.maxMemory ?? l.executorJvm.heap;
        const expected = layoutPools(l);
        let mm: MemoryManager;
        try {
          mm = freshManager(c, l, systemMemory);
        } catch (e) {
          assert.ok(e instanceof SparkError, String(e));
          assert.equal(expected, undefined, `the layout lays out an executor the manager refuses: ${e.message}`);
          const same = l.startupErrors.find((x) => x.message === e.message);
          assert.ok(same, `the manager's error is not among the layout's: ${e.sparkClass}: ${e.message}`);
          assert.equal(same.exceptionClass, e.sparkClass);
          refused++;
          return;
        }
        if (expected === undefined) {
          // SparkConf.validateSettings refuses a memory fraction outside [0, 1] before SparkEnv builds any
          // manager, so the layout has no sizes; a manager built on its own (as here) has no such check.
          assert.ok(
            l.startupErrors.some((x) => x.phase === 'driver' && /should be between 0 and 1 \(was /.test(x.message)),
            `the manager starts but the layout has no sizes: ${l.startupErrors.map((x) => x.message).join('; ')}`,
          );
          refused++;
          return;
        }
        assert.deepEqual(asLongs(pools(mm)), asLongs(expected));
        if (mm instanceof StaticMemoryManager) assert.equal(mm.maxUnrollMemory, l.legacy?.maxUnrollMemory);
        if (mm instanceof UnifiedMemoryManager)
          assert.equal(mm.onHeapStorageRegionSize, l.unified?.onHeapStorageRegionSize);
        built++;
      }),
      { seed: 20261207, numRuns: 400 },
    );
    // Both outcomes are exercised (else the generator drifted).
    assert.ok(built > 100, `only ${built} managers built`);
    assert.ok(refused > 20, `only ${refused} refusals`);
  });
});
