import * as assert from 'node:assert/strict';
import { parseMembers } from '../../../src/core/parse/members';
import { clusterView, parseScenario } from '../../../src/core/workload';

describe('SnappyData cluster view', () => {
  it('lays out every member and runs the table load on each server; the smaller heap reaches critical first', () => {
    const servers = parseMembers(
      'a -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\nb -heap-size=4g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\n',
      'server',
    );
    const leads = parseMembers('lead1 -heap-size=4g -spark.executor.cores=4\n', 'lead');
    const locators = parseMembers('loc1\n', 'locator');
    // Table data up to each server's storage cap (it overflows past it), then 1 GiB of query objects:
    // 4 GiB x 0.95 is reached only on the smaller server.
    const parsed = parseScenario(
      [
        'name: cluster',
        'stages:',
        '  - name: load',
        '    tasks: 4',
        '    ops:',
        '      - tableLoad: { table: ORDERS, size: 2g, store: row }',
        '  - name: query',
        '    tasks: 4',
        '    ops:',
        '      - userObjects: { size: 300m, holdMs: 1000 }',
        '',
      ].join('\n'),
      'cluster.yaml',
    );
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const scenario = parsed.scenario;
    const v = clusterView({ servers, leads, locators }, scenario);
    assert.deepEqual(
      v.members.map((m) => `${m.role} ${m.member} ${m.host}`),
      ['locator 1 loc1', 'lead 1 lead1', 'server 1 a', 'server 2 b'],
    );
    assert.equal(v.members[0]?.run, undefined);
    assert.equal(v.members[0]?.note, 'a locator runs no executor');
    const a = v.members[2]?.run;
    const b = v.members[3]?.run;
    assert.ok(a !== undefined && b !== undefined);
    // The critical threshold is 95% of each member's heap, from the layout.
    assert.equal(v.members[3]?.criticalThresholdBytes, Math.trunc(95 * 0.01 * 4 * 1024 ** 3));
    assert.ok(b.firstCriticalMs !== undefined, 'the 4g server reaches critical');
    assert.equal(v.firstCritical, 3);
    assert.equal(a.firstCriticalMs, undefined, 'the 8g server stays below critical');
  });
});
