import * as assert from 'node:assert/strict';
import { layoutOfDocument, sparkVersionFor } from '../../../src/core/analyze';
import { parseSparkApplication } from '../../../src/core/parse/sparkApplication';

const APP = `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: pi
spec:
  type: Python
  sparkVersion: "3.5.1"
  memoryOverheadFactor: "0.2"
  sparkConf:
    "spark.executor.memory": "8g"
    "spark.kubernetes.memoryOverheadFactor": "0.3"
    "spark.memory.fraction": 0.7
  driver:
    cores: 1
    memory: "2g"
  executor:
    instances: 3
    cores: 2
    memory: "4g"
    memoryOverhead: "512m"
    memoryLimit: "6Gi"
`;

describe('SparkApplication reader (spark-operator submission.go)', () => {
  const doc = parseSparkApplication(APP);
  it('finds sparkConf entries and typed fields with their ranges', () => {
    assert.deepEqual(doc.yamlErrors, []);
    assert.equal(doc.sparkConf.length, 3);
    const mem = doc.fields.get('spec.executor.memory');
    assert.ok(mem);
    assert.equal(APP.slice(mem.span.start, mem.span.end), '"4g"');
    assert.equal(doc.sparkConf[2]?.yamlType, 'number');
    assert.equal(doc.executorMemoryLimit?.text, '6Gi');
    assert.ok(doc.nonJvm);
  });
  it('lets a typed field win over sparkConf, and sparkConf win over memoryOverheadFactor', () => {
    const byKey = new Map(doc.conf.map((c) => [c.key, c]));
    assert.equal(byKey.get('spark.executor.memory')?.value, '4g');
    assert.equal(byKey.get('spark.executor.memory')?.origin, 'typed-field');
    assert.equal(byKey.get('spark.kubernetes.memoryOverheadFactor')?.value, '0.3');
    assert.equal(byKey.get('spark.executor.instances')?.value, '3');
  });
  it('takes the Spark version from spec.sparkVersion and lays out a Kubernetes executor', () => {
    assert.equal(sparkVersionFor(doc).source, 'document');
    const l = layoutOfDocument(doc);
    assert.equal(l.kind, 'spark');
    if (l.kind !== 'spark') return;
    assert.equal(l.layout.clusterManager, 'kubernetes');
    assert.equal(l.layout.container?.totalMiB, 4096 + 512);
    assert.equal(l.layout.unified?.memoryFraction, 0.7);
  });
  it('reads a ScheduledSparkApplication template and tolerates broken YAML', () => {
    const s = parseSparkApplication(
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: ScheduledSparkApplication\nspec:\n  template:\n    executor:\n      memory: 1g\n',
    );
    assert.equal(s.fields.get('spec.executor.memory')?.text, '1g');
    const bad = parseSparkApplication('kind: SparkApplication\nspec: [\n');
    assert.ok(bad.yamlErrors.length > 0);
  });
});
