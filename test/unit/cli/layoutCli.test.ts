// The CLI as a user runs it: the built dist/cli.js in a child process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('node dist/cli.js layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spark-memory-cli-'));
  mkdirSync(join(dir, 'conf'));
  writeFileSync(join(dir, 'spark-defaults.conf'), 'spark.executor.memory 4g\n');
  writeFileSync(
    join(dir, 'conf', 'servers'),
    'node1 -heap-size=20g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\nnode2 -heap-size = 4g -memory-size=16g\n',
  );

  it('prints the spec numbers for spark.executor.memory 4g as JSON', () => {
    const r = run('layout', join(dir, 'spark-defaults.conf'), '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(j['maxHeapMemory'], 2388236697);
    assert.equal(j['onHeapStorageRegionSize'], 1194118348);
    assert.equal(j['onHeapExecutionPoolSize'], 1194118349);
    assert.equal(j['reservedMemory'], 314572800);
  });
  it('prints the SnappyData 20g example and the launcher error of the "-heap-size = 4g" line', () => {
    const one = run('layout', join(dir, 'conf', 'servers'), '--member', '1', '--format', 'json');
    assert.equal(one.status, 0, one.stderr);
    const m = (JSON.parse(one.stdout) as { members: Array<Record<string, unknown>> }).members[0]!;
    assert.equal(m['maxHeapMemory'], 17340930457);
    assert.equal(m['maxHeapStorageSize'], 14826495540);
    const two = run('layout', join(dir, 'conf', 'servers'), '--member', '2');
    assert.equal(two.status, 0);
    assert.match(two.stdout, /Unexpected command-line option: =/);
  });
  it('shows human units in text', () => {
    const r = run('layout', join(dir, 'spark-defaults.conf'), '--spark-version', '2.4');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Spark 2\.4\.8/);
    assert.match(r.stdout, /2\.22 GiB/);
  });
  it('exits 2 with one clear line for a missing file, a bad flag or a bad member', () => {
    for (const args of [
      ['layout', join(dir, 'nope.conf')],
      ['layout', join(dir, 'spark-defaults.conf'), '--bogus'],
      ['layout', join(dir, 'conf', 'servers'), '--member', '9'],
      ['layout', join(dir, 'spark-defaults.conf'), '--spark-version', '1.6'],
      ['frobnicate'],
    ]) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    }
  });
});
