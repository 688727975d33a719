// Size rules: SIZE-FRACTION, SIZE-K8S-QUANTITY, SIZE-UNITLESS-HEAP, SIZE-JVM-SUFFIX, SIZE-TRUNCATE,
// SIZE-OFFHEAP-BYTES, and SIZE-PARSE staying quiet where a more specific rule speaks.
import * as assert from 'node:assert/strict';
import { SPARK_2_4, SPARK_3_5 } from '../../../src/core/version';
import { SPAN_TEXT, applyFix, codes, only } from './lintHarness';

const YAML = (executor: string, extra = '') => `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: x
spec:
  type: Scala
  driver:
    memory: "1g"
  executor:
    cores: 2
${executor}${extra}`;
const APP = { type: { kind: 'spark-application' as const } };

describe('SIZE-FRACTION', () => {
  it("rejects 4.5g with Spark's text and writes the exact 4608m", () => {
    const text = 'spark.executor.memory 4.5g\n';
    const [f] = only(text, 'SIZE-FRACTION');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(SPAN_TEXT(text, f), '4.5g');
    assert.match(f.message, /Fractional values are not supported\. Input was: 4\.5/);
    assert.equal(applyFix(text, f), 'spark.executor.memory 4608m\n');
    assert.deepEqual(only(text, 'SIZE-PARSE'), []);
  });
  it("uses the key's unit for a bare fraction and rounds when no unit is exact", () => {
    assert.equal(
      applyFix('spark.executor.memoryOverhead 1.5\n', only('spark.executor.memoryOverhead 1.5\n', 'SIZE-FRACTION')[0]!),
      'spark.executor.memoryOverhead 1536k\n',
    );
    const [f] = only('spark.executor.memoryOverhead 0.3m\n', 'SIZE-FRACTION');
    assert.ok(f);
    assert.equal(f.fixes?.[0]?.isPreferred, undefined);
  });
  it('leaves whole sizes alone', () => {
    assert.deepEqual(only('spark.executor.memory 4g\nspark.memory.offHeap.size 1536m\n', 'SIZE-FRACTION'), []);
  });
});

describe('SIZE-K8S-QUANTITY', () => {
  it('flags 4Gi and 512Mi with the fix 4g / 512m', () => {
    const text = 'spark.executor.memory 4Gi\nspark.executor.memoryOverhead 512Mi\n';
    const fs = only(text, 'SIZE-K8S-QUANTITY');
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.message, /Invalid suffix: \\"gi\\"/);
    assert.equal(applyFix(text, fs[0]!), 'spark.executor.memory 4g\nspark.executor.memoryOverhead 512Mi\n');
    assert.equal(applyFix(text, fs[1]!), 'spark.executor.memory 4Gi\nspark.executor.memoryOverhead 512m\n');
    assert.deepEqual(only(text, 'SIZE-PARSE'), []);
  });
  it('re-quotes the YAML field', () => {
    const text = YAML('    memory: "512Mi"\n');
    const [f] = only(text, 'SIZE-K8S-QUANTITY', APP);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '"512Mi"');
    assert.match(applyFix(text, f), /memory: "512m"\n$/);
    const plain = YAML('    memory: 512Mi\n');
    assert.match(applyFix(plain, only(plain, 'SIZE-K8S-QUANTITY', APP)[0]!), /memory: "512m"\n$/);
  });
  it("appends Spark's own refusal as a sentence of its own", () => {
    const [f] = only('spark.executor.memoryOverhead 1Gi\n', 'SIZE-K8S-QUANTITY');
    assert.ok(f);
    assert.match(f.message, /Write 1g\. SparkContext fails to start with NumberFormatException: Size must be/);
  });
  it('accepts 4G (binary in Spark) and 4g', () => {
    assert.deepEqual(only('spark.executor.memory 4G\nspark.driver.memory 4g\n', 'SIZE-K8S-QUANTITY'), []);
  });
});

describe('SIZE-UNITLESS-HEAP', () => {
  it("flags a bare executor memory with the memory manager's exact error and appends m", () => {
    const text = 'spark.executor.memory 4096\n';
    const [f] = only(text, 'SIZE-UNITLESS-HEAP');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /4096 MiB/);
    assert.match(f.message, /Executor memory 4096 must be at least 471859200/);
    assert.equal(applyFix(text, f), 'spark.executor.memory 4096m\n');
    assert.deepEqual(only(text, 'MIN-HEAP'), [], 'MIN-HEAP leaves the unit-less case to this rule');
    assert.deepEqual(only(text, 'STARTUP-ERROR'), []);
  });
  it('reads a large bare number as bytes for the preferred fix', () => {
    const text = 'spark.driver.memory 4294967296\n';
    const [f] = only(text, 'SIZE-UNITLESS-HEAP');
    assert.ok(f);
    assert.equal(applyFix(text, f), 'spark.driver.memory 4g\n');
    assert.equal(applyFix(text, f, /read as MiB/), 'spark.driver.memory 4294967296m\n');
  });
  it('explains the client-mode -Xmx for the driver, and leaves units and 0 alone', () => {
    assert.match(only('spark.driver.memory 2048\n', 'SIZE-UNITLESS-HEAP')[0]!.message, /-Xmx2048/);
    assert.deepEqual(
      only(
        'spark.executor.memory 4096m\nspark.driver.memory 2g\nspark.executor.memoryOverhead 512\n',
        'SIZE-UNITLESS-HEAP',
      ),
      [],
    );
    assert.deepEqual(only('spark.executor.memory 0\n', 'SIZE-UNITLESS-HEAP'), []);
    assert.match(
      only('spark.executor.memory 0\n', 'STARTUP-ERROR')[0]!.message,
      /Executor memory must be a positive number/,
    );
  });
});

describe('SIZE-JVM-SUFFIX', () => {
  it('is an error for 2gb in client mode (the default) and fixes to 2g', () => {
    const text = 'spark.driver.memory 2gb\n';
    const [f] = only(text, 'SIZE-JVM-SUFFIX');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /Invalid maximum heap size: -Xmx2gb/);
    assert.equal(applyFix(text, f), 'spark.driver.memory 2g\n');
  });
  it('is a warning in cluster mode on YARN, where YARN writes -Xmx in MiB', () => {
    const [f] = only(
      'spark.master yarn\nspark.submit.deployMode cluster\nspark.driver.memory 2gb\n',
      'SIZE-JVM-SUFFIX',
    );
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Harmless/);
  });
  it('converts p and b suffixes to JVM units', () => {
    assert.equal(
      applyFix('spark.driver.memory 1p\n', only('spark.driver.memory 1p\n', 'SIZE-JVM-SUFFIX')[0]!),
      'spark.driver.memory 1024t\n',
    );
    assert.equal(
      applyFix('spark.driver.memory 1073741824b\n', only('spark.driver.memory 1073741824b\n', 'SIZE-JVM-SUFFIX')[0]!),
      'spark.driver.memory 1g\n',
    );
  });
  it('applies to executor memory only on Kubernetes with Spark 2.4', () => {
    const k8s = 'spark.master k8s://https://k:6443\nspark.executor.memory 4gb\n';
    assert.equal(only(k8s, 'SIZE-JVM-SUFFIX', { version: SPARK_2_4 })[0]?.severity, 'error');
    assert.deepEqual(only(k8s, 'SIZE-JVM-SUFFIX', { version: SPARK_3_5 }), []);
    assert.deepEqual(
      only('spark.master yarn\nspark.executor.memory 4gb\n', 'SIZE-JVM-SUFFIX', { version: SPARK_2_4 }),
      [],
    );
  });
  it('accepts k, m, g, t in any case', () => {
    assert.deepEqual(only('spark.driver.memory 2G\n', 'SIZE-JVM-SUFFIX'), []);
    assert.deepEqual(only('spark.driver.memory 2048m\n', 'SIZE-JVM-SUFFIX'), []);
  });
});

describe('SIZE-TRUNCATE', () => {
  it('warns when a MiB key gets less than 1 MiB (512k becomes 0) and rounds up', () => {
    const text = 'spark.executor.memoryOverhead 512k\n';
    const [f] = only(text, 'SIZE-TRUNCATE');
    assert.ok(f);
    assert.match(f.message, /0 MiB/);
    assert.equal(applyFix(text, f), 'spark.executor.memoryOverhead 1m\n');
  });
  it('warns when the value is not a whole MiB (1536k becomes 1 MiB), not at exactly 1024k', () => {
    assert.match(only('spark.executor.memoryOverhead 1536k\n', 'SIZE-TRUNCATE')[0]!.message, /to 1 MiB/);
    assert.deepEqual(only('spark.executor.memoryOverhead 1024k\n', 'SIZE-TRUNCATE'), []);
    assert.deepEqual(only('spark.executor.memoryOverhead 1023\n', 'SIZE-TRUNCATE'), []);
    assert.deepEqual(only('spark.memory.offHeap.size 512k\n', 'SIZE-TRUNCATE'), [], 'a bytes key is not truncated');
  });
});

describe('SIZE-OFFHEAP-BYTES', () => {
  it('warns about 2048 (bytes) and offers 2048m', () => {
    const text = 'spark.memory.offHeap.size 2048\n';
    const [f] = only(text, 'SIZE-OFFHEAP-BYTES');
    assert.ok(f);
    assert.match(f.message, /2\.00 KiB/);
    assert.equal(applyFix(text, f), 'spark.memory.offHeap.size 2048m\n');
  });
  it('is quiet at exactly 1 MiB and for 0', () => {
    assert.equal(only('spark.memory.offHeap.size 1048575\n', 'SIZE-OFFHEAP-BYTES').length, 1);
    assert.deepEqual(only('spark.memory.offHeap.size 1048576\n', 'SIZE-OFFHEAP-BYTES'), []);
    assert.deepEqual(only('spark.memory.offHeap.size 0\n', 'SIZE-OFFHEAP-BYTES'), []);
  });
});

describe('SIZE-PARSE next to the specific rules', () => {
  it('still reports other unparsable sizes and the overflow', () => {
    assert.deepEqual(
      codes('spark.executor.memoryOverhead 4 g\n').filter((c) => c.startsWith('SIZE')),
      ['SIZE-PARSE'],
    );
    const [f] = only('spark.executor.memoryOverhead 99999999999999999p\n', 'SIZE-PARSE');
    assert.match(f?.message ?? '', /exceeds Long\.MAX_VALUE/);
  });
});
