// `node dist/cli.js log` as a user runs it (the built bundle in a child process).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../../../dist/cli.js');
const FIX = join(__dirname, '../../../../test/fixtures');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('node dist/cli.js log', () => {
  it('prints the run and each executor’s maximum memory beside the layout’s', () => {
    const r = run('log', join(FIX, 'spark-events/app-20161116163331-0000'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Spark shell app-20161116163331-0000, Spark 2\.1\.0-SNAPSHOT \(modelled as 2\.4\.8\)/);
    assert.match(r.stdout, /1 jobs, 1 stages, 24 tasks \(8 failed\)/);
    assert.match(r.stdout, /off heap the log reports 500\.00 MiB/);
  });

  it('--format json: maxMemory {observed, predicted} per executor, counts and spilled totals', () => {
    const r = run('log', join(FIX, 'spark-events/application_1553914137147_0018'), '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      counts: { tasks: number; stages: number; jobs: number };
      spilled: { memoryBytes: number };
      executors: { id: string; maxMemory: { observed: number; predicted: number } }[];
    };
    assert.deepEqual(j.counts, { jobs: 3, stages: 3, tasks: 6, failedTasks: 0 });
    assert.equal(j.spilled.memoryBytes, 0);
    const x1 = j.executors.find((x) => x.id === '1');
    assert.equal(x1?.maxMemory.observed, 3820172083);
    assert.equal(typeof x1?.maxMemory.predicted, 'number');
  });

  it('--set applies a what-if to the layout', () => {
    type LogJson = { executors: Array<{ maxMemory: { predicted: number } }> };
    const base = JSON.parse(
      run('log', join(FIX, 'spark-events/app-20200706201101-0003'), '--format', 'json').stdout,
    ) as LogJson;
    const r = run(
      'log',
      join(FIX, 'spark-events/app-20200706201101-0003'),
      '--format',
      'json',
      '--set',
      'spark.memory.fraction=0.3',
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as LogJson;
    assert.ok(j.executors[0]!.maxMemory.predicted < base.executors[0]!.maxMemory.predicted);
  });

  it('bad input: a missing file, a folder without a log, a --set without =', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-memory-log-'));
    assert.equal(run('log', join(dir, 'nope')).status, 2);
    const r = run('log', dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no event log files in this folder/);
    assert.match(
      run('log', join(FIX, 'spark-events/local-1430917381535_1'), '--set', 'x').stderr,
      /--set needs key=value/,
    );
  });

  it('a file that is not an event log: exit 2 and why, nothing else', () => {
    const r = run('log', join(FIX, '../../samples/spark-defaults.conf'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /spark-defaults\.conf: not a Spark event log: none of its \d+ line\(s\) is a Spark listener event \(spark-defaults\.conf:1: not JSON/,
    );
  });

  it('a log whose compressed stream is corrupt: exit 1, the located message, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-memory-log-'));
    const f = join(dir, 'local-1.lz4');
    writeFileSync(f, 'not an lz4 block stream at all, just text');
    const r = run('log', f);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /local-1\.lz4:1: cannot decompress: lz4: no LZ4Block header at byte 0/);
    assert.doesNotMatch(r.stderr, /at .*\.js/);
  });
});
