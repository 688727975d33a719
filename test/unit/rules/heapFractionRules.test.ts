// MIN-HEAP, HEAP-COMPRESSED-OOPS, HEAP-LARGE, FRACTION-USER-MEMORY, FRACTION-STORAGE, LEGACY-KEY,
// DEPRECATED-ALT, KEY-VERSION.
import * as assert from 'node:assert/strict';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';
import { SPAN_TEXT, applyFix, only } from './lintHarness';

describe('MIN-HEAP', () => {
  it('uses the 3.5 error class text for executor memory below 450 MiB', () => {
    const text = 'spark.executor.memory 449m\n';
    const [f] = only(text, 'MIN-HEAP');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '449m');
    assert.match(f.message, /^\[INVALID_EXECUTOR_MEMORY\] Executor memory 470810624 must be at least 471859200\./);
    assert.equal(applyFix(text, f), 'spark.executor.memory 1g\n');
    assert.deepEqual(only('spark.executor.memory 450m\n', 'MIN-HEAP'), []);
  });
  it('uses the plain 2.4 text before 3.5, and SQLSTATE in 4.x', () => {
    assert.match(
      only('spark.executor.memory 400m\n', 'MIN-HEAP', { version: SPARK_2_4 })[0]!.message,
      /^Executor memory 419430400 must be at least 471859200\. Please increase executor memory using the --executor-memory option or spark\.executor\.memory/,
    );
    assert.match(
      only('spark.executor.memory 400m\n', 'MIN-HEAP', { version: SPARK_4_1 })[0]!.message,
      /SQLSTATE: F0000/,
    );
  });
  it('reports a too small driver heap at spark.driver.memory', () => {
    const text = 'spark.driver.memory 400m\n';
    const [f] = only(text, 'MIN-HEAP');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '400m');
    assert.match(f.message, /System memory 419430400 must be at least 471859200/);
    assert.deepEqual(only('spark.driver.memory 450m\n', 'MIN-HEAP'), []);
  });
  it('reports each setting once', () => {
    assert.equal(only('spark.executor.memory 300m\n', 'MIN-HEAP').length, 1);
    assert.deepEqual(only('spark.executor.memory 300m\n', 'STARTUP-ERROR'), []);
  });
});

describe('HEAP-COMPRESSED-OOPS and HEAP-LARGE', () => {
  it('warns from 32 GiB, not at 31g', () => {
    assert.deepEqual(only('spark.executor.memory 31g\n', 'HEAP-COMPRESSED-OOPS'), []);
    assert.deepEqual(only('spark.executor.memory 32767m\n', 'HEAP-COMPRESSED-OOPS'), []);
    const [f] = only('spark.executor.memory 32g\n', 'HEAP-COMPRESSED-OOPS');
    assert.equal(f?.severity, 'warning');
    assert.equal(applyFix('spark.executor.memory 32g\n', f), 'spark.executor.memory 31g\n');
    assert.equal(only('spark.driver.memory 40g\n', 'HEAP-COMPRESSED-OOPS').length, 1);
  });
  it('calls heaps above 64 GiB large (info)', () => {
    assert.deepEqual(only('spark.executor.memory 64g\n', 'HEAP-LARGE'), []);
    const [f] = only('spark.executor.memory 65g\n', 'HEAP-LARGE');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /pause/);
  });
});

describe('FRACTION-USER-MEMORY', () => {
  it('warns above 0.9 with the user memory in bytes', () => {
    assert.deepEqual(only('spark.executor.memory 4g\nspark.memory.fraction 0.9\n', 'FRACTION-USER-MEMORY'), []);
    const [f] = only('spark.executor.memory 4g\nspark.memory.fraction 0.95\n', 'FRACTION-USER-MEMORY');
    assert.ok(f);
    assert.match(f.message, /5%/);
    assert.match(f.message, /\(\d+ bytes\)/);
  });
  it('warns below 0.3 (tiny unified region), not at 0.3, and offers the default', () => {
    assert.deepEqual(only('spark.memory.fraction 0.3\n', 'FRACTION-USER-MEMORY'), []);
    const text = 'spark.memory.fraction 0.2\n';
    const [f] = only(text, 'FRACTION-USER-MEMORY');
    assert.ok(f);
    assert.match(f.message, /unified region only/);
    assert.equal(applyFix(text, f), 'spark.memory.fraction 0.6\n');
  });
  it('leaves out-of-range values to FRACTION-RANGE', () => {
    assert.deepEqual(only('spark.memory.fraction 1.5\n', 'FRACTION-USER-MEMORY'), []);
  });
});

describe('FRACTION-STORAGE', () => {
  it('warns above 0.9, informs below 0.1, quiet at the bounds', () => {
    assert.deepEqual(only('spark.memory.storageFraction 0.9\n', 'FRACTION-STORAGE'), []);
    assert.deepEqual(only('spark.memory.storageFraction 0.1\n', 'FRACTION-STORAGE'), []);
    assert.equal(only('spark.memory.storageFraction 0.95\n', 'FRACTION-STORAGE')[0]?.severity, 'warning');
    assert.equal(only('spark.memory.storageFraction 0.05\n', 'FRACTION-STORAGE')[0]?.severity, 'info');
  });
});

describe('LEGACY-KEY', () => {
  it("in 2.4 repeats Spark's deprecation warning unless legacy mode is on", () => {
    const text = 'spark.storage.memoryFraction 0.5\nspark.shuffle.memoryFraction 0.3\n';
    const fs = only(text, 'LEGACY-KEY', { version: SPARK_2_4 });
    assert.equal(fs.length, 2);
    assert.match(
      fs[0]!.message,
      /^Detected deprecated memory fraction settings: \[spark\.storage\.memoryFraction, spark\.shuffle\.memoryFraction\]\. As of Spark 1\.6/,
    );
    assert.equal(
      only(`spark.memory.useLegacyMode true\n${text}`, 'LEGACY-KEY', { version: SPARK_2_4 }).length,
      1,
      'only the useLegacyMode line',
    );
  });
  it('from 3.0 says the keys are ignored silently and removes the line', () => {
    const text = '# cache\nspark.storage.memoryFraction 0.5\nspark.executor.memory 4g\n';
    const [f] = only(text, 'LEGACY-KEY', { version: SPARK_3_5 });
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), 'spark.storage.memoryFraction');
    assert.match(f.message, /ignored.*spark\.memory\.storageFraction/);
    assert.equal(applyFix(text, f), '# cache\nspark.executor.memory 4g\n');
    assert.match(
      only('spark.memory.useLegacyMode true\n', 'LEGACY-KEY', { version: sparkVersion(3, 0, 3) })[0]!.message,
      /ignored/,
    );
  });
  it("reports spark.shuffle.spill=false with SortShuffleManager's text, and any value in 4.x", () => {
    assert.match(only('spark.shuffle.spill false\n', 'LEGACY-KEY')[0]!.message, /ignored as of Spark 1\.6\+/);
    assert.deepEqual(only('spark.shuffle.spill true\n', 'LEGACY-KEY'), []);
    assert.match(
      only('spark.shuffle.spill true\n', 'LEGACY-KEY', { version: SPARK_4_1 })[0]!.message,
      /deprecated as of Spark 1\.6/,
    );
  });
});

describe('DEPRECATED-ALT', () => {
  it("gives Spark's deprecation text for spark.yarn.executor.memoryOverhead and renames it", () => {
    const text = 'spark.yarn.executor.memoryOverhead   1g\n';
    const [f] = only(text, 'DEPRECATED-ALT');
    assert.ok(f);
    assert.equal(
      f.message,
      "The configuration key 'spark.yarn.executor.memoryOverhead' has been deprecated as of Spark 2.3 and may be removed in the future. Please use the new key 'spark.executor.memoryOverhead' instead.",
    );
    assert.equal(applyFix(text, f), 'spark.executor.memoryOverhead   1g\n');
  });
  it('says the old key is ignored when the new one is set', () => {
    const [f] = only('spark.yarn.executor.memoryOverhead 1g\nspark.executor.memoryOverhead 2g\n', 'DEPRECATED-ALT');
    assert.match(f?.message ?? '', /wins/);
    assert.equal(
      applyFix('spark.yarn.executor.memoryOverhead 1g\nspark.executor.memoryOverhead 2g\n', f!),
      'spark.executor.memoryOverhead 2g\n',
    );
  });
  it('covers spark.unsafe.offHeap, and spark.kubernetes.memoryOverheadFactor only from 3.3', () => {
    assert.match(only('spark.unsafe.offHeap true\n', 'DEPRECATED-ALT')[0]!.message, /spark\.memory\.offHeap\.enabled/);
    assert.deepEqual(
      only('spark.kubernetes.memoryOverheadFactor 0.2\n', 'DEPRECATED-ALT', { version: sparkVersion(3, 2, 4) }),
      [],
    );
    const text = 'spark.kubernetes.memoryOverheadFactor 0.2\n';
    const [f] = only(text, 'DEPRECATED-ALT', { version: sparkVersion(3, 3, 4) });
    assert.ok(f);
    assert.equal(applyFix(text, f), 'spark.executor.memoryOverheadFactor 0.2\n');
    assert.equal(
      applyFix(text, f, /also set/),
      'spark.executor.memoryOverheadFactor 0.2\nspark.driver.memoryOverheadFactor 0.2\n',
    );
  });
});

describe('KEY-VERSION', () => {
  it('reports a key added after the chosen version, with what does the job there', () => {
    const [f] = only('spark.executor.memoryOverheadFactor 0.2\n', 'KEY-VERSION', { version: sparkVersion(3, 2, 4) });
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /from Spark 3\.3 on.*spark\.kubernetes\.memoryOverheadFactor/);
    assert.deepEqual(
      only('spark.executor.memoryOverheadFactor 0.2\n', 'KEY-VERSION', { version: sparkVersion(3, 3, 4) }),
      [],
    );
    assert.equal(only('spark.executor.minMemoryOverhead 512m\n', 'KEY-VERSION', { version: SPARK_3_5 }).length, 1);
    assert.deepEqual(only('spark.executor.minMemoryOverhead 512m\n', 'KEY-VERSION', { version: SPARK_4_1 }), []);
  });
});
