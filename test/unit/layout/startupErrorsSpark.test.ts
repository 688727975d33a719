// Start-up errors as real Spark raises them, one test per divergence the oracle's startupErrors check
// found (test/oracle/checks/startupErrors.ts; Spark 2.4.8, 3.5.9, 4.1.3 and 4.2.0 through their jars).
import * as assert from 'node:assert/strict';
import { SparkConfView } from '../../../src/core/config/confSource';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, SparkVersion } from '../../../src/core/version';
import { only } from '../rules/lintHarness';

const layout = (r: Record<string, string>, v: SparkVersion = SPARK_3_5) =>
  sparkLayout(SparkConfView.fromRecord(r, 'file'), { version: v });

describe('start-up errors as Spark raises them (oracle: startupErrors)', () => {
  it("blames the driver for what fails in the driver's own SparkEnv", () => {
    // The driver builds the memory manager first (SparkEnv.createDriverEnv): a 400m driver fails there.
    const l = layout({ 'spark.driver.memory': '400m' });
    assert.equal(l.startupErrors[0]?.phase, 'driver');
    assert.match(l.startupErrors[0].message, /^\[INVALID_DRIVER_MEMORY\] System memory \d+ must be at least 471859200/);
    // So does every refusal of the manager's own checks, driver and executors alike.
    assert.equal(layout({ 'spark.memory.offHeap.enabled': 'true' }).startupErrors[0]?.phase, 'driver');
    assert.equal(layout({ 'spark.memory.fraction': '0' }).startupErrors[0]?.phase, 'driver');
    // An executor whose Runtime.maxMemory alone is too small (Parallel's survivor space) fails in the executors.
    const e = layout({ 'spark.executor.memory': '460m', 'spark.executor.extraJavaOptions': '-XX:+UseParallelGC' });
    assert.equal(e.startupErrors[0]?.phase, 'executor');
  });

  it('lays nothing out when validateSettings refuses a fraction (no unified region, no negative user memory)', () => {
    for (const v of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) {
      const l = layout({ 'spark.memory.fraction': '1.5' }, v);
      assert.equal(l.unified, undefined);
      assert.equal(l.startupErrors[0]?.message, "spark.memory.fraction should be between 0 and 1 (was '1.5').");
      assert.equal(l.startupErrors[0]?.phase, 'driver');
    }
    const legacy = layout({ 'spark.memory.useLegacyMode': 'true', 'spark.storage.memoryFraction': '-0.5' }, SPARK_2_4);
    assert.equal(legacy.legacy, undefined);
  });

  it('NaN passes validateSettings up to 3.5 and is refused with an error class from 4.1', () => {
    assert.equal(
      layout({ 'spark.memory.fraction': 'NaN' }).startupErrors[0]?.message,
      'requirement failed: onHeapExecutionMemory must be > 0',
    );
    const l = layout({ 'spark.memory.fraction': 'NaN' }, SPARK_4_1);
    assert.equal(l.startupErrors[0]?.exceptionClass, 'SparkIllegalArgumentException');
    assert.equal(
      l.startupErrors[0]?.message,
      "[INVALID_SPARK_CONFIG.INVALID_MEMORY_FRACTION] Invalid Spark config: spark.memory.fraction should be between 0 and 1 (was 'NaN'). SQLSTATE: 42616",
    );
  });

  it("quotes checkValue's parsed value, in the 4.1 error-class form where 4.1 is in force", () => {
    assert.equal(
      layout({ 'spark.memory.storageFraction': '1' }).startupErrors[0]?.message,
      "'1.0' in spark.memory.storageFraction is invalid. Storage fraction must be in [0,1)",
    );
    const l = layout({ 'spark.memory.offHeap.size': '-1g' }, SPARK_4_1);
    assert.equal(l.startupErrors[0]?.exceptionClass, 'SparkIllegalArgumentException');
    assert.equal(
      l.startupErrors[0]?.message,
      '[INVALID_CONF_VALUE.REQUIREMENT] The value \'-1073741824b\' in the config "spark.memory.offHeap.size" is invalid. The off-heap memory size must not be negative SQLSTATE: 22022',
    );
    const lint = only('spark.memory.storageFraction 1\n', 'FRACTION-RANGE', { version: SPARK_4_1 });
    assert.equal(
      lint[0]?.message,
      '[INVALID_CONF_VALUE.REQUIREMENT] The value \'1.0\' in the config "spark.memory.storageFraction" is invalid. Storage fraction must be in [0,1) SQLSTATE: 22022',
    );
    const factor = only('spark.executor.memoryOverheadFactor 0\n', 'OVERHEAD-FACTOR-RANGE', { version: SPARK_4_1 });
    assert.match(factor[0]!.message, /^\[INVALID_CONF_VALUE\.REQUIREMENT\] The value '0\.0' in the config/);
  });

  it('a typed conversion is an IllegalArgumentException, TYPE_MISMATCH from 4.1', () => {
    const three = layout({ 'spark.task.cpus': 'abc' });
    assert.equal(three.startupErrors[0]?.exceptionClass, 'IllegalArgumentException');
    assert.equal(three.startupErrors[0]?.message, 'spark.task.cpus should be int, but was abc');
    const four = layout({ 'spark.memory.offHeap.enabled': 'yes' }, SPARK_4_1);
    assert.equal(four.startupErrors[0]?.exceptionClass, 'SparkIllegalArgumentException');
    assert.equal(
      four.startupErrors[0]?.message,
      "[INVALID_CONF_VALUE.TYPE_MISMATCH] The value 'yes' in the config \"spark.memory.offHeap.enabled\" is invalid. It should be a/an 'boolean' value. SQLSTATE: 22022",
    );
    const bytes = layout({ 'spark.buffer.pageSize': 'abc' }, SPARK_4_1);
    assert.match(bytes.startupErrors[0]!.message, /It should be a\/an 'bytes in BYTE' value/);
  });

  it('2.4 reads the page size and useLegacyMode with the untyped getters', () => {
    assert.match(
      layout({ 'spark.buffer.pageSize': 'abc' }, SPARK_2_4).startupErrors[0]!.message,
      /^Illegal value for config key spark\.buffer\.pageSize: Size must be specified/,
    );
    assert.equal(
      layout({ 'spark.memory.useLegacyMode': 'maybe' }, SPARK_2_4).startupErrors[0]?.message,
      'Illegal value for config key spark.memory.useLegacyMode: For input string: "maybe"',
    );
  });

  it("a size rule that owns a start-up error still shows Spark's first text (spark-submit's)", () => {
    const f = only('spark.executor.memory 1.5g\n', 'SIZE-FRACTION');
    assert.match(f[0]!.message, /spark-submit fails with SparkException: Executor memory must be a positive number$/);
    // validateSettings' range check comes before the entry's checkValue in 3.x.
    assert.equal(
      only('spark.memory.storageFraction 1.5\n', 'FRACTION-RANGE')[0]?.message,
      "spark.memory.storageFraction should be between 0 and 1 (was '1.5').",
    );
  });
});
