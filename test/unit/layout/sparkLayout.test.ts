// The layout derivations against the numbers spark-memory.md and config-formats.md derive from
// Spark's code (small inputs, exact bytes).
import * as assert from 'node:assert/strict';
import { SparkConfView } from '../../../src/core/config/confSource';
import { deriveContainerRequest } from '../../../src/core/layout/container';
import { defaultPageSizeBytes } from '../../../src/core/layout/pageSize';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { deriveStaticMemory } from '../../../src/core/layout/static';
import { deriveUnifiedMemory } from '../../../src/core/layout/unified';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';

const GiB = 2 ** 30;
const conf = (r: Record<string, string>): SparkConfView => SparkConfView.fromRecord(r, 'file');

describe('UnifiedMemoryManager sizes (spark-memory.md 1)', () => {
  it('derives the 1 GiB and 4 GiB defaults of the spec', () => {
    for (const v of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) {
      const one = deriveUnifiedMemory(GiB, conf({}), v);
      assert.ok(one.ok);
      assert.equal(one.sizes.usableMemory, 759169024);
      assert.equal(one.sizes.maxHeapMemory, 455501414);
      assert.equal(one.sizes.onHeapStorageRegionSize, 227750707);
      assert.equal(one.sizes.onHeapExecutionPoolSize, 227750707);
      const four = deriveUnifiedMemory(4 * GiB, conf({}), v);
      assert.ok(four.ok);
      assert.equal(four.sizes.maxHeapMemory, 2388236697);
      assert.equal(four.sizes.onHeapStorageRegionSize, 1194118348);
      assert.equal(four.sizes.onHeapExecutionPoolSize, 1194118349);
      assert.equal(four.sizes.userMemory, 3980394496 - 2388236697);
    }
  });
  it('uses spark.testing: no reserve, so maxMemory = 1000 with fraction 1', () => {
    const d = deriveUnifiedMemory(
      0,
      conf({ 'spark.testing': 'true', 'spark.testing.memory': '1000', 'spark.memory.fraction': '1' }),
      SPARK_3_5,
    );
    assert.ok(d.ok);
    assert.equal(d.sizes.maxHeapMemory, 1000);
    assert.equal(d.sizes.onHeapStorageRegionSize, 500);
  });
  it('reads a unit-less spark.executor.memory as bytes in the fail-fast check, worded per release', () => {
    const c = conf({ 'spark.executor.memory': '4096' });
    const old = deriveUnifiedMemory(4 * GiB, c, sparkVersion(3, 4, 4));
    assert.ok(!old.ok);
    assert.equal(
      old.error.message,
      'Executor memory 4096 must be at least 471859200. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.',
    );
    const v35 = deriveUnifiedMemory(4 * GiB, c, SPARK_3_5);
    assert.ok(!v35.ok);
    assert.equal(v35.error.errorClass, 'INVALID_EXECUTOR_MEMORY');
    assert.deepEqual(v35.error.messageParameters, {
      executorMemory: '4096',
      minSystemMemory: '471859200',
      config: 'spark.executor.memory',
    });
    assert.equal(
      v35.error.message,
      // One line in 3.5 (Spark 3.5.9's own text, through the oracle); 4.x breaks it after the first sentence.
      '[INVALID_EXECUTOR_MEMORY] Executor memory 4096 must be at least 471859200. Please increase executor memory using the --executor-memory option or "spark.executor.memory" in Spark configuration.',
    );
    const v41 = deriveUnifiedMemory(4 * GiB, c, SPARK_4_1);
    assert.ok(!v41.ok);
    assert.ok(v41.error.message.endsWith(' SQLSTATE: F0000'));
  });
  it('checks system memory first, at 1.5 x the reserve, on both sides of 471859200', () => {
    assert.ok(deriveUnifiedMemory(471859200, conf({}), SPARK_3_5).ok);
    const low = deriveUnifiedMemory(471859199, conf({ 'spark.executor.memory': '1' }), SPARK_2_4);
    assert.ok(!low.ok);
    assert.match(low.error.message, /^System memory 471859199 must be at least 471859200/);
  });
  it('storageFraction 1.0 passes in 2.4 and fails when read from 3.0', () => {
    assert.ok(deriveUnifiedMemory(GiB, conf({ 'spark.memory.storageFraction': '1.0' }), SPARK_2_4).ok);
    const d = deriveUnifiedMemory(GiB, conf({ 'spark.memory.storageFraction': '1.0' }), SPARK_3_5);
    assert.ok(!d.ok);
    assert.equal(
      d.error.message,
      "'1.0' in spark.memory.storageFraction is invalid. Storage fraction must be in [0,1)",
    );
    assert.ok(deriveUnifiedMemory(GiB, conf({ 'spark.memory.storageFraction': '0.99' }), SPARK_3_5).ok);
  });
  it('requires a positive initial execution pool from 3.3', () => {
    const c = conf({ 'spark.memory.fraction': '0' });
    assert.ok(deriveUnifiedMemory(GiB, c, SPARK_2_4).ok);
    const d = deriveUnifiedMemory(GiB, c, SPARK_3_5);
    assert.ok(!d.ok);
    assert.equal(d.error.message, 'requirement failed: onHeapExecutionMemory must be > 0');
  });
  it('sizes off-heap pools even while off-heap is disabled, and needs a size when enabled', () => {
    const d = deriveUnifiedMemory(GiB, conf({ 'spark.memory.offHeap.size': '1001' }), SPARK_3_5);
    assert.ok(d.ok);
    assert.equal(d.sizes.offHeapStorageRegionSize, 500);
    assert.equal(d.sizes.offHeapExecutionPoolSize, 501);
    assert.equal(d.sizes.tungstenMemoryMode, 'ON_HEAP');
    const e = deriveUnifiedMemory(GiB, conf({ 'spark.memory.offHeap.enabled': 'true' }), SPARK_3_5);
    assert.ok(!e.ok);
    assert.equal(
      e.error.message,
      'requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
    );
    const neg = deriveUnifiedMemory(GiB, conf({ 'spark.memory.offHeap.size': '-1g' }), SPARK_3_5);
    assert.ok(!neg.ok);
    // ConfigBuilder.checkValue quotes the converted value (a Long for bytesConf), not the text: Spark 3.5.9
    // throws "'-1073741824' in spark.memory.offHeap.size is invalid..." for "-1g" (byteFromString negates).
    assert.equal(
      neg.error.message,
      "'-1073741824' in spark.memory.offHeap.size is invalid. The off-heap memory size must not be negative",
    );
    // 2.4 reads MEMORY_OFFHEAP_SIZE (checkValue, bare message) before tungstenMemoryMode, in legacy mode too;
    // 4.1+ raises INVALID_CONF_VALUE.REQUIREMENT quoting the bytes with their unit (Spark 2.4.8, 4.1.3, 4.2.0).
    const legacy = deriveStaticMemory(
      GiB,
      conf({ 'spark.memory.offHeap.size': '-1g', 'spark.memory.offHeap.enabled': 'true' }),
      SPARK_2_4,
    );
    assert.ok(!legacy.ok);
    assert.equal(legacy.error.message, 'The off-heap memory size must not be negative');
    const neg41 = deriveUnifiedMemory(GiB, conf({ 'spark.memory.offHeap.size': '-1g' }), SPARK_4_1);
    assert.ok(!neg41.ok);
    assert.equal(neg41.error.errorClass, 'INVALID_CONF_VALUE.REQUIREMENT');
    assert.equal(
      neg41.error.message,
      '[INVALID_CONF_VALUE.REQUIREMENT] The value \'-1073741824b\' in the config "spark.memory.offHeap.size" is invalid. The off-heap memory size must not be negative SQLSTATE: 22022',
    );
  });
});

describe('StaticMemoryManager sizes (2.4 legacy mode, spark-memory.md 7)', () => {
  it('uses the safety fractions and no reserve', () => {
    const d = deriveStaticMemory(GiB, conf({}), SPARK_2_4);
    assert.ok(d.ok);
    assert.equal(d.sizes.maxOnHeapExecutionMemory, 171798691);
    assert.equal(d.sizes.maxOnHeapStorageMemory, 579820584);
    assert.equal(d.sizes.maxUnrollMemory, 115964116);
  });
  it('enforces the 32 MiB minimum for system and executor memory', () => {
    const d = deriveStaticMemory(GiB, conf({ 'spark.executor.memory': '32m' }), SPARK_2_4);
    assert.ok(d.ok);
    const e = deriveStaticMemory(GiB, conf({ 'spark.executor.memory': '33554431b' }), SPARK_2_4);
    assert.ok(!e.ok);
    assert.match(e.error.message, /^Executor memory 33554431 must be at least 33554432/);
  });
});

describe('default page size (spark-memory.md 8.3)', () => {
  it('is the next power of two of pool/cores/16, clamped, minus 16 on G1 from 3.3', () => {
    assert.equal(defaultPageSizeBytes(1194118349, 1, 'ON_HEAP', 'G1', SPARK_2_4), 64 * 2 ** 20);
    assert.equal(defaultPageSizeBytes(1194118349, 1, 'ON_HEAP', 'G1', SPARK_3_5), 64 * 2 ** 20 - 16);
    assert.equal(defaultPageSizeBytes(1194118349, 8, 'ON_HEAP', 'G1', SPARK_3_5), 16777200);
    assert.equal(defaultPageSizeBytes(1194118349, 8, 'ON_HEAP', 'Parallel', SPARK_3_5), 16777216);
    assert.equal(defaultPageSizeBytes(1194118349, 8, 'OFF_HEAP', 'G1', SPARK_3_5), 16777216);
    assert.equal(defaultPageSizeBytes(10, 8, 'ON_HEAP', 'Parallel', SPARK_3_5), 2 ** 20);
    assert.equal(defaultPageSizeBytes(1194118349, 8, 'ON_HEAP', 'ZGC', sparkVersion(4, 1, 0)), 16777216);
    assert.equal(defaultPageSizeBytes(1194118349, 8, 'ON_HEAP', 'ZGC', SPARK_4_1), 16777200);
  });
});

const req = (r: Record<string, string>, v = SPARK_3_5, o: Parameters<typeof deriveContainerRequest>[2] = {}) => {
  const c = deriveContainerRequest(conf(r), v, o);
  assert.ok(c.ok, c.ok ? '' : c.error.message);
  return c.request;
};

describe('container request (spark-memory.md 10)', () => {
  it('adds max(10%, 384 MiB) overhead', () => {
    assert.equal(req({ 'spark.executor.memory': '4g' }).totalMiB, 4096 + 409);
    assert.equal(req({ 'spark.executor.memory': '2g' }).totalMiB, 2048 + 384);
    assert.equal(req({ 'spark.executor.memory': '3840m' }).memoryOverheadMiB, 384);
    assert.equal(req({ 'spark.executor.memory': '3850m' }).memoryOverheadMiB, 385);
  });
  it('adds off-heap from 3.0 on YARN and 3.1 on Kubernetes, not in 2.4', () => {
    const c = {
      'spark.executor.memory': '4g',
      'spark.memory.offHeap.enabled': 'true',
      'spark.memory.offHeap.size': '1g',
    };
    assert.equal(req(c).totalMiB, 4096 + 409 + 1024);
    assert.equal(req(c, SPARK_2_4).totalMiB, 4096 + 409);
    assert.equal(req(c, sparkVersion(3, 0, 3), { clusterManager: 'kubernetes' }).totalMiB, 4096 + 409);
    assert.equal(req(c, sparkVersion(3, 1, 3), { clusterManager: 'kubernetes' }).totalMiB, 4096 + 409 + 1024);
  });
  it('uses 0.4 for non-JVM apps on Kubernetes and adds PySpark memory', () => {
    const r = req({ 'spark.executor.memory': '4g', 'spark.executor.pyspark.memory': '512m' }, SPARK_3_5, {
      clusterManager: 'kubernetes',
      pythonApp: true,
    });
    assert.equal(r.memoryOverheadMiB, 1638);
    assert.equal(r.totalMiB, 4096 + 1638 + 512);
  });
  it('honours the 3.3 factor and the 4.0 minimum', () => {
    assert.equal(
      req({ 'spark.executor.memory': '4g', 'spark.executor.memoryOverheadFactor': '0.2' }).memoryOverheadMiB,
      819,
    );
    assert.equal(
      req({ 'spark.executor.memory': '4g', 'spark.executor.memoryOverheadFactor': '0.2' }, sparkVersion(3, 2, 4))
        .memoryOverheadMiB,
      409,
    );
    assert.equal(
      req({ 'spark.executor.memory': '2g', 'spark.executor.minMemoryOverhead': '500m' }, SPARK_4_1).memoryOverheadMiB,
      500,
    );
    assert.equal(
      req({ 'spark.executor.memory': '2g', 'spark.executor.minMemoryOverhead': '500m' }, SPARK_3_5).memoryOverheadMiB,
      384,
    );
    assert.equal(
      req({ 'spark.executor.memory': '2g', 'spark.yarn.executor.memoryOverhead': '1000' }).memoryOverheadMiB,
      1000,
    );
  });
});

describe("container refusals as Spark's cluster-manager code words them (oracle: containers, startupErrors)", () => {
  const refusal = (r: Record<string, string>, v = SPARK_3_5, o: Parameters<typeof deriveContainerRequest>[2] = {}) => {
    const c = deriveContainerRequest(conf(r), v, o);
    assert.ok(!c.ok, 'Spark refuses this container');
    return c.error;
  };
  it("refuses off-heap without a size with Scala's require text", () => {
    const e = refusal({ 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1048575' });
    assert.equal(
      e.message,
      'requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
    );
    assert.equal(e.phase, 'container');
  });
  it('reads the off-heap size (checkValue >= 0) before asking whether off-heap is enabled, from 3.1', () => {
    const c = { 'spark.memory.offHeap.enabled': 'false', 'spark.memory.offHeap.size': '-5m' };
    assert.equal(
      refusal(c).message,
      "'-5242880' in spark.memory.offHeap.size is invalid. The off-heap memory size must not be negative",
    );
    assert.ok(deriveContainerRequest(conf(c), sparkVersion(3, 0, 3)).ok);
  });
  it("checks spark.kubernetes.memoryOverheadFactor with the module's checkValue of the release", () => {
    const k8s = { clusterManager: 'kubernetes' } as const;
    assert.equal(
      refusal({ 'spark.kubernetes.memoryOverheadFactor': '-0.1' }, SPARK_3_5, k8s).message,
      "'-0.1' in spark.kubernetes.memoryOverheadFactor is invalid. Ensure that memory overhead is non-negative",
    );
    assert.equal(req({ 'spark.kubernetes.memoryOverheadFactor': '1.5' }, SPARK_3_5, k8s).memoryOverheadMiB, 1536);
    assert.equal(
      refusal({ 'spark.kubernetes.memoryOverheadFactor': '1.5' }, sparkVersion(3, 2, 4), k8s).message,
      "'1.5' in spark.kubernetes.memoryOverheadFactor is invalid. Ensure that memory overhead is a double between 0 --> 1.0",
    );
    assert.equal(
      refusal({ 'spark.kubernetes.memoryOverheadFactor': '1.5' }, SPARK_2_4, k8s).message,
      'Ensure that memory overhead is a double between 0 --> 1.0',
    );
  });
});

describe('sparkLayout start-up errors', () => {
  it("lists the submit check, the JVM -Xmx trap and the memory manager error in Spark's order", () => {
    const l = sparkLayout(
      conf({ 'spark.driver.memory': '2gb', 'spark.executor.memory': '4096', 'spark.memory.fraction': '1.2' }),
      { version: SPARK_3_5 },
    );
    const messages = l.startupErrors.map((e) => e.message);
    assert.ok(messages.includes('Invalid maximum heap size: -Xmx2gb'), messages.join('\n'));
    assert.ok(messages.includes("spark.memory.fraction should be between 0 and 1 (was '1.2')."));
    assert.ok(messages.some((m) => m.startsWith('[INVALID_EXECUTOR_MEMORY] Executor memory 4096')));
    assert.ok(
      messages.indexOf('Invalid maximum heap size: -Xmx2gb') <
        messages.indexOf("spark.memory.fraction should be between 0 and 1 (was '1.2')."),
    );
  });
  it("fails the driver on a bad executor overhead from 3.1: SparkContext's default ResourceProfile reads it", () => {
    const c = conf({ 'spark.executor.memoryOverhead': 'abc' });
    const first = (v: Parameters<typeof sparkLayout>[1]['version']) => sparkLayout(c, { version: v }).startupErrors[0];
    assert.equal(first(SPARK_3_5)?.phase, 'driver');
    assert.match(first(SPARK_3_5)?.message ?? '', /Failed to parse byte string: abc/);
    assert.equal(first(sparkVersion(3, 0, 3))?.phase, 'container');
  });
  it('prints a fraction the way Scala prints a Double', () => {
    const l = sparkLayout(conf({ 'spark.memory.fraction': '2' }), { version: SPARK_2_4 });
    assert.equal(l.startupErrors[0]?.message, "spark.memory.fraction should be between 0 and 1 (was '2.0').");
  });
  it('is clean for a plain 4g executor and lays it out', () => {
    const l = sparkLayout(conf({ 'spark.executor.memory': '4g' }), { version: SPARK_3_5 });
    assert.deepEqual(l.startupErrors, []);
    assert.equal(l.unified?.maxHeapMemory, 2388236697);
    assert.equal(l.container?.totalMiB, 4505);
    assert.equal(l.executionPerTask?.minPerTask, Math.trunc(1194118349 / 2));
  });
  it('requires executor cores >= task cpus (3.x message)', () => {
    const l = sparkLayout(conf({ 'spark.executor.cores': '2', 'spark.task.cpus': '4' }), { version: SPARK_3_5 });
    assert.ok(
      l.startupErrors.some(
        (e) => e.message === 'The number of cores per executor (=2) has to be >= the number of cpus per task = 4.',
      ),
    );
  });
  it('uses the legacy manager in 2.4 with useLegacyMode and ignores the key from 3.0', () => {
    const c = conf({ 'spark.memory.useLegacyMode': 'true', 'spark.executor.memory': '1g' });
    assert.equal(sparkLayout(c, { version: SPARK_2_4 }).memoryManager, 'StaticMemoryManager');
    assert.equal(sparkLayout(c, { version: SPARK_3_5 }).memoryManager, 'UnifiedMemoryManager');
  });
});
