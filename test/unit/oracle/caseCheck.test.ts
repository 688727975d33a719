// The oracle's case check compares a hand-derived case with the states Spark's real classes printed.
// An expectation it has no state for must show up as a disagreement, never pass unchecked.
import * as assert from 'node:assert/strict';
import { checkCaseAgainstSpark } from '../../oracle/caseCheck';
import type { JsonObject, OpsCase } from '../../conformance/runner';
import { SPARK_3_5 } from '../../../src/core/version';

const rel = { version: SPARK_3_5, legacy: false, label: '3.5' };

function opsCase(expect: JsonObject): OpsCase {
  return {
    kind: 'ops',
    id: 'tiny',
    source: 'test',
    versions: ['3.5'],
    derivation: '',
    raw: {},
    config: {},
    consumers: [],
    spillables: [],
    initialExpect: undefined,
    steps: [
      {
        op: 'acquireExecutionMemory',
        args: { bytes: 100, task: 1 },
        expect,
        expectByVersion: undefined,
      },
    ],
  };
}

/** What the harness prints for the initial state and one step that granted 100 bytes. */
const state = (granted: number): Record<string, unknown> => ({
  r: { granted },
  w: [],
  pools: [1000, 0, 0, 0],
  used: [granted, 0],
  maxStorage: [1000, 0],
  req: [],
  evicted: [],
  inMemory: [],
  onDisk: [],
  tasks: { '1': granted },
  consumers: {},
  spilled: {},
  spillOrder: [],
  unroll: [
    [-1, 64],
    [1, granted],
  ],
  maxHeap: 1000,
  peaks: [[1, granted, 0]],
});
const output = JSON.stringify([state(0), state(100)]);

describe('oracle: a case against Spark states', () => {
  it('agrees when every expectation matches', () => {
    assert.deepEqual(checkCaseAgainstSpark(opsCase({ granted: 100, executionUsed: 100 }), rel, output), []);
  });

  it('reports a wrong expectation', () => {
    const d = checkCaseAgainstSpark(opsCase({ granted: 50 }), rel, output);
    assert.equal(d.length, 1);
    assert.match(d[0]!, /granted expected 50, Spark gives 100/);
  });

  it('reads unroll memory per task, maxHeapMemory and the peaks from the harness', () => {
    const ok = { unrollForTask: { '-1': 64, '1': 100 }, maxHeapMemory: 1000, peakOnHeap: { '1': 100 } };
    assert.deepEqual(checkCaseAgainstSpark(opsCase(ok), rel, output), []);
    const d = checkCaseAgainstSpark(
      opsCase({ unrollForTask: { '1': 100 }, maxHeapMemory: 999, peakOffHeap: { '1': 5 } }),
      rel,
      output,
    );
    assert.equal(d.length, 3);
    assert.match(d[0]!, /unrollForTask/);
    assert.match(d[1]!, /maxHeapMemory expected 999, Spark gives 1000/);
    assert.match(d[2]!, /peakOffHeap: 1 expected 5 got 0/);
  });

  it('reports an expectation it cannot check instead of passing it (a misspelled key)', () => {
    const d = checkCaseAgainstSpark(opsCase({ grantd: 100 }), rel, output);
    assert.equal(d.length, 1);
    assert.match(d[0]!, /grantd: the harness has no state to check this expectation against/);
  });
});
