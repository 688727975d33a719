// Consumers that outlive one operation: a sort whose output is kept for the task's later ops
// (shuffleSort with keep: a sort merge's buffered side while a join builds). TaskMemoryManager then
// has more than one consumer to choose from when a request cannot be met (acquireExecutionMemory:
// the other consumers first, the smallest that frees enough, else the largest), and a sorter being
// read gives up all but its current page (UnsafeExternalSorter's SpillableIterator.spill, Spark 3.5).
// Tiny numbers: 4g and one core give one task the whole pool, (4096 MiB − 300 MiB) × 0.6 ≈ 2278 MiB.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import {
  type ExecutorSource,
  type Scenario,
  executorSourceOfDocument,
  parseScenario,
  simulateWorkload,
} from '../../../src/core/workload';

const MiB = 1024 * 1024;

function source(): ExecutorSource {
  const r = executorSourceOfDocument(
    parseDocument({ kind: 'spark-defaults' }, 'spark.executor.memory 4g\nspark.executor.cores 1\n'),
  );
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function scenario(ops: string): Scenario {
  const r = parseScenario(`name: kept\nstages:\n  - name: s\n    tasks: 1\n    ops:\n${ops}`, 'test.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('consumers that outlive one operation (keep: true)', () => {
  it('a join builds while the sort is kept: the sorter spills all but its current page, the build succeeds', () => {
    const kept = simulateWorkload(
      source(),
      scenario(
        '      - shuffleSort: { size: 1500m, recordSize: 1k, keep: true }\n      - hashJoinBuild: { size: 1500m, recordSize: 1k }\n',
      ),
    );
    assert.equal(kept.summary.failedTasks, 0, JSON.stringify(kept.summary));
    assert.equal(kept.summary.spillCount, 1);
    // 1500 MiB of sorted pages, less the page the reader is on (a few MiB).
    assert.ok(
      kept.summary.spilledBytes > 1400 * MiB && kept.summary.spilledBytes < 1500 * MiB,
      `${kept.summary.spilledBytes}`,
    );
    // Not kept: the sorter frees its pages when the sort is done, and the build fits without a spill.
    const freed = simulateWorkload(
      source(),
      scenario(
        '      - shuffleSort: { size: 1500m, recordSize: 1k }\n      - hashJoinBuild: { size: 1500m, recordSize: 1k }\n',
      ),
    );
    assert.equal(freed.summary.failedTasks, 0);
    assert.equal(freed.summary.spilledBytes, 0);
  });

  it('two kept sorts: TaskMemoryManager spills the smallest one that frees enough, not the largest', () => {
    // Pages of 64 MiB (the page size in force): 19 + 5 pages kept (1216 + 320 MiB) leave about 742 MiB;
    // the build's 15 pages (960 MiB) need more. The smaller sorter frees 4 of its 5 pages (256 MiB),
    // enough, so the larger one keeps its 1216 MiB.
    const r = simulateWorkload(
      source(),
      scenario(
        '      - shuffleSort: { size: 1200m, recordSize: 1k, keep: true }\n      - shuffleSort: { size: 300m, recordSize: 1k, keep: true }\n      - hashJoinBuild: { size: 900m, recordSize: 1k }\n',
      ),
    );
    assert.equal(r.summary.failedTasks, 0, JSON.stringify(r.summary));
    assert.equal(r.summary.spillCount, 1);
    assert.equal(Math.round(r.summary.spilledBytes / MiB), 256);
  });

  it('an aggregation map kept while a join builds: TaskMemoryManager spills the map, the build succeeds', () => {
    // Spillable.spill for another consumer (ON_HEAP Tungsten): forceSpill, then what the map holds
    // above its initial 5 MiB threshold is released.
    const kept = simulateWorkload(
      source(),
      scenario(
        '      - aggregate: { size: 1000m, recordSize: 1k, keep: true }\n      - hashJoinBuild: { size: 1500m, recordSize: 1k }\n',
      ),
      { maxKeptEvents: 10_000 },
    );
    assert.equal(kept.summary.failedTasks, 0, JSON.stringify(kept.summary));
    const forced = kept.events.filter((e) => e.kind === 'spill' && /kept aggregation map/.test(e.message));
    assert.equal(forced.length, 1, kept.events.map((e) => e.message).join('\n'));
    assert.ok((forced[0]?.bytes ?? 0) > 1000 * MiB);
    // Freed when the aggregation is done: the build fits beside nothing.
    const freed = simulateWorkload(
      source(),
      scenario(
        '      - aggregate: { size: 1000m, recordSize: 1k }\n      - hashJoinBuild: { size: 1500m, recordSize: 1k }\n',
      ),
    );
    assert.equal(freed.summary.failedTasks, 0);
    assert.equal(freed.summary.spillCount, 0);
  });

  it('keep is true or false, and not on hashJoinBuild (its relation is always held)', () => {
    assert.equal(
      parseScenario(
        'name: k\nstages:\n  - name: s\n    tasks: 1\n    ops:\n      - shuffleSort: { size: 1m, keep: maybe }\n',
        'k.yaml',
      ).ok,
      false,
    );
    assert.equal(
      parseScenario(
        'name: k\nstages:\n  - name: s\n    tasks: 1\n    ops:\n      - hashJoinBuild: { size: 1m, keep: true }\n',
        'k.yaml',
      ).ok,
      false,
    );
  });
});
