// OFFHEAP-CONSISTENCY, OFFHEAP-NOT-ENABLED, OFFHEAP-BUDGET, CONTAINER-BUDGET, OVERHEAD-FACTOR-RANGE,
// OVERHEAD-SMALL, EXEC-PER-TASK, CORES-TASKCPUS, XMX-IN-JAVA-OPTIONS, STARTUP-ERROR.
import * as assert from 'node:assert/strict';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';
import { SPAN_TEXT, applyFix, only } from './lintHarness';

describe('OFFHEAP-CONSISTENCY', () => {
  it("reports enabled without a size with Spark's text, at the enabled value", () => {
    const text = 'spark.memory.offHeap.enabled true\n';
    const [f] = only(text, 'OFFHEAP-CONSISTENCY');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), 'true');
    assert.match(
      f.message,
      /^requirement failed: spark\.memory\.offHeap\.size must be > 0 when spark\.memory\.offHeap\.enabled == true/,
    );
    assert.equal(applyFix(text, f), 'spark.memory.offHeap.enabled false\n');
    assert.deepEqual(only(text, 'STARTUP-ERROR'), []);
  });
  it('reports a size below 1 MiB from 3.0 (container sizing), with the size as related location', () => {
    const text = 'spark.master yarn\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1048575\n';
    const [f] = only(text, 'OFFHEAP-CONSISTENCY', { version: SPARK_3_5 });
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, { ...f, span: f.related![0]!.span }), '1048575');
    assert.deepEqual(
      only(
        'spark.master yarn\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1048576\n',
        'OFFHEAP-CONSISTENCY',
      ),
      [],
    );
    assert.deepEqual(only(text, 'OFFHEAP-CONSISTENCY', { version: SPARK_2_4 }), [], '2.4 only needs > 0');
  });
});

describe('OFFHEAP-NOT-ENABLED', () => {
  it('warns about a size without enabling and adds the line', () => {
    const text = 'spark.memory.offHeap.size   2g\nspark.executor.memory 4g\n';
    const [f] = only(text, 'OFFHEAP-NOT-ENABLED');
    assert.ok(f);
    assert.match(f.message, /storage 1 GiB/);
    assert.equal(
      applyFix(text, f),
      'spark.memory.offHeap.size   2g\nspark.memory.offHeap.enabled true\nspark.executor.memory 4g\n',
    );
  });
  it('flips an explicit false, and is quiet when enabled or size 0', () => {
    const text = 'spark.memory.offHeap.enabled false\nspark.memory.offHeap.size 2g\n';
    assert.equal(
      applyFix(text, only(text, 'OFFHEAP-NOT-ENABLED')[0]!),
      'spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 2g\n',
    );
    assert.deepEqual(
      only('spark.memory.offHeap.enabled true\nspark.memory.offHeap.size 2g\n', 'OFFHEAP-NOT-ENABLED'),
      [],
    );
    assert.deepEqual(only('spark.memory.offHeap.size 0\n', 'OFFHEAP-NOT-ENABLED'), []);
  });
});

describe('OFFHEAP-BUDGET', () => {
  const conf = (off: string) =>
    `spark.master yarn\nspark.executor.memory 4g\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size ${off}\n`;
  it('warns in 2.4 on YARN when off-heap does not fit in the overhead (409 MiB for 4g)', () => {
    assert.deepEqual(only(conf('408m'), 'OFFHEAP-BUDGET', { version: SPARK_2_4 }), []);
    const [f] = only(conf('409m'), 'OFFHEAP-BUDGET', { version: SPARK_2_4 });
    assert.ok(f);
    assert.match(f.message, /409 MiB/);
    assert.match(applyFix(conf('409m'), f), /spark\.executor\.memoryOverhead 818m\n$/);
  });
  it('is quiet from 3.0 on YARN and 3.1 on Kubernetes, where off-heap is added', () => {
    assert.deepEqual(only(conf('2g'), 'OFFHEAP-BUDGET', { version: SPARK_3_5 }), []);
    const k8s = conf('2g').replace('yarn', 'k8s://https://k:6443');
    assert.equal(only(k8s, 'OFFHEAP-BUDGET', { version: sparkVersion(3, 0, 3) }).length, 1);
    assert.deepEqual(only(k8s, 'OFFHEAP-BUDGET', { version: sparkVersion(3, 1, 3) }), []);
  });
});

describe('CONTAINER-BUDGET', () => {
  const text =
    'spark.master yarn\nspark.executor.memory 4g\nspark.memory.offHeap.enabled true\nspark.memory.offHeap.size 1g\n';
  it('shows the sum and fails above the limit, not at it', () => {
    // 4096 + max(409, 384) + 1024 = 5529 MiB
    assert.deepEqual(only(text, 'CONTAINER-BUDGET', { settings: { containerLimitMiB: 5529 } }), []);
    const [f] = only(text, 'CONTAINER-BUDGET', { settings: { containerLimitMiB: 5528 } });
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /4096 MiB heap \+ 409 MiB overhead \(0\.1 × heap\) \+ 1024 MiB off-heap = 5529 MiB/);
    assert.equal(SPAN_TEXT(text, f), '4g');
    assert.equal(f.related?.length, 1);
  });
  it('does nothing without a limit', () => {
    assert.deepEqual(only(text, 'CONTAINER-BUDGET'), []);
  });
});

describe('OVERHEAD-FACTOR-RANGE', () => {
  it("requires the per-role factors > 0 from 3.3, with Spark's message", () => {
    const text = 'spark.master yarn\nspark.executor.memoryOverheadFactor 0\n';
    const [f] = only(text, 'OVERHEAD-FACTOR-RANGE', { version: SPARK_3_5 });
    assert.equal(
      f?.message,
      "'0.0' in spark.executor.memoryOverheadFactor is invalid. Ensure that memory overhead is a double greater than 0",
    );
    assert.equal(f?.severity, 'error');
    assert.deepEqual(
      only('spark.master yarn\nspark.executor.memoryOverheadFactor 0.01\n', 'OVERHEAD-FACTOR-RANGE'),
      [],
    );
  });
  it('checks the Kubernetes factor in [0, 1) up to 3.2 and >= 0 from 3.3', () => {
    const k = (v: string) => `spark.master k8s://https://k:6443\nspark.kubernetes.memoryOverheadFactor ${v}\n`;
    assert.match(
      only(k('1.0'), 'OVERHEAD-FACTOR-RANGE', { version: sparkVersion(3, 2, 4) })[0]!.message,
      /between 0 --> 1\.0/,
    );
    assert.deepEqual(only(k('0.99'), 'OVERHEAD-FACTOR-RANGE', { version: sparkVersion(3, 2, 4) }), []);
    assert.deepEqual(only(k('1.0'), 'OVERHEAD-FACTOR-RANGE', { version: SPARK_3_5 }), []);
    assert.match(only(k('-0.1'), 'OVERHEAD-FACTOR-RANGE', { version: SPARK_3_5 })[0]!.message, /non-negative/);
  });
  it('is a warning where the cluster manager does not read the key', () => {
    assert.equal(
      only('spark.master yarn\nspark.kubernetes.memoryOverheadFactor 1.5\n', 'OVERHEAD-FACTOR-RANGE', {
        version: SPARK_2_4,
      })[0]?.severity,
      'warning',
    );
  });
});

describe('OVERHEAD-SMALL', () => {
  it('informs below the 384 MiB floor, not at it', () => {
    assert.deepEqual(only('spark.executor.memoryOverhead 384m\n', 'OVERHEAD-SMALL'), []);
    const [f] = only('spark.executor.memoryOverhead 383m\n', 'OVERHEAD-SMALL');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /384 MiB minimum/);
  });
  it('informs below 10% of a large heap', () => {
    assert.deepEqual(only('spark.executor.memory 8g\nspark.executor.memoryOverhead 819m\n', 'OVERHEAD-SMALL'), []);
    const text = 'spark.executor.memory 8g\nspark.executor.memoryOverhead 818m\n';
    const [f] = only(text, 'OVERHEAD-SMALL');
    assert.match(f?.message ?? '', /0\.1 × the 8192 MiB/);
    assert.equal(applyFix(text, f!), 'spark.executor.memory 8g\nspark.executor.memoryOverhead 819m\n');
  });
  it('uses spark.driver.minMemoryOverhead in 4.x', () => {
    assert.equal(
      only('spark.driver.minMemoryOverhead 512m\nspark.driver.memoryOverhead 500m\n', 'OVERHEAD-SMALL', {
        version: SPARK_4_1,
      }).length,
      1,
    );
    assert.deepEqual(only('spark.driver.memoryOverhead 500m\n', 'OVERHEAD-SMALL', { version: SPARK_4_1 }), []);
  });
});

describe('EXEC-PER-TASK', () => {
  it('warns when the 1/2N floor is below 64 MiB and shows N, the floor and the cap', () => {
    // 4g: unified 2,388,236,697; execution pool 1,194,118,349; 8 tasks -> floor 74,632,396 (above 64 MiB)
    assert.deepEqual(only('spark.executor.memory 4g\nspark.executor.cores 8\n', 'EXEC-PER-TASK'), []);
    // 10 tasks -> floor 59,705,917 (below 64 MiB = 67,108,864)
    const text = 'spark.executor.memory 4g\nspark.executor.cores 10\n';
    const [f] = only(text, 'EXEC-PER-TASK');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '10');
    assert.match(f.message, /10 task\(s\)/);
    assert.match(f.message, /59705917 bytes/);
    assert.match(f.message, /238823669 bytes/);
  });
});

describe('CORES-TASKCPUS', () => {
  it('uses the 3.x text', () => {
    const text = 'spark.executor.cores 2\nspark.task.cpus 4\n';
    const [f] = only(text, 'CORES-TASKCPUS');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '2');
    assert.match(f.message, /^The number of cores per executor \(=2\) has to be >= the number of cpus per task = 4\./);
    assert.deepEqual(only('spark.executor.cores 4\nspark.task.cpus 4\n', 'CORES-TASKCPUS'), []);
  });
  it('in 2.4 only with dynamic allocation', () => {
    assert.deepEqual(only('spark.executor.cores 2\nspark.task.cpus 4\n', 'CORES-TASKCPUS', { version: SPARK_2_4 }), []);
    assert.match(
      only(
        // ExecutorAllocationManager checks the external shuffle service before the cores.
        'spark.dynamicAllocation.enabled true\nspark.shuffle.service.enabled true\nspark.executor.cores 2\nspark.task.cpus 4\n',
        'CORES-TASKCPUS',
        { version: SPARK_2_4 },
      )[0]!.message,
      /spark\.executor\.cores must not be < spark\.task\.cpus\./,
    );
  });
});

describe('XMX-IN-JAVA-OPTIONS', () => {
  it("marks the -Xmx token with Spark's executor text and removes it", () => {
    const text = 'spark.executor.extraJavaOptions -XX:+UseG1GC -Xmx4g -Dx=y\n';
    const [f] = only(text, 'XMX-IN-JAVA-OPTIONS');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '-Xmx4g');
    assert.match(
      f.message,
      /^spark\.executor\.extraJavaOptions is not allowed to specify max heap memory settings \(was '-XX:\+UseG1GC -Xmx4g -Dx=y'\)/,
    );
    assert.equal(applyFix(text, f), 'spark.executor.extraJavaOptions -XX:+UseG1GC -Dx=y\n');
    assert.equal(
      applyFix(text, f, /Move/),
      'spark.executor.extraJavaOptions -XX:+UseG1GC -Dx=y\nspark.executor.memory 4g\n',
    );
  });
  it('uses the launcher text for the driver and is quiet without -Xmx', () => {
    assert.match(
      only('spark.driver.extraJavaOptions -Xmx2g\n', 'XMX-IN-JAVA-OPTIONS')[0]!.message,
      /^Not allowed to specify max heap\(Xmx\) memory settings through java options/,
    );
    assert.deepEqual(only('spark.driver.extraJavaOptions -Xms2g -XX:+UseG1GC\n', 'XMX-IN-JAVA-OPTIONS'), []);
  });
});

describe('XMX-IN-JAVA-OPTIONS on the driver, as the launcher checks it (SparkSubmitCommandBuilder)', () => {
  it('checks spark.driver.defaultJavaOptions from 3.0, before the extra options, and offers to move the size', () => {
    const text = 'spark.driver.defaultJavaOptions -XX:+UseG1GC -Xmx1g\nspark.driver.extraJavaOptions -Xmx2g\n';
    const found = only(text, 'XMX-IN-JAVA-OPTIONS', { version: SPARK_3_5 });
    assert.equal(found.length, 1, 'the launcher stops at the first');
    assert.equal(SPAN_TEXT(text, found[0]!), '-Xmx1g');
    assert.match(found[0]!.message, /\(was -XX:\+UseG1GC -Xmx1g\)/);
    assert.equal(applyFix(text, found[0]!, /Move/), text.replace(' -Xmx1g\n', '\nspark.driver.memory 1g\n'));
    // 2.4 has no defaultJavaOptions: only the extra options are checked.
    assert.match(only(text, 'XMX-IN-JAVA-OPTIONS', { version: SPARK_2_4 })[0]!.message, /\(was -Xmx2g\)/);
  });
  it('refuses any "Xmx" up to 3.5, and from 4.0 an option that starts with -Xmx once the string is split', () => {
    const inAValue = 'spark.driver.extraJavaOptions -Dapp.note=noXmx\n';
    assert.equal(only(inAValue, 'XMX-IN-JAVA-OPTIONS', { version: SPARK_3_5 }).length, 1);
    assert.deepEqual(only(inAValue, 'XMX-IN-JAVA-OPTIONS', { version: SPARK_4_1 }), []);
    const quoted = 'spark.driver.extraJavaOptions -XX:+UseG1GC "-Xmx2g"\n';
    assert.equal(only(quoted, 'XMX-IN-JAVA-OPTIONS', { version: SPARK_4_1 }).length, 1);
  });
  it('an unclosed quote is refused by the launcher that starts a client-mode driver, not in cluster mode', () => {
    const opts = "spark.driver.extraJavaOptions -Dapp.name='nightly\n";
    for (const version of [SPARK_2_4, SPARK_3_5, SPARK_4_1])
      assert.match(only(opts, 'STARTUP-ERROR', { version })[0]!.message, /Invalid option string: -Dapp\.name='nightly/);
    const cluster = `spark.master k8s://https://127.0.0.1:6443\nspark.submit.deployMode cluster\n${opts}`;
    assert.deepEqual(only(cluster, 'STARTUP-ERROR', { version: SPARK_3_5 }), []);
  });
});

describe('STARTUP-ERROR', () => {
  it('reports start-up errors no specific rule covers, at the value', () => {
    const text = 'spark.memory.offHeap.enabled yes\n';
    const [f] = only(text, 'STARTUP-ERROR');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), 'yes');
    assert.match(f.message, /spark\.memory\.offHeap\.enabled should be boolean, but was yes/);
    assert.match(
      only('spark.executor.extraJavaOptions -Dspark.foo=1\n', 'STARTUP-ERROR')[0]!.message,
      /not allowed to set Spark options/,
    );
  });
  it('says nothing for a clean file', () => {
    assert.deepEqual(only('spark.executor.memory 4g\nspark.executor.cores 4\n', 'STARTUP-ERROR'), []);
  });
});
