// A change to a document as plain offsets into its text: quick fixes, "Fix all" and the panel's
// "Apply" all produce these, and any front end (VS Code, the webview, the CLI) can apply them.
import type { Span } from '../text/lineIndex';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/**
 * `text` with non-overlapping `edits` applied (the text a front end shows after applying them). An
 * insertion at the start of a replacement goes before the replacement's new text, as VS Code
 * applies them: from the end of the text backwards, the replacement first, then the insertion
 * (applied the other way round, the replacement would replace the inserted text).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end))
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/**
 * Non-overlapping `edits` in document order with each run of touching edits (one ends where the next
 * starts) joined into one: the same change in fewer edits. Fix all of a file of duplicate lines
 * removes every line but one, which as one edit is one range for the editor to apply and undo
 * rather than tens of thousands. An insertion at the start of a replacement stays before its text.
 */
export function joinTouchingEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.span.end === e.span.start)
      out[out.length - 1] = { span: { start: prev.span.start, end: e.span.end }, newText: prev.newText + e.newText };
    else out.push(e);
  }
  return out;
}
