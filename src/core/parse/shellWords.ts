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

/**
 * Splits `chars` (with document offsets `offs`) into shell words, as bash's token recognition does
 * (POSIX XCU 2.3): blanks delimit, an operator character is a token of its own, a `#` starting a
 * word comments out the rest, and anything else is read as one word (ShellLine.readWord).
 */
export function splitShellWords(chars: string, offs: readonly number[], limit = Number.MAX_SAFE_INTEGER): ShellSplit {
  const line = new ShellLine(chars, offs, limit);
  const n = chars.length;
  let i = 0;
  while (i < n) {
    while (i < n && BLANK.test(chars.charAt(i))) i++;
    if (i >= n) break;
    const c0 = chars.charAt(i);
    if (c0 === '#') {
      line.commentFrom(i);
      break;
    }
    if (OPERATOR.test(c0)) {
      line.hazard('operator', i);
      i++;
      continue;
    }
    i = line.readWord(i);
  }
  return { words: line.words, hazards: line.hazards, ...(line.comment !== undefined ? { comment: line.comment } : {}) };
}

/** One word as it is read: its characters after quote removal, and each one's document offset. */
interface WordBuffer {
  readonly text: string[];
  readonly offs: number[];
}

/** The member's argument text being split: the words and hazards found so far, in the order the shell meets them. */
class ShellLine {
  readonly words: ShellWord[] = [];
  readonly hazards: ShellHazard[] = [];
  comment: Span | undefined;
  private readonly n: number;

  constructor(
    private readonly chars: string,
    private readonly offs: readonly number[],
    private readonly limit: number,
  ) {
    this.n = chars.length;
  }

  private at(i: number): number {
    return this.offs[Math.min(i, this.n - 1)] ?? 0;
  }

  /** An end offset, kept inside the document (the space snappy-nodes.sh appends has no character of its own). */
  private after(i: number): number {
    return Math.min(this.at(i) + 1, this.limit);
  }

  /** A one-character hazard at `i`. */
  hazard(kind: ShellHazardKind, i: number): void {
    this.hazards.push({ kind, span: { start: this.at(i), end: this.after(i) }, text: this.chars.charAt(i) });
  }

  /** A `#` that starts a word: the shell ignores it and everything after it (XCU 2.3 rule 9). */
  commentFrom(i: number): void {
    this.comment = { start: this.at(i), end: this.after(this.n - 1) };
    this.hazards.push({ kind: 'comment', span: this.comment, text: this.chars.slice(i) });
  }

  /**
   * The word starting at `start` (not a blank, operator or `#`): characters up to the next
   * unquoted blank or operator, with quotes removed (XCU 2.2, 2.6.7). Returns where it ends.
   */
  readWord(start: number): number {
    const chars = this.chars;
    const word: WordBuffer = { text: [], offs: [] };
    let quote: '"' | "'" | undefined;
    let quoteStart = 0;
    let i = start;
    while (i < this.n) {
      const c = chars.charAt(i);
      if (quote === undefined) {
        if (BLANK.test(c) || OPERATOR.test(c)) break;
        if (c === "'" || c === '"') {
          quote = c;
          quoteStart = i;
          i++;
        } else i = this.unquoted(i, word);
      } else if (c === quote) {
        quote = undefined;
        i++;
      } else i = this.quoted(quote, i, word);
    }
    if (quote !== undefined) {
      this.hazards.push({
        kind: 'unterminated-quote',
        span: { start: this.at(quoteStart), end: this.after(this.n - 1) },
        text: chars.slice(quoteStart),
      });
    }
    // A word of nothing but quotes ('' or "") is still a word: an empty argument.
    if (i > start && (word.text.length > 0 || /['"]/.test(chars.slice(start, i)))) {
      this.words.push({
        text: word.text.join(''),
        span: { start: this.at(start), end: this.after(i - 1) },
        offsets: word.offs,
      });
    }
    return i;
  }

  /** The character at `i`, with its document offset. */
  private keep(i: number, word: WordBuffer): void {
    word.text.push(this.chars.charAt(i));
    word.offs.push(this.at(i));
  }

  /**
   * An unquoted character: a backslash keeps the next character as it is (XCU 2.2.1); `$` and a
   * backquote start an expansion and `*`, `?`, `[` a pathname pattern, which the launcher's argv
   * would not receive as written. Returns the next position.
   */
  private unquoted(i: number, word: WordBuffer): number {
    const c = this.chars.charAt(i);
    if (c === '\\' && i + 1 < this.n) {
      this.keep(i + 1, word);
      return i + 2;
    }
    if (c === '$' || c === '`') this.hazard('expansion', i);
    else if (c === '*' || c === '?' || c === '[') this.hazard('glob', i);
    this.keep(i, word);
    return i + 1;
  }

  /**
   * A character inside quotes: single quotes keep everything (XCU 2.2.2); inside double quotes a
   * backslash escapes only `$`, backquote, `"` and itself, and `$` and backquote still expand
   * (XCU 2.2.3). Returns the next position.
   */
  private quoted(quote: '"' | "'", i: number, word: WordBuffer): number {
    const c = this.chars.charAt(i);
    if (quote === '"' && c === '\\' && i + 1 < this.n && /[$`"\\]/.test(this.chars.charAt(i + 1))) {
      this.keep(i + 1, word);
      return i + 2;
    }
    if (quote === '"' && (c === '$' || c === '`')) this.hazard('expansion', i);
    this.keep(i, word);
    return i + 1;
  }
}
