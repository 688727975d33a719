// Skewed partitions (a stage's `skew`) and the seeds' partition-sizing advice, on tiny numbers.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import {
  ExecutorSource,
  PARTITION_COUNT_THRESHOLD,
  Scenario,
  TARGET_PARTITION_BYTES,
  executorSourceOfDocument,
  parseScenario,
  partitionAdvice,
  scenarioPartitionAdvice,
  simulateWorkload,
} from '../../../src/core/workload';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function sparkSource(text: string): ExecutorSource {
  const r = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), {});
  if (!r.ok) assert.fail(r.message);
  return r.source;
}

function scenario(yaml: string): Scenario {
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('skewed partitions', () => {
  it('scale each partition’s execution ops: only the big partition spills', () => {
    const r = simulateWorkload(
      sparkSource('spark.executor.memory 4g\nspark.executor.cores 1\n'),
      scenario(`name: skew
stages:
  - tasks: 3
    skew: [0.1, 2.5]
    ops:
      - shuffleSort: { size: 1000m, recordSize: 1k }
`),
      { maxKeptEvents: 10_000 },
    );
    const spills = r.events.filter((e) => e.kind === 'spill');
    assert.ok(spills.length > 0);
    // Task ids follow the partitions on one slot: 0 sorts 100 MiB, 1 sorts 2500 MiB, 2 (no factor) 1000 MiB.
    assert.deepEqual([...new Set(spills.map((e) => e.task))], [1]);
    const plain = simulateWorkload(
      sparkSource('spark.executor.memory 4g\nspark.executor.cores 1\n'),
      scenario('name: even\nstages:\n  - tasks: 3\n    ops:\n      - shuffleSort: { size: 1000m, recordSize: 1k }\n'),
    );
    assert.equal(plain.summary.spilledBytes, 0);
  });

  it('refuses more factors than tasks and negative factors, with the line', () => {
    const r = parseScenario(
      'name: s\nstages:\n  - tasks: 1\n    skew: [1, 2]\n    ops:\n      - compute: { ms: 1 }\n  - tasks: 2\n    skew: [-1]\n    ops:\n      - compute: { ms: 1 }\n',
      's.yaml',
    );
    assert.ok(!r.ok);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [
        's.yaml:4: stages[0].skew: has 2 factors for 1 task(s)',
        's.yaml:8: stages[1].skew[0]: must be between 0 and 1000000, got -1',
      ],
    );
  });
});

describe('partition sizing advice (the seeds’ 128 MB per partition, 20 % threshold)', () => {
  it('is the seeds’ rule', () => {
    assert.equal(TARGET_PARTITION_BYTES, 128 * MiB);
    assert.equal(PARTITION_COUNT_THRESHOLD, 0.2);
    // 8 GiB in 8 partitions: 64 would give 128 MiB each.
    assert.deepEqual(partitionAdvice(8 * GiB, 8), { partitions: 8, totalBytes: 8 * GiB, advised: 64 });
    // 1 GiB: 8 partitions is the target; 9 (ceil of 8.8) is within 20 % of 8.
    assert.equal(partitionAdvice(1 * GiB, 8), undefined);
    assert.equal(partitionAdvice(1.1 * GiB, 8), undefined);
    // |8 − 10| = 2 is not more than 20 % of 10; |8 − 11| = 3 is more than 2.2.
    assert.equal(partitionAdvice(1 * GiB, 10), undefined);
    assert.equal(partitionAdvice(1 * GiB, 11)?.advised, 8);
    // Tiny data: one partition is enough.
    assert.equal(partitionAdvice(3 * MiB, 8)?.advised, 1);
    assert.equal(partitionAdvice(0, 8), undefined);
  });

  it('appears in simulate’s summary for the stages far from it', () => {
    const lines = scenarioPartitionAdvice(
      scenario(`name: sizes
stages:
  - name: big
    tasks: 4
    ops:
      - shuffleSort: { size: 1g }
  - name: right
    tasks: 4
    ops:
      - cache: { rdd: 1, size: 128m }
      - shuffleSort: { size: 100m }
`),
    );
    assert.deepEqual(lines, [
      '"big": 4 partitions of about 1.00 GiB (4.00 GiB in all); about 128.00 MiB per partition gives 32 (more than 4 by over 20 %)',
    ]);
  });
});
