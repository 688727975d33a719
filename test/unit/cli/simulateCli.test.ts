// `node dist/cli.js simulate` as a user runs it (the built bundle in a child process).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('node dist/cli.js simulate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spark-memory-sim-'));
  const conf = join(dir, 'spark-defaults.conf');
  writeFileSync(conf, 'spark.executor.memory 4g\nspark.executor.cores 4\n');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(
    bad,
    'name: x\nstages:\n  - tasks: 2\n    ops:\n      - cache: { rdd: 1, size: 1g, levl: MEMORY_ONLY }\n',
  );

  it('ends quietly when the reader closes the pipe early (| head), without a stack trace', () => {
    // A shell pipe into a reader that exits after the first bytes, as `| head -c 100` does.
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" simulate "${conf}" --preset wide-aggregation --compare levels --format json | head -c 100 >/dev/null`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  it('prints a summary for a preset', () => {
    const r = run('simulate', conf, '--preset', 'iterative-ml');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Scenario iterative-ml on UnifiedMemoryManager \(Spark 3\.5\.0\)/);
    assert.match(r.stdout, /80 memory hit\(s\), 0 disk read\(s\), 0 recompute\(s\); hit ratio 100\.0%/);
  });

  it('prints JSON with six levels for --compare levels', () => {
    const r = run('simulate', conf, '--preset', 'cache-thrash', '--compare', 'levels', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      summary: { evictedBlocks: number };
      compare: { levels: unknown[]; advice: { ruleOfThumb: string } };
    };
    assert.equal(j.compare.levels.length, 6);
    assert.equal(j.compare.advice.ruleOfThumb, 'MEMORY_AND_DISK_SER');
    assert.ok(j.summary.evictedBlocks > 0);
  });

  it('prints one file:line: field: message line for a bad scenario and exits 2', () => {
    const r = run('simulate', conf, '--scenario', bad);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] ?? '',
      /bad\.yaml:5: stages\[0\]\.ops\[0\]\.cache\.levl: unknown field "levl" \(did you mean level\?\)/,
    );
  });

  it('reports a configuration Spark would not start, and applies --conf what-ifs', () => {
    const broken = join(dir, 'broken.conf');
    writeFileSync(broken, 'spark.executor.memory 4g\nspark.memory.fraction 1.2\n');
    const r = run('simulate', broken, '--preset', 'iterative-ml');
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /the executor does not start: IllegalArgumentException: spark\.memory\.fraction should be between 0 and 1 \(was '1\.2'\)/,
    );
    const fixed = run('simulate', broken, '--preset', 'iterative-ml', '--conf', 'spark.memory.fraction=0.6');
    assert.equal(fixed.status, 0, fixed.stderr);
  });

  it('rejects an unknown preset with the list', () => {
    const r = run('simulate', conf, '--preset', 'nope');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown --preset nope \(expected iterative-ml, /);
  });
});
