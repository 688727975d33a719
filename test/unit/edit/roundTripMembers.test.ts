// Generated SnappyData conf/servers, leads and locators files with every trap (CRLF, CR, BOM, no
// final newline, continuation lines ending in `\`, quoted values, -J-Xmx and -heap-size forms,
// comment lines and comments after the arguments, blank lines), edited the ways the product edits
// them (Apply of the what-if settings, each quick fix, Fix all, suppression comments) and read back
// with the product's own reader (parseMembers, and the layout's heap for -heap-size).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { DocumentType, MemberRole } from '../../../src/core/document/kind';
import { applyTextEdits, joinTouchingEdits, settingEdits, type TextEdit } from '../../../src/core/edit';
import { disableNextLineEdit, fileDisableEdit, fixAllEdits } from '../../../src/core/editor';
import { snappyMemberLayout } from '../../../src/core/layout/snappyLayout';
import { parseMembers, type MembersDocument } from '../../../src/core/parse/members';
import type { Finding } from '../../../src/core/rules';
import { LineIndex } from '../../../src/core/text/lineIndex';
import {
  eolArb,
  findings,
  joinFile,
  keepsEncoding,
  keepsNotes,
  keepsUntouchedLines,
  notes,
  touches,
  touchesBom,
} from './roundTripCheck';

// ---- the generator -------------------------------------------------------------------------------

let noteCounter = 0;

/** Arguments of a member line, in the forms people write (config-formats.md B; the SnappyData docs' examples). */
const ARGS = [
  '-heap-size=4g',
  '-heap-size=2048m',
  '-J-Xmx4g',
  '-J-Xms4g',
  '-J-Xmx8192m',
  '-J-Xms2g',
  '-memory-size=2g',
  '-critical-heap-percentage=90',
  '-critical-heap-percentage=95%',
  '-eviction-heap-percentage=80',
  '-spark.executor.cores=4',
  '-dir=/data/server1',
  '-dir="/data/my server"',
  "-J-Dsnappydata.name='a b'",
  '-locators=node-b:10334',
  '-J-XX:+UseG1GC',
  '-classpath=/opt/lib/a.jar',
  '-Dgemfire.log-level=fine',
  'heap-size=1g',
  '-J-Xmx4gb',
  '-critical-heap-percentage=90.5',
  '-spark.memory.fraction=0.9',
];

/** One member line: a host and arguments, maybe split over physical lines with `\`, maybe a comment after them. */
const memberLine = fc
  .tuple(
    fc.constantFrom('localhost', 'node-a', '10.0.0.7', '  node-b'),
    fc.array(fc.constantFrom(...ARGS), { maxLength: 6 }),
    fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([host, args, breaks, note]) => {
    const lines: string[] = [];
    let line: string = host;
    args.forEach((a, i) => {
      // A continuation: the line ends in ` \`, the next physical line goes on with the arguments.
      if (breaks[i] === true && i > 0) {
        lines.push(line);
        line = `  ${a}`;
      } else line += ` ${a}`;
    });
    if (note) line += ` # note-${++noteCounter}`;
    lines.push(line);
    return lines.join(' \\\n');
  });

const otherLine = fc.oneof(
  fc.constant(null).map(() => `# note-${++noteCounter}`),
  fc.constant(null).map(() => `  # note-${++noteCounter} indented`),
  fc.constantFrom('', '   '),
);

const membersFile = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: memberLine }, { weight: 2, arbitrary: otherLine }), { maxLength: 7 }),
    eolArb,
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom<MemberRole>('server', 'lead', 'locator'),
  )
  .map(([lines, eol, finalEol, bom, role]) => ({
    // A continuation's `\` joins physical lines with the file's own line break.
    text: joinFile(
      lines.map((l) => l.replace(/\n/g, eol)),
      eol,
      finalEol,
      bom,
    ),
    role,
  }));

// ---- the reader's view ---------------------------------------------------------------------------

/** What each member line gives the launcher: host, options (last wins), other arguments, and the heap the layout derives. */
function settingsOf(doc: MembersDocument): Array<Map<string, string>> {
  return doc.members.map((m, i) => {
    const s = new Map<string, string>([['host', m.host]]);
    for (const [k, a] of m.options) s.set(`-${k}`, a.value ?? '');
    const jvm = m.args.filter((a) => a.kind !== 'option' && !/^-J-Xm[xs]|^-heap-size=/.test(a.text));
    s.set('args', jvm.map((a) => a.text).join(' '));
    const l = snappyMemberLayout(doc, i);
    s.set('heap', String(l.heapBytes ?? l.startupErrors[0]?.message ?? ''));
    return s;
  });
}

/** The heap the layout derives from `-heap-size=value` on its own. */
function heapOf(value: string, role: MemberRole): string {
  const doc = parseMembers(`localhost -heap-size=${value}\n`, role);
  return String(snappyMemberLayout(doc, 0).heapBytes);
}

/** The source spans each member setting comes from (every argument it is read from, and the host). */
function spansOf(doc: MembersDocument): Array<Map<string, Array<{ start: number; end: number }>>> {
  return doc.members.map((m) => {
    const s = new Map<string, Array<{ start: number; end: number }>>([['host', [m.hostSpan]]]);
    const add = (k: string, span: { start: number; end: number }) => s.set(k, [...(s.get(k) ?? []), span]);
    for (const a of m.args) {
      if (a.kind === 'option') add(`-${a.key ?? ''}`, a.span);
      else if (/^-J-Xm[xs]|^-heap-size=/.test(a.text)) add('heap', a.span);
      else add('args', a.span);
    }
    return s;
  });
}

/** How many arguments of each member write each option (the heap counts -heap-size and -J-Xmx). */
function writersOf(doc: MembersDocument): Array<Map<string, number>> {
  return doc.members.map((m) => {
    const s = new Map<string, number>();
    for (const a of m.args) {
      const k = a.kind === 'option' ? `-${a.key ?? ''}` : /^-J-Xmx|^-heap-size=/.test(a.text) ? 'heap' : undefined;
      if (k !== undefined) s.set(k, (s.get(k) ?? 0) + 1);
    }
    return s;
  });
}

/** Every setting of every member whose source no edit touches keeps its value. */
function keepsUntouchedSettings(
  before: MembersDocument,
  after: MembersDocument,
  edits: readonly TextEdit[],
  what: string,
): void {
  const was = settingsOf(before);
  const now = settingsOf(after);
  const spans = spansOf(before);
  if (now.length !== was.length) {
    // Only a fix of a host, or removing a `\r` (SNAPPY-CRLF: a CRLF blank line's "host", or a `\` that
    // escaped the `\r` and now continues the line), can add or drop a member line.
    const hostTouched = before.members.some((m) => edits.some((e) => touches(e, m.hostSpan)));
    const crRemoved = edits.some((e) => before.text.slice(e.span.start, e.span.end) === '\r' && e.newText === '');
    assert.ok(hostTouched || crRemoved, `${what}: member lines of ${JSON.stringify(after.text)}`);
    return;
  }
  was.forEach((settings, i) => {
    for (const [k, v] of settings) {
      if ((spans[i]!.get(k) ?? []).some((s) => edits.some((e) => touches(e, s)))) continue;
      // The layout's heap also hangs on the options an edit changed: only compare it when no argument was touched.
      if (k === 'heap' && [...spans[i]!.values()].flat().some((s) => edits.some((e) => touches(e, s)))) continue;
      assert.equal(now[i]!.get(k), v, `${what}: ${k} of member ${i + 1} in ${JSON.stringify(after.text)}`);
    }
  });
}

// ---- the property --------------------------------------------------------------------------------

/** What Apply may refuse in these files: a member line the launcher rejects, a TAB after the host, an addition to a CRLF line. */
const FAIR_REFUSAL =
  /^Member line [0-9]+ \([^]*\) does not start \(|has a TAB after the host|ends with a carriage return \(a Windows line break\)|^The file has (CR-only|Windows \(CRLF\)) line breaks/;

const APPLY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['-heap-size', ['6g', '3072m', '12g']],
  ['-critical-heap-percentage', ['92', '85.5']],
  ['-eviction-heap-percentage', ['75', '81']],
];

function checkApply(
  type: DocumentType,
  text: string,
  key: string,
  value: string,
  member: number,
  stats: { applied: number; refused: number },
): void {
  const what = `Apply ${key}=${value} on member ${member}`;
  const role = type.role ?? 'server';
  const r = settingEdits(type, text, [{ key, value }], { member });
  if (!r.ok) {
    assert.match(r.message, FAIR_REFUSAL, `${what}: ${r.message} for ${JSON.stringify(text)}`);
    stats.refused++;
    return;
  }
  stats.applied++;
  const out = applyTextEdits(text, r.edits);
  const before = parseMembers(text, role);
  const after = parseMembers(out, role);
  const was = settingsOf(before);
  const now = settingsOf(after);
  const i = member - 1;
  // A file without member lines gets the localhost line the scripts would have started.
  assert.equal(now.length, Math.max(was.length, 1), `${what}: ${JSON.stringify(out)}`);
  if (key === '-heap-size') assert.equal(now[i]!.get('heap'), heapOf(value, role), `${what}: ${JSON.stringify(out)}`);
  else assert.equal(now[i]!.get(key), value, `${what}: ${JSON.stringify(out)}`);
  was.forEach((settings, j) => {
    for (const [k, v] of settings) {
      if (j === i && (k === key || (key === '-heap-size' && k === 'heap'))) continue;
      // The layout's heap does not hang on the percentages; everything else is compared as read.
      assert.equal(now[j]!.get(k), v, `${what}: ${k} of member ${j + 1} in ${JSON.stringify(out)}`);
    }
  });
  assert.deepEqual(notes(out).sort(), notes(text).sort(), `${what}: comments in ${JSON.stringify(out)}`);
  keepsEncoding(text, out, what);
  keepsUntouchedLines(text, out, r.edits, what);
  const again = settingEdits(type, out, [{ key, value }], { member });
  assert.ok(again.ok, `${what} twice: ${again.ok ? '' : again.message}`);
  assert.equal(applyTextEdits(out, again.edits), out, `${what} twice: ${JSON.stringify(out)}`);
}

/**
 * A fix (or Fix all, or a suppression comment) keeps every member setting it does not touch; a
 * preferred one writes no option twice. `eol`: a line break the edit may bring in (a suppression
 * comment in a CR-only file ends with the `\n` bash needs).
 */
function checkFix(
  role: MemberRole,
  text: string,
  edits: readonly TextEdit[],
  what: string,
  preferred = true,
  eol: readonly string[] = [],
): void {
  const out = applyTextEdits(text, edits);
  const before = parseMembers(text, role);
  const after = parseMembers(out, role);
  keepsUntouchedSettings(before, after, edits, what);
  keepsNotes(text, out, edits, what);
  // A line added to a CR-only file ends with the `\n` bash needs (next to a `\r`, that reads as CRLF).
  const bashBreak = !text.includes('\n') && edits.some((e) => e.newText.includes('\n'));
  keepsEncoding(text, out, what, bashBreak ? [...eol, '\n', '\r\n'] : eol);
  keepsUntouchedLines(text, out, edits, what);
  // Removing a `\r` (SNAPPY-CRLF) may join a line a `\` now continues: the lines are then new ones.
  if (!preferred || edits.some((e) => text.slice(e.span.start, e.span.end) === '\r' && e.newText === '')) return;
  // Fix all (and any preferred fix) never writes an option or the heap a member line already sets.
  const was = writersOf(before);
  writersOf(after).forEach((m, i) => {
    for (const [k, n] of m)
      if (was[i]!.has(k)) assert.ok(n <= was[i]!.get(k)!, `${what}: ${k} written again in ${JSON.stringify(out)}`);
  });
}

/** SNAPPY-CRLF's fix turns CRLF line ends into the LF bash needs: the one fix that brings in a new line break. */
const crlfFix = (fixed: readonly Finding[]): string[] => (fixed.some((f) => f.code === 'SNAPPY-CRLF') ? ['\n'] : []);

describe('edits of generated SnappyData member files read back with the product reader', () => {
  it('Apply, each quick fix, Fix all and suppression comments keep every other setting, comment and line', function () {
    // About 2 s on a quiet machine; several times that when the machine is shared.
    this.timeout(180_000);
    const stats = { applied: 0, refused: 0, fixes: 0, fixAll: 0, suppressed: 0 };
    fc.assert(
      fc.property(membersFile, fc.constantFrom(...APPLY), fc.nat(), fc.nat(), ({ text, role }, [key, values], i, m) => {
        const type: DocumentType = { kind: 'snappy-members', role };
        const members = parseMembers(text, role).members.length;
        checkApply(type, text, key, values[i % values.length]!, members === 0 ? 1 : 1 + (m % members), stats);
        const found = findings(type, text);
        for (const f of found.slice(0, 3))
          for (const fix of f.fixes ?? []) {
            if (touchesBom(text, fix.edits)) continue;
            checkFix(role, text, fix.edits, `${f.code} "${fix.title}"`, fix.isPreferred === true, crlfFix([f]));
            stats.fixes++;
          }
        const all = fixAllEdits(found, (fix) => !touchesBom(text, fix.edits));
        if (all.edits.length > 0) stats.fixAll++;
        // Joined into fewer edits (as the editor gets them), Fix all writes the same text.
        assert.equal(applyTextEdits(text, joinTouchingEdits(all.edits)), applyTextEdits(text, all.edits));
        checkFix(role, text, all.edits, 'Fix all', true, crlfFix(all.fixed));
        const lines = new LineIndex(text);
        for (const f of found.slice(0, 2)) {
          // As the editor offers it: above the line, or for the whole file where a comment cannot go above it.
          const line = disableNextLineEdit(text, lines, f.span.start, f.code, 'snappy-members');
          const e = line ?? fileDisableEdit(text, lines, f.code, 'snappy-members');
          const silenced = applyTextEdits(text, [e]);
          checkFix(role, text, [e], `disable ${f.code}`);
          assert.deepEqual(
            settingsOf(parseMembers(silenced, role)),
            settingsOf(parseMembers(text, role)),
            `disable ${f.code}: ${JSON.stringify(silenced)}`,
          );
          const shift = e.newText.length;
          const still = findings(type, silenced).some(
            (g) =>
              g.code === f.code &&
              (line === undefined || (g.span.start === f.span.start + shift && g.span.end === f.span.end + shift)),
          );
          assert.ok(!still, `disable ${f.code}: still reported in ${JSON.stringify(silenced)}`);
          stats.suppressed++;
        }
      }),
      { numRuns: 300, seed: 15_2026 },
    );
    assert.ok(stats.applied > 150 && stats.refused > 5, JSON.stringify(stats));
    assert.ok(stats.fixes > 150 && stats.fixAll > 100 && stats.suppressed > 150, JSON.stringify(stats));
  });
});
