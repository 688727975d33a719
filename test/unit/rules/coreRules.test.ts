import * as assert from 'node:assert/strict';
import { SPARK_2_4, SPARK_3_5 } from '../../../src/core/version';
import { SPAN_TEXT, applyFix, only } from './lintHarness';

describe('SIZE-PARSE', () => {
  it("flags a size Spark cannot parse, with Spark's text, on the value only", () => {
    const text = 'spark.executor.memory   4 g\n';
    const [f] = only(text, 'SIZE-PARSE');
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '4 g');
    assert.match(f.message, /Failed to parse byte string: 4 g/);
    assert.equal(applyFix(text, f), 'spark.executor.memory   4g\n');
  });
  it('accepts every size Spark accepts', () => {
    assert.deepEqual(
      only('spark.executor.memory 4g\nspark.memory.offHeap.size 2048\nspark.driver.maxResultSize 0\n', 'SIZE-PARSE'),
      [],
    );
  });
});

describe('FRACTION-RANGE', () => {
  it('checks [0,1] on both sides of the bounds', () => {
    assert.equal(only('spark.memory.fraction 1\n', 'FRACTION-RANGE').length, 0);
    assert.equal(only('spark.memory.fraction 0\n', 'FRACTION-RANGE').length, 0);
    const [f] = only('spark.memory.fraction 1.0001\n', 'FRACTION-RANGE');
    assert.equal(f?.message, "spark.memory.fraction should be between 0 and 1 (was '1.0001').");
    assert.equal(only('spark.memory.fraction -0.1\n', 'FRACTION-RANGE').length, 1);
  });
  it('rejects storageFraction 1.0 from 3.0 only', () => {
    assert.equal(only('spark.memory.storageFraction 1.0\n', 'FRACTION-RANGE', { version: SPARK_2_4 }).length, 0);
    const [f] = only('spark.memory.storageFraction 1.0\n', 'FRACTION-RANGE', { version: SPARK_3_5 });
    assert.equal(f?.message, "'1.0' in spark.memory.storageFraction is invalid. Storage fraction must be in [0,1)");
    assert.equal(only('spark.memory.storageFraction 0.999\n', 'FRACTION-RANGE').length, 0);
  });
  it("prints the parsed double as ConfigBuilder.checkValue does ('1' is '1.0', '1e0' too)", () => {
    for (const written of ['1', '1e0', '01.000']) {
      const [f] = only(`spark.memory.storageFraction ${written}\n`, 'FRACTION-RANGE', { version: SPARK_3_5 });
      assert.equal(
        f?.message,
        "'1.0' in spark.memory.storageFraction is invalid. Storage fraction must be in [0,1)",
        written,
      );
    }
  });
  it('offers the fraction for a percentage', () => {
    const text = 'spark.memory.storageFraction 50\n';
    const [f] = only(text, 'FRACTION-RANGE');
    assert.ok(f);
    assert.equal(applyFix(text, f), 'spark.memory.storageFraction 0.5\n');
  });
  it("offers the version's default for any other value, as the rule page shows, not as Fix all's choice", () => {
    for (const [text, want, version] of [
      ['spark.memory.fraction 1.2\n', 'spark.memory.fraction 0.6\n', SPARK_3_5],
      ['spark.memory.storageFraction 1.0\n', 'spark.memory.storageFraction 0.5\n', SPARK_3_5],
      ['spark.memory.fraction -1\n', 'spark.memory.fraction 0.6\n', SPARK_3_5],
    ] as const) {
      const [f] = only(text, 'FRACTION-RANGE', { version });
      assert.ok(f, text);
      assert.equal(f.fixes?.length, 1);
      assert.equal(f.fixes?.[0]?.isPreferred, false);
      assert.match(f.fixes?.[0]?.title ?? '', /\(the default\)$/);
      assert.equal(applyFix(text, f), want);
    }
  });
});

describe('PROPS-DUP and suppression comments', () => {
  it('marks the overridden line and removes it with its fix', () => {
    const text = 'spark.executor.memory 2g\n# keep\nspark.executor.memory 4g\n';
    const [f] = only(text, 'PROPS-DUP');
    assert.ok(f);
    assert.equal(f.span.start, 0);
    assert.equal(applyFix(text, f), '# keep\nspark.executor.memory 4g\n');
  });
  it('is silenced by a disable-next-line comment naming the code, and only by it', () => {
    assert.equal(only('# spark-memory-disable-next-line PROPS-DUP\nspark.a 1\nspark.a 2\n', 'PROPS-DUP').length, 0);
    assert.equal(only('# spark-memory-disable-next-line SIZE-PARSE\nspark.a 1\nspark.a 2\n', 'PROPS-DUP').length, 1);
    assert.equal(only('# spark-memory-disable PROPS-DUP\nspark.a 1\nspark.a 2\n', 'PROPS-DUP').length, 0);
  });
});
