// SnappyData `conf/servers`, `conf/leads`, `conf/locators`, read the way cluster/sbin/snappy-nodes.sh
// (v1.3.1) reads them and QuickLauncher.getStartOptions then sees each argument
// (config-formats.md B.1-B.3):
// - `while read slave || [[ -n "$slave" ]]` without -r: a line ending in `\` joins the next one,
//   other backslashes are dropped (the next char is kept), unescaped blanks at both ends are
//   stripped, the last line counts without a newline, and a `\r` (CRLF files) stays in the line;
// - `echo $slave | grep ^[^#]` skips blank lines and lines whose first word starts with `#`;
// - host = first space-separated field (tabs do not separate), args = the rest;
// - the args reach the launcher through `eval`/ssh, so shell word rules apply (shellWords.ts);
// - every argument must start with `-` or the launcher stops with "Unexpected command-line option".
import type { MemberRole } from '../document/kind';
import type { Span } from '../text/lineIndex';
import { ShellHazard, ShellWord, splitShellWords } from './shellWords';

export type MemberArgKind =
  'dir' | 'classpath' | 'heap-size' | 'jvm' | 'system-property' | 'password' | 'sync' | 'option' | 'unexpected';

export interface MemberArg {
  readonly kind: MemberArgKind;
  /** The argv word. */
  readonly text: string;
  readonly span: Span;
  /** For `-key[=value]` options: the text between '-' and the first '='. For -J args: the JVM arg. */
  readonly key?: string;
  readonly keySpan?: Span;
  /** The text after the first '=' (for `-heap-size=`, `-dir=` and options). */
  readonly value?: string;
  readonly valueSpan?: Span;
}

export interface MemberLine {
  /** 0-based position among the file's members. */
  readonly index: number;
  readonly role: MemberRole;
  readonly host: string;
  readonly hostSpan: Span;
  /** The whole member line in the document, continuation lines included (terminator excluded). */
  readonly lineSpan: Span;
  readonly physicalLineStarts: readonly number[];
  /** Every argument the launcher receives from this line, in order. */
  readonly args: readonly MemberArg[];
  /** The host field holds a TAB: snappy-nodes.sh splits on spaces only, so the arguments became part of the host name. */
  readonly tabInHost?: Span;
  /** The line ends with `\r` (CRLF file): it stays in the last argument or host. */
  readonly carriageReturn?: Span;
  readonly shellHazards: readonly ShellHazard[];
  /** Text dropped by a shell comment (`#` starting a word), when there is one. */
  readonly shellComment?: Span;
  /** The first argument QuickLauncher rejects, with its exact message. */
  readonly launchError?: { readonly message: string; readonly span: Span };
  /** `-key[=value]` options as QuickLauncher stores them (LinkedHashMap: the last one wins). */
  readonly options: ReadonlyMap<string, MemberArg>;
}

export interface MembersDocument {
  readonly kind: 'snappy-members';
  readonly role: MemberRole;
  readonly text: string;
  readonly members: readonly MemberLine[];
  readonly comments: readonly Span[];
  /** No member lines: the scripts start one member on localhost. */
  readonly implicitLocalhost: boolean;
}

interface ReadLine {
  readonly chars: string;
  readonly offs: number[];
  readonly start: number;
  readonly end: number;
  readonly physicalLineStarts: number[];
}

/**
 * bash `read` without -r, one call (bash 5 read.def). Returns undefined at end of input with
 * nothing read. Escaped characters are literal; unescaped blanks are stripped at the start; at
 * the end bash strips blanks, escaped ones too, unless the whole line is one word (then only the
 * unescaped blanks after it go); a backslash at end of input stops the trailing strip and
 * disappears, except on an otherwise empty line, where bash leaves its internal CTLESC (\x01).
 */
function bashRead(text: string, from: number): { line: ReadLine; next: number } | undefined {
  const n = text.length;
  if (from >= n) return undefined;
  const chars: string[] = [];
  const offs: number[] = [];
  const escaped: boolean[] = [];
  const physicalLineStarts = [from];
  let pos = from;
  let end = from;
  let eofBackslash = false;
  while (pos < n) {
    const c = text.charAt(pos);
    if (c === '\\') {
      if (pos + 1 >= n) {
        eofBackslash = true;
        pos++;
        break;
      }
      const d = text.charAt(pos + 1);
      if (d === '\n') {
        pos += 2;
        physicalLineStarts.push(pos);
        continue;
      }
      chars.push(d);
      offs.push(pos + 1);
      escaped.push(true);
      pos += 2;
      end = pos;
      continue;
    }
    if (c === '\n') {
      pos++;
      break;
    }
    if (c !== '\0') {
      // bash drops NUL bytes from what it reads.
      chars.push(c);
      offs.push(pos);
      escaped.push(false);
    }
    pos++;
    end = pos;
  }
  const blank = (i: number): boolean => chars[i] === ' ' || chars[i] === '\t';
  let a = 0;
  let b = chars.length;
  while (a < b && !escaped[a] && blank(a)) a++;
  if (eofBackslash) {
    if (a === b) {
      return { line: { chars: '\u0001', offs: [n - 1], start: from, end: n, physicalLineStarts }, next: pos };
    }
  } else {
    let firstGap = a;
    while (firstGap < b && !(blank(firstGap) && !escaped[firstGap])) firstGap++;
    let k = firstGap;
    while (k < b && blank(k) && !escaped[k]) k++;
    if (k === b) b = firstGap;
    else while (b > a && blank(b - 1)) b--;
  }
  return {
    line: { chars: chars.slice(a, b).join(''), offs: offs.slice(a, b), start: from, end, physicalLineStarts },
    next: pos,
  };
}

/** The `echo $slave | grep ^[^#]` test: false for blank lines and lines whose first word starts with '#'. */
function isMemberLine(chars: string): boolean {
  const words = chars.split(/[ \t]+/).filter((w) => w.length > 0);
  // bash's echo takes leading -n/-e/-E words as options and prints nothing for them.
  let k = 0;
  while (k < words.length && /^-[neE]+$/.test(words[k] ?? '')) k++;
  const first = words[k];
  return first !== undefined && !first.startsWith('#');
}

function launcherArg(word: ShellWord, doc: string): MemberArg {
  const text = word.text;
  const offs = word.offsets;
  const at = (i: number): number | undefined =>
    offs === undefined
      ? i < text.length && word.span.start + i < doc.length
        ? word.span.start + i
        : undefined
      : offs[i];
  const spanOf = (from: number, to: number): Span =>
    from >= to
      ? { start: at(from) ?? word.span.end, end: at(from) ?? word.span.end }
      : {
          start: Math.min(at(from) ?? word.span.start, word.span.end),
          end: Math.min((at(to - 1) ?? word.span.end - 1) + 1, word.span.end),
        };
  const withValue = (kind: MemberArgKind, prefixLength: number): MemberArg => ({
    kind,
    text,
    span: word.span,
    key: text.slice(1, prefixLength - 1),
    keySpan: spanOf(1, prefixLength - 1),
    value: text.slice(prefixLength),
    valueSpan: spanOf(prefixLength, text.length),
  });
  // QuickLauncher.getStartOptions, in its order of tests.
  if (text.startsWith('-dir=')) return withValue('dir', 5);
  if (text.startsWith('-classpath=')) return withValue('classpath', 11);
  if (text.startsWith('-heap-size=')) return withValue('heap-size', 11);
  if (text.startsWith('-J'))
    return { kind: 'jvm', text, span: word.span, key: text.slice(2), keySpan: spanOf(2, text.length) };
  if (text.startsWith('-D') || text.startsWith('-XX:'))
    return { kind: 'system-property', text, span: word.span, key: text, keySpan: word.span };
  if (text.startsWith('-password')) return { kind: 'password', text, span: word.span };
  if (text.startsWith('-sync=')) return withValue('sync', 6);
  if (text.length > 0 && text.charAt(0) === '-') {
    const eq = text.indexOf('=');
    if (eq < 0) return { kind: 'option', text, span: word.span, key: text.slice(1), keySpan: spanOf(1, text.length) };
    return withValue('option', eq + 1);
  }
  return { kind: 'unexpected', text, span: word.span };
}

function launchErrorOf(arg: MemberArg): string | undefined {
  if (arg.kind === 'unexpected') return `Unexpected command-line option: ${arg.text}`;
  if (arg.kind === 'password' && arg.text.length > 9 && arg.text.charAt(9) !== '=') {
    return `Unexpected option (should be -password or -password=): ${arg.text}`;
  }
  if (arg.kind === 'sync' && !/^(true|false)$/i.test(arg.value ?? '')) {
    // LauncherBase.processWaitForSync with LAUNCHER_EXPECTED_BOOLEAN
    return `Expected true or false for "sync=<value>" but was "${arg.value ?? ''}"`;
  }
  return undefined;
}

/** Characters that need the shell's full rules (quotes, escapes, expansions, operators, globs, comments). */
const SHELL_SPECIAL = /['"\\$`;&|<>()*?[#\0]/;

/** The next occurrence of a character at or after a position, kept while the reader moves on. */
class NextIndex {
  private at = -1;
  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {}
  from(pos: number): number {
    if (this.at < pos) {
      const i = this.text.indexOf(this.ch, pos);
      this.at = i < 0 ? this.text.length : i;
    }
    return this.at;
  }
}

/** What a member line's arguments add up to: the first one the launcher rejects, and the last value of each option. */
class ArgTally {
  readonly options = new Map<string, MemberArg>();
  launchError: { message: string; span: Span } | undefined;

  add(arg: MemberArg): void {
    if (this.launchError === undefined) {
      const message = launchErrorOf(arg);
      if (message !== undefined) this.launchError = { message, span: arg.span };
    }
    if (arg.kind === 'option' && arg.key !== undefined) {
      // The last occurrence wins and sits last in iteration order.
      this.options.delete(arg.key);
      this.options.set(arg.key, arg);
    }
  }
}

/**
 * A member line with nothing for the shell to interpret (no backslash, quote, expansion,
 * operator, glob or #): read it straight from the text. Returns undefined when the line needs the
 * full bash and shell rules, 'skip' for a blank line.
 */
function simpleMember(
  text: string,
  from: number,
  nl: number,
  index: number,
  role: MemberRole,
): MemberLine | 'skip' | undefined {
  let a = from;
  let b = nl;
  while (a < b && (text.charCodeAt(a) === 0x20 || text.charCodeAt(a) === 0x09)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 0x20 || text.charCodeAt(b - 1) === 0x09)) b--;
  if (a === b) return 'skip';
  const chars = text.slice(a, b);
  if (chars.charCodeAt(0) === 0x2d /* - */ || SHELL_SPECIAL.test(chars)) return undefined;
  const sp = chars.indexOf(' ');
  const hostEnd = sp < 0 ? chars.length : sp;
  const host = chars.slice(0, hostEnd);
  const tab = host.indexOf('\t');
  const args: MemberArg[] = [];
  const tally = new ArgTally();
  let i = sp < 0 ? chars.length : sp + 1;
  while (i < chars.length) {
    let c = chars.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      i++;
      continue;
    }
    const ws = i;
    while (i < chars.length && (c = chars.charCodeAt(i)) !== 0x20 && c !== 0x09) i++;
    const arg = launcherArg({ text: chars.slice(ws, i), span: { start: a + ws, end: a + i } }, text);
    args.push(arg);
    tally.add(arg);
  }
  const { options, launchError } = tally;
  const cr = chars.endsWith('\r') ? { start: b - 1, end: b } : undefined;
  return {
    index,
    role,
    host,
    hostSpan: { start: a, end: a + hostEnd },
    lineSpan: { start: a, end: nl },
    physicalLineStarts: [from],
    args,
    ...(tab >= 0 ? { tabInHost: { start: a + tab, end: a + tab + 1 } } : {}),
    ...(cr !== undefined ? { carriageReturn: cr } : {}),
    shellHazards: [],
    ...(launchError !== undefined ? { launchError } : {}),
    options,
  };
}

export function parseMembers(text: string, role: MemberRole): MembersDocument {
  const members: MemberLine[] = [];
  const comments: Span[] = [];
  const nextBackslash = new NextIndex(text, '\\');
  const nextNewline = new NextIndex(text, '\n');
  let pos = 0;
  for (;;) {
    if (pos >= text.length) break;
    const nl = nextNewline.from(pos);
    if (nextBackslash.from(pos) > nl) {
      const m = simpleMember(text, pos, nl, members.length, role);
      if (m === 'skip') {
        pos = nl + 1;
        continue;
      }
      if (m !== undefined) {
        members.push(m);
        pos = nl + 1;
        continue;
      }
    }
    const r = bashRead(text, pos);
    if (r === undefined) break;
    pos = r.next;
    const line = r.line;
    if (!isMemberLine(line.chars)) {
      const firstNonBlank = line.chars.search(/[^ \t]/);
      if (firstNonBlank >= 0) comments.push({ start: line.offs[firstNonBlank] ?? line.start, end: line.end });
      continue;
    }
    // `echo "$slave " | tr -s ' '`: a space is appended, then runs of spaces become one.
    const squeezed: string[] = [];
    const squeezedOffs: number[] = [];
    const withSpace = line.chars + ' ';
    for (let i = 0; i < withSpace.length; i++) {
      const c = withSpace.charAt(i);
      if (c === ' ' && squeezed[squeezed.length - 1] === ' ') continue;
      squeezed.push(c);
      squeezedOffs.push(i < line.offs.length ? (line.offs[i] ?? line.end) : line.end);
    }
    const chars = squeezed.join('');
    const offs = squeezedOffs;
    const sp = chars.indexOf(' ');
    const hostEnd = sp < 0 ? chars.length : sp;
    const host = chars.slice(0, hostEnd);
    const hostSpan: Span =
      hostEnd === 0
        ? { start: offs[0] ?? line.start, end: offs[0] ?? line.start }
        : { start: offs[0] ?? line.start, end: (offs[hostEnd - 1] ?? line.start) + 1 };
    const tab = host.indexOf('\t');
    const restChars = sp < 0 ? '' : chars.slice(sp + 1);
    const restOffs = sp < 0 ? [] : offs.slice(sp + 1);
    const split = splitShellWords(restChars, restOffs, text.length);
    const args = split.words.map((w) => launcherArg(w, text));
    const tally = new ArgTally();
    for (const a of args) tally.add(a);
    const { options, launchError } = tally;
    const crAt = line.chars.endsWith('\r') ? line.offs[line.chars.length - 1] : undefined;
    const cr = crAt !== undefined ? { start: crAt, end: crAt + 1 } : undefined;
    members.push({
      index: members.length,
      role,
      host,
      hostSpan,
      lineSpan: { start: line.offs[0] ?? line.start, end: line.end },
      physicalLineStarts: line.physicalLineStarts,
      args,
      ...(tab >= 0 ? { tabInHost: { start: offs[tab] ?? line.start, end: (offs[tab] ?? line.start) + 1 } } : {}),
      ...(cr !== undefined ? { carriageReturn: cr } : {}),
      shellHazards: split.hazards,
      ...(split.comment !== undefined ? { shellComment: split.comment } : {}),
      ...(launchError !== undefined ? { launchError } : {}),
      options,
    });
  }
  return { kind: 'snappy-members', role, text, members, comments, implicitLocalhost: members.length === 0 };
}
