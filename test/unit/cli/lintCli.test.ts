// `node dist/cli.js lint` as CI runs it: the three formats, folder walking, exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');

// A root-level hook (outside any describe): mocha runs it once before every test file, so the CLI
// tests, layoutCli's too, always spawn a dist/cli.js built from the current sources.
before(function () {
  this.timeout(120_000);
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
});

describe('node dist/cli.js lint', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'spark-memory-lint-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir });

  before(() => {
    mkdirSync(join(dir, 'good'));
    writeFileSync(join(dir, 'good', 'spark-defaults.conf'), 'spark.executor.memory 4g\nspark.executor.cores 4\n');
    mkdirSync(join(dir, 'bad', 'k8s'), { recursive: true });
    mkdirSync(join(dir, 'bad', 'node_modules'));
    mkdirSync(join(dir, 'bad', 'conf'));
    writeFileSync(
      join(dir, 'bad', 'spark-defaults.conf'),
      'spark.executor.memory 4096\nspark.driver.memory 2gb\nspark.memory.storageFraction 0.95\n',
    );
    writeFileSync(
      join(dir, 'bad', 'k8s', 'app.yaml'),
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  executor:\n    memory: "512Mi"\n',
    );
    writeFileSync(join(dir, 'bad', 'k8s', 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    writeFileSync(join(dir, 'bad', 'node_modules', 'spark-defaults.conf'), 'spark.executor.memory 4096\n');
    writeFileSync(join(dir, 'bad', 'conf', 'servers'), 'node1 -heap-size=4g\n');
    writeFileSync(join(dir, 'warn.conf'), 'spark.memory.storageFraction 0.95\n');
  });

  it('prints file:line:col: severity CODE message and exits 1 on errors', () => {
    const r = run('lint', 'bad');
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(
      lines.includes(
        `${join('bad', 'k8s', 'app.yaml')}:5:13: error SIZE-K8S-QUANTITY ${lines.find((l) => l.includes('SIZE-K8S'))?.split('SIZE-K8S-QUANTITY ')[1]}`,
      ),
    );
    assert.match(r.stdout, /^bad\/spark-defaults\.conf:1:23: error SIZE-UNITLESS-HEAP /m);
    assert.match(r.stdout, /^bad\/spark-defaults\.conf:2:21: error SIZE-JVM-SUFFIX /m);
    assert.match(r.stdout, /^bad\/spark-defaults\.conf:3:30: warning FRACTION-STORAGE /m);
    assert.doesNotMatch(r.stdout, /node_modules|other\.yaml/);
  });
  it('exits 0 with warnings only, and for a clean folder', () => {
    assert.equal(run('lint', 'warn.conf').status, 0);
    const clean = run('lint', 'good');
    assert.equal(clean.status, 0);
    assert.equal(clean.stdout, '');
  });
  it('writes JSON records with 1-based positions', () => {
    const r = run('lint', 'bad/spark-defaults.conf', '--format', 'json');
    assert.equal(r.status, 1);
    const records = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const first = records[0]!;
    assert.deepEqual(Object.keys(first).sort(), [
      'code',
      'column',
      'endColumn',
      'endLine',
      'file',
      'line',
      'message',
      'severity',
    ]);
    assert.deepEqual(
      [first['line'], first['column'], first['endLine'], first['endColumn'], first['code']],
      [1, 23, 1, 27, 'SIZE-UNITLESS-HEAP'],
    );
    assert.ok(records.every((x) => ['error', 'warning', 'info', 'hint'].includes(String(x['severity']))));
  });
  it('writes SARIF 2.1.0 that code scanning accepts', () => {
    const r = run('lint', 'bad', '--format', 'sarif');
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as {
      $schema: string;
      version: string;
      runs: Array<{
        tool: {
          driver: {
            name: string;
            informationUri: string;
            rules: Array<{
              id: string;
              shortDescription: { text: string };
              helpUri: string;
              defaultConfiguration: { level: string };
            }>;
          };
        };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
          }>;
        }>;
      }>;
    };
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run0 = log.runs[0]!;
    assert.equal(run0.tool.driver.name, 'spark-memory');
    assert.match(run0.tool.driver.informationUri, /^https:\/\//);
    const ids = run0.tool.driver.rules.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of run0.tool.driver.rules) {
      assert.match(rule.helpUri, new RegExp(`docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.shortDescription.text.length > 0);
    }
    assert.ok(run0.results.length >= 4);
    for (const res of run0.results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0]!.physicalLocation;
      assert.doesNotMatch(loc.artifactLocation.uri, /^\/|\\/);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endLine >= loc.region.startLine);
    }
    assert.ok(run0.results.some((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'bad/k8s/app.yaml'));
  });
  it('honours --spark-version and --container-limit', () => {
    const v24 = run('lint', 'bad/spark-defaults.conf', '--spark-version', '2.4', '--format', 'json');
    assert.match(v24.stdout, /Executor memory 4096 must be at least 471859200\. Please increase/);
    writeFileSync(join(dir, 'big.conf'), 'spark.master yarn\nspark.executor.memory 8g\n');
    assert.equal(run('lint', 'big.conf', '--container-limit', '9011').status, 0);
    const over = run('lint', 'big.conf', '--container-limit', '9010');
    assert.equal(over.status, 1);
    assert.match(over.stdout, /CONTAINER-BUDGET/);
  });
  it('exits 2 with one clear line for bad usage or unreadable input', () => {
    for (const args of [
      ['lint'],
      ['lint', 'missing.conf'],
      ['lint', 'good', '--format', 'xml'],
      ['lint', 'good', '--spark-version', '1.6'],
      ['lint', 'good', '--container-limit', '-5'],
      ['lint', 'good', '--bogus'],
    ]) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    }
  });
  it('keeps the layout command working', () => {
    const r = run('layout', 'good/spark-defaults.conf', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Record<string, unknown>)['maxHeapMemory'], 2388236697);
  });
});
