// Physical lines found by scanning the text around an offset, for the few places that need one
// line (a quick fix's edit, a completion prefix) and should not build a whole LineIndex for it.
// `\r\n`, `\r` and `\n` each end a line, as in LineIndex.
import type { Span } from './lineIndex';

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  // A loop, not lastIndexOf('\r'): in a file without \r that would scan back to the start every time.
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Offset of the terminator of the line holding `offset` (text.length on the last line). */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** Offset of the next line's first character: past the terminator of the line holding `offset` (text.length on the last line). */
export function nextLineStartOf(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  if (end >= text.length) return text.length;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** The whole physical lines `span` touches, with the terminator of the last one. */
export function wholeLinesOf(text: string, span: Span): Span {
  return { start: lineStartOf(text, span.start), end: nextLineStartOf(text, Math.max(span.start, span.end)) };
}

/** The line break inserted lines get: the document's own, as its first line ends (\r\n, \r or \n). */
export function eolOf(text: string): string {
  const i = lineEndOf(text, 0);
  if (i >= text.length || text.charCodeAt(i) === 10) return '\n';
  return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
}

/** True when the physical line ending at `lineEnd` ends in an odd run of backslashes (Properties continues it). */
export function endsInContinuation(text: string, lineEnd: number): boolean {
  let bs = 0;
  while (lineEnd - 1 - bs >= 0 && text.charCodeAt(lineEnd - 1 - bs) === 0x5c) bs++;
  return bs % 2 === 1;
}
