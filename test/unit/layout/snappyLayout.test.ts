// SnappyData member layouts against config-formats.md B.7 (the code's numbers, not the docs').
import * as assert from 'node:assert/strict';
import { javaFormatFixed } from '../../../src/core/config/javaParse';
import {
  snappyCriticalPercentForMinReserved,
  snappyDefaultCriticalPercent,
  snappyDefaultHeapMB,
  snappyMemberLayout,
} from '../../../src/core/layout/snappyLayout';
import { parseMembers } from '../../../src/core/parse/members';

const GiB = 2 ** 30;
const layout = (line: string, role: 'server' | 'lead' | 'locator' = 'server', leads?: string) =>
  snappyMemberLayout(parseMembers(line, role), 0, leads === undefined ? {} : { leads: parseMembers(leads, 'lead') });

describe('SnappyData member layout (SnappyUnifiedMemoryManager, v1.3.1)', () => {
  it("derives the docs' 20g example with the code's fraction 0.85 and eviction 0.855", () => {
    const l = layout('node1 -heap-size=20g -critical-heap-percentage=95 -eviction-heap-percentage=85.5');
    assert.deepEqual(l.startupErrors, []);
    assert.equal(l.reservedMemory, GiB);
    assert.equal(l.maxHeapMemory, 17340930457);
    assert.equal(l.onHeapStorageRegionSize, 8670465228);
    assert.equal(l.onHeapExecutionPoolSize, 8670465229);
    assert.equal(l.maxHeapStorageSize, 14826495540);
  });
  it('derives the off-heap example once its syntax is fixed', () => {
    const l = layout(
      'node2 -heap-size=4g -memory-size=16g -critical-heap-percentage=95 -eviction-heap-percentage=85.5',
    );
    assert.equal(l.reservedMemory, 214748365);
    assert.equal(l.maxHeapMemory, 3468186091);
    assert.equal(l.offHeapStorageRegionSize, 8 * GiB);
    assert.equal(l.offHeapExecutionPoolSize, 8 * GiB);
    assert.equal(l.maxOffHeapStorageSize, Math.trunc(16 * GiB * 0.95));
  });
  it('gives the docs\' "-heap-size = 4g" line the launcher\'s own error', () => {
    const l = layout('node2 -heap-size = 4g -memory-size=16g');
    assert.equal(l.startupErrors[0]?.message, 'Unexpected command-line option: =');
    assert.equal(l.maxHeapMemory, undefined);
  });
  it("matches the launcher's default critical/eviction strings computed by JDK 17", () => {
    // heap bytes -> "%.2f" critical, eviction, from LauncherBase.setDefaultVMArgs run on a JVM.
    const table: Array<[number, string, string]> = [
      [2 * GiB, '90.23', '81.21'],
      [3 * GiB, '93.49', '84.14'],
      [4 * GiB, '95.12', '85.61'],
      [6 * GiB, '96.74', '87.07'],
      [8 * GiB, '97.56', '87.80'],
      [16 * GiB, '98.78', '88.90'],
      [20 * GiB, '99.00', '89.10'],
      [40 * GiB, '99.00', '89.10'],
      [41 * GiB, '97.56', '87.80'],
      [64 * GiB, '98.44', '88.59'],
      [2500 * 2 ** 20, '92.00', '82.80'],
      [6000 * 2 ** 20, '96.67', '87.00'],
      [1536 * 2 ** 20, '90.00', '81.00'],
    ];
    for (const [heap, crit, evict] of table) {
      const c = snappyDefaultCriticalPercent(heap);
      assert.equal(javaFormatFixed(c, 2), crit, `critical for ${heap}`);
      assert.equal(javaFormatFixed(Math.fround(c * Math.fround(0.9)), 2), evict, `eviction for ${heap}`);
    }
    const l = layout('h -heap-size=4g');
    assert.equal(l.criticalHeapPercentage.origin, 'default');
    assert.equal(javaFormatFixed(l.criticalHeapPercentage.value, 2), '95.12');
    assert.equal(javaFormatFixed(l.evictionHeapPercentage.value, 2), '85.61');
  });
  it('sets no default thresholds when -Xmx and -Xms differ', () => {
    const l = layout('h -J-Xmx8g -heap-size=4g');
    assert.equal(l.heapBytes, 8 * GiB);
    assert.equal(l.criticalHeapPercentage.origin, 'disabled');
    // Reserved falls back to 5% of the heap (min 100 MB, max 5 GB).
    assert.equal(l.reservedMemory, Math.trunc((8 * GiB) / 20));
  });
  it('checks reserved memory >= 25 MB and the eviction fraction range', () => {
    const tight = layout('h -heap-size=1g -critical-heap-percentage=98 -eviction-heap-percentage=90');
    assert.match(tight.startupErrors[0]?.message ?? '', /^Reserved memory 21474837 must be at least 25MB/);
    const evict = layout('h -heap-size=8g -critical-heap-percentage=99.5 -eviction-heap-percentage=99');
    assert.ok(
      evict.startupErrors.some(
        (e) =>
          e.message ===
          'Eviction fraction 0.99 must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.',
      ),
      evict.startupErrors.map((e) => e.message).join('\n'),
    );
    const order = layout('h -heap-size=8g -critical-heap-percentage=80 -eviction-heap-percentage=85');
    assert.ok(
      order.startupErrors.some((e) => e.message === 'Eviction percentage must be less than the critical percentage.'),
    );
    const pct = layout('h -heap-size=8g -critical-heap-percentage=95%');
    assert.equal(pct.startupErrors[0]?.message, 'For input string: "95%"');
  });
  it('takes -spark.* from the lead line for servers', () => {
    const l = layout(
      's1 -heap-size=8g -spark.memory.fraction=0.5',
      'server',
      'lead1 -spark.memory.fraction=0.7 -spark.executor.cores=6',
    );
    assert.equal(l.memoryFraction?.value, 0.7);
    assert.equal(l.memoryFraction?.origin, 'lead');
    assert.equal(l.executorCores?.value, 6);
  });
  it('forces memory-size to 0 for several servers on one host', () => {
    const doc = parseMembers('h1 -heap-size=8g\nh1 -heap-size=8g -memory-size=4g\n', 'server');
    assert.equal(snappyMemberLayout(doc, 0).memorySize.origin, 'forced');
    assert.equal(snappyMemberLayout(doc, 1).memorySize.value, 4 * GiB);
  });
  it('picks default heaps by role, cores and RAM (LauncherBase.getDefaultHeapSizeMB)', () => {
    assert.equal(snappyDefaultHeapMB('server', 64 * GiB, 16), 8192);
    assert.equal(snappyDefaultHeapMB('server', 15 * GiB, 10), 6144);
    assert.equal(snappyDefaultHeapMB('server', 8 * GiB, 4), 4096);
    assert.equal(snappyDefaultHeapMB('server', 5 * GiB, 4), 2048);
    assert.equal(snappyDefaultHeapMB('lead', 8 * GiB, 2), 2048);
    assert.equal(snappyDefaultHeapMB('locator', 8 * GiB, 2), 1024);
    assert.equal(snappyDefaultHeapMB('locator', 1 * GiB, 2), 512);
    assert.equal(snappyDefaultHeapMB('locator', 512 * 2 ** 20, 2), 0);
  });
  it('finds the largest critical percentage that leaves 25 MB reserved, on both sides of it', () => {
    assert.equal(snappyCriticalPercentForMinReserved(GiB), '97.55');
    assert.equal(
      layout('h -heap-size=1g -critical-heap-percentage=97.55 -eviction-heap-percentage=90').startupErrors.length,
      0,
    );
    assert.match(
      layout('h -heap-size=1g -critical-heap-percentage=97.56 -eviction-heap-percentage=90').startupErrors[0]
        ?.message ?? '',
      /^Reserved memory \d+ must be at least 25MB/,
    );
    const c200 = snappyCriticalPercentForMinReserved(200 * 2 ** 20);
    assert.equal(c200, '87.5');
    assert.equal(layout(`h -heap-size=200m -critical-heap-percentage=${c200}`).startupErrors.length, 0);
    // Below 37.5 MB no percentage passes both checks (reserved >= 25 MB and heap >= 1.5 x reserved).
    assert.equal(snappyCriticalPercentForMinReserved(37 * 2 ** 20), undefined);
    assert.notEqual(snappyCriticalPercentForMinReserved(38 * 2 ** 20), undefined);
  });
  it("marks the errors a lead's Spark property causes on a server, whose span is in the leads file", () => {
    const leads = 'lead1 -spark.executor.memory=2g -spark.memory.fraction=xyz\n';
    const l = layout('s1 -heap-size=40g -critical-heap-percentage=95', 'server', leads);
    const exec = l.startupErrors.find((e) => e.message.startsWith('Executor memory'));
    assert.equal(exec?.spanIn, 'leads');
    assert.equal(leads.slice(exec?.span?.start, exec?.span?.end), '2g');
    const frac = l.startupErrors.find((e) =>
      e.message.startsWith('Illegal value for config key spark.memory.fraction'),
    );
    assert.equal(frac?.spanIn, 'leads');
    const own = layout('s1 -heap-size=40g -critical-heap-percentage=95 -spark.executor.memory=2g');
    assert.equal(own.startupErrors.find((e) => e.message.startsWith('Executor memory'))?.spanIn, undefined);
  });
  it('counts server lines per host in linear time (30,000 lines)', () => {
    const text = Array.from(
      { length: 30_000 },
      (_v, i) => `h${i % 50} -heap-size=8g${i % 600 === 0 ? ' -memory-size=1g' : ''}`,
    ).join('\n');
    const doc = parseMembers(text, 'server');
    const t0 = Date.now();
    const all = doc.members.map((_m, i) => snappyMemberLayout(doc, i));
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(all[1]?.memorySize.origin, 'forced');
    assert.equal(all[0]?.memorySize.origin, 'set');
  });
});

describe('SnappyData servers take storageFraction from the lead only', () => {
  it("ignores a server line's own storageFraction: the lead always sends one (0.5 when unset)", () => {
    const own = snappyMemberLayout(parseMembers('s1 -heap-size=8g -spark.memory.storageFraction=0.3', 'server'), 0, {
      leads: parseMembers('l1 -heap-size=4g', 'lead'),
    });
    assert.equal(own.storageFraction?.value, 0.5);
    const lead = snappyMemberLayout(parseMembers('s1 -heap-size=8g -spark.memory.storageFraction=0.3', 'server'), 0, {
      leads: parseMembers('l1 -spark.memory.storageFraction=0.4', 'lead'),
    });
    assert.equal(lead.storageFraction?.value, 0.4);
    assert.equal(lead.storageFraction?.origin, 'lead');
    const leadLine = snappyMemberLayout(parseMembers('l1 -heap-size=4g -spark.memory.storageFraction=0.3', 'lead'), 0);
    assert.equal(leadLine.storageFraction?.value, 0.3);
  });

  it("reads the executor's spark.testing values as the manager does (the lead's reach every server)", () => {
    // getMaxMemory: spark.testing.reservedMemory replaces the reserve; without a critical threshold
    // spark.testing.memory replaces the heap monitor's max.
    const l = layout(
      's1 -J-Xmx4g -J-Xms1g',
      'server',
      'l1 -spark.testing.reservedMemory=0 -spark.testing.memory=2147483648',
    );
    assert.deepEqual(l.startupErrors, []);
    assert.equal(l.reservedMemory, 0);
    assert.equal(l.systemMemory, 2 * GiB);
    assert.equal(l.maxHeapMemory, Math.trunc(2 * GiB * 0.85));
  });

  it('a storage fraction above 1 stops the member: the on-heap execution pool would be negative', () => {
    const l = layout('l1 -heap-size=4g -spark.memory.storageFraction=1.5', 'lead');
    assert.equal(l.startupErrors[0]?.message, 'requirement failed');
    assert.equal(l.startupErrors[0]?.span?.start, 'l1 -heap-size=4g -spark.memory.storageFraction='.length);
    assert.equal(l.maxHeapMemory, undefined);
  });
});
