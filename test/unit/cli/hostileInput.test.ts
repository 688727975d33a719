// The CLI on hostile input: folder walks with link loops and unreadable folders, FIFOs, devices and
// oversized files, hundreds of thousands of findings, terminal escapes in the files, help per command.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CLI_FILE_BYTES } from '../../../src/core/editor/limits';
import { neutralise } from '../../../src/cli/terminal';

const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');
const SAMPLE = join(ROOT, 'samples/spark-defaults.conf');
// Root reads any folder: the unreadable-folder case runs the CLI as "nobody" then.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const run = (args: string[], extra: Record<string, unknown> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 28, ...extra });

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'spark-memory-hostile-'));
  chmodSync(d, 0o755);
  return d;
}

describe('node dist/cli.js on hostile input', function () {
  this.timeout(120_000);

  it('walks a folder with two `ln -s .` links once, linting the file once', () => {
    const d = freshDir();
    copyFileSync(SAMPLE, join(d, 'spark-defaults.conf'));
    symlinkSync('.', join(d, 'a'));
    symlinkSync('.', join(d, 'b'));
    const once = run(['lint', '--format', 'json', SAMPLE]);
    const r = run(['lint', '--format', 'json', d, join(d, 'a')]);
    assert.notEqual(r.status, null, 'the walk hung');
    assert.equal(r.stderr, '');
    const records = JSON.parse(r.stdout) as Array<{ file: string }>;
    assert.equal(records.length, (JSON.parse(once.stdout) as unknown[]).length);
    assert.deepEqual([...new Set(records.map((x) => x.file))], [join(d, 'spark-defaults.conf')]);
  });

  it('skips an unreadable subfolder and a broken link with a warning and lints the rest', () => {
    const d = freshDir();
    mkdirSync(join(d, 'ok'));
    mkdirSync(join(d, 'locked', 'inner'), { recursive: true });
    writeFileSync(join(d, 'ok', 'spark-defaults.conf'), 'spark.executor.memory 4096\n');
    writeFileSync(join(d, 'locked', 'inner', 'spark-defaults.conf'), 'spark.executor.memory 4096\n');
    chmodSync(join(d, 'locked'), 0o000);
    symlinkSync('nowhere', join(d, 'spark-defaults.conf.template'));
    const r = run(['lint', d], asUser);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /ok\/spark-defaults\.conf:1:/);
    assert.doesNotMatch(r.stdout, /locked/);
    assert.match(r.stderr, /^spark-memory lint: warning: .*locked: permission denied, skipped$/m);
    assert.match(
      r.stderr,
      /^spark-memory lint: warning: .*spark-defaults\.conf\.template: no such file or folder, skipped$/m,
    );
    chmodSync(join(d, 'locked'), 0o755);
  });

  it('refuses a FIFO, a device and a file above the size limit with one line, at once', () => {
    const d = freshDir();
    const fifo = join(d, 'spark-defaults.conf');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const big = join(d, 'big.conf');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_CLI_FILE_BYTES + 1); // sparse: no disk used
    closeSync(fd);
    for (const [file, reason] of [
      [fifo, /is a pipe \(FIFO\), not a regular file$/],
      ['/dev/zero', /is a device, not a regular file$/],
      [big, /134,217,729 bytes, more than the 134,217,728 the command line reads$/],
    ] as const) {
      const r = run(['lint', file], { timeout: 10_000 });
      assert.equal(r.status, 2, `${file}: ${r.stderr}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] ?? '', reason);
    }
    // Found while walking: a FIFO with a config name is skipped with a warning, never opened.
    const w = run(['lint', d], { timeout: 10_000 });
    assert.equal(w.status, 0, w.stderr);
    assert.match(w.stderr, /spark-defaults\.conf: not a regular file, skipped/);
  });

  it('prints 200,000 findings of one file (no call-stack overflow)', () => {
    const d = freshDir();
    const file = join(d, 'spark-defaults.conf');
    writeFileSync(file, 'spark.executor.memory 1g\n'.repeat(200_000));
    const r = run(['lint', file]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes('PROPS-DUP')).length, 199_999);
  });

  it('never lets escape, CR or bidi characters from a file reach the terminal', () => {
    const d = freshDir();
    const file = join(d, 'spark-defaults.conf');
    writeFileSync(file, 'spark.executor.memory 1g\u001b[2J\u009b31m\r\u202eevil\u2066\n');
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['lint', '--format', format, file]);
      assert.equal(r.status, 1, r.stderr);
      // eslint-disable-next-line no-control-regex -- the escape characters are what must not be printed
      assert.doesNotMatch(r.stdout, /[\u001b\u009b\r\u202e\u2066]/);
      assert.match(r.stdout, /\\u001[bB]\[2J/);
      if (format !== 'text') {
        // JSON keeps the characters: \u escapes are the same text to a JSON reader.
        const text = JSON.stringify(JSON.parse(r.stdout));
        assert.ok(text.includes('1g\\u001b[2J\u009b31m') && text.includes('\u202eevil\u2066'), text);
      }
    }
    assert.equal(neutralise('a\tb\nc\u0007'), 'a\tb\nc\\u0007');
  });

  it("answers `lint --help` (and the other commands) with that command's usage", () => {
    for (const command of ['lint', 'layout', 'simulate']) {
      const r = run([command, '--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^usage: spark-memory ${command} `));
    }
    const literal = run(['lint', '--', '--help']);
    assert.equal(literal.status, 2);
    assert.match(literal.stderr, /--help: no such file/);
  });
});
