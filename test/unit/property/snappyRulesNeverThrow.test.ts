// Linting any SnappyData member file never fails a rule (a rule's exception would surface as an
// INTERNAL finding), and every finding span, related location and fix edit stays inside the
// document it names (the leads file for related locations with its URI): random soups of the
// characters that matter to snappy-nodes.sh, the shell and the launcher, plus binary (fast-check).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../../src/core/rules';
import type { Span } from '../../../src/core/text/lineIndex';
import { applyFix, lint } from '../rules/lintHarness';

const atoms = fc.constantFrom(
  'node-a',
  'h1',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\\\n',
  '\\',
  '#',
  '# c',
  '=',
  ' = ',
  "'",
  '"',
  '\u201c',
  '$',
  '$(x)',
  '`',
  ';',
  '&',
  '|',
  '<',
  '>',
  '(',
  ')',
  '*',
  '?',
  '[',
  '-heap-size=4g',
  '-heap-size=1.5g',
  '-heap-size=4096',
  '-heap-size',
  '4g',
  '-J-Xmx8g',
  '-J-Xms2g',
  '-J-Xmx0x80000000',
  '-J-XX:+UseG1GC',
  '-XX:-UseParNewGC',
  '-memory-size=16g',
  '-memory-size=-1',
  '-memory-size=16',
  '-critical-heap-percentage=95%',
  '-critical-heap-percentage=0',
  '-critical-heap-percentage=98',
  '-eviction-heap-percentage=99',
  '-eviction-heap-percentage=9',
  '-critical-off-heap-percentage=90',
  '-spark.memory.fraction=0.5',
  '-spark.memory.fraction=x',
  '-spark.memory.storageFraction=50',
  '-spark.executor.cores=4',
  '-spark.executor.memory=2g',
  '-spark.executor.memory=4096',
  '-dir=/a',
  '-dir=',
  '-heap-szie=8g',
  '--heap-size=8g',
  '-password1',
  '-sync=maybe',
  '-heap-size=200m',
  '-heap-size=40g',
  '-heap-size=30m',
  '\0',
  '\u00a0',
  '\ufeff',
  'é',
);
const soup = fc.array(atoms, { maxLength: 50 }).map((a) => a.join(''));
const binary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b)),
);
const text = fc.oneof(soup, soup, binary);

function inside(span: Span, len: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      span.start >= 0 &&
      span.start <= span.end &&
      span.end <= len,
    `${what} ${JSON.stringify(span)} outside 0..${len}`,
  );
}

function checkFindings(fs: readonly Finding[], doc: string, leads: string | undefined): void {
  for (const f of fs) {
    assert.notEqual(f.code, 'INTERNAL', f.message);
    inside(f.span, doc.length, `${f.code} span`);
    for (const r of f.related ?? []) {
      if (r.uri === undefined) inside(r.span, doc.length, `${f.code} related`);
      else inside(r.span, (leads ?? '').length, `${f.code} related in ${r.uri}`);
    }
    for (const fix of f.fixes ?? []) {
      const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      edits.forEach((e, i) => {
        inside(e.span, doc.length, `${f.code} fix "${fix.title}"`);
        if (i > 0)
          assert.ok(edits[i - 1]!.span.end <= e.span.start, `${f.code} fix "${fix.title}" has overlapping edits`);
      });
      assert.equal(
        typeof applyFix(doc, f, new RegExp(`^${fix.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)),
        'string',
      );
    }
  }
}

describe('SnappyData rules never throw and keep spans and fixes inside the document', () => {
  it('on random member files of every role, with and without a leads file', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('server', 'lead', 'locator'),
        fc.option(text, { nil: undefined }),
        (doc, role, leads) => {
          const c = {
            type: { kind: 'snappy-members' as const, role: role as 'server' },
            ...(leads !== undefined ? { leads } : {}),
          };
          const fs = lint(doc, c);
          checkFindings(fs, doc, leads);
          // Every preferred fix yields a text that still lints cleanly (no rule fails on it).
          for (const f of fs) {
            if (f.fixes === undefined || f.fixes.length === 0) continue;
            const fixed = applyFix(doc, f);
            checkFindings(lint(fixed, c), fixed, leads);
          }
        },
      ),
      { numRuns: Number(process.env['SNAPPY_PROP_RUNS'] ?? 300) },
    );
  });
  it('on long lines and many lines', () => {
    const many = Array.from({ length: 2000 }, (_v, i) => `h${i % 50} -heap-size=${i % 7}g -dir=/d${i % 3} # ${i}`).join(
      '\n',
    );
    checkFindings(lint(many, { type: { kind: 'snappy-members', role: 'server' } }), many, undefined);
    const long = 'h ' + '-a=b '.repeat(20_000) + '-heap-size 4g';
    checkFindings(lint(long, { type: { kind: 'snappy-members', role: 'server' } }), long, undefined);
  });
});
