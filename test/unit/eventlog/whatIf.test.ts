// The replay with changed settings (core/eventlog/whatIf.ts), as the Run view's what-if controls
// and `log --conf --set` run it: a real run (the calibration corpus's sort that spills, pyspark 3.5.7,
// local mode, a 1g driver running 2 tasks at once) replayed on its own config and then with more or
// less memory, on a config file, and on settings Spark refuses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../src/core/analyze';
import {
  type EventLogFacts,
  EventLogReader,
  type ReplayOutcome,
  baseSettings,
  replayOn,
  replayOnOwnConfig,
} from '../../../src/core/eventlog';

const LOG = join(__dirname, '../../../../test/fixtures/eventlog-corpus/sort-spill/local-1796592374003.zstd');
const MiB = 2 ** 20;

function read(): EventLogFacts {
  const r = new EventLogReader();
  r.beginFile('local-1796592374003.zstd');
  r.push(readFileSync(LOG));
  r.endFile();
  return r.result();
}

function ok(r: ReplayOutcome | { readonly error: string }): ReplayOutcome {
  if ('error' in r) assert.fail(r.error);
  return r;
}

describe('replay with what-if settings', () => {
  const facts = read();

  it('without what-ifs is the calibration replay', () => {
    const own = replayOnOwnConfig(facts);
    assert.ok(!('error' in own));
    if ('error' in own) return;
    const r = ok(replayOn(facts, { kind: 'log' }));
    assert.deepEqual(r.calibration, own.calibration);
    assert.equal(r.heapBytes, 1024 * MiB);
    // Stage 2's sort spills on the run's own 1g (368 MiB observed).
    assert.ok(r.summary.spilledBytes > 0);
  });

  it('more memory: the sort no longer spills; less: it spills more', () => {
    const own = ok(replayOn(facts, { kind: 'log' }));
    const more = ok(replayOn(facts, { kind: 'log' }, { 'spark.executor.memory': '2g' }));
    assert.equal(more.heapBytes, 2048 * MiB);
    // Each task needs about 400 MiB (peak + spill); 2 tasks at once on 2g get up to 524 MiB each.
    assert.equal(more.summary.spilledBytes, 0);
    assert.deepEqual(
      more.calibration.stages.filter((s) => s.predictedSpilled),
      [],
    );
    const less = ok(replayOn(facts, { kind: 'log' }, { 'spark.memory.fraction': '0.3' }));
    assert.ok(less.summary.spilledBytes > own.summary.spilledBytes, `${less.summary.spilledBytes}`);
    assert.ok(less.summary.peakExecutionUsed < own.summary.peakExecutionUsed);
  });

  it('on a config file, with what-ifs on top; the overhead sizes the container, not the heap', () => {
    const doc = parseDocument(
      { kind: 'spark-defaults' },
      'spark.master yarn\nspark.executor.memory 1g\nspark.executor.cores 2\n',
    );
    const base = { kind: 'document', doc, label: 'spark-defaults.conf' } as const;
    const r = ok(replayOn(facts, base));
    // YARN: max(0.10 × 1024 MiB, 384 MiB) of overhead on a 1 GiB heap.
    assert.equal(r.container?.totalMiB, 1024 + 384);
    const o = ok(replayOn(facts, base, { 'spark.executor.memoryOverhead': '1g' }));
    assert.equal(o.container?.totalMiB, 2048);
    assert.equal(o.heapBytes, r.heapBytes);
    assert.equal(o.summary.spilledBytes, r.summary.spilledBytes);
    const bigger = ok(replayOn(facts, base, { 'spark.executor.memory': '4g' }));
    assert.equal(bigger.summary.spilledBytes, 0);
    // (0.10 × 4096 MiB).toLong = 409 MiB: Spark truncates the factor's product.
    assert.equal(bigger.container?.totalMiB, 4096 + 409);
  });

  it('settings Spark refuses give its start-up error, not a replay', () => {
    const r = replayOn(facts, { kind: 'log' }, { 'spark.memory.fraction': '1.5' });
    assert.ok('error' in r);
    assert.match(r.error, /spark\.memory\.fraction/);
  });

  it('where the controls start: what the config sets, and the layout for the values in effect', () => {
    const doc = parseDocument({ kind: 'spark-defaults' }, 'spark.executor.memory 3g\n');
    const d = baseSettings(facts, { kind: 'document', doc, label: 'x' }, [
      'spark.executor.memory',
      'spark.memory.fraction',
    ]);
    assert.deepEqual(d.values, { 'spark.executor.memory': '3g' });
    assert.equal(d.layout?.executorMemory, 3072 * MiB);
    assert.equal(d.layout?.unified?.memoryFraction, 0.6);
    const l = baseSettings(facts, { kind: 'log' }, ['spark.executor.memory', 'spark.driver.memory']);
    assert.equal(l.layout?.executorMemory, 1024 * MiB);
  });
});
