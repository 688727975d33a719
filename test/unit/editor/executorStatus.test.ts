// The status bar's one-line executor summary: sizes from the one layout, or Spark's refusal.
import * as assert from 'node:assert/strict';
import { analyzeText, executorStatus } from '../../../src/core/editor';

function statusOf(kind: 'spark-defaults' | 'servers', text: string): ReturnType<typeof executorStatus> {
  const type = kind === 'spark-defaults' ? ({ kind } as const) : ({ kind: 'snappy-members', role: 'server' } as const);
  const r = analyzeText(type, text);
  assert.ok(r.ok);
  return executorStatus(r.analysis);
}

describe('executor status', () => {
  it('4g and 4 cores on Spark 3.5: heap, unified region and each task between 1/2N and 1/N', () => {
    const s = statusOf('spark-defaults', 'spark.executor.memory 4g\nspark.executor.cores 4\n');
    // (4096 - 300) MiB × 0.6 = 2277.6 MiB unified; 1/8 .. 1/4 of it per task (storage may be evicted).
    assert.equal(s?.refused, false);
    assert.match(s.text, /^4\.00 GiB heap · unified 2\.22 GiB · 4 tasks × /);
    assert.match(s.tooltip, /Tasks at once: 4/);
  });

  it('says Spark refuses a fraction above 1 instead of showing sizes', () => {
    const s = statusOf('spark-defaults', 'spark.memory.fraction 1.2\n');
    assert.equal(s?.refused, true);
    assert.equal(s?.text, 'Spark refuses this config');
    assert.match(s.tooltip, /spark\.memory\.fraction/);
  });

  it('a SnappyData servers file shows its first data server', () => {
    const s = statusOf('servers', 'node-a -heap-size=8g\n');
    assert.equal(s?.refused, false);
    assert.match(s.text, /^node-a: heap 8\.00 GiB · /);
  });
});
