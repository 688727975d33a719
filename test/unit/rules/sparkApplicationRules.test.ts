// SparkApplication rules (OP-DUP-KEY, OP-CORES-INT, OP-NON-STRING, OP-MEMORY-LIMIT) and the size
// rules on the YAML fields.
import * as assert from 'node:assert/strict';
import { SPAN_TEXT, applyFix, only } from './lintHarness';

const APP = { type: { kind: 'spark-application' as const } };
const doc = (spec: string) => `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: x
spec:
  type: Scala
${spec}`;

describe('OP-DUP-KEY', () => {
  it('marks the sparkConf entry the typed field overrides and removes it', () => {
    const text = doc(
      '  sparkConf:\n    "spark.executor.memory": "8g"\n    spark.memory.fraction: "0.6"\n  executor:\n    memory: "4g"\n',
    );
    const [f] = only(text, 'OP-DUP-KEY', APP);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '"spark.executor.memory"');
    assert.equal(SPAN_TEXT(text, { ...f, span: f.related![0]!.span }), '"4g"');
    assert.equal(
      applyFix(text, f),
      doc('  sparkConf:\n    spark.memory.fraction: "0.6"\n  executor:\n    memory: "4g"\n'),
    );
  });
  it('says the sparkConf entry wins over spec.memoryOverheadFactor', () => {
    const text = doc('  memoryOverheadFactor: "0.2"\n  sparkConf:\n    spark.kubernetes.memoryOverheadFactor: "0.3"\n');
    const [f] = only(text, 'OP-DUP-KEY', APP);
    assert.match(f?.message ?? '', /sparkConf entry \("0\.3"\) wins/);
  });
  it('is quiet without overlap', () => {
    assert.deepEqual(
      only(doc('  sparkConf:\n    spark.memory.fraction: "0.6"\n  executor:\n    memory: "4g"\n'), 'OP-DUP-KEY', APP),
      [],
    );
  });
});

describe('OP-CORES-INT', () => {
  it('rejects 0.1 and 0, accepts 1, and rounds', () => {
    const text = doc('  driver:\n    cores: 0.1\n');
    const [f] = only(text, 'OP-CORES-INT', APP);
    assert.ok(f);
    assert.match(f.message, /coreRequest/);
    assert.equal(applyFix(text, f), doc('  driver:\n    cores: 1\n'));
    assert.match(only(doc('  executor:\n    cores: 0\n'), 'OP-CORES-INT', APP)[0]!.message, /minimum of 1/);
    assert.deepEqual(only(doc('  executor:\n    cores: 1\n'), 'OP-CORES-INT', APP), []);
    assert.equal(
      applyFix(
        doc('  executor:\n    cores: 2.6\n'),
        only(doc('  executor:\n    cores: 2.6\n'), 'OP-CORES-INT', APP)[0]!,
      ),
      doc('  executor:\n    cores: 3\n'),
    );
  });
  it('rejects a quoted number (a string, not int32)', () => {
    assert.match(only(doc('  executor:\n    cores: "2"\n'), 'OP-CORES-INT', APP)[0]!.message, /a string/);
  });
});

describe('OP-NON-STRING', () => {
  it('quotes numbers and booleans in sparkConf and string fields', () => {
    const text = doc(
      '  sparkConf:\n    spark.memory.offHeap.enabled: true\n    spark.executor.instances: 4\n  executor:\n    memory: "4g"\n',
    );
    const fs = only(text, 'OP-NON-STRING', APP);
    assert.equal(fs.length, 2);
    assert.equal(applyFix(text, fs[0]!), text.replace(': true', ': "true"'));
    assert.equal(only(doc('  driver:\n    memory: 2048\n'), 'OP-NON-STRING', APP).length, 1);
    assert.deepEqual(
      only(doc('  sparkConf:\n    spark.a: "true"\n  executor:\n    cores: 2\n'), 'OP-NON-STRING', APP),
      [],
    );
  });
});

describe('OP-MEMORY-LIMIT', () => {
  const spec = (limit: string) => doc(`  executor:\n    memory: "4g"\n    memoryLimit: "${limit}"\n`);
  it('flags a limit below the pod request (4096 + 409 MiB), not at it', () => {
    assert.deepEqual(only(spec('4505Mi'), 'OP-MEMORY-LIMIT', APP), []);
    const text = spec('4504Mi');
    const [f] = only(text, 'OP-MEMORY-LIMIT', APP);
    assert.ok(f);
    assert.match(f.message, /4505Mi/);
    assert.equal(applyFix(text, f), spec('4505Mi'));
    assert.equal(only(spec('4G'), 'OP-MEMORY-LIMIT', APP).length, 1, '4G is 4e9 bytes');
  });
});

describe('size rules on SparkApplication fields', () => {
  it('treats spec.driver.memory as a Spark size and the driver pod as client mode', () => {
    const text = doc('  driver:\n    memory: "2gb"\n');
    const [f] = only(text, 'SIZE-JVM-SUFFIX', APP);
    assert.equal(f?.severity, 'error');
    assert.equal(applyFix(text, f), doc('  driver:\n    memory: "2g"\n'));
    assert.equal(only(doc('  executor:\n    memory: "4.5g"\n'), 'SIZE-FRACTION', APP).length, 1);
  });
});
