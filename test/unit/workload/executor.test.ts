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
    const fixed = executorSourceOfDocument(doc, { overrides: { 'spark.driver.memory': '2g', 'spark.memory.fraction': '0.6', 'spark.executor.memory': '4g' } });
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.message);
    assert.equal(fixed.source.systemMemory, 4 * 1024 ** 3);
    assert.equal(fixed.source.executorCores, 5);
    assert.equal(fixed.source.conf['spark.memory.offHeap.size'], '1536m');
  });

  it('SnappyData: first server by default, member N on request, what-ifs before the layout', () => {
    const text = 'node-a -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\nnode-b -heap-size=4g\n';
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
    const w = executorSourceOfDocument(doc, { member: 1, overrides: { heapSize: '16g', criticalHeapPercentage: '90' } });
    assert.ok(w.ok, w.ok ? '' : w.message);
    assert.equal(w.source.snappy?.heapBytes, 16 * 1024 ** 3);
    assert.equal(w.source.snappy?.criticalHeapPercentage, 90);
    assert.equal(w.source.snappy?.evictionHeapPercentage, 85.5);
    const bad = executorSourceOfDocument(doc, { member: 3 });
    assert.equal(bad.ok, false);
    const unknown = executorSourceOfDocument(doc, { overrides: { heap: '4g' } });
    assert.equal(unknown.ok, false);
  });
});
