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
  const builder = new FixAllBuilder(accept);
  for (const f of inDocumentOrder(findings)) builder.add(f);
  return builder.result();
}

/** The findings sorted by position, the order Fix all takes them in. */
export function inDocumentOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * Fix all one finding at a time (in document order, see inDocumentOrder), so that a front end can
 * spread the work of a large file over several turns of its event loop; fixAllEdits runs it in one go.
 * Each add costs O(log n), so the whole is O(n log n).
 */
export class FixAllBuilder {
  private readonly taken = new TakenEdits();
  private readonly fixed: Finding[] = [];
  private readonly keysSet = new Set<string>();

  constructor(private readonly accept: (fix: QuickFix, f: Finding) => boolean = () => true) {}

  add(f: Finding): void {
    const fix = f.fixes?.find((x) => x.isPreferred === true);
    if (fix === undefined || fix.edits.length === 0 || !this.accept(fix, f)) return;
    // Two renames onto one key: the second would override what the first wrote.
    if (fix.setsKey !== undefined && this.keysSet.has(fix.setsKey)) return;
    const fresh = fix.edits.filter((e) => !this.taken.has(e));
    if (fresh.some((e) => this.taken.overlaps(e))) return;
    if (fresh.length > 1 && fresh.some((e, i) => fresh.some((g, j) => i !== j && overlap(e, g)))) return;
    for (const e of fresh) this.taken.add(e);
    if (fix.setsKey !== undefined) this.keysSet.add(fix.setsKey);
    this.fixed.push(f);
  }

  result(): FixAll {
    return { edits: this.taken.sorted(), fixed: [...this.fixed] };
  }
}

const byPosition = (a: TextEdit, b: TextEdit): number => a.span.start - b.span.start || a.span.end - b.span.end;

/**
 * The edits taken so far, sorted by position, with the checks Fix all makes against them in
 * O(log n): taken edits never overlap each other, so only the neighbours of a position can overlap
 * an edit there. Findings come in document order, so most additions go at the end.
 */
class TakenEdits {
  private readonly list: TextEdit[] = [];
  private readonly exact = new Set<string>();

  private static id(e: TextEdit): string {
    return `${e.span.start}:${e.span.end}:${e.newText}`;
  }

  has(e: TextEdit): boolean {
    return this.exact.has(TakenEdits.id(e));
  }

  /** Index of the first taken edit that starts after `start` (or at it, when `inclusive`). */
  private firstAfter(start: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.list[mid]!.span.start;
      if (s < start || (!inclusive && s === start)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(e: TextEdit): boolean {
    // Candidates: the edits starting at or before e.end, going back while they could still reach e.
    let i = this.firstAfter(e.span.end, false) - 1;
    for (; i >= 0; i--) {
      const t = this.list[i]!;
      if (overlap(t, e)) return true;
      // Earlier edits end at or before t starts (they do not overlap t): none reaches e once t ends before it.
      if (t.span.end < e.span.start) return false;
    }
    return false;
  }

  add(e: TextEdit): void {
    this.exact.add(TakenEdits.id(e));
    const last = this.list[this.list.length - 1];
    if (last === undefined || byPosition(last, e) <= 0) this.list.push(e);
    else this.list.splice(this.firstAfter(e.span.start, true), 0, e);
  }

  sorted(): TextEdit[] {
    return [...this.list].sort(byPosition);
  }
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

/**
 * The line break an inserted comment line ends with: the line's own. In a SnappyData member file a
 * lone `\r` ends nothing (snappy-nodes.sh reads with bash `read`, which splits on `\n` only), so a
 * comment ended by `\r` would comment out the members after it: it ends with `\n` there.
 */
function eolOf(text: string, lines: LineIndex, line: number, kind?: DocumentKind): string {
  const end = lines.lineEnd(line);
  if (text.charCodeAt(end) !== 13) return '\n';
  if (text.charCodeAt(end + 1) === 10) return '\r\n';
  return kind === 'snappy-members' ? '\n' : '\r';
}

/**
 * Whether a comment line can go before `line`. Not before the first line of a file with a
 * byte-order mark, except in YAML: Properties.load and bash read the mark as a character of the
 * first key or word, so `\ufeff#` would be a key or a host, not a comment (YAML drops the mark).
 * In a member file, bash must also see a line start there (after `\n`).
 */
function canCommentBefore(text: string, lines: LineIndex, line: number, kind: DocumentKind): boolean {
  if (line === 0) return kind === 'spark-application' || text.charCodeAt(0) !== 0xfeff;
  if (kind !== 'snappy-members') return true;
  return text.charCodeAt(lines.lineStart(line) - 1) === 10;
}

/**
 * The edit that silences `code` on the line where `offset` is: a comment above it with the line's
 * indentation, or `, CODE` added to a directive already there. Undefined when the line continues
 * the one above, or (member files) does not start a line for bash: a comment cannot go between
 * them; use fileDisableEdit then.
 */
export function disableNextLineEdit(
  text: string,
  lines: LineIndex,
  offset: number,
  code: string,
  kind: DocumentKind,
): TextEdit | undefined {
  const line = lines.positionAt(offset).line;
  if (isContinuation(text, lines, line, kind) || !canCommentBefore(text, lines, line, kind)) return undefined;
  // The first line of a YAML file with a byte-order mark: the comment goes after the mark, which stays first.
  const start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lines.lineStart(line);
  if (line > 0) {
    const prevStart = lines.lineStart(line - 1);
    const prevEnd = lines.lineEnd(line - 1);
    const prev = text.slice(prevStart, prevEnd);
    const m = new RegExp(`^[ \\t]*[#!][ \\t]*${DISABLE_NEXT_LINE}([ \\t]+[A-Za-z0-9_,\\- \\t]*)?$`).exec(prev);
    if (m !== null && !isContinuation(text, lines, line - 1, kind) && canCommentBefore(text, lines, line - 1, kind)) {
      const codes = (m[1] ?? '').split(/[\s,]+/).filter((c) => c.length > 0);
      if (codes.length === 0 || codes.includes(code)) return undefined;
      const trimmedEnd = prevStart + prev.replace(/[ \t]+$/, '').length;
      return { span: { start: trimmedEnd, end: prevEnd }, newText: `, ${code}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(start, Math.min(lines.lineEnd(line), start + 200)))?.[0] ?? '';
  return {
    span: { start, end: start },
    newText: `${indent}# ${DISABLE_NEXT_LINE} ${code}${eolOf(text, lines, line, kind)}`,
  };
}

/**
 * Where the second logical line starts: after the first line end that no odd run of backslashes
 * continues. Line ends are `\n` for bash, and `\n`, `\r` or `\r\n` for Properties.load.
 */
function afterFirstLine(text: string, kind: DocumentKind): number | undefined {
  const end = kind === 'snappy-members' ? /\n/g : /\r\n|\r|\n/g;
  for (let m = end.exec(text); m !== null; m = end.exec(text)) {
    let bs = 0;
    while (m.index - 1 - bs >= 0 && text.charCodeAt(m.index - 1 - bs) === 0x5c) bs++;
    if (bs % 2 === 0) return m.index + m[0].length;
  }
  return undefined;
}

/**
 * The edit that silences `code` in the whole file: a comment on the first line. A file with a
 * byte-order mark gets it on the second line (canCommentBefore), YAML after the mark.
 */
export function fileDisableEdit(text: string, lines: LineIndex, code: string, kind?: DocumentKind): TextEdit {
  const bom = text.charCodeAt(0) === 0xfeff;
  const directive = `# ${DISABLE_FILE} ${code}`;
  if (bom && kind !== undefined && kind !== 'spark-application') {
    const next = afterFirstLine(text, kind);
    const eol = eolOf(text, lines, 0, kind);
    if (next !== undefined) return { span: { start: next, end: next }, newText: `${directive}${eol}` };
    return { span: { start: text.length, end: text.length }, newText: `${eol}${directive}${eol}` };
  }
  const at = bom ? 1 : 0;
  return { span: { start: at, end: at }, newText: `${directive}${eolOf(text, lines, 0, kind)}` };
}
