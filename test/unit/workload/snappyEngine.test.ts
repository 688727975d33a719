// The engine on SnappyData's manager, with tiny heaps so each rule is visible in a few bytes: the
// heap monitor's events are kept when the task that raised them fails, a failed attempt's objects
// do not outlive it, and every LowMemoryException that fails a task is counted.
import * as assert from 'node:assert/strict';
import { SPARK_2_4 } from '../../../src/core/version';
import { parseMembers } from '../../../src/core/parse/members';
import {
  ExecutorSource,
  Scenario,
  executorSourceOfDocument,
  parseScenario,
  simulateWorkload,
} from '../../../src/core/workload';

/** A SnappyData server with a `heap`-byte heap, critical at `critical`% and no reserved memory. */
function tinyServer(heap: number, critical: number, conf: Record<string, string> = {}): ExecutorSource {
  return {
    version: SPARK_2_4,
    conf: { 'spark.testing.reservedMemory': '0', 'spark.task.maxFailures': '2', ...conf },
    systemMemory: heap,
    userMemory: 0,
    executorCores: 1,
    taskCpus: 1,
    memoryManager: 'SnappyUnifiedMemoryManager',
    snappy: { heapBytes: heap, criticalHeapPercentage: critical, evictionHeapPercentage: 0, memorySize: 0 },
  };
}

function scenario(lines: string[]): Scenario {
  const r = parseScenario(
    ['name: tiny', 'throughput: { memoryMBps: 1, diskMBps: 1, spillMBps: 1 }', ...lines, ''].join('\n'),
    'tiny.yaml',
  );
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('SnappyData on the workload engine', () => {
  it('keeps the CRITICAL_UP raised by the request that fails the task', () => {
    // Heap 1000 B, critical at 90% = 900 B; the unified region is 850 B (fraction 0.85), half of it
    // execution's, and SnappyData's execution takes back from storage only what storage holds above
    // its half. A 1000-byte hash-map record: the manager grants 425 B (heap 500 + 425 = 925 B:
    // CRITICAL_UP), the consumer needs more, frees the page (CRITICAL_DOWN) and fails, all in one
    // step of the task.
    const src = tinyServer(1000, 90, { 'spark.buffer.pageSize': '1000b', 'spark.task.maxFailures': '1' });
    const r = simulateWorkload(
      src,
      scenario([
        'stages:',
        '  - tasks: 1',
        '    ops:',
        '      - userObjects: { size: 500b, holdMs: 1000 }',
        '      - hashJoinBuild: { size: 1000b, recordSize: 1000b }',
      ]),
    );
    const messages = r.events.map((e) => `${e.kind}: ${e.message}`);
    const up = messages.findIndex((m) => /above heap critical threshold/.test(m));
    const down = messages.findIndex((m) => /below heap critical threshold/.test(m));
    const failed = messages.findIndex((m) => m.startsWith('taskFailed'));
    assert.ok(up >= 0 && down > up && failed > down, messages.join('\n'));
    // BytesToBytesMap takes the refusal as a failed append: UnsafeHashedRelation's text.
    assert.match(messages[failed] ?? '', /SparkOutOfMemoryError: There is not enough memory to build hash map/);
  });

  it("frees a failed attempt's untracked objects before its retry", () => {
    // Heap 1000 B, critical 90% = 900 B. Each attempt makes 950 B of objects (held 1 s): the heap
    // is critical, so its 40-byte row batch gets LowMemoryException. The retry starts at 0 B again
    // (the first attempt's objects are garbage) and fails the same way; had they stayed, the
    // retry's objects would not fit in the heap (OutOfMemoryError: Java heap space).
    const r = simulateWorkload(
      tinyServer(1000, 90),
      scenario([
        'stages:',
        '  - tasks: 1',
        '    ops:',
        '      - userObjects: { size: 950b, holdMs: 1000 }',
        '      - tableLoad: { table: T, size: 40b, store: row }',
      ]),
    );
    const failures = r.events.filter((e) => e.kind === 'taskFailed').map((e) => e.message);
    assert.equal(failures.length, 2, failures.join('\n'));
    for (const f of failures) assert.match(f, /LowMemoryException: Could not obtain memory of size 40/);
    assert.ok(!failures.some((f) => /OutOfMemoryError/.test(f)));
    assert.match(r.summary.stoppedAt ?? '', /failed 2 times .*LowMemoryException/);
    assert.equal(r.summary.lowMemoryExceptions, 2);
    assert.equal(r.summary.peakUntracked, 950);
  });

  it('counts only the LowMemoryExceptions that fail tasks', () => {
    // 300 B of rows fit below the 900-byte critical line: no refusal, nothing counted.
    const r = simulateWorkload(
      tinyServer(1000, 90),
      scenario(['stages:', '  - tasks: 1', '    ops:', '      - tableLoad: { table: T, size: 300b, store: row }']),
    );
    assert.equal(r.summary.lowMemoryExceptions, 0);
    assert.equal(r.summary.failedTasks, 0);
  });

  it("a row table with EVICTION_BY NONE is never overflowed: the insert that needs room fails; SnappyData's default overflows", () => {
    // Storage may grow to 81% of the 850-byte region (0.9 x critical 90%): 688 B. The second 400-byte
    // batch needs room: the default table (LRUHEAPPERCENT) overflows the first batch to disk, the
    // EVICTION_BY NONE table has nothing to evict and the store refuses the batch.
    const run = (create: string): ReturnType<typeof simulateWorkload> =>
      simulateWorkload(
        tinyServer(1000, 90),
        scenario([
          'stages:',
          '  - tasks: 1',
          '    ops:',
          `      - createTable: { table: t, store: row${create} }`,
          '      - tableLoad: { table: t, size: 400b }',
          '  - tasks: 1',
          '    ops:',
          '      - tableLoad: { table: t, size: 400b }',
        ]),
      );
    const none = run(', evictionBy: NONE');
    assert.equal(none.summary.tableBytesEvicted, 0);
    assert.equal(none.summary.lowMemoryExceptions, 2);
    assert.match(none.summary.stoppedAt ?? '', /LowMemoryException: Could not obtain memory of size 400$/);
    const lru = run('');
    assert.equal(lru.summary.tableBytesEvicted, 400);
    assert.equal(lru.summary.failedTasks, 0);
  });

  it('a column scan takes each decompression buffer all or nothing, and gives it back', () => {
    const ops = (objects: string): Scenario =>
      scenario([
        'stages:',
        '  - tasks: 1',
        '    ops:',
        '      - createTable: { table: c, store: column, evictionBy: NONE }',
        '      - tableLoad: { table: c, size: 300b }',
        '  - tasks: 1',
        '    ops:',
        `      - userObjects: { size: ${objects}, holdMs: 1000 }`,
        '      - tableScan: { table: c }',
      ]);
    // 300 B of table + 100 B of objects: the 300-byte buffer fits (heap 700 B), then goes back.
    const ok = simulateWorkload(tinyServer(1000, 90), ops('100b'));
    assert.equal(ok.summary.failedTasks, 0);
    assert.equal(ok.summary.peakStorageUsed, 600);
    const buffers = ok.events.filter((e) => /decompression buffer/.test(e.message)).map((e) => `${e.kind} ${e.bytes}`);
    assert.deepEqual(buffers, ['acquire 300', 'release 300']);
    // 300 B of table + 600 B of objects = 900 B: critical, the table cannot overflow, the buffer is refused.
    const refused = simulateWorkload(tinyServer(1000, 90), ops('600b'));
    assert.equal(refused.summary.lowMemoryExceptions, 2);
    assert.match(refused.summary.stoppedAt ?? '', /LowMemoryException: Could not obtain memory of size 300$/);
  });

  it("a query's result that execution memory cannot hold is CachedDataFrame's LowMemoryException", () => {
    // Execution has 425 B (half the 850-byte region; storage's unused half is not taken back).
    const q = (result: string): ReturnType<typeof simulateWorkload> =>
      simulateWorkload(
        tinyServer(1000, 90, { 'spark.buffer.pageSize': '100b' }),
        scenario([
          'stages:',
          '  - tasks: 1',
          '    ops:',
          `      - query: { size: 200b, recordSize: 100b, resultSize: ${result} }`,
        ]),
      );
    const fits = q('400b');
    assert.equal(fits.summary.failedTasks, 0);
    assert.ok(fits.events.some((e) => e.kind === 'release' && /query result freed at task end/.test(e.message)));
    const big = q('500b');
    assert.equal(big.summary.lowMemoryExceptions, 2);
    assert.match(big.summary.stoppedAt ?? '', /LowMemoryException: Could not obtain ON_HEAP memory of size 500 $/);
  });
});

describe('SnappyData table ops in scenario files', () => {
  function errors(lines: string[]): string[] {
    const r = parseScenario(['name: t', 'stages:', '  - tasks: 1', '    ops:', ...lines, ''].join('\n'), 't.yaml');
    return r.ok ? [] : r.errors.map((e) => e.message);
  }

  it("refuses what SnappyData refuses, on the op's line", () => {
    assert.deepEqual(
      errors(['      - createTable: { table: t, store: row, evictionBy: LRUCOUNT 10, overflow: false }']),
      [
        "t.yaml:5: stages[0].ops[0].createTable: SnappyData refuses this table: overflow 'FALSE' is not supported when eviction is configured.",
      ],
    );
    assert.match(
      errors(['      - createTable: { table: t, store: row, evictionBy: LRU }'])[0] ?? '',
      /^t\.yaml:5: .*EVICTION_BY 'LRU' is not/,
    );
    assert.match(
      errors(['      - createTable: { table: t, store: disk }'])[0] ?? '',
      /^t\.yaml:5: .*store: expected row or column, got "disk"/,
    );
  });

  it('checks table ops against the tables before them', () => {
    assert.match(
      errors(['      - tableScan: { table: t }'])[0] ?? '',
      /^t\.yaml:5: .*no createTable or tableLoad of table T comes before this scan/,
    );
    assert.match(
      errors([
        '      - createTable: { table: t, store: row }',
        '      - tableLoad: { table: T, size: 1m, store: column }',
      ])[0] ?? '',
      /^t\.yaml:6: .*table T is a row table \(line 5\), not a column table/,
    );
    assert.match(
      errors([
        '      - createTable: { table: t, store: row }',
        '      - createTable: { table: t, store: row, evictionBy: NONE }',
      ])[0] ?? '',
      /^t\.yaml:6: .*table T is already created on line 5 with other options/,
    );
    assert.match(
      errors(['      - createTable: { table: t, store: row }', '      - tableScan: { table: t }'])[0] ?? '',
      /^t\.yaml:6: .*size: is required: nothing is loaded into table T before this scan/,
    );
    // The same definition again is CREATE TABLE IF NOT EXISTS; a scan defaults to what each task loaded.
    const r = parseScenario(
      [
        'name: t',
        'stages:',
        '  - tasks: 2',
        '    ops:',
        '      - createTable: { table: t, store: column }',
        '      - createTable: { table: t, store: column }',
        '      - tableLoad: { table: t, size: 1m }',
        '      - tableLoad: { table: t, size: 2m }',
        '      - tableScan: { table: t }',
        '',
      ].join('\n'),
      't.yaml',
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.scenario.stages[0]?.ops[4], { op: 'tableScan', table: 'T', bytes: 3 * 1024 * 1024 });
    assert.deepEqual(r.scenario.stages[0]?.ops[2], {
      op: 'tableLoad',
      table: 'T',
      bytes: 1024 * 1024,
      store: 'column',
    });
  });
});

describe("a server's executor on the lead's Spark settings", () => {
  it("takes the server's own -spark.* settings, then the lead's, which win (ExecutorInitiator)", () => {
    const servers = parseMembers('s1 -heap-size=8g -spark.buffer.pageSize=2m -spark.task.maxFailures=8\n', 'server');
    const leads = parseMembers('l1 -spark.task.maxFailures=2 -spark.sql.shuffle.partitions=16\n', 'lead');
    const r = executorSourceOfDocument(servers, { snappy: { leads } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.source.conf['spark.buffer.pageSize'], '2m');
    assert.equal(r.source.conf['spark.task.maxFailures'], '2');
    assert.equal(r.source.conf['spark.sql.shuffle.partitions'], '16');
    // The off-heap keys come from memory-size, not from a -spark.memory.* option.
    assert.equal(r.source.conf['spark.memory.offHeap.size'], undefined);
  });
});
