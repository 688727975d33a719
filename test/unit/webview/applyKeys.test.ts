// The panel's Apply accepts the what-if settings only: the protocol's list is the controls' list,
// and anything else the page might send (an extraJavaOptions with -javaagent:) is refused.
import * as assert from 'node:assert/strict';
import {
  WHAT_IF_KEYS,
  parseRunHostMessage,
  parseRunViewMessage,
  parseWebviewMessage,
} from '../../../src/shared/protocol';
import { RUN_CONTROLS, SNAPPY_CONTROLS } from '../../../src/webview/whatIf';

const apply = (key: string, value: string) =>
  parseWebviewMessage({ type: 'apply', uri: 'file:///x/spark-defaults.conf', version: 3, changes: [{ key, value }] });

describe('Apply keys', () => {
  it('are exactly the what-if controls', () => {
    // The Run view's controls are the panel's Spark ones and the memory overhead.
    assert.deepEqual([...WHAT_IF_KEYS].sort(), [...RUN_CONTROLS, ...SNAPPY_CONTROLS].map((c) => c.key).sort());
  });

  it('refuses any other key, whatever its value', () => {
    for (const [key, value] of [
      ['spark.executor.extraJavaOptions', '-javaagent:/tmp/evil.jar'],
      ['spark.driver.extraClassPath', '/tmp'],
      ['-J-javaagent:/tmp/evil.jar', 'x'],
    ] as const) {
      const r = apply(key, value);
      assert.equal(r.ok, false, key);
    }
    assert.equal(apply('spark.memory.fraction', '0.5').ok, true);
    assert.equal(apply('-heap-size', '8g').ok, true);
  });

  it('the Run view: a what-if of Spark settings only, each on one line; Apply as the panel’s', () => {
    const whatIf = (values: unknown) => parseRunViewMessage({ type: 'whatIf', seq: 1, values });
    assert.equal(whatIf({ 'spark.executor.memory': '4g', 'spark.executor.memoryOverhead': '1g' }).ok, true);
    assert.equal(whatIf({ 'spark.executor.extraJavaOptions': '-javaagent:/tmp/evil.jar' }).ok, false);
    assert.equal(whatIf({ '-heap-size': '8g' }).ok, false);
    assert.equal(whatIf({ 'spark.memory.fraction': '0.5\nspark.evil true' }).ok, false);
    assert.equal(whatIf({ 'spark.memory.fraction': 0.5 }).ok, false);
    assert.equal(parseRunViewMessage({ type: 'whatIf', seq: 1, values: {}, extra: 1 }).ok, false);
    const apply = (key: string) =>
      parseRunViewMessage({
        type: 'apply',
        uri: 'file:///w/spark-defaults.conf',
        version: 2,
        changes: [{ key, value: '1g' }],
      });
    assert.equal(apply('spark.executor.memoryOverhead').ok, true);
    assert.equal(apply('spark.driver.extraClassPath').ok, false);
    assert.equal(parseRunViewMessage({ type: 'export' }).ok, false);
  });

  it('the Run view: the host’s messages are checked on the page too', () => {
    const outcome = {
      spilledBytes: 1,
      spills: 1,
      evictions: 0,
      failedTasks: 0,
      cachedPartitions: 0,
      peakExecutionBytes: 5,
      peakStorageBytes: 0,
      peakOffHeapBytes: 0,
      durationMs: 1.5,
      heapBytes: 1024,
      spilledStages: [{ stageId: 2, bytes: 1 }],
    };
    const base = {
      label: 'spark-defaults.conf',
      target: { uri: 'file:///w/spark-defaults.conf', version: 1 },
      fileValues: { 'spark.executor.memory': '1g' },
      effective: {},
      baseline: { ok: true, outcome },
    };
    assert.equal(parseRunHostMessage({ type: 'runBase', base }).ok, true);
    assert.equal(parseRunHostMessage({ type: 'runOutcome', seq: 3, result: { ok: false, error: 'refused' } }).ok, true);
    assert.equal(
      parseRunHostMessage({ type: 'runOutcome', seq: 3, result: { ok: true, outcome: { ...outcome, spills: -1 } } }).ok,
      false,
    );
    assert.equal(parseRunHostMessage({ type: 'runBase', base: { ...base, script: 'x' } }).ok, false);
    assert.equal(parseRunHostMessage({ type: 'applied', ok: true, message: 'Applied.' }).ok, true);
  });
});
