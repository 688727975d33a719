// The panel's Apply accepts the what-if settings only: the protocol's list is the controls' list,
// and anything else the page might send (an extraJavaOptions with -javaagent:) is refused.
import * as assert from 'node:assert/strict';
import { WHAT_IF_KEYS, parseWebviewMessage } from '../../../src/shared/protocol';
import { SNAPPY_CONTROLS, SPARK_CONTROLS } from '../../../src/webview/whatIf';

const apply = (key: string, value: string) =>
  parseWebviewMessage({ type: 'apply', uri: 'file:///x/spark-defaults.conf', version: 3, changes: [{ key, value }] });

describe('Apply keys', () => {
  it('are exactly the what-if controls', () => {
    assert.deepEqual([...WHAT_IF_KEYS].sort(), [...SPARK_CONTROLS, ...SNAPPY_CONTROLS].map((c) => c.key).sort());
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
});
