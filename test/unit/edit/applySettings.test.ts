// settingEdits: the edits the simulation panel's "Apply" makes, checked as whole resulting texts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentType } from '../../../src/core/document/kind';
import { SettingChange, applyTextEdits, settingEdits } from '../../../src/core/edit';

const SAMPLES = join(__dirname, '../../../../samples');
const sample = (p: string): string => readFileSync(join(SAMPLES, p), 'utf8');
const SPARK: DocumentType = { kind: 'spark-defaults' };
const SERVERS: DocumentType = { kind: 'snappy-members', role: 'server' };
const APP: DocumentType = { kind: 'spark-application' };

const apply = applyTextEdits;

function edited(type: DocumentType, text: string, changes: readonly SettingChange[], member?: number): string {
  const r = settingEdits(type, text, changes, member !== undefined ? { member } : {});
  if (!r.ok) throw new Error(r.message);
  // Non-overlapping, in document order.
  for (let i = 1; i < r.edits.length; i++)
    assert.ok(r.edits[i - 1]!.span.end <= r.edits[i]!.span.start, JSON.stringify(r.edits));
  return apply(text, r.edits);
}

function refused(type: DocumentType, text: string, changes: readonly SettingChange[], member?: number): string {
  const r = settingEdits(type, text, changes, member !== undefined ? { member } : {});
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? '' : r.message;
}

describe('settingEdits: spark-defaults.conf', () => {
  it('replaces the value of the entry in effect (the last one), keeping the layout and comments', () => {
    const text =
      'spark.executor.cores   4\n# comment\nspark.executor.cores   5 \nspark.driver.maxResultSize 512m # keep\n';
    assert.equal(
      edited(SPARK, text, [
        { key: 'spark.executor.cores', value: '8' },
        { key: 'spark.driver.maxResultSize', value: '1g' },
      ]),
      'spark.executor.cores   4\n# comment\nspark.executor.cores   8 \nspark.driver.maxResultSize 1g\n',
    );
  });

  it('keeps `=` and `:` separators', () => {
    assert.equal(
      edited(SPARK, 'spark.driver.cores=2\nspark.kryoserializer.buffer.max: 256k\n', [
        { key: 'spark.driver.cores', value: '3' },
        { key: 'spark.kryoserializer.buffer.max', value: '1m' },
      ]),
      'spark.driver.cores=3\nspark.kryoserializer.buffer.max: 1m\n',
    );
  });

  it('adds a missing key after the last entry of its group, lined up with it', () => {
    const text = sample('spark-defaults.conf');
    const out = edited(SPARK, text, [
      { key: 'spark.memory.fraction', value: '0.6' },
      { key: 'spark.memory.offHeap.enabled.x', value: 'y' },
      { key: 'spark.executor.pyspark.memory', value: '1g' },
    ]);
    assert.equal(
      out,
      text
        .replace('spark.memory.fraction            1.2', 'spark.memory.fraction            0.6')
        .replace(
          'spark.memory.offHeap.size        1536m\n',
          'spark.memory.offHeap.size        1536m\nspark.memory.offHeap.enabled.x   y\n',
        )
        // The last spark.executor.* entry is spark.executor.cores at the end of the file.
        .replace(
          'spark.executor.cores             5\n',
          'spark.executor.cores             5\nspark.executor.pyspark.memory    1g\n',
        ),
    );
  });

  it('adds a key without a group at the end, with a line break when the file has none at its end', () => {
    assert.equal(
      edited(SPARK, 'spark.master yarn', [{ key: 'spark.app.name', value: 'x' }]),
      'spark.master yarn\nspark.app.name x',
    );
    assert.equal(
      edited(SPARK, 'spark.master=yarn\n', [{ key: 'spark.app.name', value: 'x' }]),
      'spark.master=yarn\nspark.app.name=x\n',
    );
    assert.equal(edited(SPARK, '', [{ key: 'spark.memory.fraction', value: '0.6' }]), 'spark.memory.fraction 0.6\n');
  });

  it('keeps CRLF line breaks', () => {
    assert.equal(
      edited(SPARK, 'spark.memory.fraction = 0.5\r\n# c\r\n', [
        { key: 'spark.memory.storageFraction', value: '0.3' },
        { key: 'spark.memory.fraction', value: '0.6' },
      ]),
      'spark.memory.fraction = 0.6\r\nspark.memory.storageFraction = 0.3\r\n# c\r\n',
    );
  });

  it('replaces a value that continues over several lines with the new one', () => {
    const text =
      'spark.executor.extraJavaOptions  -XX:+UseG1GC \\\n                                 -XX:+PrintGCDetails\nspark.master yarn\n';
    assert.equal(
      edited(SPARK, text, [{ key: 'spark.executor.extraJavaOptions', value: '-XX:+UseParallelGC' }]),
      'spark.executor.extraJavaOptions  -XX:+UseParallelGC\nspark.master yarn\n',
    );
  });

  it('writes a key that had no value apart from it, and escapes backslashes', () => {
    assert.equal(
      edited(SPARK, 'spark.local.dir\n', [{ key: 'spark.local.dir', value: 'C:\\tmp' }]),
      'spark.local.dir C:\\\\tmp\n',
    );
  });

  it('refuses member flags and empty values', () => {
    assert.match(refused(SPARK, '', [{ key: '-heap-size', value: '4g' }]), /SnappyData member flag/);
    assert.match(refused(SPARK, '', [{ key: 'spark.x', value: '' }]), /a value is required/);
  });
});

describe('settingEdits: SnappyData member files', () => {
  const servers = sample('conf/servers');

  it('replaces the last -key=value of member 1 and adds missing ones at the end of its line', () => {
    assert.equal(
      edited(SERVERS, servers, [
        { key: '-heap-size', value: '16g' },
        { key: 'memory-size', value: '1g' },
        { key: '-spark.memory.fraction', value: '0.8' },
      ]),
      servers
        .replace('node-a -heap-size=8g -memory-size=16g', 'node-a -heap-size=16g -memory-size=1g')
        .replace('/data/snappy/server-a\n', '/data/snappy/server-a -spark.memory.fraction=0.8\n'),
    );
  });

  it('a heap change rewrites -J-Xmx when the line has one, and adds to the end of a continued line', () => {
    assert.equal(
      edited(
        SERVERS,
        servers,
        [
          { key: '-heap-size', value: '16g' },
          { key: '-critical-heap-percentage', value: '90' },
        ],
        4,
      ),
      servers
        .replace('node-d -J-Xmx6g', 'node-d -J-Xmx16g')
        .replace(
          '-spark.memory.storageMaxFraction=0.9\n',
          '-spark.memory.storageMaxFraction=0.9 -critical-heap-percentage=90\n',
        ),
    );
  });

  it('keeps -J-Xms equal to -J-Xmx, a CRLF line end and a trailing comment', () => {
    const text = 'node-a -J-Xms4g -J-Xmx4g -memory-size=1g # note\r\nnode-b\r\n';
    assert.equal(
      edited(SERVERS, text, [
        { key: '-heap-size', value: '16g' },
        { key: '-foo', value: '1' },
      ]),
      'node-a -J-Xms16g -J-Xmx16g -memory-size=1g -foo=1 # note\r\nnode-b\r\n',
    );
    // bash keeps a CRLF line's `\r` in its last word: a value written last would hold it, so Apply refuses
    // (found by the generated member-file round trip: `-heap-size=16g\r` is no heap the JVM takes).
    for (const [t, member] of [
      [text, 2],
      ['node-a -memory-size=1g\r\n', 1],
    ] as const) {
      const r = settingEdits(SERVERS, t, [{ key: '-heap-size', value: '16g' }], { member });
      assert.equal(r.ok, false, t);
      assert.match(r.ok ? '' : r.message, /ends with a carriage return .* remove the carriage returns \(SNAPPY-CRLF\)/);
    }
  });

  it('writes a localhost line into a file without member lines', () => {
    assert.equal(
      edited(SERVERS, '# none yet\n', [{ key: '-heap-size', value: '4g' }]),
      '# none yet\nlocalhost -heap-size=4g\n',
    );
  });

  it('refuses a member that is not there, a line that does not start, and values the shell would read', () => {
    assert.match(
      refused(SERVERS, servers, [{ key: '-heap-size', value: '4g' }], 9),
      /no member line 9: the file has 4/,
    );
    assert.match(refused(SERVERS, servers, [{ key: '-heap-size', value: '4g' }], 2), /does not start/);
    assert.match(refused(SERVERS, servers, [{ key: '-heap-size', value: '4g' }], 3), /TAB after the host/);
    assert.match(refused(SERVERS, servers, [{ key: '-dir', value: '/a b' }]), /through the shell/);
  });
});

describe('settingEdits: SparkApplication YAML', () => {
  const app = sample('k8s/spark-pi.yaml');

  it('edits the typed field when it exists (it wins), else the sparkConf entry, and adds missing entries', () => {
    assert.equal(
      edited(APP, app, [
        { key: 'spark.executor.memory', value: '2g' },
        { key: 'spark.executor.cores', value: '4' },
        { key: 'spark.memory.fraction', value: '0.7' },
        { key: 'spark.memory.offHeap.size', value: '1g' },
      ]),
      app
        .replace('    memory: "512Mi"', '    memory: "2g"')
        .replace('  executor:\n    cores: 2', '  executor:\n    cores: 4')
        .replace('spark.memory.fraction: "0.6"', 'spark.memory.fraction: "0.7"')
        .replace(
          '    spark.sql.shuffle.partitions: "200"\n',
          '    spark.sql.shuffle.partitions: "200"\n    spark.memory.offHeap.size: "1g"\n',
        ),
    );
  });

  it('adds sparkConf under spec when it is missing, after the last spec field, quoting values', () => {
    const text =
      'apiVersion: sparkoperator.k8s.io/v1beta2\r\nkind: SparkApplication\r\nspec:\r\n  type: Scala\r\n  executor:\r\n    cores: 2\r\n    memory: 1g  # x\r\n\r\n# end\r\n';
    assert.equal(
      edited(APP, text, [
        { key: 'spark.memory.fraction', value: '0.7' },
        { key: 'spark.executor.memory', value: '3g' },
        { key: 'spark.executor.memoryOverhead', value: '1g' },
      ]),
      'apiVersion: sparkoperator.k8s.io/v1beta2\r\nkind: SparkApplication\r\nspec:\r\n  type: Scala\r\n  executor:\r\n    cores: 2\r\n    memory: "3g"  # x\r\n' +
        '  sparkConf:\r\n    spark.memory.fraction: "0.7"\r\n    spark.executor.memoryOverhead: "1g"\r\n\r\n# end\r\n',
    );
  });

  it('fills an empty sparkConf (null or {}) and a flow map', () => {
    const base =
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  type: Scala\n  SC\n  mode: cluster\n';
    const fraction = [{ key: 'spark.memory.fraction', value: '0.7' }];
    assert.equal(
      edited(APP, base.replace('SC', 'sparkConf:'), fraction),
      base.replace('SC', 'sparkConf:\n    spark.memory.fraction: "0.7"'),
    );
    // The comment stays on the key's line; the entries go below it.
    assert.equal(
      edited(APP, base.replace('SC', 'sparkConf: ~ # none'), fraction),
      base.replace('SC', 'sparkConf: # none\n    spark.memory.fraction: "0.7"'),
    );
    assert.equal(
      edited(APP, base.replace('SC', 'sparkConf: {}'), fraction),
      base.replace('SC', 'sparkConf: {spark.memory.fraction: "0.7"}'),
    );
    assert.equal(
      edited(APP, base.replace('SC', "sparkConf: {'a': 'b'}"), [...fraction, { key: 'a', value: "it's" }]),
      base.replace('SC', "sparkConf: {'a': 'it''s', 'spark.memory.fraction': \"0.7\"}"),
    );
  });

  it('refuses a non-integer for an integer field and a file with YAML errors', () => {
    assert.match(refused(APP, app, [{ key: 'spark.executor.cores', value: '2.5' }]), /integer field/);
    assert.match(refused(APP, `${app}  bad: [\n`, [{ key: 'spark.memory.fraction', value: '0.5' }]), /YAML has errors/);
  });
});
