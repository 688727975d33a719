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
  readonly separatorSpan: Span | undefined;
  /** Document offsets of each physical line's start that this logical line covers (continuations). */
  readonly physicalLineStarts: readonly number[];
  /** True when the key or value contains a backslash escape. */
  readonly hasEscapes: boolean;
  /** Position in the file, 0-based, among entries. */
  readonly index: number;
  /** 0-based line of the key's first character (rules name lines without building a line index). */
  readonly line: number;
  /** What the reader noticed while scanning (TRAIT_* bits), so rules need not scan every line again. */
  readonly traits: number;
  /** keyHash(key), so a key can be looked for without comparing strings. */
  readonly keyHash: number;
}

/** The key does not start with "spark.": Spark drops it. */
export const TRAIT_NON_SPARK = 1;
/** The key or value holds a backslash escape. */
export const TRAIT_ESCAPES = 2;
/** The value holds a '#' or '!' after its first character (maybe an inline comment). */
export const TRAIT_HASH_OR_BANG = 4;
/** The value starts or ends with a quote character. */
export const TRAIT_QUOTED = 8;
/** The value is empty (or only line breaks from escapes). */
export const TRAIT_EMPTY = 16;

/**
 * Facts about every entry as typed columns indexed like `entries`, so a pass over every line of a
 * large file (the rules' first sort) reads no entry object; it takes objects only for the few
 * entries it keeps.
 */
export interface EntryColumns {
  /** TRAIT_* bits. */
  readonly traits: Uint8Array;
  /** keyHash(key). */
  readonly keyHash: Int32Array;
  /** keyShape(key). */
  readonly keyShape: Int32Array;
  /** 1 for the entry in effect for its key, 0 where a later line sets the key again. */
  readonly inEffect: Uint8Array;
}

/** The key's length and its 7th character case-folded (the one after "spark."): a cheap first filter on keys. */
export function keyShape(key: string): number {
  return key.length * 128 + (key.charCodeAt(6) | 0x20);
}

export interface PropertiesDocument {
  readonly kind: 'spark-defaults';
  readonly text: string;
  /** Every entry in file order, duplicates included. */
  readonly entries: readonly PropertyEntry[];
  readonly columns: EntryColumns;
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
  readonly offsets: readonly number[] | null;
  readonly start: number;
  /** Document offset just past the last physical character consumed (terminator excluded). */
  readonly end: number;
  readonly physicalLineStarts: number[] | null;
}

/** readLine's answer for a simple line (one physical line, no backslash): its span is the reader's `start` and `end`. */
const SIMPLE = 1;

/**
 * Reads the next logical line from `pos` as JDK 17's Properties.LineReader does: skips blank
 * lines and leading blanks, drops comment lines, joins lines ending in an odd number of
 * backslashes (dropping the next line's leading blanks). Returns the line or a comment span.
 */
class LineReader {
  pos = 0;
  /** 0-based physical line of `pos` (\r\n, \r and \n each end one). */
  line = 0;
  /** The span of the line readLine last returned, and the physical line it starts on. */
  start = 0;
  end = 0;
  startLine = 0;
  readonly comments: Span[] = [];
  private readonly hasCR: boolean;
  /** The next backslash at or after the current line, or text.length. */
  private nextBackslash = -1;
  /** The next \n and \r at or after the current line, or text.length (lineEnd). */
  private nextLF = -1;
  private nextCR = -1;

  constructor(private readonly text: string) {
    this.hasCR = text.indexOf('\r') >= 0;
  }

  /**
   * End of the physical line starting at `from` (its terminator's offset). The next \n and \r are
   * found by indexOf and kept while the reader moves forward: a character loop made a CRLF file
   * twice as slow to read as the same file with LF.
   */
  private lineEnd(from: number): number {
    const t = this.text;
    if (this.nextLF < from) {
      const e = t.indexOf('\n', from);
      this.nextLF = e < 0 ? t.length : e;
    }
    if (!this.hasCR) return this.nextLF;
    if (this.nextCR < from) {
      const e = t.indexOf('\r', from);
      this.nextCR = e < 0 ? t.length : e;
    }
    return this.nextLF < this.nextCR ? this.nextLF : this.nextCR;
  }

  /** A simple line is not allocated: most lines of a large file are simple. */
  readLine(): LogicalLine | typeof SIMPLE | undefined {
    for (;;) {
      const line = this.readOnce();
      if (line !== 'again') return line;
    }
  }

  private readOnce(): LogicalLine | typeof SIMPLE | undefined | 'again' {
    const t = this.text;
    const n = t.length;
    // Skip blanks and empty lines; comment lines are recorded and skipped.
    for (;;) {
      while (this.pos < n) {
        const c = t.charCodeAt(this.pos);
        if (c === 0x0a) this.line++;
        else if (c === 0x0d) {
          if (t.charCodeAt(this.pos + 1) !== 0x0a) this.line++;
        } else if (!isBlank(c)) break;
        this.pos++;
      }
      if (this.pos >= n) return undefined;
      const c = t.charCodeAt(this.pos);
      if (c === 0x23 /* # */ || c === 0x21 /* ! */) {
        const start = this.pos;
        this.pos = this.lineEnd(start);
        this.comments.push({ start, end: this.pos });
        continue;
      }
      break;
    }
    const start = this.pos;
    this.startLine = this.line;
    const i = this.lineEnd(start);
    if (this.nextBackslash < start) {
      const b = t.indexOf('\\', start);
      this.nextBackslash = b < 0 ? n : b;
    }
    if (this.nextBackslash >= i) {
      this.pos = i;
      this.start = start;
      this.end = i;
      return SIMPLE;
    }
    let bs = 0;
    while (i - bs - 1 >= start && t.charCodeAt(i - bs - 1) === 0x5c) bs++;
    if (bs % 2 === 0) {
      this.pos = i;
      return { chars: t.slice(start, i), offsets: null, start, end: i, physicalLineStarts: null };
    }
    if (i - start === 1) {
      // A lone backslash leaves the logical line empty. At end of input JDK 17 still returns that
      // empty line (an entry "" = ""); otherwise it starts afresh on the next line, where a '#'
      // again begins a comment.
      // JDK checks for end of input right after the one EOL character, so `\\\r\n` at the end does
      // not count (the '\n' is still unread then).
      const q = i >= n ? n : i + 1;
      this.pos = i;
      if (q >= n) return { chars: '', offsets: null, start, end: start, physicalLineStarts: null };
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
    let end: number;
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
      this.line++;
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
    return { chars: chars.join(''), offsets: offs, start, end, physicalLineStarts };
  }
}

interface Converted {
  readonly text: string;
  /** For each output char, the logical index of its first source char; null when no escapes. */
  readonly from: readonly number[] | null;
  /** For each output char, the logical index just past its source chars. */
  readonly to: readonly number[] | null;
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
      if (i > end - 4) return { text: out.join(''), from, to, malformedAt: escStart };
      const hex = chars.slice(i, i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        return { text: out.join(''), from, to, malformedAt: escStart };
      }
      out.push(String.fromCharCode(parseInt(hex, 16)));
      i += 4;
    } else {
      out.push(e === 't' ? '\t' : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 'f' ? '\f' : e);
    }
    from.push(escStart);
    to.push(i);
  }
  return { text: out.join(''), from, to };
}

/**
 * One entry, with its ranges kept as numbers: a 10,000-line file makes 10,000 of these, and
 * most ranges are never asked for (a diagnostic or an edit needs one or two).
 */
class Entry implements PropertyEntry {
  /**
   * For a simple line the key and values are cut from the text only when asked for: most of a
   * large file's keys are never read (rules find what they need by hash and traits).
   */
  private keyText: string | undefined;
  private rawText: string | undefined;
  private valueText: string | undefined;

  constructor(
    private readonly text: string,
    key: string | undefined,
    rawValue: string | undefined,
    value: string | undefined,
    private readonly ks: number,
    private readonly ke: number,
    /** Where the raw value starts (simple lines only). */
    private readonly rs: number,
    private readonly vs: number,
    private readonly ve: number,
    private readonly le: number,
    /** Offset of the explicit separator, or -1. */
    private readonly sep: number,
    private readonly physStarts: number[] | null,
    readonly index: number,
    readonly line: number,
    readonly keyHash: number,
    readonly traits: number,
  ) {
    this.keyText = key;
    this.rawText = rawValue;
    this.valueText = value;
  }

  get key(): string {
    return (this.keyText ??= this.text.slice(this.ks, this.ke));
  }

  get value(): string {
    return (this.valueText ??= this.text.slice(this.vs, this.ve));
  }

  get rawValue(): string {
    return (this.rawText ??= this.text.slice(this.rs, this.le));
  }

  /** Whether this entry's key equals `other`'s, without cutting either from the text when both are simple. */
  sameKey(other: Entry): boolean {
    if (this.keyText === undefined && other.keyText === undefined) {
      const n = this.ke - this.ks;
      if (n !== other.ke - other.ks) return false;
      for (let i = 0; i < n; i++)
        if (this.text.charCodeAt(this.ks + i) !== other.text.charCodeAt(other.ks + i)) return false;
      return true;
    }
    return this.key === other.key;
  }

  get hasEscapes(): boolean {
    return (this.traits & TRAIT_ESCAPES) !== 0;
  }

  get keySpan(): Span {
    return { start: this.ks, end: this.ke };
  }

  get valueSpan(): Span {
    return { start: this.vs, end: this.ve };
  }

  get lineSpan(): Span {
    return { start: this.ks, end: this.le };
  }

  get separatorSpan(): Span | undefined {
    return this.sep < 0 ? undefined : { start: this.sep, end: this.sep + 1 };
  }

  get physicalLineStarts(): readonly number[] {
    return this.physStarts ?? [this.ks];
  }
}

/** A 30-bit string hash (kept in V8's small-integer range so the index's Map stays fast). */
export function keyHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return mixHash(h);
}

/**
 * The index probes linearly from the hash's low bits, and a polynomial hash of keys that differ
 * only in their last characters (key1, key2, …) puts them in neighbouring slots: one long cluster.
 * Murmur3's finaliser spreads them.
 */
function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

/** `into`, a larger column, holding `from`'s values first. */
function grown<T extends Uint8Array | Int32Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** The columns as the reader fills them: capacity grows by doubling, `view` cuts them to the entry count. */
class ColumnsBuilder {
  traits: Uint8Array;
  keyHash: Int32Array;
  keyShape: Int32Array;
  inEffect: Uint8Array;

  constructor(capacity: number) {
    this.traits = new Uint8Array(capacity);
    this.keyHash = new Int32Array(capacity);
    this.keyShape = new Int32Array(capacity);
    this.inEffect = new Uint8Array(capacity);
  }

  add(index: number, traits: number, hash: number, shape: number): void {
    if (index >= this.traits.length) this.grow();
    this.traits[index] = traits;
    this.keyHash[index] = hash;
    this.keyShape[index] = shape;
  }

  private grow(): void {
    const n = this.traits.length * 2;
    this.traits = grown(this.traits, new Uint8Array(n));
    this.keyHash = grown(this.keyHash, new Int32Array(n));
    this.keyShape = grown(this.keyShape, new Int32Array(n));
    this.inEffect = grown(this.inEffect, new Uint8Array(n));
  }

  view(count: number): EntryColumns {
    return {
      traits: this.traits.subarray(0, count),
      keyHash: this.keyHash.subarray(0, count),
      keyShape: this.keyShape.subarray(0, count),
      inEffect: this.inEffect.subarray(0, count),
    };
  }
}

/**
 * The entry in effect for each key (the last one). A Map keyed by the key strings costs more than
 * the whole parse (V8 hashes every sliced key), so this is an open-addressing table over the
 * hashes computed while the keys were scanned. The hashes and the in-effect flags are columns by
 * entry index, so probing and growing never read the entry objects.
 */
class EffectiveIndex implements ReadonlyMap<string, PropertyEntry> {
  /**
   * Slot -> entry index + 1 (0 = empty). An Int32Array: a plain array of 32k slots lands in V8's
   * large-object space and costs 1.5 ms to allocate and fill; the typed array costs 0.1–0.3 ms.
   */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `expected`: a guess at the number of entries, so a large file's table is not rebuilt as it fills. */
  constructor(
    private readonly all: Entry[],
    private readonly columns: ColumnsBuilder,
    expected: number,
  ) {
    let size = 1024;
    while (size < expected * 2 && size < 1 << 24) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** After columns.add for the entry. */
  put(e: Entry): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const idx = e.index;
    const h = e.keyHash;
    const hashes = this.columns.keyHash;
    const inEffect = this.columns.inEffect;
    inEffect[idx] = 1;
    let i = h & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s === 0) {
        this.slots[i] = idx + 1;
        this.count++;
        return;
      }
      if (hashes[s - 1] === h && this.all[s - 1]!.sameKey(e)) {
        this.slots[i] = idx + 1;
        inEffect[s - 1] = 0;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const s of old) {
      if (s === 0) continue;
      let i = this.columns.keyHash[s - 1]! & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = s;
    }
  }

  get(key: string): PropertyEntry | undefined {
    const h = keyHash(key);
    let i = h & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s === 0) return undefined;
      if (this.columns.keyHash[s - 1] === h) {
        const o = this.all[s - 1]!;
        if (o.key === key) return o;
      }
      i = (i + 1) & this.mask;
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.count;
  }

  /** In file order of the entries in effect. */
  *values(): MapIterator<PropertyEntry> {
    const inEffect = this.columns.inEffect;
    for (let i = 0; i < this.all.length; i++) if (inEffect[i] === 1) yield this.all[i]!;
  }

  *keys(): MapIterator<string> {
    for (const e of this.values()) yield e.key;
  }

  *entries(): MapIterator<[string, PropertyEntry]> {
    for (const e of this.values()) yield [e.key, e];
  }

  [Symbol.iterator](): MapIterator<[string, PropertyEntry]> {
    return this.entries();
  }

  forEach(fn: (value: PropertyEntry, key: string, map: ReadonlyMap<string, PropertyEntry>) => void): void {
    for (const e of this.values()) fn(e, e.key, this);
  }
}

/** The document offset of a logical line's character (its end for positions past the last one). */
function docOffsetIn(line: LogicalLine, limit: number, logical: number): number {
  if (logical >= limit) return line.end;
  return line.offsets === null ? line.start + logical : (line.offsets[logical] ?? line.end);
}

/** A line without backslashes, read straight from the text (JDK load0 with nothing to unescape). */
function simpleEntry(
  t: string,
  start: number,
  end: number,
  index: number,
  line: number,
  marks: Marks,
  columns: ColumnsBuilder,
): Entry {
  // load0: the key ends at the first '=', ':' or blank.
  let k = start;
  let h = 0;
  let c = 0;
  while (k < end) {
    c = t.charCodeAt(k);
    if (c === 0x3d || c === 0x3a || c === 0x20 || c === 0x09 || c === 0x0c) break;
    h = (Math.imul(h, 31) + c) | 0;
    k++;
  }
  let sep = -1;
  let v = k;
  if (k < end) {
    if (c === 0x3d || c === 0x3a) sep = k;
    v = k + 1;
    while (v < end) {
      const d = t.charCodeAt(v);
      if (d === 0x20 || d === 0x09 || d === 0x0c) v++;
      else if (sep < 0 && (d === 0x3d || d === 0x3a)) {
        sep = v;
        v++;
      } else break;
    }
  }
  // Spark's trimExceptCRLF: this line holds no \r or \n, so trim every char <= ' '.
  let a = v;
  let b = end;
  while (a < b && t.charCodeAt(a) <= 0x20) a++;
  while (b > a && t.charCodeAt(b - 1) <= 0x20) b--;
  const vs = a === b ? (v < end ? v : end) : a;
  let traits = k - start >= 6 && isSparkPrefix(t, start) ? 0 : TRAIT_NON_SPARK;
  if (a === b) traits |= TRAIT_EMPTY;
  else {
    if (marks.hashOrBangIn(a + 1, b)) traits |= TRAIT_HASH_OR_BANG;
    if (isQuote(t.charCodeAt(a)) || isQuote(t.charCodeAt(b - 1))) traits |= TRAIT_QUOTED;
  }
  const hash = mixHash(h);
  // keyShape without cutting the key from the text.
  columns.add(index, traits, hash, (k - start) * 128 + ((k - start > 6 ? t.charCodeAt(start + 6) : NaN) | 0x20));
  return new Entry(
    t,
    undefined,
    undefined,
    a === b ? '' : undefined,
    start,
    k,
    v,
    vs,
    a === b ? vs : b,
    end,
    sep,
    null,
    index,
    line,
    hash,
    traits,
  );
}

/** `t.startsWith('spark.', at)`, without the builtin call (once per line of a large file). */
function isSparkPrefix(t: string, at: number): boolean {
  return (
    t.charCodeAt(at) === 0x73 &&
    t.charCodeAt(at + 1) === 0x70 &&
    t.charCodeAt(at + 2) === 0x61 &&
    t.charCodeAt(at + 3) === 0x72 &&
    t.charCodeAt(at + 4) === 0x6b &&
    t.charCodeAt(at + 5) === 0x2e
  );
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

/** The next '#' and '!' at or after a position, found by the native indexOf and kept while the scan moves on. */
class Marks {
  private nextHash = -1;
  private nextBang = -1;

  constructor(private readonly text: string) {}

  hashOrBangIn(from: number, to: number): boolean {
    if (this.nextHash < from) {
      const i = this.text.indexOf('#', from);
      this.nextHash = i < 0 ? this.text.length : i;
    }
    if (this.nextBang < from) {
      const i = this.text.indexOf('!', from);
      this.nextBang = i < 0 ? this.text.length : i;
    }
    return this.nextHash < to || this.nextBang < to;
  }
}

function traitsOf(key: string, value: string, hasEscapes: boolean): number {
  let traits = key.startsWith('spark.') ? 0 : TRAIT_NON_SPARK;
  if (hasEscapes) traits |= TRAIT_ESCAPES;
  let blank = true;
  for (let i = 0; i < value.length && blank; i++) blank = value.charCodeAt(i) <= 0x20;
  if (blank) traits |= TRAIT_EMPTY;
  else {
    if (value.indexOf('#', 1) > 0 || value.indexOf('!', 1) > 0) traits |= TRAIT_HASH_OR_BANG;
    if (isQuote(value.charCodeAt(0)) || isQuote(value.charCodeAt(value.length - 1))) traits |= TRAIT_QUOTED;
  }
  return traits;
}

/**
 * Properties.load(Reader) over the whole text (JDK 17 load0): LineReader hands out logical lines,
 * each becomes an entry, and the last entry of a key is the one in effect (Properties is a
 * Hashtable). A malformed \uXXXX escape makes the JDK throw: the first one is `loadError`.
 */
export function parseProperties(text: string): PropertiesDocument {
  const reader = new LineReader(text);
  const entries: Entry[] = [];
  // About one entry per 32 characters in real files; the columns and the table grow if there are more.
  const expected = text.length >> 5;
  const columns = new ColumnsBuilder(Math.max(64, expected));
  const effective = new EffectiveIndex(entries, columns, expected);
  const marks = new Marks(text);
  let loadError: { message: string; span: Span } | undefined;

  for (let line = reader.readLine(); line !== undefined; line = reader.readLine()) {
    let e: Entry;
    if (line === SIMPLE)
      e = simpleEntry(text, reader.start, reader.end, entries.length, reader.startLine, marks, columns);
    else {
      const read = escapedEntry(text, line, entries.length, reader.startLine);
      e = read.entry;
      columns.add(e.index, e.traits, e.keyHash, keyShape(e.key));
      if (read.malformed !== undefined) loadError ??= { message: 'Malformed \\uxxxx encoding.', span: read.malformed };
    }
    entries.push(e);
    effective.put(e);
  }

  return {
    kind: 'spark-defaults',
    text,
    entries,
    columns: columns.view(entries.length),
    comments: reader.comments,
    effective,
    ...(loadError !== undefined ? { loadError } : {}),
    hasBom: text.charCodeAt(0) === 0xfeff,
  };
}

/** The document offset just past a logical line's characters [0, logicalEnd). */
function docEndIn(line: LogicalLine, limit: number, logicalEnd: number): number {
  return logicalEnd <= 0 ? docOffsetIn(line, limit, 0) : docOffsetIn(line, limit, logicalEnd - 1) + 1;
}

/** Where load0 cuts a logical line: the key's length, where the value starts, and the separator's index (-1: none). */
interface KeyValueSplit {
  readonly keyLen: number;
  readonly valueStart: number;
  readonly sepAt: number;
}

/**
 * load0's split: the key ends at the first '=', ':' or blank not escaped by a backslash; then
 * blanks are skipped, and one '=' or ':' among them when the key did not end at one.
 */
function splitKeyValue(chars: string): KeyValueSplit {
  const limit = chars.length;
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
  return { keyLen, valueStart, sepAt };
}

/**
 * A logical line with escapes or continuations (load0, then loadConvert on the key and on the
 * value): its entry, and the characters of a malformed \uXXXX escape when it has one.
 */
function escapedEntry(
  text: string,
  line: LogicalLine,
  index: number,
  startLine: number,
): { entry: Entry; malformed?: Span } {
  const chars = line.chars;
  const limit = chars.length;
  const { keyLen, valueStart, sepAt } = splitKeyValue(chars);
  const key = loadConvert(chars, 0, keyLen);
  const val = loadConvert(chars, valueStart, limit);
  const trimmed = trimExceptCRLF(val.text);
  const value = val.text.slice(trimmed.start, trimmed.end);
  const { vs, ve } = valueSpanIn(line, valueStart, val, trimmed, value.length === 0);
  const hasEscapes = key.from !== null || val.from !== null;
  const entry = new Entry(
    text,
    key.text,
    val.text,
    value,
    line.start,
    keyLen === 0 ? line.start : docEndIn(line, limit, keyLen),
    -1,
    vs,
    ve,
    line.end,
    sepAt >= 0 ? docOffsetIn(line, limit, sepAt) : -1,
    line.physicalLineStarts,
    index,
    startLine,
    keyHash(key.text),
    traitsOf(key.text, value, hasEscapes),
  );
  const malformed = key.malformedAt ?? val.malformedAt;
  if (malformed === undefined) return { entry };
  // The escape's six characters, or as many as the line has.
  const end = Math.min(docEndIn(line, limit, Math.min(malformed + 6, limit)), line.end);
  return { entry, malformed: { start: docOffsetIn(line, limit, malformed), end } };
}

/**
 * The document characters of the value Spark uses (loadConvert's output trimmed by
 * trimExceptCRLF), mapped back through the escapes; an empty value sits where it would begin.
 */
function valueSpanIn(
  line: LogicalLine,
  valueStart: number,
  val: Converted,
  trimmed: { start: number; end: number },
  empty: boolean,
): { vs: number; ve: number } {
  const limit = line.chars.length;
  if (empty) {
    const vs = valueStart < limit ? docOffsetIn(line, limit, valueStart) : line.end;
    return { vs, ve: vs };
  }
  if (val.from === null || val.to === null)
    return {
      vs: docOffsetIn(line, limit, valueStart + trimmed.start),
      ve: docEndIn(line, limit, valueStart + trimmed.end),
    };
  return {
    vs: docOffsetIn(line, limit, val.from[trimmed.start] ?? valueStart),
    ve: docEndIn(line, limit, val.to[trimmed.end - 1] ?? limit),
  };
}

/** The keys Spark keeps: those starting with "spark." (Utils.loadDefaultSparkProperties, SparkSubmitArguments.ignoreNonSparkProperties). */
export function isSparkKey(key: string): boolean {
  return key.startsWith('spark.');
}
