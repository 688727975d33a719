// No reader throws on any input, and every range a reader reports lies inside the document:
// random text, binary bytes, very long lines (fast-check).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { layoutOfDocument } from '../../../src/core/analyze';
import { parseMembers } from '../../../src/core/parse/members';
import { parseProperties } from '../../../src/core/parse/properties';
import { parseSparkApplication } from '../../../src/core/parse/sparkApplication';
import { LineIndex, type Span } from '../../../src/core/text/lineIndex';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1 } from '../../../src/core/version';

function inside(span: Span | undefined, text: string, what: string): void {
  if (span === undefined) return;
  assert.ok(
    span.start >= 0 && span.start <= span.end && span.end <= text.length,
    `${what} ${JSON.stringify(span)} outside 0..${text.length}`,
  );
}

// Texts built from the characters each format cares about, plus arbitrary unicode and binary.
const propsAtoms = fc.constantFrom(
  'spark.executor.memory',
  'spark.memory.fraction',
  '4g',
  '=',
  ':',
  ' ',
  '\t',
  '\f',
  '\\',
  '\\u00',
  '\\u0041',
  '#',
  '!',
  '\n',
  '\r\n',
  '\r',
  '\\\n',
  '\u00a0',
  '\ufeff',
  '1.5',
  'x',
);
const memberAtoms = fc.constantFrom(
  'node-a',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\\\n',
  '\\',
  '#',
  '-heap-size=4g',
  '-J-Xmx8g',
  ' = ',
  "'",
  '"',
  '$',
  ';',
  '|',
  '(',
  '*',
  '-spark.memory.fraction=0.9',
  '-critical-heap-percentage=95',
  '-memory-size=1g',
  '\0',
);
const yamlAtoms = fc.constantFrom(
  'apiVersion: sparkoperator.k8s.io/v1beta2\n',
  'kind: SparkApplication\n',
  'spec:\n',
  '  sparkConf:\n',
  '    "spark.executor.memory": "4g"\n',
  '  executor:\n',
  '    memory: 512Mi\n',
  '    cores: 0.5\n',
  '  driver:\n',
  ': ',
  '- ',
  '{',
  '[',
  '"',
  "'",
  '\t',
  '\n',
  '#',
  '&a ',
  '*a',
  '---\n',
);
const soup = (atoms: fc.Arbitrary<string>) => fc.array(atoms, { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b)),
);

describe('readers never throw and keep ranges inside the document', () => {
  it('spark-defaults.conf', () => {
    fc.assert(
      fc.property(fc.oneof(soup(propsAtoms), anyText), (text) => {
        const doc = parseProperties(text);
        const lines = new LineIndex(text);
        for (const e of doc.entries) {
          assert.equal(e.line, lines.positionAt(e.lineSpan.start).line, `line of entry ${e.index}`);
          inside(e.keySpan, text, 'key');
          inside(e.valueSpan, text, 'value');
          inside(e.lineSpan, text, 'line');
          inside(e.separatorSpan, text, 'separator');
        }
        for (const c of doc.comments) inside(c, text, 'comment');
        inside(doc.loadError?.span, text, 'load error');
        for (const v of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) layoutOfDocument(doc, { sparkVersion: v });
      }),
      { numRuns: 400 },
    );
  });
  it('SnappyData member files', () => {
    fc.assert(
      fc.property(fc.oneof(soup(memberAtoms), anyText), fc.constantFrom('server', 'lead', 'locator'), (text, role) => {
        const doc = parseMembers(text, role);
        for (const m of doc.members) {
          inside(m.hostSpan, text, 'host');
          inside(m.lineSpan, text, 'line');
          inside(m.tabInHost, text, 'tab');
          inside(m.carriageReturn, text, 'cr');
          inside(m.shellComment, text, 'comment');
          inside(m.launchError?.span, text, 'launch error');
          for (const a of m.args) {
            inside(a.span, text, 'arg');
            inside(a.keySpan, text, 'arg key');
            inside(a.valueSpan, text, 'arg value');
          }
          for (const h of m.shellHazards) inside(h.span, text, 'hazard');
        }
        const l = layoutOfDocument(doc);
        if (l.kind === 'snappydata')
          for (const m of l.members) for (const e of m.startupErrors) inside(e.span, text, 'error');
      }),
      { numRuns: 400 },
    );
  });
  it('SparkApplication YAML', () => {
    fc.assert(
      fc.property(fc.oneof(soup(yamlAtoms), anyText), (text) => {
        const doc = parseSparkApplication(text);
        for (const e of doc.sparkConf) {
          inside(e.span, text, 'value');
          inside(e.keySpan, text, 'key');
        }
        for (const f of doc.fields.values()) inside(f.span, text, f.path);
        for (const e of doc.yamlErrors) inside(e.span, text, 'yaml error');
        layoutOfDocument(doc);
      }),
      { numRuns: 300 },
    );
  });
  it('survives a 1 MB single line and a 100,000-line file', () => {
    const long = 'spark.executor.memory ' + 'x'.repeat(1 << 20);
    assert.equal(parseProperties(long).entries.length, 1);
    assert.equal(parseMembers('node ' + '-a=b '.repeat(200_000), 'server').members.length, 1);
    const many = Array.from({ length: 100_000 }, (_v, i) => `spark.k${i} ${i}`).join('\n');
    assert.equal(parseProperties(many).entries.length, 100_000);
    assert.equal(
      parseMembers(Array.from({ length: 100_000 }, (_v, i) => `h${i} -heap-size=1g`).join('\n'), 'server').members
        .length,
      100_000,
    );
    const backslashes = '\\\n'.repeat(100_000);
    parseProperties(backslashes);
    parseMembers(backslashes, 'lead');
  });
});
