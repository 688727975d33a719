// The spark-defaults.conf formatter: aligns the value column and changes nothing Spark reads.
// Only the blanks between a key and its value move, and only where that gap is plain: on the
// key's line, holding blanks and at most one `=` or `:` (Properties.load's separator), no escape.
// The key still ends where it ended and the value starts with the same character, so
// Properties.load reads the same key and value (a property test checks this on random files).
import type { PropertiesDocument, PropertyEntry } from '../parse/properties';
import type { TextEdit } from '../edit/textEdit';
import type { Span } from '../text/lineIndex';
import { lineStartOf } from '../text/lines';

interface Gap {
  readonly entry: PropertyEntry;
  /** Column of the key's end on its line. */
  readonly keyEndColumn: number;
  /** The explicit separator, or '' for blanks only. */
  readonly separator: '' | '=' | ':';
}

/** The gap between key and value when the formatter may rewrite it. */
function plainGap(text: string, e: PropertyEntry): Gap | undefined {
  if (e.keySpan.end <= e.keySpan.start || e.valueSpan.end <= e.valueSpan.start) return undefined;
  const gap = text.slice(e.keySpan.end, e.valueSpan.start);
  const m = /^[ \t\f]*([=:]?)[ \t\f]*$/.exec(gap);
  if (m === null || (m[1] === '' && gap.length === 0)) return undefined;
  const lineStart = lineStartOf(text, e.keySpan.start);
  // A key continued over several physical lines has no single column: leave it.
  if (/[\r\n]/.test(text.slice(lineStart, e.keySpan.end))) return undefined;
  const keyEndColumn = e.keySpan.end - lineStart;
  return { entry: e, keyEndColumn, separator: m[1] as '' | '=' | ':' };
}

/**
 * Edits that put every rewritable value (or its explicit separator) in one column, one blank past
 * the longest key; with `range`, only the entries whose key lies in it, aligned among themselves.
 */
export function formatProperties(doc: PropertiesDocument, range?: Span): TextEdit[] {
  const gaps: Gap[] = [];
  for (const e of doc.entries) {
    if (range !== undefined && (e.keySpan.start < range.start || e.keySpan.start > range.end)) continue;
    const g = plainGap(doc.text, e);
    if (g !== undefined) gaps.push(g);
  }
  if (gaps.length === 0) return [];
  let column = 0;
  for (const g of gaps) column = Math.max(column, g.keyEndColumn + 1);
  const edits: TextEdit[] = [];
  for (const g of gaps) {
    const pad = ' '.repeat(column - g.keyEndColumn);
    const newText = g.separator === '' ? pad : `${pad}${g.separator} `;
    const span = { start: g.entry.keySpan.end, end: g.entry.valueSpan.start };
    if (doc.text.slice(span.start, span.end) !== newText) edits.push({ span, newText });
  }
  return edits;
}
