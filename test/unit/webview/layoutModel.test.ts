// The layout model the panel shows: the same numbers as `spark-memory layout --format json`.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigPayload } from '../../../src/shared/protocol';
import { buildLayoutModel, effectiveValues } from '../../../src/webview/layoutModel';

const REPO = join(__dirname, '../../../..');
const CLI = join(REPO, 'dist/cli.js');
const cli = (file: string) =>
  JSON.parse(
    spawnSync(process.execPath, [CLI, 'layout', file, '--format', 'json'], { cwd: REPO, encoding: 'utf8' }).stdout,
  ) as Record<string, unknown>;

/** A CLI JSON field by its dotted path. */
const at = (j: Record<string, unknown>, id: string): unknown =>
  id.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], j);

function payload(
  fileName: string,
  kind: ConfigPayload['kind'],
  text: string,
  extra: Partial<ConfigPayload> = {},
): ConfigPayload {
  return { uri: `file:///ws/${fileName}`, fileName, kind, text, version: 1, diagnostics: [], ...extra };
}

describe('webview layout model', () => {
  it("shows every size the CLI prints for a Spark executor, under the CLI's field names", () => {
    const text =
      'spark.master yarn\nspark.executor.memory 6g\nspark.executor.cores 4\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\n';
    const dir = mkdtempSync(join(tmpdir(), 'panel-'));
    writeFileSync(join(dir, 'spark-defaults.conf'), text);
    const j = cli(join(dir, 'spark-defaults.conf'));
    const m = buildLayoutModel(payload('spark-defaults.conf', 'spark-defaults', text), {});
    const col = m.columns[0]!;
    assert.ok(col.rows.length >= 10);
    for (const r of col.rows) assert.equal(r.bytes, at(j, r.id), r.id);
    assert.ok(col.rows.some((r) => r.id === 'executionPerTask.minPerTask'));
    assert.equal(col.container!.totalMiB, (j['container'] as { totalMiB: number }).totalMiB);
    assert.deepEqual(m.blocking, []);
    assert.equal(
      col.heap.reduce((s, x) => s + x.bytes, 0),
      j['systemMemory'],
    );
  });
  it("shows the legacy regions of a Spark 2.4 static manager under the CLI's nested names", () => {
    const text = 'spark.executor.memory 4g\nspark.memory.useLegacyMode true\n';
    const dir = mkdtempSync(join(tmpdir(), 'panel-'));
    writeFileSync(join(dir, 'spark-defaults.conf'), text);
    const r = spawnSync(
      process.execPath,
      [CLI, 'layout', join(dir, 'spark-defaults.conf'), '--format', 'json', '--spark-version', '2.4'],
      { encoding: 'utf8' },
    );
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    const m = buildLayoutModel(payload('spark-defaults.conf', 'spark-defaults', text, { sparkVersion: '2.4' }), {});
    const legacy = m.columns[0]!.rows.filter((x) => x.id.startsWith('legacy.'));
    assert.equal(legacy.length, 4);
    for (const x of m.columns[0]!.rows) assert.equal(x.bytes, at(j, x.id), x.id);
  });
  it('lays out what-if values through the same layout function', () => {
    const text = 'spark.executor.memory 4g\n';
    const m = buildLayoutModel(payload('spark-defaults.conf', 'spark-defaults', text), {
      'spark.memory.fraction': '0.8',
    });
    const row = m.columns[0]!.rows.find((r) => r.id === 'maxHeapMemory')!;
    assert.equal(row.bytes, Math.trunc((4 * 2 ** 30 - 300 * 2 ** 20) * 0.8));
  });
  it('stops the simulation on start-up errors and error diagnostics, with the line to reveal', () => {
    const text = readFileSync(join(REPO, 'samples/spark-defaults.conf'), 'utf8');
    const m = buildLayoutModel(payload('spark-defaults.conf', 'spark-defaults', text), {});
    assert.ok(m.blocking.some((p) => p.line === 12 && /spark\.memory\.fraction/.test(p.message)));
    const diag = buildLayoutModel(
      payload('spark-defaults.conf', 'spark-defaults', 'spark.executor.memory 4g\n', {
        diagnostics: [{ code: 'X', severity: 'error', message: 'bad', line: 0 }],
      }),
      {},
    );
    assert.deepEqual(
      diag.blocking.map((p) => p.line),
      [0],
    );
    // A what-if that replaces the broken line's value lets the run go ahead.
    const fixed = buildLayoutModel(
      payload('spark-defaults.conf', 'spark-defaults', 'spark.executor.memory 4g\n', {
        diagnostics: [{ code: 'X', severity: 'error', message: 'bad', line: 0 }],
      }),
      { 'spark.executor.memory': '6g' },
    );
    assert.deepEqual(fixed.blocking, []);
  });
  it("gives one column per member line, with the lead's settings, equal to the CLI", () => {
    const text = readFileSync(join(REPO, 'samples/conf/servers'), 'utf8');
    const leadsText = readFileSync(join(REPO, 'samples/conf/leads'), 'utf8');
    const j = cli('samples/conf/servers') as { members: Record<string, unknown>[] };
    const m = buildLayoutModel(payload('conf/servers', 'snappy-members', text, { role: 'server', leadsText }), {});
    assert.equal(m.columns.length, j.members.length);
    m.columns.forEach((col, i) => {
      for (const r of col.rows) {
        const v = j.members[i]![r.id];
        assert.equal(
          r.bytes,
          typeof v === 'object' && v !== null ? (v as { value: number }).value : v,
          `member ${i + 1} ${r.id}`,
        );
      }
    });
    assert.ok(m.columns[0]!.rows.some((r) => r.id === 'maxHeapMemory' && r.note?.includes('(lead)')));
    assert.equal(m.columns[1]!.startupErrors.length, 1);
  });
  it("stops a member's run on its own line's errors only", () => {
    const text = 'a -heap-size=4g\nb -heap-size = 4g\n';
    const diagnostics = [{ code: 'SNAPPY-EQ-SPACE', severity: 'error' as const, message: 'bad', line: 1 }];
    const first = buildLayoutModel(
      payload('conf/servers', 'snappy-members', text, { role: 'server', diagnostics }),
      {},
      0,
    );
    assert.deepEqual(first.blocking, []);
    const second = buildLayoutModel(
      payload('conf/servers', 'snappy-members', text, { role: 'server', diagnostics }),
      {},
      1,
    );
    assert.deepEqual(
      second.blocking.map((p) => p.line),
      [1],
    );
  });
  it('starts the controls from the values in effect, defaults included', () => {
    const spark = buildLayoutModel(
      payload('spark-defaults.conf', 'spark-defaults', 'spark.executor.memory 4g\nspark.memory.offHeap.size 1536m\n'),
      {},
    );
    assert.deepEqual(effectiveValues(spark), {
      'spark.executor.memory': '4g',
      'spark.executor.cores': '1',
      'spark.memory.fraction': '0.6',
      'spark.memory.storageFraction': '0.5',
      'spark.memory.offHeap.enabled': 'false',
      'spark.memory.offHeap.size': '1536m',
    });
    const member = buildLayoutModel(payload('conf/servers', 'snappy-members', 'a -J-Xmx6g\n', { role: 'server' }), {});
    const v = effectiveValues(member);
    assert.equal(v['-heap-size'], '6g');
    assert.ok(Number(v['-critical-heap-percentage']) > 90);
  });
  it('writes a member what-if into the chosen line before laying it out', () => {
    const m = buildLayoutModel(
      payload('conf/servers', 'snappy-members', 'a -heap-size=4g\nb -heap-size=4g\n', { role: 'server' }),
      { '-heap-size': '8g' },
      1,
    );
    assert.equal(m.columns[0]!.rows.find((r) => r.id === 'heapBytes')!.bytes, 4 * 2 ** 30);
    assert.equal(m.columns[1]!.rows.find((r) => r.id === 'heapBytes')!.bytes, 8 * 2 ** 30);
  });
});
