// How the launch command line built by snappy-nodes.sh is split into argv: the member's argument
// text is run through `eval` (local hosts) or a remote shell (ssh), so POSIX shell rules apply:
// blanks separate words, quotes group, a backslash escapes, and a `#` that starts a word comments
// out the rest of the line — silently dropping every argument after it, including the ones the
// script appends itself (config-formats.md B.1).
import type { Span } from '../text/lineIndex';

export interface ShellWord {
  /** The word after quote removal, as the launcher's argv receives it. */
  readonly text: string;
  /** Its characters in the document. */
  readonly span: Span;
  /** For each char of `text`, its document offset; absent when the word is `span` itself, char for char. */
  readonly offsets?: readonly number[];
}

export type ShellHazardKind = 'comment' | 'operator' | 'expansion' | 'glob' | 'unterminated-quote';

export interface ShellHazard {
  readonly kind: ShellHazardKind;
  readonly span: Span;
  readonly text: string;
}

export interface ShellSplit {
  readonly words: ShellWord[];
  readonly hazards: ShellHazard[];
  /** Where a shell comment starts and everything it swallows, when there is one. */
  readonly comment?: Span;
}

const BLANK = /[ \t]/;
const OPERATOR = /[;&|<>()]/;

/** Splits `chars` (with document offsets `offs`) into shell words. */
export function splitShellWords(chars: string, offs: readonly number[], limit = Number.MAX_SAFE_INTEGER): ShellSplit {
  const words: ShellWord[] = [];
  const hazards: ShellHazard[] = [];
  let comment: Span | undefined;
  const n = chars.length;
  const at = (i: number): number => offs[Math.min(i, n - 1)] ?? 0;
  // An end offset, kept inside the document (the space snappy-nodes.sh appends has no character of its own).
  const after = (i: number): number => Math.min(at(i) + 1, limit);
  let i = 0;
  while (i < n) {
    while (i < n && BLANK.test(chars.charAt(i))) i++;
    if (i >= n) break;
    const c0 = chars.charAt(i);
    if (c0 === '#') {
      comment = { start: at(i), end: after(n - 1) };
      hazards.push({ kind: 'comment', span: comment, text: chars.slice(i) });
      break;
    }
    if (OPERATOR.test(c0)) {
      hazards.push({ kind: 'operator', span: { start: at(i), end: after(i) }, text: c0 });
      i++;
      continue;
    }
    const text: string[] = [];
    const textOffs: number[] = [];
    const start = i;
    let quote: '"' | "'" | undefined;
    let quoteStart = 0;
    while (i < n) {
      const c = chars.charAt(i);
      if (quote === undefined) {
        if (BLANK.test(c)) break;
        if (OPERATOR.test(c)) break;
        if (c === "'" || c === '"') {
          quote = c;
          quoteStart = i;
          i++;
          continue;
        }
        if (c === '\\' && i + 1 < n) {
          text.push(chars.charAt(i + 1));
          textOffs.push(at(i + 1));
          i += 2;
          continue;
        }
        if (c === '$' || c === '`') hazards.push({ kind: 'expansion', span: { start: at(i), end: after(i) }, text: c });
        else if (c === '*' || c === '?' || c === '[')
          hazards.push({ kind: 'glob', span: { start: at(i), end: after(i) }, text: c });
        text.push(c);
        textOffs.push(at(i));
        i++;
      } else {
        if (c === quote) {
          quote = undefined;
          i++;
          continue;
        }
        if (quote === '"' && c === '\\' && i + 1 < n && /[$`"\\]/.test(chars.charAt(i + 1))) {
          text.push(chars.charAt(i + 1));
          textOffs.push(at(i + 1));
          i += 2;
          continue;
        }
        if (quote === '"' && (c === '$' || c === '`')) {
          hazards.push({ kind: 'expansion', span: { start: at(i), end: after(i) }, text: c });
        }
        text.push(c);
        textOffs.push(at(i));
        i++;
      }
    }
    if (quote !== undefined) {
      hazards.push({
        kind: 'unterminated-quote',
        span: { start: at(quoteStart), end: after(n - 1) },
        text: chars.slice(quoteStart),
      });
    }
    if (i > start && (text.length > 0 || /['"]/.test(chars.slice(start, i)))) {
      words.push({ text: text.join(''), span: { start: at(start), end: after(i - 1) }, offsets: textOffs });
    }
  }
  return { words, hazards, ...(comment !== undefined ? { comment } : {}) };
}
