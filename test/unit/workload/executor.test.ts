// From a config document to the executor a run uses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../src/core/analyze';
import { executorSourceOfDocument } from '../../../src/core/workload';

const SAMPLES = join(__dirname, '../../../../samples');

describe('workload executor source', () => {
  it('reports the first start-up error of a broken file', () => {
    const doc = parseDocument({ kind: 'spark-defaults' }, readFileSync(join(SAMPLES, 'spark-defaults.conf'), 'utf8'));
    const r = executorSourceOfDocument(doc);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /Invalid maximum heap size: -Xmx2gb/);
    const fixed = executorSourceOfDocument(doc, {
      overrides: { 'spark.driver.memory': '2g', 'spark.memory.fraction': '0.6', 'spark.executor.memory': '4g' },
    });
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.message);
    assert.equal(fixed.source.systemMemory, 4 * 1024 ** 3);
    assert.equal(fixed.source.executorCores, 5);
    assert.equal(fixed.source.conf['spark.memory.offHeap.size'], '1536m');
  });

  it('a SparkApplication: typed fields and sparkConf, and the version it declares', () => {
    const text = readFileSync(join(SAMPLES, 'k8s', 'spark-pi.yaml'), 'utf8').replace('memory: "512Mi"', 'memory: "2g"');
    const r = executorSourceOfDocument(parseDocument({ kind: 'spark-application' }, text));
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.source.systemMemory, 2 * 1024 ** 3);
    assert.equal(r.source.executorCores, 2);
    assert.deepEqual(r.source.version, { major: 3, minor: 5, patch: 0 });
    const broken = executorSourceOfDocument(
      parseDocument({ kind: 'spark-application' }, readFileSync(join(SAMPLES, 'k8s', 'spark-pi.yaml'), 'utf8')),
    );
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.message, /Executor memory must be a positive number/);
  });

  it('SnappyData: first server by default, member N on request, what-ifs before the layout', () => {
    const text =
      'node-a -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\nnode-b -heap-size=4g\n';
    const doc = parseDocument({ kind: 'snappy-members', role: 'server' }, text);
    const a = executorSourceOfDocument(doc);
    assert.ok(a.ok);
    assert.equal(a.source.snappy?.heapBytes, 8 * 1024 ** 3);
    assert.equal(a.source.snappy?.criticalHeapPercentage, 95);
    const b = executorSourceOfDocument(doc, { member: 2 });
    assert.ok(b.ok);
    assert.equal(b.source.snappy?.heapBytes, 4 * 1024 ** 3);
    // -heap-size sets -Xmx = -Xms, so the launcher's default critical percentage follows the new heap.
    assert.ok((b.source.snappy?.criticalHeapPercentage ?? 0) > 90);
    const w = executorSourceOfDocument(doc, {
      member: 1,
      overrides: { heapSize: '16g', criticalHeapPercentage: '90' },
    });
    assert.ok(w.ok, w.ok ? '' : w.message);
    assert.equal(w.source.snappy?.heapBytes, 16 * 1024 ** 3);
    assert.equal(w.source.snappy?.criticalHeapPercentage, 90);
    assert.equal(w.source.snappy?.evictionHeapPercentage, 85.5);
    // An argument with a blank survives the rewrite.
    const quoted = parseDocument(
      { kind: 'snappy-members', role: 'server' },
      "node-q -heap-size=4g '-J-Dmsg=a b' -critical-heap-percentage=90\n",
    );
    const q = executorSourceOfDocument(quoted, { overrides: { heapSize: '6g' } });
    assert.ok(q.ok, q.ok ? '' : q.message);
    assert.equal(q.source.snappy?.heapBytes, 6 * 1024 ** 3);
    assert.equal(q.source.snappy?.criticalHeapPercentage, 90);
    const bad = executorSourceOfDocument(doc, { member: 3 });
    assert.equal(bad.ok, false);
    const unknown = executorSourceOfDocument(doc, { overrides: { heap: '4g' } });
    assert.equal(unknown.ok, false);
  });
});
