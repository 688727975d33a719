// The `cluster` message (host → webview): the member files of a SnappyData folder, validated at the
// boundary like every other message, and what the panel's cluster view computes from it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHostMessage, parsePanelState } from '../../../src/shared/protocol';
import { clusterOf } from '../../../src/webview/engine';
import { presetScenario } from '../../../src/core/workload';

const CONF = path.join(__dirname, '..', '..', '..', '..', 'samples', 'conf');

describe('the cluster message and view', () => {
  it('accepts the member files of a folder and refuses anything else', () => {
    const ok = parseHostMessage({
      type: 'cluster',
      cluster: { uri: 'file:///c/servers', servers: 'a\n', leads: 'l\n' },
    });
    assert.deepEqual(ok, {
      ok: true,
      value: { type: 'cluster', cluster: { uri: 'file:///c/servers', servers: 'a\n', leads: 'l\n' } },
    });
    assert.deepEqual(parseHostMessage({ type: 'cluster', cluster: { uri: 'x', hosts: 'a' } }), {
      ok: false,
      error: 'unexpected field hosts',
    });
    assert.deepEqual(parseHostMessage({ type: 'cluster', cluster: { uri: 'x', servers: 3 } }), {
      ok: false,
      error: 'servers must be a string',
    });
    assert.deepEqual(parseHostMessage({ type: 'cluster', cluster: { servers: 'a' } }), {
      ok: false,
      error: 'uri must be a string',
    });
    assert.equal(parsePanelState({ view: 'cluster' }).view, 'cluster');
  });

  it('samples/conf under snappy-row-no-eviction: every member side by side, node-a reaches critical first', () => {
    const read = (f: string): string => fs.readFileSync(path.join(CONF, f), 'utf8');
    const scenario = presetScenario('snappy-row-no-eviction');
    assert.ok(scenario !== undefined);
    const v = clusterOf(
      { uri: 'file:///conf/servers', servers: read('servers'), leads: read('leads'), locators: read('locators') },
      scenario,
    );
    assert.deepEqual(
      v.members.map((m) => `${m.role} ${m.member}`),
      ['locator 1', 'locator 2', 'lead 1', 'server 1', 'server 2', 'server 3', 'server 4'],
    );
    assert.equal(v.members[v.firstCritical ?? -1]?.host, 'node-a');
    // node-b's line does not start (its "-heap-size = 4g"): it says why instead of running.
    assert.match(v.members[4]?.note ?? '', /Unexpected command-line option: =/);
    // The smaller servers fail the load itself: a 5.3g row table without eviction does not fit their storage.
    for (const i of [5, 6]) {
      const run = v.members[i]?.run;
      assert.ok(run !== undefined);
      assert.equal(run.firstCriticalMs, undefined);
      assert.match(
        run.outcome,
        /in stage 1 failed 4 times .*LowMemoryException: Could not obtain memory of size 25165824$/,
      );
    }
  });
});
