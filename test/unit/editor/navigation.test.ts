// Go to definition, references, document links, folding, semantic tokens and the formatter: small
// files with exact spans, and a property test that formatting never changes what Spark reads.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  definitionAt,
  documentLinks,
  foldingRanges,
  formatProperties,
  referencesAt,
  semanticTokens,
} from '../../../src/core/editor';
import { applyTextEdits } from '../../../src/core/edit/textEdit';
import { parseMembers } from '../../../src/core/parse/members';
import { parseProperties } from '../../../src/core/parse/properties';
import { parseSparkApplication } from '../../../src/core/parse/sparkApplication';
import type { Span } from '../../../src/core/text/lineIndex';
import { SPARK_2_4, SPARK_3_5 } from '../../../src/core/version';

const at = (text: string, needle: string, nth = 0): number => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not found`);
  return i;
};
const textOf = (text: string, s: Span): string => text.slice(s.start, s.end);

describe('navigation: definition and references', () => {
  it('a shadowed spark-defaults key goes to the occurrence in effect (the last one)', () => {
    const text = 'spark.executor.memory 2g\nspark.memory.fraction 0.5\nspark.executor.memory 4g\n';
    const doc = parseProperties(text);
    const defs = definitionAt(doc, at(text, 'executor') + 1);
    assert.deepEqual(defs, [{ file: 'self', span: { start: at(text, 'spark.executor', 1), end: at(text, ' 4g') } }]);
    assert.deepEqual(definitionAt(doc, at(text, '2g')), [], 'a value is not a key');
    const refs = referencesAt(doc, at(text, 'spark.executor', 1), true).map((s) => s.start);
    assert.deepEqual(refs, [at(text, 'spark.executor', 1), 0], 'the one in effect first');
    assert.deepEqual(
      referencesAt(doc, 0, false).map((s) => s.start),
      [0],
    );
  });

  it('a server host goes to the first lead line; a repeated option to the last one; -locators to its line', () => {
    const servers = 'node-a -heap-size=4g -heap-size=8g -locators=loc-b:10335,loc-a\n';
    const leads = 'lead-1 -spark.executor.cores=4\nlead-2\n';
    const locators = 'loc-a\nloc-b -peer-discovery-port=10335\nloc-b\n';
    const doc = parseMembers(servers, 'server');
    const sib = { leads: parseMembers(leads, 'lead'), locators: parseMembers(locators, 'locator') };
    assert.deepEqual(definitionAt(doc, 2, sib), [{ file: 'leads', span: { start: 0, end: 6 } }]);
    const first = at(servers, 'heap-size');
    assert.deepEqual(definitionAt(doc, first + 1, sib), [
      { file: 'self', span: { start: at(servers, 'heap-size', 1), end: at(servers, 'heap-size', 1) + 9 } },
    ]);
    const b = definitionAt(doc, at(servers, 'loc-b') + 1, sib);
    assert.deepEqual(b, [{ file: 'locators', span: { start: at(locators, 'loc-b'), end: at(locators, 'loc-b') + 5 } }]);
    const a = definitionAt(doc, at(servers, 'loc-a') + 1, sib);
    assert.deepEqual(a, [{ file: 'locators', span: { start: 0, end: 5 } }]);
    assert.equal(referencesAt(doc, first + 1, true).length, 2);
  });

  it('a sparkConf key overridden by a typed field goes to the typed field', () => {
    const text = [
      'apiVersion: sparkoperator.k8s.io/v1beta2',
      'kind: SparkApplication',
      'spec:',
      '  mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples.jar"',
      '  sparkConf:',
      '    spark.executor.memory: "2g"',
      '  executor:',
      '    memory: 4g',
      '',
    ].join('\n');
    const doc = parseSparkApplication(text);
    const defs = definitionAt(doc, at(text, 'spark.executor.memory') + 2);
    assert.equal(defs.length, 1);
    assert.equal(textOf(text, defs[0]!.span), 'memory');
    assert.equal(defs[0]!.span.start, at(text, 'memory: 4g'));
    const links = documentLinks(doc);
    assert.equal(links.length, 1);
    assert.equal(links[0]!.path, '/opt/spark/examples/jars/spark-examples.jar');
    assert.equal(textOf(text, links[0]!.span), links[0]!.path);
  });

  it('links absolute -dir= paths of member lines, not relative ones', () => {
    const text = 'node-a -dir=/data/server1 -heap-size=4g\nnode-b -dir=work/server2\n';
    const links = documentLinks(parseMembers(text, 'server'));
    assert.deepEqual(
      links.map((l) => [l.path, textOf(text, l.span)]),
      [['/data/server1', '/data/server1']],
    );
  });
});

describe('folding ranges', () => {
  it('folds comment blocks, runs of one group and continued lines', () => {
    const text = [
      '# Memory', // 0
      '# settings', // 1
      'spark.memory.fraction 0.6', // 2
      'spark.memory.storageFraction 0.5', // 3
      'spark.executor.memory 4g', // 4
      'spark.executor.extraJavaOptions -XX:+UseG1GC \\', // 5
      '   -verbose:gc', // 6
      '',
    ].join('\n');
    assert.deepEqual(foldingRanges(parseProperties(text)), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 3, kind: 'region' },
      { startLine: 4, endLine: 6, kind: 'region' },
      { startLine: 5, endLine: 6 },
    ]);
  });

  it('folds a member line continued with a backslash', () => {
    const text = 'node-a -heap-size=4g \\\n  -critical-heap-percentage=95\nnode-b\n';
    assert.deepEqual(foldingRanges(parseMembers(text, 'server')), [{ startLine: 0, endLine: 1 }]);
  });
});

describe('semantic tokens', () => {
  it('marks catalog keys, deprecated keys and the number and unit of sizes', () => {
    const text = 'spark.executor.memory 4g\nspark.storage.memoryFraction 0.6\nspark.custom.key 7\n';
    const tokens = semanticTokens(parseProperties(text), SPARK_3_5).map((t) => [
      textOf(text, t.span),
      t.type,
      t.modifiers.join(','),
    ]);
    assert.deepEqual(tokens, [
      ['spark.executor.memory', 'property', 'defaultLibrary'],
      ['4', 'number', ''],
      ['g', 'sizeUnit', ''],
      ['spark.storage.memoryFraction', 'property', 'defaultLibrary,deprecated'],
      ['0.6', 'number', ''],
      ['spark.custom.key', 'property', ''],
    ]);
    const legacy = semanticTokens(parseProperties('spark.storage.memoryFraction 0.6\n'), SPARK_2_4);
    assert.deepEqual(legacy[0]!.modifiers, ['defaultLibrary'], '2.4 still reads the legacy key');
  });

  it('marks keys Spark registers but the hand catalog does not describe, with their sizes', () => {
    // spark.shuffle.file.buffer is a bytes entry in KiB, spark.task.maxFailures an int:
    // both are in the registry generated from the jars, neither in the hand-written catalog.
    const text = 'spark.shuffle.file.buffer 64k\nspark.task.maxFailures 4\nspark.exectuor.memory 4g\n';
    const tokens = semanticTokens(parseProperties(text), SPARK_3_5).map((t) => [
      textOf(text, t.span),
      t.type,
      t.modifiers.join(','),
    ]);
    assert.deepEqual(tokens, [
      ['spark.shuffle.file.buffer', 'property', 'defaultLibrary'],
      ['64', 'number', ''],
      ['k', 'sizeUnit', ''],
      ['spark.task.maxFailures', 'property', 'defaultLibrary'],
      ['4', 'number', ''],
      ['spark.exectuor.memory', 'property', ''],
    ]);
  });

  it('marks member hosts and options', () => {
    const text = 'node-a -heap-size=8g -critical-heap-percentage=95\n';
    const tokens = semanticTokens(parseMembers(text, 'server'), SPARK_3_5).map((t) => [textOf(text, t.span), t.type]);
    assert.deepEqual(tokens, [
      ['node-a', 'namespace'],
      ['heap-size', 'property'],
      ['8', 'number'],
      ['g', 'sizeUnit'],
      ['critical-heap-percentage', 'property'],
      ['95', 'number'],
    ]);
  });
});

describe('formatter', () => {
  it('aligns values one blank past the longest key and keeps separators', () => {
    const text = 'spark.executor.memory\t4g\nspark.memory.fraction=0.6\n# spark.x 1\nspark.a:b\n';
    const out = applyTextEdits(text, formatProperties(parseProperties(text)));
    assert.equal(
      out,
      'spark.executor.memory 4g\nspark.memory.fraction = 0.6\n# spark.x 1\nspark.a               : b\n',
    );
    assert.deepEqual(formatProperties(parseProperties(out)), [], 'formatting is idempotent');
  });

  it('formats only the keys inside a range', () => {
    const text = 'spark.a 1\nspark.bbbb  2\nspark.cc     3\n';
    const from = at(text, 'spark.bbbb');
    const edits = formatProperties(parseProperties(text), { start: from, end: text.length });
    assert.equal(applyTextEdits(text, edits), 'spark.a 1\nspark.bbbb 2\nspark.cc   3\n');
  });

  it('leaves continued keys, escaped gaps and empty values alone', () => {
    const text = 'spark.ke\\\n  y 1\nspark.b\\ c  2\nspark.empty\nspark.d \\\n  4\n';
    const edits = formatProperties(parseProperties(text));
    const out = applyTextEdits(text, edits);
    const keys = (t: string): Array<[string, string]> => parseProperties(t).entries.map((e) => [e.key, e.value]);
    assert.deepEqual(keys(out), keys(text));
  });

  it('never changes a key or value Properties.load reads (random files)', () => {
    const piece = fc.constantFrom(
      'spark.a',
      'spark.executor.memory',
      'x',
      ' ',
      '\t',
      '\f',
      '=',
      ':',
      '\\',
      '\\\n',
      '\n',
      '\r\n',
      '\r',
      '#',
      '!',
      '4g',
      '\\u0041',
      '\u00a0',
      '\u0001',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (parts, ranged) => {
        const text = parts.join('');
        const doc = parseProperties(text);
        const range = ranged ? { start: Math.floor(text.length / 3), end: text.length } : undefined;
        const out = applyTextEdits(text, formatProperties(doc, range));
        const read = (t: string): Array<[string, string, string]> =>
          parseProperties(t).entries.map((e) => [e.key, e.rawValue, e.value]);
        assert.deepEqual(read(out), read(text));
        assert.equal(parseProperties(out).loadError?.message, doc.loadError?.message);
      }),
      { numRuns: 3000 },
    );
  });
});
