// The streamed reader: front ends (CLI, extension) feed it a file's bytes chunk by chunk; it undoes
// the codec framing, splits lines and hands each event to the extractor. Nothing but the current
// line is held: a 1 GB log is read in the memory of its largest line, and a line longer than
// maxLineChars is skipped (reported with its line number and size) instead of being held. Problems
// are reported as file:line: message and never stop the reading of the lines that follow.
import { ByteDecoder, CodecError, byteDecoder } from './codecs';
import { FactsBuilder, isKnownIgnored } from './extract';
import type { Json } from './json';
import { type Codec, parseLogFileName } from './names';
import type { EventLogFacts } from './types';

/** Longest line held, in UTF-16 units (a 16 MiB line of JSON is far beyond any event but a huge SQL plan). */
export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;

interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type TextDecoderCtor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;
// TextDecoder is in every runtime the core runs in (Node, the webview, web workers) but not in the
// ES library the core compiles against (no DOM, no Node types there).
const TextDecoderImpl = (globalThis as unknown as { TextDecoder: TextDecoderCtor }).TextDecoder;

/** Events skipped without JSON.parse when a line starts with their prefix (the bulk of a log, unused). */
const SKIP_PREFIXES = ['{"Event":"SparkListenerTaskStart",', '{"Event":"SparkListenerExecutorMetricsUpdate",'];

export interface ReaderOptions {
  readonly maxLineChars?: number;
}

export class EventLogReader {
  private readonly b = new FactsBuilder();
  private readonly maxLineChars: number;
  private decoder: ByteDecoder = byteDecoder(undefined);
  private text: TextDecoderLike = new TextDecoderImpl('utf-8');
  private carry = '';
  /** Characters of an over-long line being skipped (-1: not skipping). */
  private skipping = -1;
  private skipHead = '';
  private line = 0;
  private fileOpen = false;
  private fileFailed = false;
  private markedInProgress = false;

  constructor(opts: ReaderOptions = {}) {
    this.maxLineChars = opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  }

  /** Starts a file; the codec comes from its name unless given. */
  beginFile(name: string, codec?: Codec | null): void {
    if (this.fileOpen) this.endFile();
    const parsed = parseLogFileName(name);
    const c = codec === null ? undefined : (codec ?? parsed.codec);
    if (parsed.inProgress) this.markedInProgress = true;
    this.decoder = byteDecoder(c);
    this.text = new TextDecoderImpl('utf-8');
    this.carry = '';
    this.skipping = -1;
    this.line = 0;
    this.fileOpen = true;
    this.fileFailed = false;
    this.b.file = name;
    this.b.facts.files.push(name);
  }

  /** Marks the log as still being written (a rolling log whose appstatus file ends in .inprogress). */
  markInProgress(): void {
    this.markedInProgress = true;
  }

  push(chunk: Uint8Array): void {
    if (!this.fileOpen) this.beginFile('(input)');
    if (this.fileFailed) return;
    this.b.facts.bytes += chunk.length;
    let parts: Uint8Array[];
    try {
      parts = this.decoder.push(chunk);
    } catch (e) {
      this.codecFailure(e);
      return;
    }
    for (const p of parts) this.text_(this.text.decode(p, { stream: true }));
  }

  /** Ends the current file: a last line without its newline is read if it is whole JSON, else reported as cut short. */
  endFile(): void {
    if (!this.fileOpen) return;
    this.fileOpen = false;
    if (!this.fileFailed) {
      const { rest, error } = this.decoder.end();
      for (const p of rest) this.text_(this.text.decode(p, { stream: true }));
      this.text_(this.text.decode());
      if (error !== undefined) this.b.problem(this.line + 1, `${error}: the events before it are kept`, 'warning');
    }
    if (this.skipping >= 0) this.endSkip();
    else if (this.carry.trim() !== '') {
      this.line++;
      this.b.facts.lines++;
      const text = this.carry;
      this.carry = '';
      let e: unknown;
      try {
        e = JSON.parse(text);
      } catch {
        this.b.problem(
          this.line,
          `the last line is cut short (${text.length} characters, no newline: the log was still being written?): ignored`,
          'warning',
        );
        this.markedInProgress = true;
        return;
      }
      this.event(e, text);
    }
    this.carry = '';
  }

  /** The facts so far (call after the last endFile). */
  result(): EventLogFacts {
    if (this.fileOpen) this.endFile();
    return this.b.finish(this.markedInProgress);
  }

  private codecFailure(e: unknown): void {
    this.fileFailed = true;
    const msg = e instanceof CodecError || e instanceof Error ? e.message : String(e);
    this.b.problem(this.line + 1, `cannot decompress: ${msg}: the events before it are kept`, 'error');
  }

  private text_(s: string): void {
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      if (this.skipping >= 0) {
        this.skipping += nl - start;
        this.endSkip();
      } else {
        const text = this.carry === '' ? s.slice(start, nl) : this.carry + s.slice(start, nl);
        this.carry = '';
        this.lineOf(text);
      }
      start = nl + 1;
    }
    if (start >= s.length) return;
    const rest = s.length - start;
    if (this.skipping >= 0) this.skipping += rest;
    else if (this.carry.length + rest > this.maxLineChars) {
      this.skipHead = (this.carry + s.slice(start, start + 120)).slice(0, 120);
      this.skipping = this.carry.length + rest;
      this.carry = '';
    } else this.carry = this.carry === '' ? s.slice(start) : this.carry + s.slice(start);
  }

  private endSkip(): void {
    this.line++;
    this.b.facts.lines++;
    const event = /"Event":"([^"]+)"/.exec(this.skipHead)?.[1];
    const mib = (this.skipping / (1024 * 1024)).toFixed(1);
    this.b.problem(
      this.line,
      `a line of ${mib} Mi characters${event !== undefined ? ` (${event})` : ''}, longer than the ${this.maxLineChars / (1024 * 1024)} Mi this reader holds: skipped`,
      'warning',
    );
    if (event !== undefined) this.b.facts.eventCounts[event] = (this.b.facts.eventCounts[event] ?? 0) + 1;
    this.skipping = -1;
    this.skipHead = '';
  }

  private lineOf(raw: string): void {
    this.line++;
    this.b.facts.lines++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    for (const p of SKIP_PREFIXES) {
      if (text.startsWith(p) && text.endsWith('}')) {
        const event = p.slice(10, -2);
        this.b.facts.eventCounts[event] = (this.b.facts.eventCounts[event] ?? 0) + 1;
        return;
      }
    }
    let e: unknown;
    try {
      e = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.b.problem(
        this.line,
        `not JSON (${why}): skipped: ${text.slice(0, 60)}${text.length > 60 ? '…' : ''}`,
        'warning',
      );
      return;
    }
    this.event(e, text);
  }

  private event(e: unknown, text: string): void {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) {
      this.b.problem(this.line, `not an event object: skipped: ${text.slice(0, 60)}`, 'warning');
      return;
    }
    try {
      this.b.handle(e as Json, this.line);
    } catch (err) {
      // The handlers read defensively; this is a last guard so one odd event never ends the read.
      this.b.problem(
        this.line,
        `cannot read this event (${err instanceof Error ? err.message : String(err)}): skipped`,
        'warning',
      );
    }
  }
}

export { isKnownIgnored };

/** Reads a whole log given as byte chunks per file (tests, the webview); front ends with files stream instead. */
export function readEventLog(
  files: readonly { name: string; chunks: Iterable<Uint8Array> }[],
  opts?: ReaderOptions,
): EventLogFacts {
  const r = new EventLogReader(opts);
  for (const f of files) {
    r.beginFile(f.name);
    for (const c of f.chunks) r.push(c);
    r.endFile();
  }
  return r.result();
}
