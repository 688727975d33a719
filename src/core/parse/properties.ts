// `spark-defaults.conf` read as Spark reads it: java.util.Properties.load(Reader) (JDK 17
// Properties.LineReader/load0/loadConvert), then Spark's own value trimming and its drop of keys
// that do not start with "spark." (config-formats.md A.1-A.2). Every entry keeps the exact source
// ranges of its key and value, also across continuation lines, so diagnostics and edits land on
// the right characters. Never throws: a malformed \uXXXX escape (which makes Properties.load throw
// and the whole file fail to load) is recorded as `loadError`.
import type { Span } from '../text/lineIndex';

export interface PropertyEntry {
  /** The key after escape processing, as Properties stores it. */
  readonly key: string;
  /** The value after escape processing, untrimmed (what Properties.getProperty returns). */
  readonly rawValue: string;
  /** The value Spark uses (Utils.trimExceptCRLF, Spark 3.0+; 2.4's String.trim differs only for escaped \r/\n at the ends). */
  readonly value: string;
  /** The key's characters in the document. */
  readonly keySpan: Span;
  /** The characters of `value` in the document; empty (start === end) where the value would begin when it is empty. */
  readonly valueSpan: Span;
  /** From the key's first character to the end of the logical line's last physical line (terminator excluded). */
  readonly lineSpan: Span;
  /** The explicit `=` or `:` separator, when there is one. */
  readonly separatorSpan?: Span;
  /** Document offsets of each physical line's start that this logical line covers (continuations). */
  readonly physicalLineStarts: readonly number[];
  /** True when the key or value contains a backslash escape. */
  readonly hasEscapes: boolean;
  /** Position in the file, 0-based, among entries. */
  readonly index: number;
}

export interface PropertiesDocument {
  readonly kind: 'spark-defaults';
  readonly text: string;
  /** Every entry in file order, duplicates included. */
  readonly entries: readonly PropertyEntry[];
  /** Comment lines (`#` or `!` as the first non-blank character of a logical line). */
  readonly comments: readonly Span[];
  /** The entry in effect for each key (the last one; Properties is a Hashtable). */
  readonly effective: ReadonlyMap<string, PropertyEntry>;
  /** Set when Properties.load would throw, so Spark loads nothing from the file. */
  readonly loadError?: { readonly message: string; readonly span: Span };
  /** The text starts with U+FEFF, which Spark's UTF-8 reader keeps as part of the first key. */
  readonly hasBom: boolean;
}

/** True for the characters Properties treats as blank inside a line. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

/** `Utils.trimExceptCRLF` (Spark 3.0+ Utils.getPropertiesFromFile): strips chars <= ' ' except \r and \n. */
export function trimExceptCRLF(s: string): { start: number; end: number } {
  const keep = (c: number): boolean => c > 0x20 || c === 0x0d || c === 0x0a;
  let start = 0;
  while (start < s.length && !keep(s.charCodeAt(start))) start++;
  let end = s.length;
  while (end > start && !keep(s.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** A logical line: its characters and, for each, the document offset it came from. */
interface LogicalLine {
  readonly chars: string;
  /** Null when the line is one contiguous run starting at `start` (the common case). */
  readonly offsets: Int32Array | null;
  readonly start: number;
  /** Document offset just past the last physical character consumed (terminator excluded). */
  readonly end: number;
  readonly physicalLineStarts: number[];
}

/**
 * Reads the next logical line from `pos` as JDK 17's Properties.LineReader does: skips blank
 * lines and leading blanks, drops comment lines, joins lines ending in an odd number of
 * backslashes (dropping the next line's leading blanks). Returns the line or a comment span.
 */
class LineReader {
  pos = 0;
  readonly comments: Span[] = [];

  constructor(private readonly text: string) {}

  readLine(): LogicalLine | undefined {
    for (;;) {
      const line = this.readOnce();
      if (line !== 'again') return line;
    }
  }

  private readOnce(): LogicalLine | undefined | 'again' {
    const t = this.text;
    const n = t.length;
    // Skip blanks and empty lines; comment lines are recorded and skipped.
    for (;;) {
      while (this.pos < n) {
        const c = t.charCodeAt(this.pos);
        if (isBlank(c) || c === 0x0a || c === 0x0d) this.pos++;
        else break;
      }
      if (this.pos >= n) return undefined;
      const c = t.charCodeAt(this.pos);
      if (c === 0x23 /* # */ || c === 0x21 /* ! */) {
        const start = this.pos;
        while (this.pos < n) {
          const d = t.charCodeAt(this.pos);
          if (d === 0x0a || d === 0x0d) break;
          this.pos++;
        }
        this.comments.push({ start, end: this.pos });
        continue;
      }
      break;
    }
    const start = this.pos;
    // Fast path: one physical line without a trailing odd backslash run.
    let i = start;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) break;
      i++;
    }
    let bs = 0;
    while (i - bs - 1 >= start && t.charCodeAt(i - bs - 1) === 0x5c) bs++;
    if (bs % 2 === 0) {
      this.pos = i;
      return { chars: t.slice(start, i), offsets: null, start, end: i, physicalLineStarts: [start] };
    }
    if (i - start === 1) {
      // A lone backslash leaves the logical line empty. At end of input JDK 17 still returns that
      // empty line (an entry "" = ""); otherwise it starts afresh on the next line, where a '#'
      // again begins a comment.
      // JDK checks for end of input right after the one EOL character, so `\\\r\n` at the end does
      // not count (the '\n' is still unread then).
      const q = i >= n ? n : i + 1;
      this.pos = i;
      if (q >= n) return { chars: '', offsets: null, start, end: start, physicalLineStarts: [start] };
      return 'again';
    }
    return this.readContinued(start);
  }

  private readContinued(start: number): LogicalLine {
    const t = this.text;
    const n = t.length;
    const chars: string[] = [];
    const offs: number[] = [];
    const physicalLineStarts = [start];
    let p = start;
    let end = start;
    for (;;) {
      let i = p;
      while (i < n) {
        const c = t.charCodeAt(i);
        if (c === 0x0a || c === 0x0d) break;
        i++;
      }
      let bs = 0;
      while (i - bs - 1 >= p && t.charCodeAt(i - bs - 1) === 0x5c) bs++;
      const continues = bs % 2 === 1;
      // The odd trailing backslash is not part of the line (also at end of input).
      const stop = continues ? i - 1 : i;
      for (let k = p; k < stop; k++) {
        chars.push(t.charAt(k));
        offs.push(k);
      }
      end = i;
      if (!continues || i >= n) {
        this.pos = i;
        break;
      }
      // Consume the terminator (\r\n counts once), then the next line's leading blanks.
      let q = i + (t.charCodeAt(i) === 0x0d && t.charCodeAt(i + 1) === 0x0a ? 2 : 1);
      if (q >= n) {
        this.pos = q;
        break;
      }
      physicalLineStarts.push(q);
      while (q < n && isBlank(t.charCodeAt(q))) q++;
      p = q;
      if (q >= n) {
        this.pos = q;
        end = Math.max(end, q);
        break;
      }
    }
    return { chars: chars.join(''), offsets: Int32Array.from(offs), start, end, physicalLineStarts };
  }
}

interface Converted {
  readonly text: string;
  /** For each output char, the logical index of its first source char; null when no escapes. */
  readonly from: Int32Array | null;
  /** For each output char, the logical index just past its source chars. */
  readonly to: Int32Array | null;
  readonly malformedAt?: number;
}

/** Properties.loadConvert over chars[start, end): escapes \t \n \r \f \uXXXX, `\x` -> x. */
function loadConvert(chars: string, start: number, end: number): Converted {
  const first = chars.indexOf('\\', start);
  if (first < 0 || first >= end) return { text: chars.slice(start, end), from: null, to: null };
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = start;
  while (i < end) {
    const c = chars.charAt(i);
    if (c !== '\\') {
      out.push(c);
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const escStart = i;
    i++;
    const e = chars.charAt(i);
    i++;
    if (e === 'u') {
      if (i > end - 4) return { text: out.join(''), from: Int32Array.from(from), to: Int32Array.from(to), malformedAt: escStart };
      const hex = chars.slice(i, i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        return { text: out.join(''), from: Int32Array.from(from), to: Int32Array.from(to), malformedAt: escStart };
      }
      out.push(String.fromCharCode(parseInt(hex, 16)));
      i += 4;
    } else {
      out.push(e === 't' ? '\t' : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 'f' ? '\f' : e);
    }
    from.push(escStart);
    to.push(i);
  }
  return { text: out.join(''), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** A string that does not share storage with the document text (see its use). */
function flatten(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The document offset of a logical line's character (its end for positions past the last one). */
function docOffsetIn(line: LogicalLine, limit: number, logical: number): number {
  if (logical >= limit) return line.end;
  return line.offsets === null ? line.start + logical : (line.offsets[logical] ?? line.end);
}

export function parseProperties(text: string): PropertiesDocument {
  const reader = new LineReader(text);
  const entries: PropertyEntry[] = [];
  const effective = new Map<string, PropertyEntry>();
  let loadError: { message: string; span: Span } | undefined;

  for (let line = reader.readLine(); line !== undefined; line = reader.readLine()) {
    const chars = line.chars;
    const limit = chars.length;
    const docOffset = (logical: number): number => docOffsetIn(line, limit, logical);
    const docEnd = (logicalEnd: number): number => (logicalEnd <= 0 ? docOffsetIn(line, limit, 0) : docOffsetIn(line, limit, logicalEnd - 1) + 1);

    // load0: the key ends at the first unescaped '=', ':' or blank.
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let sepAt = -1;
    let precedingBackslash = false;
    while (keyLen < limit) {
      const c = chars.charCodeAt(keyLen);
      if ((c === 0x3d || c === 0x3a) && !precedingBackslash) {
        valueStart = keyLen + 1;
        hasSep = true;
        sepAt = keyLen;
        break;
      } else if (isBlank(c) && !precedingBackslash) {
        valueStart = keyLen + 1;
        break;
      }
      precedingBackslash = c === 0x5c ? !precedingBackslash : false;
      keyLen++;
    }
    while (valueStart < limit) {
      const c = chars.charCodeAt(valueStart);
      if (!isBlank(c)) {
        if (!hasSep && (c === 0x3d || c === 0x3a)) {
          hasSep = true;
          sepAt = valueStart;
        } else break;
      }
      valueStart++;
    }
    const key = loadConvert(chars, 0, keyLen);
    const val = loadConvert(chars, valueStart, limit);
    const malformed = key.malformedAt ?? val.malformedAt;
    if (malformed !== undefined && loadError === undefined) {
      loadError = {
        message: 'Malformed \\uxxxx encoding.',
        span: { start: docOffset(malformed), end: Math.min(docEnd(Math.min(malformed + 6, limit)), line.end) },
      };
    }
    const trimmed = trimExceptCRLF(val.text);
    const value = val.text.slice(trimmed.start, trimmed.end);
    let valueSpan: Span;
    if (value.length === 0) {
      const at = valueStart < limit ? docOffset(valueStart) : line.end;
      valueSpan = { start: at, end: at };
    } else if (val.from === null || val.to === null) {
      valueSpan = { start: docOffset(valueStart + trimmed.start), end: docEnd(valueStart + trimmed.end) };
    } else {
      valueSpan = { start: docOffset(val.from[trimmed.start] ?? valueStart), end: docEnd(val.to[trimmed.end - 1] ?? limit) };
    }
    const keySpan: Span = keyLen === 0 ? { start: line.start, end: line.start } : { start: line.start, end: docEnd(keyLen) };
    // Two literal shapes rather than a conditional spread (no per-entry property copying).
    const lineSpan = { start: line.start, end: line.end };
    // A flat copy of the key: V8 hashes a substring of the whole text (a sliced string) several
    // times slower, and every Map keyed by setting name (effective, the conf, the catalog lookups)
    // hashes it.
    const keyText = flatten(key.text);
    const hasEscapes = key.from !== null || val.from !== null;
    const entry: PropertyEntry = sepAt >= 0
      ? { key: keyText, rawValue: val.text, value, keySpan, valueSpan, lineSpan, separatorSpan: { start: docOffset(sepAt), end: docOffset(sepAt) + 1 }, physicalLineStarts: line.physicalLineStarts, hasEscapes, index: entries.length }
      : { key: keyText, rawValue: val.text, value, keySpan, valueSpan, lineSpan, physicalLineStarts: line.physicalLineStarts, hasEscapes, index: entries.length };
    entries.push(entry);
    effective.set(entry.key, entry);
  }

  return {
    kind: 'spark-defaults',
    text,
    entries,
    comments: reader.comments,
    effective,
    ...(loadError !== undefined ? { loadError } : {}),
    hasBom: text.charCodeAt(0) === 0xfeff,
  };
}

/** The keys Spark keeps: those starting with "spark." (Utils.loadDefaultSparkProperties, SparkSubmitArguments.ignoreNonSparkProperties). */
export function isSparkKey(key: string): boolean {
  return key.startsWith('spark.');
}
