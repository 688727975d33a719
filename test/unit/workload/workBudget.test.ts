// The simulator's work budget: runs bounded in slots, blocks and eviction work, stopped with
// "stopped: the scenario needs more than …", never reported as a Spark failure.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import { MemoryStore } from '../../../src/core/sim/store/memoryStore';
import {
  ExecutorSource,
  Scenario,
  WorkloadRun,
  executorSourceOfDocument,
  parseScenario,
  simulateWorkload,
} from '../../../src/core/workload';
import { MAX_TASK_SLOTS } from '../../../src/core/workload/workBudget';

function source(text: string): ExecutorSource {
  const r = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), {});
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function scenario(yaml: string): Scenario {
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('simulator work budget', () => {
  it('refuses 10,000,000 cores with one clear line before allocating anything per slot', () => {
    const r = simulateWorkload(
      source('spark.executor.memory 1g\n'),
      scenario(
        'name: x\nconf:\n  spark.executor.cores: "10000000"\nstages:\n  - tasks: 1\n    ops:\n      - compute: { ms: 1 }\n',
      ),
    );
    assert.equal(
      r.summary.stoppedAt,
      `stopped: the scenario needs more than ${MAX_TASK_SLOTS.toLocaleString('en-US')} task slots ` +
        '(spark.executor.cores 10,000,000 / spark.task.cpus 1 = 10,000,000), the most this simulator runs on one executor',
    );
    assert.equal(r.summary.tasks ?? 0, 0);
    const ok = simulateWorkload(
      source(`spark.executor.memory 1g\nspark.executor.cores ${MAX_TASK_SLOTS}\n`),
      scenario('name: x\nstages:\n  - tasks: 1\n    ops:\n      - compute: { ms: 1 }\n'),
    );
    assert.equal(ok.summary.stoppedAt, undefined);
  });

  it('stops at the tracked-block limit instead of failing tasks ("Set maximum size exceeded" is not a Spark failure)', () => {
    const ops = Array.from(
      { length: 100 },
      (_, i) => `      - cache: { rdd: ${i}, size: 1k, level: DISK_ONLY }\n`,
    ).join('');
    const r = simulateWorkload(
      source('spark.executor.memory 512m\n'),
      scenario(`name: disk\nmaxEvents: 100000000\nstages:\n  - tasks: 1000000\n    ops:\n${ops}`),
      { maxTrackedBlocks: 5000 },
    );
    assert.equal(
      r.summary.stoppedAt,
      'stopped: the scenario needs more than 5,000 cached blocks, the most this simulator tracks in one run',
    );
    assert.equal(r.summary.failedTasks, 0);
    assert.ok(!r.events.some((e) => /Job aborted/.test(e.message)));
  });

  it('evicts 20,000 blocks of one RDD with work proportional to the blocks it drops', () => {
    // A cache of tiny blocks that overflows the storage region: each put either finds nothing to
    // evict (every block is of its own RDD) or evicts the oldest blocks of the other RDD.
    const run = new WorkloadRun(
      source('spark.executor.memory 512m\n'),
      scenario(
        'name: tiny\nmaxEvents: 100000000\nstages:\n  - tasks: 20000\n    ops:\n      - cache: { rdd: 1, size: 16k }\n' +
          '  - tasks: 20000\n    ops:\n      - cache: { rdd: 2, size: 16k }\n',
      ),
    );
    const r = run.result();
    assert.equal(r.summary.stoppedAt, undefined);
    assert.ok(r.summary.evictedBlocks > 1000, String(r.summary.evictedBlocks));
    const store = (run as unknown as { store: MemoryStore }).store;
    assert.ok(
      store.evictionWork <= r.summary.evictedBlocks + 40_000,
      `${store.evictionWork} blocks looked at for ${r.summary.evictedBlocks} evicted`,
    );
  });
});
