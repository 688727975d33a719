// Every Spark key: the registry generated from the jars (src/core/catalog/registry.ts), typo detection
// over any `spark.` key (PROPS-UNKNOWN-KEY), value types (VALUE-TYPE), hover and completion of any key.
import * as assert from 'node:assert/strict';
import { freeFormPrefix, knownToSpark, registryEntry, registryKeys } from '../../../src/core/catalog/registry';
import { convertValue, timeStringError } from '../../../src/core/catalog/registryConvert';
import { analyzeText, completionsAt, hoverAt } from '../../../src/core/editor';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';
import { applyFix, only } from './lintHarness';

const V42 = sparkVersion(4, 2, 0);

describe('the generated Spark registry', () => {
  it('holds every line with the types the converters define', () => {
    for (const v of [SPARK_3_5, SPARK_4_1, V42])
      assert.ok(registryKeys(v).length > 900, `few keys for ${v.major}.${v.minor}`);
    assert.deepEqual(registryEntry('spark.rpc.message.maxSize', SPARK_3_5)?.type, { kind: 'int' });
    assert.deepEqual(registryEntry('spark.network.timeout', SPARK_3_5)?.type, { kind: 'time', unit: 's' });
    assert.deepEqual(registryEntry('spark.shuffle.file.buffer', SPARK_4_1)?.type, { kind: 'bytes', unit: 'KiB' });
    assert.equal(registryEntry('spark.sql.shuffle.partitions', V42)?.default, '200');
    assert.equal(registryEntry('spark.sql.adaptive.enabled', SPARK_3_5)?.type.kind, 'boolean');
  });
  it("types 3.5's Kubernetes keys from the 2.12 module, as 4.x's are", () => {
    for (const v of [SPARK_3_5, V42]) {
      assert.deepEqual(registryEntry('spark.kubernetes.allocation.batch.delay', v)?.type, { kind: 'time', unit: 'ms' });
      assert.equal(registryEntry('spark.kubernetes.memoryOverheadFactor', v)?.type.kind, 'double');
    }
    assert.ok(registryKeys(SPARK_3_5).includes('spark.kubernetes.pyspark.pythonVersion'));
  });
  it('reads a version through its line and the version each key was added in', () => {
    // spark.executor.minMemoryOverhead was added in 4.0.0.
    assert.ok(registryKeys(SPARK_4_1).includes('spark.executor.minMemoryOverhead'));
    assert.ok(!registryKeys(SPARK_3_5).includes('spark.executor.minMemoryOverhead'));
    assert.ok(!registryKeys(sparkVersion(3, 0, 3)).includes('spark.sql.ansi.enforceReservedKeywords'));
  });
  it('knows keys read by name and free-form families', () => {
    assert.ok(knownToSpark('spark.master'));
    assert.ok(knownToSpark('spark.app.name'));
    assert.equal(freeFormPrefix('spark.hadoop.fs.s3a.access.key'), 'spark.hadoop.');
    assert.equal(freeFormPrefix('spark.executorEnv.JAVA_HOME'), 'spark.executorEnv.');
    assert.equal(freeFormPrefix('spark.kubernetes.driver.label.team'), 'spark.kubernetes.driver.label.');
    assert.equal(freeFormPrefix('spark.sql.catalog.local.type'), 'spark.sql.catalog.');
    assert.equal(freeFormPrefix('spark.executor.resource.gpu.amount'), 'spark.executor.resource.');
    assert.equal(freeFormPrefix('spark.sql.shuffle.partitions'), undefined);
  });
});

describe('value conversion as Spark does it', () => {
  const entry = (key: string, v = SPARK_3_5) => {
    const e = registryEntry(key, v);
    assert.ok(e !== undefined, key);
    return e;
  };
  it('uses ConfigHelpers.toNumber and toBoolean messages (3.5) and the error classes (4.x)', () => {
    assert.deepEqual(convertValue(entry('spark.rpc.message.maxSize'), '512m', SPARK_3_5), {
      ok: false,
      message: 'spark.rpc.message.maxSize should be int, but was 512m',
    });
    assert.deepEqual(convertValue(entry('spark.rpc.message.maxSize'), ' 512 ', SPARK_3_5), { ok: true });
    assert.deepEqual(convertValue(entry('spark.rpc.message.maxSize', SPARK_4_1), '512m', SPARK_4_1), {
      ok: false,
      message:
        "[INVALID_CONF_VALUE.TYPE_MISMATCH] The value '512m' in the config \"spark.rpc.message.maxSize\" is invalid. It should be a/an 'int' value. SQLSTATE: 22022",
    });
    assert.equal(convertValue(entry('spark.sql.adaptive.enabled'), 'yes', SPARK_3_5).ok, false);
    assert.equal(convertValue(entry('spark.sql.adaptive.enabled'), 'TRUE', SPARK_3_5).ok, true);
  });
  it('parses durations and sizes as JavaUtils does', () => {
    assert.equal(timeStringError('10s'), undefined);
    assert.equal(timeStringError(' 5min '), undefined);
    assert.match(timeStringError('1.5s') ?? '', /\nFailed to parse time string: 1\.5s$/);
    assert.match(timeStringError('10sec') ?? '', /\nInvalid suffix: "sec"$/);
    assert.equal(convertValue(entry('spark.network.timeout'), '120s', SPARK_3_5).ok, true);
    assert.equal(convertValue(entry('spark.network.timeout'), '2 minutes', SPARK_3_5).ok, false);
  });
  it('checks checkValues sets, upper-casing where Spark does', () => {
    const e = entry('spark.sql.adaptive.logLevel');
    assert.equal(convertValue(e, 'info', SPARK_3_5).ok, true);
    const r = convertValue(e, 'loud', SPARK_3_5);
    assert.ok(!r.ok && r.message.startsWith('The value of spark.sql.adaptive.logLevel should be one of '));
    assert.ok(!r.ok && r.message.endsWith(', but was LOUD'));
  });
  it('trims and ignores case where 4.x enum entries do, and shows the value as written', () => {
    const e = entry('spark.scheduler.mode', SPARK_4_1);
    assert.equal(convertValue(e, 'fair', SPARK_4_1).ok, true);
    assert.equal(convertValue(e, ' FAIR', SPARK_4_1).ok, true);
    const r = convertValue(e, 'Fast', SPARK_4_1);
    assert.ok(
      !r.ok && r.message.startsWith("[INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS] The value 'Fast' in the config"),
    );
  });
  it('takes the IEC size suffixes from 4.2 on (JavaUtils.byteSuffixes)', () => {
    assert.equal(convertValue(entry('spark.io.compression.zstd.bufferSize', V42), '1GiB', V42).ok, true);
    assert.equal(convertValue(entry('spark.io.compression.zstd.bufferSize', SPARK_4_1), '1GiB', SPARK_4_1).ok, false);
  });
});

describe('PROPS-UNKNOWN-KEY over every spark. key', () => {
  it('flags a typo of any key with a rename to the nearest key of the line', () => {
    const text = 'spark.exectuor.cores 4\n';
    const [f] = only(text, 'PROPS-UNKNOWN-KEY');
    assert.ok(f !== undefined);
    assert.match(f.message, /Did you mean spark\.executor\.cores\?/);
    assert.equal(applyFix(text, f), 'spark.executor.cores 4\n');
    const [sql] = only('spark.sql.shuffle.partitons 400\n', 'PROPS-UNKNOWN-KEY');
    assert.match(sql?.message ?? '', /spark\.sql\.shuffle\.partitions/);
  });
  it('flags spark.exectuor.memory with the rename the issue asks for', () => {
    const text = 'spark.exectuor.memory 2g\n';
    const [f] = only(text, 'PROPS-UNKNOWN-KEY');
    assert.ok(f !== undefined);
    assert.equal(applyFix(text, f), 'spark.executor.memory 2g\n');
  });
  it('leaves known keys, keys read by name, free-form families and far keys alone', () => {
    const text = [
      'spark.master yarn',
      'spark.app.name etl',
      'spark.hadoop.fs.s3a.impl org.apache.hadoop.fs.s3a.S3AFileSystem',
      'spark.executorEnv.PYTHONPATH /opt/lib',
      'spark.kubernetes.driver.label.team data',
      'spark.sql.catalog.local org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.local.type hadoop',
      'spark.executor.resource.gpu.amount 1',
      'spark.cassandra.connection.host 10.0.0.1',
      'spark.sql.shuffle.partitions 400',
      'spark.serializer org.apache.spark.serializer.KryoSerializer',
      '',
    ].join('\n');
    assert.deepEqual(only(text, 'PROPS-UNKNOWN-KEY'), []);
  });
  it('suggests only keys of the line in force, and stays with memory keys before 3.0', () => {
    assert.deepEqual(only('spark.exectuor.cores 4\n', 'PROPS-UNKNOWN-KEY', { version: SPARK_2_4 }), []);
  });
});

describe('VALUE-TYPE', () => {
  it('refuses spark.rpc.message.maxSize 512m with Spark’s message', () => {
    const [f] = only('spark.rpc.message.maxSize 512m\n', 'VALUE-TYPE');
    assert.equal(f?.message, 'spark.rpc.message.maxSize should be int, but was 512m (Spark 3.5.9)');
    assert.equal(f?.severity, 'error');
  });
  it('accepts good values and leaves hand-written keys to their own rules', () => {
    const text =
      'spark.rpc.message.maxSize 512\nspark.network.timeout 300s\nspark.sql.adaptive.enabled true\nspark.executor.memory 4x\n';
    assert.deepEqual(only(text, 'VALUE-TYPE'), []);
  });
  it('offers the case Spark accepts for a case-sensitive set', () => {
    const e = registryEntry('spark.kerberos.renewal.credentials', SPARK_3_5);
    assert.ok(e !== undefined && e.type.kind === 'enum' && !e.type.anyCase);
    const text = 'spark.kerberos.renewal.credentials KEYTAB\n';
    const [f] = only(text, 'VALUE-TYPE');
    assert.ok(f !== undefined);
    assert.equal(applyFix(text, f), 'spark.kerberos.renewal.credentials keytab\n');
  });
  it('checks sparkConf of a SparkApplication', () => {
    const yaml =
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: x\nspec:\n  sparkConf:\n    "spark.sql.shuffle.partitions": "many"\n';
    const [f] = only(yaml, 'VALUE-TYPE', { type: { kind: 'spark-application' } });
    assert.match(f?.message ?? '', /spark\.sql\.shuffle\.partitions should be int, but was many/);
  });
});

describe('hover and completion of any key', () => {
  it('hovers a registered key with its type, default and version', () => {
    const text = 'spark.network.timeout 300s\n';
    const r = analyzeText({ kind: 'spark-defaults' }, text, { sparkVersion: SPARK_3_5 });
    assert.ok(r.ok);
    const h = hoverAt(r.analysis, 3);
    assert.ok(h !== undefined);
    assert.match(h.markdown, /spark\.network\.timeout/);
    assert.match(h.markdown, /duration; a bare number is s/);
    assert.match(h.markdown, /`120s`/);
    assert.match(h.markdown, /added in 1\.3\.0/);
  });
  it('completes any key, memory keys first', () => {
    const c = completionsAt({ kind: 'spark-defaults' }, 'spark.sql.shuf', 14, SPARK_3_5);
    const labels = c?.items.map((i) => i.label) ?? [];
    assert.ok(labels.includes('spark.sql.shuffle.partitions'));
    const sorted = [...(c?.items ?? [])].sort((x, y) => (x.sortText < y.sortText ? -1 : 1));
    const memory = sorted.findIndex((i) => i.label === 'spark.executor.memory');
    const sql = sorted.findIndex((i) => i.label === 'spark.sql.shuffle.partitions');
    assert.ok(memory >= 0 && memory < sql);
  });
  it('completes the values of a registered boolean', () => {
    const text = 'spark.sql.adaptive.enabled ';
    const c = completionsAt({ kind: 'spark-defaults' }, text, text.length, SPARK_3_5);
    assert.ok(c?.items.some((i) => i.label === 'true'));
  });
});
