// Properties syntax rules: PROPS-INLINE-COMMENT, PROPS-NON-SPARK, PROPS-BOM, PROPS-NBSP,
// PROPS-UNKNOWN-KEY, PROPS-MALFORMED-ESCAPE, PROPS-EMPTY-VALUE, PROPS-QUOTED-VALUE, PROPS-BACKSLASH.
import * as assert from 'node:assert/strict';
import { SPAN_TEXT, applyFix, codes, only } from './lintHarness';

describe('PROPS-INLINE-COMMENT', () => {
  it('is an error when the typed value then fails to parse at start-up, and moves the comment up', () => {
    const text = '  spark.executor.memory   4g # per executor\n';
    const [f] = only(text, 'PROPS-INLINE-COMMENT');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(SPAN_TEXT(text, f), '4g # per executor');
    assert.match(f.message, /Failed to parse byte string: 4g # per executor/);
    assert.equal(applyFix(text, f), '  # per executor\n  spark.executor.memory   4g\n');
    assert.deepEqual(
      codes(text).filter((c) => c !== 'PROPS-INLINE-COMMENT'),
      [],
      'no SIZE-PARSE or STARTUP-ERROR on top',
    );
  });
  it('is a warning when the key is not read at start-up, and for ! comments in strings', () => {
    assert.equal(only('spark.driver.maxResultSize 512m # small\n', 'PROPS-INLINE-COMMENT')[0]?.severity, 'warning');
    assert.equal(only('spark.app.name etl ! nightly\n', 'PROPS-INLINE-COMMENT')[0]?.severity, 'warning');
  });
  it('ignores # without a blank before it (URL fragments)', () => {
    assert.deepEqual(only('spark.yarn.dist.archives hdfs:///p.zip#env\n', 'PROPS-INLINE-COMMENT'), []);
  });
});

describe('PROPS-NON-SPARK', () => {
  it('informs that non-spark keys are dropped', () => {
    const [f] = only('hive.metastore.uris thrift://h:9083\n', 'PROPS-NON-SPARK');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /Ignoring non-Spark config property: hive\.metastore\.uris/);
  });
  it('warns about a known key in the wrong case and renames it', () => {
    const text = 'Spark.executor.memory 4g\n';
    const [f] = only(text, 'PROPS-NON-SPARK');
    assert.equal(f?.severity, 'warning');
    assert.equal(applyFix(text, f), 'spark.executor.memory 4g\n');
    assert.equal(
      applyFix('SPARK.EXECUTOR.MEMORY 4g\n', only('SPARK.EXECUTOR.MEMORY 4g\n', 'PROPS-NON-SPARK')[0]!),
      'spark.executor.memory 4g\n',
    );
  });
});

describe('PROPS-BOM', () => {
  it('is an error when the BOM swallows the first spark key, and removes it', () => {
    const text = '\ufeffspark.executor.memory 4g\n';
    const [f] = only(text, 'PROPS-BOM');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.span, { start: 0, end: 1 });
    assert.equal(applyFix(text, f), 'spark.executor.memory 4g\n');
    assert.deepEqual(only(text, 'PROPS-NON-SPARK'), []);
    assert.deepEqual(only(text, 'PROPS-NBSP'), []);
  });
  it('is a warning in front of a comment, and absent without BOM', () => {
    assert.equal(only('\ufeff# c\nspark.a 1\n', 'PROPS-BOM')[0]?.severity, 'warning');
    assert.deepEqual(only('spark.a 1\n', 'PROPS-BOM'), []);
  });
});

describe('PROPS-NBSP', () => {
  it('flags a no-break space that glues key and value', () => {
    const text = 'spark.driver.memory\u00a02g\n';
    const [f] = only(text, 'PROPS-NBSP');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.span, { start: 19, end: 20 });
    assert.match(f.message, /U\+00A0 NO-BREAK SPACE/);
    assert.equal(applyFix(text, f), 'spark.driver.memory 2g\n');
  });
  it('flags one inside a value, removes zero-width ones, and ignores comments', () => {
    assert.match(only('spark.executor.memory 4g\u202f\n', 'PROPS-NBSP')[0]!.message, /inside the value/);
    assert.equal(applyFix('spark.a 1\u200b\n', only('spark.a 1\u200b\n', 'PROPS-NBSP')[0]!), 'spark.a 1\n');
    assert.deepEqual(only('# a\u00a0comment\nspark.a 1\n', 'PROPS-NBSP'), []);
  });
});

describe('PROPS-UNKNOWN-KEY', () => {
  it('suggests the closest catalog key for a typo under spark.memory.*', () => {
    const text = 'spark.memory.storageFractoin 0.4\n';
    const [f] = only(text, 'PROPS-UNKNOWN-KEY');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Did you mean spark\.memory\.storageFraction\?/);
    assert.equal(applyFix(text, f), 'spark.memory.storageFraction 0.4\n');
  });
  it('catches case mismatches, informs without a close match, never errors, and ignores other keys', () => {
    assert.match(only('spark.executor.memoryoverhead 1g\n', 'PROPS-UNKNOWN-KEY')[0]!.message, /case-sensitive/);
    const [far] = only('spark.memory.somethingElseEntirely 1\n', 'PROPS-UNKNOWN-KEY');
    assert.equal(far?.severity, 'info');
    assert.deepEqual(only('spark.eventLog.enabled true\nspark.executor.memory 4g\n', 'PROPS-UNKNOWN-KEY'), []);
    assert.equal(only('spark.memory.storageMaxFraction 0.9\n', 'PROPS-UNKNOWN-KEY')[0]?.severity, 'info');
  });
});

describe('PROPS-MALFORMED-ESCAPE', () => {
  it('says Spark loads nothing and escapes the backslash', () => {
    const text = 'spark.executor.memory 4g\nspark.a C:\\users\n';
    const [f] = only(text, 'PROPS-MALFORMED-ESCAPE');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /loads nothing/);
    assert.equal(SPAN_TEXT(text, f).startsWith('\\u'), true);
    assert.equal(applyFix(text, f), 'spark.executor.memory 4g\nspark.a C:\\\\users\n');
    assert.deepEqual(only('spark.a \\u0041\n', 'PROPS-MALFORMED-ESCAPE'), []);
  });
});

describe('PROPS-EMPTY-VALUE', () => {
  it('flags a typed key without a value (error when Spark fails at start-up) and removes the line', () => {
    const text = 'spark.executor.memory\nspark.executor.cores 2\n';
    const [f] = only(text, 'PROPS-EMPTY-VALUE');
    assert.equal(f?.severity, 'error');
    assert.equal(applyFix(text, f), 'spark.executor.cores 2\n');
    assert.equal(only('spark.driver.maxResultSize =\n', 'PROPS-EMPTY-VALUE')[0]?.severity, 'warning');
    assert.deepEqual(only('spark.app.name\n', 'PROPS-EMPTY-VALUE'), [], 'an untyped key may be empty');
  });
});

describe('PROPS-QUOTED-VALUE', () => {
  it('flags quotes around a size and removes them', () => {
    const text = 'spark.executor.memory "4g"\n';
    const [f] = only(text, 'PROPS-QUOTED-VALUE');
    assert.equal(f?.severity, 'error');
    assert.equal(applyFix(text, f), 'spark.executor.memory 4g\n');
    assert.equal(only('spark.memory.fraction \u201c0.5\u201d\n', 'PROPS-QUOTED-VALUE').length, 1);
    assert.deepEqual(only('spark.executor.extraJavaOptions -Dn="one two"\n', 'PROPS-QUOTED-VALUE'), []);
  });
});

describe('PROPS-BACKSLASH', () => {
  it('shows what Properties makes of a Windows path and doubles the backslashes', () => {
    const text = 'spark.local.dir C:\\path\\to\n';
    const [f] = only(text, 'PROPS-BACKSLASH');
    assert.ok(f);
    assert.match(f.message, /C:path\\to/);
    assert.equal(applyFix(text, f), 'spark.local.dir C:\\\\path\\\\to\n');
    assert.equal(applyFix(text, f, /forward/), 'spark.local.dir C:/path/to\n');
  });
  it('leaves doubled backslashes, \\u escapes and line continuations alone', () => {
    assert.deepEqual(only('spark.local.dir C:\\\\path\nspark.a \\u0041\nspark.b x,\\\n  y\n', 'PROPS-BACKSLASH'), []);
  });
});
