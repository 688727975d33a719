// Start-up errors as real Spark raises them, one test per divergence the oracle's startupErrors check
// found (test/oracle/checks/startupErrors.ts; Spark 2.4.8, 3.5.9, 4.1.3 and 4.2.0 through their jars).
import * as assert from 'node:assert/strict';
import { SparkConfView } from '../../../src/core/config/confSource';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, SparkVersion, sparkVersion } from '../../../src/core/version';
import { byteStringAs, BYTE_SUFFIXES_4_2 } from '../../../src/core/size';
import { sparkAspects, sparkRows } from '../../../src/core/editor/layoutFacts';
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

  it('NaN passes validateSettings up to 3.5 and is refused with an error class from 4.0', () => {
    assert.equal(
      layout({ 'spark.memory.fraction': 'NaN' }).startupErrors[0]?.message,
      'requirement failed: onHeapExecutionMemory must be > 0',
    );
    // Spark 4.0.2 through the oracle: the same refusal as 4.1.
    for (const v of [sparkVersion(4, 0, 2), SPARK_4_1]) {
      const l = layout({ 'spark.memory.fraction': 'NaN' }, v);
      assert.equal(l.startupErrors[0]?.exceptionClass, 'SparkIllegalArgumentException');
      assert.equal(
        l.startupErrors[0]?.message,
        "[INVALID_SPARK_CONFIG.INVALID_MEMORY_FRACTION] Invalid Spark config: spark.memory.fraction should be between 0 and 1 (was 'NaN'). SQLSTATE: 42616",
      );
    }
  });

  it("Spark 4.0 refuses -Xmx in the executor's java options with 4.1's error class (seen on 4.0.2)", () => {
    const l = layout({ 'spark.executor.extraJavaOptions': '-Xmx4g' }, sparkVersion(4, 0, 2));
    assert.equal(l.startupErrors[0]?.exceptionClass, 'SparkException');
    assert.equal(
      l.startupErrors[0]?.message,
      "[INVALID_SPARK_CONFIG.INVALID_EXECUTOR_MEMORY_OPTIONS] Invalid Spark config: spark.executor.extraJavaOptions is not allowed to specify max heap memory settings (was '-Xmx4g'). Use spark.executor.memory instead. SQLSTATE: 42616",
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

  it('4.2 reads Kubernetes-style and IEC binary suffixes; 4.1 refuses them', () => {
    const v42 = sparkVersion(4, 2, 0);
    assert.deepEqual(byteStringAs('2Gi', 'BYTE', BYTE_SUFFIXES_4_2), { ok: true, value: 2 * 2 ** 30 });
    assert.deepEqual(byteStringAs('512MiB', 'MiB', BYTE_SUFFIXES_4_2), { ok: true, value: 512 });
    assert.equal(byteStringAs('1Ei', 'BYTE', BYTE_SUFFIXES_4_2).ok, false);
    assert.equal(layout({ 'spark.executor.memory': '2Gi' }, v42).startupErrors.length, 0);
    assert.equal(layout({ 'spark.executor.memory': '2Gi' }, v42).executorMemory, 2 * 2 ** 30);
    assert.equal(
      layout({ 'spark.executor.memory': '2Gi' }, SPARK_4_1).startupErrors[0]?.message,
      'Executor memory must be a positive number',
    );
    // The driver JVM still refuses -Xmx4Gi.
    assert.equal(
      layout({ 'spark.driver.memory': '4Gi' }, v42).startupErrors[0]?.message,
      'Invalid maximum heap size: -Xmx4Gi',
    );
    assert.deepEqual(only('spark.memory.offHeap.size 2Gi\n', 'SIZE-K8S-QUANTITY', { version: v42 }), []);
    assert.equal(only('spark.memory.offHeap.size 2Gi\n', 'SIZE-K8S-QUANTITY', { version: SPARK_4_1 }).length, 1);
  });

  it("EXEC-PER-TASK's page reason follows the page size in force (4g, 16 cores: 8 MiB pages)", () => {
    const [f] = only('spark.executor.memory 4g\nspark.executor.cores 16\n', 'EXEC-PER-TASK');
    assert.ok(f);
    assert.doesNotMatch(f.message, /64 MiB/);
    assert.match(f.message, /only 4 Tungsten pages of 8\.00 MiB \(8388592 bytes\) \(the page size in force\)/);
    const [small] = only(
      'spark.executor.memory 4g\nspark.executor.cores 16\nspark.buffer.pageSize 64m\n',
      'EXEC-PER-TASK',
    );
    assert.match(small!.message, /less than one Tungsten page \(64 MiB/);
  });

  it("2.4's legacy manager: OFFHEAP-BUDGET speaks for it and the layout shows its off-heap pool", () => {
    const text =
      'spark.master yarn\nspark.memory.useLegacyMode true\nspark.executor.memory 4g\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\n';
    const [f] = only(text, 'OFFHEAP-BUDGET', { version: SPARK_2_4 });
    assert.ok(f);
    assert.match(f.message, /the 1024 MiB \(1 GiB\) of spark\.memory\.offHeap\.size must fit/);
    const l = layout(
      {
        'spark.memory.useLegacyMode': 'true',
        'spark.memory.offHeap.enabled': 'true',
        'spark.memory.offHeap.size': '1g',
      },
      SPARK_2_4,
    );
    assert.equal(l.legacy?.offHeapExecutionPoolSize, 2 ** 30);
    const rows = sparkRows(l, sparkAspects('spark.memory.offHeap.size'));
    assert.ok(
      rows.some((r) => /off-heap execution pool.*legacy/i.test(r.label) && /used by Tungsten/.test(JSON.stringify(r))),
      JSON.stringify(rows),
    );
  });
});

describe("2.4's ExecutorAllocationManager (oracle: startupErrors, stage allocationManager)", () => {
  const dyn = { 'spark.master': 'yarn', 'spark.dynamicAllocation.enabled': 'true' };
  const first = (r: Record<string, string>, v: SparkVersion = SPARK_2_4): string | undefined =>
    layout(r, v).startupErrors[0]?.message;
  it('refuses in validateSettings order: the shuffle service before the cores, the ratio after them', () => {
    const tight = { ...dyn, 'spark.executor.cores': '2', 'spark.task.cpus': '4' };
    assert.match(first(tight) ?? '', /^Dynamic allocation of executors requires the external shuffle service/);
    const shuffle = { ...tight, 'spark.shuffle.service.enabled': 'true' };
    assert.equal(first(shuffle), 'spark.executor.cores must not be < spark.task.cpus.');
    assert.equal(
      first({ ...shuffle, 'spark.dynamicAllocation.testing': 'true', 'spark.shuffle.service.enabled': 'false' }),
      first(shuffle),
    );
    assert.equal(
      first({ ...shuffle, 'spark.dynamicAllocation.maxExecutors': '0' }),
      'spark.dynamicAllocation.maxExecutors cannot be 0!',
    );
    assert.equal(
      first({
        ...dyn,
        'spark.shuffle.service.enabled': 'true',
        'spark.dynamicAllocation.executorAllocationRatio': '0',
      }),
      'spark.dynamicAllocation.executorAllocationRatio must be > 0 and <= 1.0',
    );
  });
  it('truncates the backlog timeout to whole seconds, and names the key of a time it cannot parse', () => {
    const on = { ...dyn, 'spark.shuffle.service.enabled': 'true' };
    assert.equal(
      first({ ...on, 'spark.dynamicAllocation.schedulerBacklogTimeout': '500ms' }),
      'spark.dynamicAllocation.schedulerBacklogTimeout must be > 0!',
    );
    assert.equal(first({ ...on, 'spark.dynamicAllocation.schedulerBacklogTimeout': '2' }), undefined);
    assert.match(
      first({ ...on, 'spark.dynamicAllocation.executorIdleTimeout': 'a minute' }) ?? '',
      /^Illegal value for config key spark\.dynamicAllocation\.executorIdleTimeout: Time must be specified/,
    );
  });
  it('reads spark.dynamicAllocation.testing with getBoolean, even on a local master where it decides', () => {
    const want = 'Illegal value for config key spark.dynamicAllocation.testing: For input string: "yes"';
    for (const master of ['local[2]', 'yarn']) {
      const e = layout({ ...dyn, 'spark.master': master, 'spark.dynamicAllocation.testing': 'yes' }, SPARK_2_4)
        .startupErrors[0];
      assert.equal(e?.message, want);
      assert.equal(e.exceptionClass, 'IllegalArgumentException');
    }
  });
  it('is not built on a local master, without dynamic allocation, or from 3.0', () => {
    const tight = { 'spark.executor.cores': '2', 'spark.task.cpus': '4', 'spark.dynamicAllocation.enabled': 'true' };
    assert.equal(first({ ...tight, 'spark.master': 'local[4]' }), undefined);
    assert.equal(first({ 'spark.executor.cores': '2', 'spark.task.cpus': '4' }), undefined);
    // 3.5 checks the cores in SparkContext itself, with its own text.
    assert.match(first({ ...tight, 'spark.master': 'yarn' }, SPARK_3_5) ?? '', /^The number of cores per executor/);
  });
});
