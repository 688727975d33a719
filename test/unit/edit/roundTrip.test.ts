// Edits checked by reading the result back with the product's own readers: Apply (settingEdits),
// Fix all and suppression comments on files with every trap (CRLF, CR, BOM, no final newline,
// continuation lines, comments, block scalars, aliases, several documents, duplicate keys). Every
// changed key has its new value, every other key keeps its value, and nothing else in the text moves.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseDocument } from '../../../src/core/analyze';
import type { DocumentType } from '../../../src/core/document/kind';
import { applyTextEdits, joinTouchingEdits, settingEdits } from '../../../src/core/edit';
import { DISABLE_NEXT_LINE, disableNextLineEdit, fileDisableEdit, fixAllEdits } from '../../../src/core/editor';
import { snappyMemberLayout } from '../../../src/core/layout/snappyLayout';
import { parseMembers } from '../../../src/core/parse/members';
import { parseProperties } from '../../../src/core/parse/properties';
import { parseSparkApplication } from '../../../src/core/parse/sparkApplication';
import { RULES, lintDocument } from '../../../src/core/rules';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { SPARK_3_5 } from '../../../src/core/version';

const SPARK: DocumentType = { kind: 'spark-defaults' };
const APP: DocumentType = { kind: 'spark-application' };
const HEAD = 'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n';

function apply(type: DocumentType, text: string, key: string, value: string): string {
  const r = settingEdits(type, text, [{ key, value }]);
  if (!r.ok) assert.fail(r.message);
  return applyTextEdits(text, r.edits);
}

const effective = (text: string): Map<string, string> =>
  new Map([...parseProperties(text).effective].map(([k, e]) => [k, e.value]));

const appConf = (text: string): Map<string, string> =>
  new Map(parseSparkApplication(text).conf.map((c) => [c.key, c.value]));

function findings(type: DocumentType, text: string) {
  return lintDocument(parseDocument(type, text), RULES, { version: SPARK_3_5 });
}

describe('edits read back with the product readers', () => {
  it('a YAML block scalar keeps its line break (and a comment on its header)', () => {
    for (const header of ['|', '>', '|-', '| # note']) {
      const text = `${HEAD}spec:\n  executor:\n    memory: ${header}\n      512m\n    cores: 2\n`;
      const out = apply(APP, text, 'spark.executor.memory', '1g');
      const conf = appConf(out);
      assert.equal(conf.get('spark.executor.memory'), '1g', out);
      assert.equal(conf.get('spark.executor.cores'), '2', out);
      if (header.includes('#')) assert.match(out, /memory: "1g" # note\n/);
    }
  });

  it('a setting added after a last line ending in a backslash stays its own setting', () => {
    for (const text of ['spark.a.b 1 \\', 'spark.executor.cores 1 \\', 'spark.a.b 1 \\\n', 'spark.a.b 1 \\\r\n']) {
      const before = effective(text);
      const out = apply(SPARK, text, 'spark.executor.memory', '1g');
      const after = effective(out);
      assert.equal(after.get('spark.executor.memory'), '1g', JSON.stringify(out));
      for (const [k, v] of before) assert.equal(after.get(k), v, JSON.stringify(out));
    }
  });

  it('a CR-only file gets CR line breaks', () => {
    const out = apply(SPARK, 'spark.executor.memory 1g\rspark.x.y 2\r', 'spark.driver.memory', '2g');
    assert.equal(out, 'spark.executor.memory 1g\rspark.x.y 2\rspark.driver.memory 2g\r');
  });

  it('sparkConf: ~ with a comment keeps the comment on its line', () => {
    const out = apply(APP, `${HEAD}spec:\n  sparkConf: ~ # note\n  type: Scala\n`, 'spark.executor.cores', '3');
    assert.match(out, /sparkConf: # note\n {4}spark\.executor\.cores: "3"\n {2}type: Scala\n/);
    assert.equal(appConf(out).get('spark.executor.cores'), '3');
  });

  it('Fix all never renames a misspelt key onto a key set elsewhere in the file', () => {
    const text = 'spark.memory.fraction 0.6\nspark.memory.fractoin 0.9\n';
    const all = fixAllEdits(findings(SPARK, text));
    const out = applyTextEdits(text, all.edits);
    assert.equal(effective(out).get('spark.memory.fraction'), '0.6', out);
    // Two misspellings of one unset key: only the first is renamed.
    const two = 'spark.memory.fractoin 0.9\nspark.memory.fracton 0.7\n';
    const out2 = applyTextEdits(two, fixAllEdits(findings(SPARK, two)).edits);
    assert.equal(effective(out2).get('spark.memory.fraction'), '0.9', out2);
  });

  it('lints every SparkApplication of a multi-document file', () => {
    const doc = (mem: string) => `${HEAD}spec:\n  executor:\n    memory: "${mem}"\n`;
    const text = `${doc('512Mi')}---\n${doc('256Mi')}`;
    const found = findings(APP, text).filter((f) => f.code === 'SIZE-K8S-QUANTITY');
    assert.deepEqual(
      found.map((f) => text.slice(f.span.start, f.span.end)),
      ['"512Mi"', '"256Mi"'],
    );
  });

  it('reads typed fields through an alias, and Apply writes where the value takes effect', () => {
    const text = `${HEAD}spec:\n  sparkConf:\n    spark.executor.memory: "2g"\n  res: &res\n    memory: 512m\n  executor: *res\n`;
    assert.equal(appConf(text).get('spark.executor.memory'), '512m');
    const out = apply(APP, text, 'spark.executor.memory', '1g');
    assert.equal(appConf(out).get('spark.executor.memory'), '1g', out);
    assert.match(out, /spark\.executor\.memory: "2g"/);
    // An anchor two fields share is not written through one of them.
    const shared = `${text}  driver: *res\n`;
    const r = settingEdits(APP, shared, [{ key: 'spark.executor.memory', value: '1g' }]);
    assert.equal(r.ok, false);
  });

  it('a quick fix over a YAML block scalar keeps its line break, the next key and the header comment', () => {
    // Found by the generated YAML round trip: the fix wrote "2g" over `|-` up to the next key's indent.
    for (const header of ['|-', '>', '| # note']) {
      const text = `${HEAD}spec:\n  sparkConf:\n    spark.executor.memory: ${header}\n      2Gi\n    spark.memory.fraction: "0.5"\n`;
      const f = findings(APP, text).find((x) => x.code === 'SIZE-K8S-QUANTITY');
      const fix = f?.fixes?.find((x) => x.isPreferred === true);
      assert.ok(fix !== undefined, text);
      const out = applyTextEdits(text, fix.edits);
      assert.equal(appConf(out).get('spark.executor.memory'), '2g', out);
      assert.equal(appConf(out).get('spark.memory.fraction'), '0.5', out);
      if (header.includes('#')) assert.match(out, /memory: "2g" # note\n/);
    }
  });

  it('removing a setting written as a block scalar removes its lines only', () => {
    // Found by the generated YAML round trip: the block scalar's range held the next key's line start.
    const text = `${HEAD}spec:\n  sparkConf:\n    spark.yarn.executor.memoryOverhead: |-\n      512\n    spark.executor.memoryOverhead: >\n      384m\n`;
    const f = findings(APP, text).find((x) => x.code === 'DEPRECATED-ALT');
    const fix = f?.fixes?.find((x) => x.isPreferred === true);
    assert.ok(fix !== undefined, JSON.stringify(f));
    const out = applyTextEdits(text, fix.edits);
    assert.equal(out, `${HEAD}spec:\n  sparkConf:\n    spark.executor.memoryOverhead: >\n      384m\n`);
  });

  it('an insertion at the start of a removed line lands before it, as VS Code applies them', () => {
    // Found by the generated YAML round trip: Fix all added a line where another fix removed one,
    // and the removal took the added line and left the removed one's tail.
    const text = 'a: 1\nb: 2\nc: 3\n';
    const out = applyTextEdits(text, [
      { span: { start: 5, end: 5 }, newText: 'x: 0\n' },
      { span: { start: 5, end: 10 }, newText: '' },
    ]);
    assert.equal(out, 'a: 1\nx: 0\nc: 3\n');
  });

  it('Fix all of 80,000 duplicate lines joins into one edit that leaves the line in effect', () => {
    const text = 'spark.executor.memory 1g\n'.repeat(80_000);
    const all = fixAllEdits(findings(SPARK, text));
    assert.equal(all.edits.length, 79_999);
    const joined = joinTouchingEdits(all.edits);
    assert.deepEqual(joined, [{ span: { start: 0, end: 79_999 * 25 }, newText: '' }]);
    assert.equal(applyTextEdits(text, joined), 'spark.executor.memory 1g\n');
    // An insertion where a replacement starts stays before the replacement's text.
    const mixed = [
      { span: { start: 5, end: 10 }, newText: 'B' },
      { span: { start: 5, end: 5 }, newText: 'A' },
      { span: { start: 10, end: 12 }, newText: 'C' },
      { span: { start: 14, end: 15 }, newText: 'D' },
    ];
    const t = '0123456789abcdefgh';
    assert.equal(applyTextEdits(t, joinTouchingEdits(mixed)), applyTextEdits(t, mixed));
    assert.equal(joinTouchingEdits(mixed).length, 2);
  });

  // ---- member files: found by the generated member-file round trip (roundTripMembers) ----

  const SERVERS: DocumentType = { kind: 'snappy-members', role: 'server' };
  const heapOf = (text: string) => snappyMemberLayout(parseMembers(text, 'server'), 0).heapBytes;

  it('Apply of -heap-size edits the first of several -heap-size, the one the launcher uses', () => {
    const out = apply(SERVERS, 'node-a -heap-size=4g -heap-size=2g\n', '-heap-size', '6g');
    assert.equal(out, 'node-a -heap-size=6g -heap-size=2g\n');
    assert.equal(heapOf(out), 6 * 1024 ** 3);
  });

  it("Apply refuses to write where bash would keep a CRLF line's \\r in the new value", () => {
    for (const [text, key] of [
      ['node-a -heap-size=4g\r\n', '-heap-size'],
      ['node-a -dir=/d\r\n', '-critical-heap-percentage'],
      ['# servers\r\n', '-heap-size'],
      ['# servers\rnode-a', '-critical-heap-percentage'],
    ] as const) {
      const r = settingEdits(SERVERS, text, [{ key, value: '90' }]);
      assert.equal(r.ok, false, text);
      assert.match(r.ok ? '' : r.message, /carriage return|line breaks/);
    }
    // A value that is not last on the line is written as usual.
    const out = apply(SERVERS, 'node-a -heap-size=4g -dir=/d\r\n', '-heap-size', '6g');
    assert.equal(out, 'node-a -heap-size=6g -dir=/d\r\n');
  });

  it("a fix of a CRLF member line's last argument keeps the \\r as the line end", () => {
    for (const [text, code] of [
      ['node-a -J-Xmx4gb\r\nnode-b\r\n', 'SNAPPY-HEAP-SYNTAX'],
      ['node-a -heap-size=4g -heap-size=4g\r\n', 'SNAPPY-HEAP-XMX-MIX'],
    ] as const) {
      const f = findings(SERVERS, text).find((x) => x.code === code && x.fixes !== undefined);
      const fix = f?.fixes?.[0];
      assert.ok(fix !== undefined, `${code} in ${JSON.stringify(text)}`);
      const out = applyTextEdits(text, fix.edits);
      assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
    }
  });

  it('a comment line added to a CR-only member file ends with the \\n bash reads as a line end', () => {
    const text = 'node-b\rnode-a -heap-size=4g # note\r';
    const f = findings(SERVERS, text).find((x) => x.code === 'SNAPPY-INLINE-COMMENT');
    const out = applyTextEdits(text, f?.fixes?.[0]?.edits ?? []);
    assert.equal(out, '# note\nnode-b\rnode-a -heap-size=4g\r');
    assert.equal(parseMembers(out, 'server').members.length, 1);
    // A suppression comment: above a bash line only, ended by \n; else for the file, also ended by \n.
    const lines = new LineIndex(text);
    assert.equal(disableNextLineEdit(text, lines, text.indexOf('node-a'), 'X', 'snappy-members'), undefined);
    assert.deepEqual(disableNextLineEdit(text, lines, 0, 'X', 'snappy-members')?.newText, `# ${DISABLE_NEXT_LINE} X\n`);
    assert.equal(fileDisableEdit(text, lines, 'X', 'snappy-members').newText, '# spark-memory-disable X\n');
  });

  it('a suppression comment never goes between a byte-order mark and the first key or host', () => {
    // Properties.load and bash read the mark as part of the first key or word: `\ufeff#` is no comment.
    const props = '\ufeffspark.executor.memory 4gb\r\nspark.x.y 1\r\n';
    const lines = new LineIndex(props);
    assert.equal(disableNextLineEdit(props, lines, 1, 'X', 'spark-defaults'), undefined);
    const out = applyTextEdits(props, [fileDisableEdit(props, lines, 'X', 'spark-defaults')]);
    assert.equal(out, '\ufeffspark.executor.memory 4gb\r\n# spark-memory-disable X\r\nspark.x.y 1\r\n');
    assert.deepEqual(effective(out), effective(props));
    // A member file: below the first logical line (a `\` continues it).
    const members = '\ufeffnode-a -heap-size=4g \\\n  -dir=/d\nnode-b\n';
    const ml = new LineIndex(members);
    assert.equal(disableNextLineEdit(members, ml, 1, 'X', 'snappy-members'), undefined);
    const m = applyTextEdits(members, [fileDisableEdit(members, ml, 'X', 'snappy-members')]);
    assert.equal(m, '\ufeffnode-a -heap-size=4g \\\n  -dir=/d\n# spark-memory-disable X\nnode-b\n');
    // YAML drops the mark: the comment goes right after it.
    const yaml = `\ufeff${HEAD}`;
    assert.deepEqual(disableNextLineEdit(yaml, new LineIndex(yaml), 1, 'X', 'spark-application')?.span, {
      start: 1,
      end: 1,
    });
  });

  // ---- the property: every kind of edit on generated spark-defaults.conf files with every trap ----

  const KEYS = ['spark.executor.memory', 'spark.memory.fraction', 'spark.executor.cores', 'spark.driver.memory'];
  const line = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...KEYS),
        fc.constantFrom(' ', '=', ' = ', ':', '\t'),
        fc.stringMatching(/^[0-9a-z.]{1,6}$/),
      )
      .map(([k, s, v]) => `${k}${s}${v}`),
    fc.constantFrom('# a comment', '! another', '', '   ', 'spark.a.b 1 \\', '  continued', 'spark.x.y v # note'),
  );
  const file = fc
    .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
    .map(
      ([lines, eol, finalEol, bom]) =>
        (bom ? '\ufeff' : '') + lines.join(eol) + (finalEol && lines.length > 0 ? eol : ''),
    );

  /** Lines of the text that are not the edited ones must come through unchanged, in order. */
  function keepsOtherLines(before: string, after: string): void {
    const split = (t: string) => t.split(/\r\n|\r|\n/);
    const a = split(before);
    const b = split(after);
    let j = 0;
    for (const l of a) {
      const at = b.indexOf(l, j);
      if (at >= 0) j = at + 1;
      // Only an edited setting line (or the continuation it ends in) may change.
      else if (!/^(spark\.|\s+continued)/.test(l))
        assert.fail(`line ${JSON.stringify(l)} lost: ${JSON.stringify(after)}`);
    }
  }

  it('Apply, Fix all and suppression comments keep every other key, comment and line break', () => {
    fc.assert(
      fc.property(
        file,
        fc.constantFrom(...KEYS, 'spark.memory.storageFraction'),
        fc.stringMatching(/^[0-9a-z]{1,5}$/),
        (text, key, value) => {
          const before = effective(text);
          // Apply
          const out = apply(SPARK, text, key, value);
          const after = effective(out);
          assert.equal(after.get(key), value, JSON.stringify(out));
          for (const [k, v] of before) if (k !== key) assert.equal(after.get(k), v, `${k} in ${JSON.stringify(out)}`);
          assert.equal(out.startsWith('\ufeff'), text.startsWith('\ufeff'));
          if (/\r(?!\n)/.test(text) && !/\n/.test(text)) assert.ok(!/\n/.test(out), JSON.stringify(out));
          keepsOtherLines(text, out);
          // Fix all: the result parses, and a key that was set keeps a value.
          const fixed = applyTextEdits(text, fixAllEdits(findings(SPARK, text)).edits);
          const afterFix = effective(fixed);
          for (const k of before.keys())
            assert.ok(afterFix.has(k) || !KEYS.includes(k), `${k} lost by Fix all: ${JSON.stringify(fixed)}`);
          // A suppression comment above each finding's line changes no setting.
          const lines = new LineIndex(text);
          for (const f of findings(SPARK, text).slice(0, 3)) {
            const e = disableNextLineEdit(text, lines, f.span.start, f.code, 'spark-defaults');
            if (e === undefined) continue;
            const silenced = applyTextEdits(text, [e]);
            assert.deepEqual(effective(silenced), before, JSON.stringify(silenced));
            assert.ok(silenced.includes(DISABLE_NEXT_LINE));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
