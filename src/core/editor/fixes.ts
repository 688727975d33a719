// Edits built from findings for the editor: "fix all" (each finding's preferred fix, skipping any
// that would overlap one already taken), and the suppression comments the engine honours
// (`# spark-memory-disable-next-line CODE` above a line, `# spark-memory-disable CODE` for a file).
import type { DocumentKind } from '../document/kind';
import type { TextEdit } from '../edit/textEdit';
import type { Finding, QuickFix } from '../rules/types';
import type { LineIndex } from '../text/lineIndex';

const overlap = (a: TextEdit, b: TextEdit): boolean => {
  if (a.span.start < b.span.end && b.span.start < a.span.end) return true;
  // Two insertions at one point, or an insertion at the edge of a replacement: the order is ambiguous.
  const aEmpty = a.span.start === a.span.end;
  const bEmpty = b.span.start === b.span.end;
  if (aEmpty && bEmpty) return a.span.start === b.span.start;
  if (aEmpty) return a.span.start > b.span.start && a.span.start < b.span.end;
  if (bEmpty) return b.span.start > a.span.start && b.span.start < a.span.end;
  return false;
};

const sameEdit = (a: TextEdit, b: TextEdit): boolean =>
  a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;

export interface FixAll {
  /** Non-overlapping edits, in document order. */
  readonly edits: readonly TextEdit[];
  /** The findings whose preferred fix is among them. */
  readonly fixed: readonly Finding[];
}

/**
 * Every finding's preferred fix, in document order, leaving out a fix whose edits overlap an edit
 * already taken (the next run fixes it) and merging fixes that are identical. `accept` can veto
 * fixes (e.g. one the front end cannot express as a text edit).
 */
export function fixAllEdits(
  findings: readonly Finding[],
  accept: (fix: QuickFix, f: Finding) => boolean = () => true,
): FixAll {
  const taken: TextEdit[] = [];
  const fixed: Finding[] = [];
  const ordered = [...findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const f of ordered) {
    const fix = f.fixes?.find((x) => x.isPreferred === true);
    if (fix === undefined || fix.edits.length === 0 || !accept(fix, f)) continue;
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => overlap(t, e)))) continue;
    if (fresh.some((e, i) => fresh.some((g, j) => i !== j && overlap(e, g)))) continue;
    taken.push(...fresh);
    fixed.push(f);
  }
  taken.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { edits: taken, fixed };
}

export const DISABLE_NEXT_LINE = 'spark-memory-disable-next-line';
export const DISABLE_FILE = 'spark-memory-disable';

/** True when the physical line `line` continues the logical line above it (a trailing odd backslash run). */
function isContinuation(text: string, lines: LineIndex, line: number, kind: DocumentKind): boolean {
  if (line === 0 || kind === 'spark-application') return false;
  const prevEnd = lines.lineEnd(line - 1);
  const prevStart = lines.lineStart(line - 1);
  let bs = 0;
  while (prevEnd - 1 - bs >= prevStart && text.charCodeAt(prevEnd - 1 - bs) === 0x5c) bs++;
  return bs % 2 === 1;
}

function eolOf(text: string, lines: LineIndex, line: number): string {
  const end = lines.lineEnd(line);
  return text.charCodeAt(end) === 13 ? (text.charCodeAt(end + 1) === 10 ? '\r\n' : '\r') : '\n';
}

/**
 * The edit that silences `code` on the line where `offset` is: a comment above it with the line's
 * indentation, or `, CODE` added to a directive already there. Undefined when the line continues
 * the one above (a comment cannot go between them): use fileDisableEdit then.
 */
export function disableNextLineEdit(
  text: string,
  lines: LineIndex,
  offset: number,
  code: string,
  kind: DocumentKind,
): TextEdit | undefined {
  const line = lines.positionAt(offset).line;
  if (isContinuation(text, lines, line, kind)) return undefined;
  const start = lines.lineStart(line);
  if (line > 0) {
    const prevStart = lines.lineStart(line - 1);
    const prevEnd = lines.lineEnd(line - 1);
    const prev = text.slice(prevStart, prevEnd);
    const m = new RegExp(`^[ \\t]*[#!][ \\t]*${DISABLE_NEXT_LINE}([ \\t]+[A-Za-z0-9_,\\- \\t]*)?$`).exec(prev);
    if (m !== null && !isContinuation(text, lines, line - 1, kind)) {
      const codes = (m[1] ?? '').split(/[\s,]+/).filter((c) => c.length > 0);
      if (codes.length === 0 || codes.includes(code)) return undefined;
      const trimmedEnd = prevStart + prev.replace(/[ \t]+$/, '').length;
      return { span: { start: trimmedEnd, end: prevEnd }, newText: `, ${code}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(start, Math.min(lines.lineEnd(line), start + 200)))?.[0] ?? '';
  return { span: { start, end: start }, newText: `${indent}# ${DISABLE_NEXT_LINE} ${code}${eolOf(text, lines, line)}` };
}

/** The edit that silences `code` in the whole file: a comment on the first line (after a byte-order mark). */
export function fileDisableEdit(text: string, lines: LineIndex, code: string): TextEdit {
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { span: { start: at, end: at }, newText: `# ${DISABLE_FILE} ${code}${eolOf(text, lines, 0)}` };
}
