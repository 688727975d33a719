// Shared checks of the generated round-trip tests (roundTripYaml, roundTripMembers): the edits the
// product makes, applied to a file and read back with the product's own reader.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseDocument } from '../../../src/core/analyze';
import type { DocumentType } from '../../../src/core/document/kind';
import type { TextEdit } from '../../../src/core/edit';
import type { Finding } from '../../../src/core/rules';
import { RULES, lintDocument } from '../../../src/core/rules';
import { SPARK_3_5 } from '../../../src/core/version';

export function findings(type: DocumentType, text: string): readonly Finding[] {
  return lintDocument(parseDocument(type, text), RULES, { version: SPARK_3_5 });
}

/** Line breaks of a generated file: mostly LF, also CRLF and CR-only. */
export const eolArb = fc.oneof(
  { arbitrary: fc.constant('\n'), weight: 5 },
  { arbitrary: fc.constant('\r\n'), weight: 3 },
  { arbitrary: fc.constant('\r'), weight: 1 },
);

/** Lines joined with `eol`, a byte-order mark or not, a final line break or not. */
export function joinFile(lines: readonly string[], eol: string, finalEol: boolean, bom: boolean): string {
  return (bom ? '\ufeff' : '') + lines.join(eol) + (finalEol && lines.length > 0 ? eol : '');
}

/** The `# note-N` comments of a text (each generated comment has its own N). */
export function notes(text: string): string[] {
  return text.match(/# note-[0-9]+/g) ?? [];
}

/** The kinds of line break a text uses. */
export function eolKinds(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\r\n|\r|\n/g)) out.add(m[0]);
  return out;
}

/** A text edited by the product keeps its byte-order mark and brings in no new kind of line break (but `allowed`). */
export function keepsEncoding(before: string, after: string, what: string, allowed: readonly string[] = []): void {
  assert.equal(after.startsWith('\ufeff'), before.startsWith('\ufeff'), `${what}: BOM ${JSON.stringify(after)}`);
  const had = eolKinds(before);
  for (const a of allowed) had.add(a);
  if (had.size > 0)
    for (const k of eolKinds(after))
      assert.ok(had.has(k), `${what}: a ${JSON.stringify(k)} line break in ${JSON.stringify(after)}`);
}

/**
 * Whether an edit changes the line [start, end): a replacement that overlaps it or a line break beside it,
 * an insertion inside it, or one at its edge that does not start or end a line of its own.
 */
function touchesLine(e: TextEdit, start: number, end: number): boolean {
  if (e.span.start !== e.span.end) return e.span.start <= end && e.span.end >= start;
  const at = e.span.start;
  if (at < start || at > end) return false;
  if (at === start && /[\r\n]$/.test(e.newText)) return false;
  if (at === end && /^[\r\n]/.test(e.newText)) return false;
  return true;
}

/** The lines of `before` that no edit touches, which must come through unchanged and in order. */
export function untouchedLines(before: string, edits: readonly TextEdit[]): string[] {
  const out: string[] = [];
  const re = /\r\n|\r|\n|$/g;
  let start = 0;
  for (;;) {
    re.lastIndex = start;
    const m = re.exec(before);
    if (m === null) break;
    const end = m.index;
    const touched = edits.some((e) => touchesLine(e, start, end));
    if (!touched) out.push(before.slice(start, end));
    if (m[0].length === 0) break;
    start = end + m[0].length;
  }
  return out;
}

/** Every line of `before` that no edit touches is a line of `after`, in the same order. */
export function keepsUntouchedLines(before: string, after: string, edits: readonly TextEdit[], what: string): void {
  const lines = after.split(/\r\n|\r|\n/);
  let j = 0;
  for (const l of untouchedLines(before, edits)) {
    const at = lines.indexOf(l, j);
    assert.ok(at >= 0, `${what}: line ${JSON.stringify(l)} moved or lost in ${JSON.stringify(after)}`);
    j = at + 1;
  }
}

/** `# note-N` comments on lines no edit touches are all still there. */
export function keepsNotes(before: string, after: string, edits: readonly TextEdit[], what: string): void {
  const kept = new Set(notes(after));
  for (const l of untouchedLines(before, edits))
    for (const n of notes(l)) assert.ok(kept.has(n), `${what}: ${n} lost in ${JSON.stringify(after)}`);
}

/** True when an edit's span touches `span` (overlaps it or is an insertion at its edge). */
export function touches(e: TextEdit, span: { readonly start: number; readonly end: number }): boolean {
  return e.span.start <= span.end && e.span.end >= span.start;
}

/**
 * Whether an edit would change a byte-order mark: the editor never shows the mark, so it offers no
 * such fix and Fix all leaves it out (src/extension/providers/codeActions.ts, TextMapper.touchesBom).
 */
export function touchesBom(text: string, edits: readonly TextEdit[]): boolean {
  return text.charCodeAt(0) === 0xfeff && edits.some((e) => e.span.start < 1);
}
