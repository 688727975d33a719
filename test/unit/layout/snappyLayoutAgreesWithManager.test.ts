// Property: for random SnappyData server lines (heap, memory-size, critical and eviction heap
// percentages, -spark.* settings) with or without a lead line of Spark settings, the member layout
// (snappyMemberLayout) and a freshly built SnappyUnifiedMemoryManager agree on every pool, storage cap
// and heap-monitor threshold, or both refuse with the same error. The manager gets its conf the way
// ExecutorInitiator gives it to a server's executor (config-formats.md B.3): the server's own -spark.*
// values, the lead's on top (storageFraction only from the lead, whose manager always sets it), off-heap
// from memory-size alone. When the layout starts the member, the executor the workload engine builds
// (executorSourceOfDocument + buildExecutor) has the same pools too. Seeded, so a failure replays.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SnappyMemberLayout, heapMonitorMaxMemory, snappyMemberLayout } from '../../../src/core/layout/snappyLayout';
import { parseMembers } from '../../../src/core/parse/members';
import { SnappyUnifiedMemoryManager, SparkError } from '../../../src/core/sim';
import { buildExecutor } from '../../../src/core/workload/buildExecutor';
import { executorSourceOfDocument } from '../../../src/core/workload/executor';
import type { Scenario } from '../../../src/core/workload/types';

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: a });
const rare = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const heap = fc.oneof(
  fc.integer({ min: 64, max: 8192 }).map((n) => `${n}m`),
  fc.integer({ min: 1, max: 96 }).map((n) => `${n}g`),
);
/** Percentages as people write them (mostly where members start), a few outside GemFire's range. */
const percent = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 4000, max: 9900 }).map((n) => String(n / 100)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 9999 }).map((n) => String(n / 100)) },
  { weight: 1, arbitrary: fc.constantFrom('0', '100', '101', '-1', '99.9', '33.3', '9.5') },
);
const fraction = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 100 }).map((n) => String(n / 100)) },
  { weight: 1, arbitrary: fc.constantFrom('1.0', '1.5', '-0.1', '0.999') },
);
const sparkSettings = fc.record({
  'spark.memory.fraction': optional(fraction),
  'spark.memory.storageFraction': optional(fraction),
  'spark.memory.storageMaxFraction': optional(fraction),
  'spark.executor.memory': rare(fc.constantFrom('100m', '1g', '3g', '8g', '64g')),
  'spark.testing.reservedMemory': rare(fc.constantFrom('0', '1000000', '536870912')),
  'spark.testing': rare(fc.constant('true')),
  'spark.testing.memory': rare(fc.integer({ min: 128, max: 16384 }).map((n) => String(n * 1024 * 1024))),
});

interface Case {
  readonly server: string;
  readonly lead: string | undefined;
}

const settingsText = (s: Record<string, string | undefined>): string =>
  Object.entries(s)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` -${k}=${v ?? ''}`)
    .join('');

const aCase: fc.Arbitrary<Case> = fc
  .record({
    heapForm: fc.constantFrom('heap-size', 'xmx', 'xmx-xms-equal', 'xmx-xms-other'),
    heap,
    otherHeap: heap,
    critical: optional(percent),
    eviction: optional(percent),
    memorySize: optional(fc.constantFrom('0', '512m', '4g', '16g', '1073741824')),
    own: sparkSettings,
    lead: fc.option(sparkSettings, { nil: undefined }),
  })
  .map((r) => {
    const h =
      r.heapForm === 'heap-size'
        ? ` -heap-size=${r.heap}`
        : r.heapForm === 'xmx'
          ? ` -J-Xmx${r.heap}`
          : r.heapForm === 'xmx-xms-equal'
            ? ` -J-Xmx${r.heap} -J-Xms${r.heap}`
            : ` -J-Xmx${r.heap} -J-Xms${r.otherHeap}`;
    const server =
      `s1${h}` +
      (r.critical !== undefined ? ` -critical-heap-percentage=${r.critical}` : '') +
      (r.eviction !== undefined ? ` -eviction-heap-percentage=${r.eviction}` : '') +
      (r.memorySize !== undefined ? ` -memory-size=${r.memorySize}` : '') +
      settingsText(r.own);
    return { server, lead: r.lead === undefined ? undefined : `l1 -heap-size=2g${settingsText(r.lead)}` };
  });

/** The executor's conf as ExecutorInitiator sets it (config-formats.md B.3), from the lines' own text. */
function executorConf(c: Case): Record<string, string> {
  const conf: Record<string, string> = {};
  const add = (line: string, own: boolean): void => {
    for (const m of line.matchAll(/ -(spark\.[^=\s]+)=(\S*)/g)) {
      const key = m[1] as string;
      if (own && key === 'spark.memory.storageFraction') continue;
      conf[key] = m[2] as string;
    }
  };
  add(c.server, true);
  if (c.lead !== undefined) add(c.lead, false);
  return conf;
}

function layoutOf(c: Case): SnappyMemberLayout {
  return snappyMemberLayout(
    parseMembers(c.server, 'server'),
    0,
    c.lead !== undefined ? { leads: parseMembers(c.lead, 'lead') } : {},
  );
}

/** What the layout says the manager starts with. */
function layoutPools(l: SnappyMemberLayout): Record<string, number | undefined> {
  return {
    onHeapStorage: l.onHeapStorageRegionSize,
    onHeapExecution: l.onHeapExecutionPoolSize,
    maxHeapMemory: l.maxHeapMemory,
    offHeapStorage: l.offHeapStorageRegionSize,
    offHeapExecution: l.offHeapExecutionPoolSize,
    maxOffHeapMemory: l.maxOffHeapMemory,
    maxHeapStorageSize: l.maxHeapStorageSize,
    maxOffHeapStorageSize: l.maxOffHeapStorageSize,
    reservedMemory: l.reservedMemory,
    criticalThresholdBytes: l.criticalThresholdBytes ?? 0,
    evictionThresholdBytes: l.evictionThresholdBytes ?? 0,
  };
}

function managerPools(mm: SnappyUnifiedMemoryManager): Record<string, number | undefined> {
  const t = mm.heapMonitor.thresholds;
  return {
    onHeapStorage: mm.onHeapStorageMemoryPool.poolSize,
    onHeapExecution: mm.onHeapExecutionMemoryPool.poolSize,
    maxHeapMemory: mm.maxHeapMemory,
    offHeapStorage: mm.offHeapStorageMemoryPool.poolSize,
    offHeapExecution: mm.offHeapExecutionMemoryPool.poolSize,
    maxOffHeapMemory: mm.maxOffHeapMemory,
    maxHeapStorageSize: mm.sizes.pools.maxHeapStorageSize,
    maxOffHeapStorageSize: mm.sizes.pools.maxOffHeapStorageSize,
    reservedMemory: mm.sizes.reservedMemory,
    criticalThresholdBytes: t.criticalThresholdBytes,
    evictionThresholdBytes: t.evictionThresholdBytes,
  };
}

/** Java longs have no -0. */
const asLongs = (r: Record<string, number | undefined>): Record<string, number | undefined> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 0 ? 0 : v]));

const SCENARIO: Scenario = {
  name: 'sizes only',
  stages: [],
  throughput: { memoryBytesPerMs: 1, diskBytesPerMs: 1, spillBytesPerMs: 1 },
  maxEvents: 1,
};

describe('the SnappyData member layout and a freshly built SnappyUnifiedMemoryManager agree (property, B.6)', () => {
  it('on every pool, storage cap and heap threshold, or on the first start-up error, for random member lines', () => {
    let built = 0;
    let refused = 0;
    fc.assert(
      fc.property(aCase, (c) => {
        const l = layoutOf(c);
        if (l.heapBytes === undefined) assert.fail(`no heap for ${c.server}`);
        const first = l.startupErrors[0];
        let mm: SnappyUnifiedMemoryManager;
        try {
          mm = new SnappyUnifiedMemoryManager({
            systemMemory: heapMonitorMaxMemory(l.heapBytes, {}),
            criticalHeapPercentage: l.criticalHeapPercentage.value,
            evictionHeapPercentage: l.evictionHeapPercentage.value,
            memorySize: l.memorySize.value,
            conf: executorConf(c),
          });
        } catch (e) {
          assert.ok(e instanceof SparkError || e instanceof RangeError, String(e));
          assert.ok(first !== undefined, `the manager refuses a member the layout starts: ${e.message}`);
          assert.equal(e.message, first.message);
          if (e instanceof SparkError) assert.equal(e.sparkClass, first.exceptionClass);
          refused++;
          return;
        }
        assert.equal(first, undefined, `the layout refuses a member the manager starts: ${first?.message ?? ''}`);
        assert.deepEqual(asLongs(managerPools(mm)), asLongs(layoutPools(l)));
        assert.equal(mm.tungstenMemoryMode, l.memorySize.value > 0 ? 'OFF_HEAP' : 'ON_HEAP');
        // The executor the workload engine builds from the same files.
        const src = executorSourceOfDocument(parseMembers(c.server, 'server'), {
          snappy: c.lead !== undefined ? { leads: parseMembers(c.lead, 'lead') } : {},
        });
        assert.ok(src.ok, src.ok ? '' : src.message);
        const ex = buildExecutor(src.source, SCENARIO);
        if (typeof ex === 'string' || !('mm' in ex) || ex.snappy === undefined)
          assert.fail(
            `the engine builds no SnappyData executor: ${typeof ex === 'string' ? ex : 'limit' in ex ? ex.limit : ex.managerName}`,
          );
        assert.deepEqual(asLongs(managerPools(ex.snappy)), asLongs(layoutPools(l)));
        built++;
      }),
      { seed: 20261207, numRuns: 400 },
    );
    // Both outcomes are exercised (else the generator drifted).
    assert.ok(built > 150, `only ${built} managers built`);
    assert.ok(refused > 80, `only ${refused} refusals`);
  });
});
