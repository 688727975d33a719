// Shared reading of SnappyData member files for the SNAPPY-* rules: the document and its layouts,
// exact sub-spans of arguments, edits that remove or join arguments, and the lead line a server's
// executor takes its Spark properties from. No defaults or formulas here: those live in the
// catalog (catalog/snappyKeys.ts) and the layout (layout/snappyLayout.ts).
import type { MemberArg, MemberLine, MembersDocument } from '../../parse/members';
import type { SnappyMemberLayout } from '../../layout/snappyLayout';
import type { StartupError } from '../../layout/startupError';
import type { Span } from '../../text/lineIndex';
import type { TextEdit } from '../../edit/textEdit';
import type { RelatedLocation, RuleContext } from '../types';
import { eolOf } from '../../text/lines';

export function membersOf(ctx: RuleContext): MembersDocument | undefined {
  return ctx.doc.kind === 'snappy-members' ? ctx.doc : undefined;
}

/** The layout of every member line, index-aligned with doc.members (empty for an empty file). */
export function layoutsOf(ctx: RuleContext): readonly SnappyMemberLayout[] {
  const doc = membersOf(ctx);
  if (doc === undefined || doc.members.length === 0) return [];
  const l = ctx.layout();
  return l.kind === 'snappydata' ? l.members : [];
}

/** True when the document characters of `span` are exactly `text` (no quotes or escapes inside). */
export function isVerbatim(ctx: RuleContext, span: Span, text: string): boolean {
  return ctx.text.slice(span.start, span.end) === text;
}

/**
 * The span of characters [from, to) of an argument's text, when the argument is written verbatim;
 * otherwise the whole argument (quotes or backslashes make the mapping indirect).
 */
export function argSubSpan(ctx: RuleContext, arg: MemberArg, from: number, to: number): Span {
  if (!isVerbatim(ctx, arg.span, arg.text)) return arg.span;
  return { start: arg.span.start + from, end: arg.span.start + Math.min(to, arg.text.length) };
}

/** Replaces a whole argument with `text` (which must need no quoting). */
export function replaceArg(arg: MemberArg, text: string): TextEdit {
  return { span: arg.span, newText: text };
}

/** Removes an argument and the blanks before it (or after it, for the first argument). */
export function removeArg(ctx: RuleContext, arg: MemberArg): TextEdit {
  let start = arg.span.start;
  while (start > 0 && (ctx.text.charAt(start - 1) === ' ' || ctx.text.charAt(start - 1) === '\t')) start--;
  let end = arg.span.end;
  // The last argument of a CRLF line holds the line's `\r` (bash keeps it in the word): it stays, as the line's end.
  if (end > arg.span.start && ctx.text.charAt(end - 1) === '\r') end--;
  if (start === arg.span.start) {
    while (end < ctx.text.length && (ctx.text.charAt(end) === ' ' || ctx.text.charAt(end) === '\t')) end++;
  }
  return { span: { start, end }, newText: '' };
}

/** True when only blanks (and backslash-newline continuations) separate the two offsets. */
export function onlyBlanksBetween(ctx: RuleContext, from: number, to: number): boolean {
  if (from > to) return false;
  return /^(?:[ \t]|\\\r?\n)*$/.test(ctx.text.slice(from, to));
}

/** The first shell operator on the line: words after it are another command, not launcher arguments. */
export function shellBreakOffset(m: MemberLine): number {
  let at = Number.POSITIVE_INFINITY;
  for (const h of m.shellHazards) if (h.kind === 'operator' && h.span.start < at) at = h.span.start;
  return at;
}

/** The arguments QuickLauncher actually receives from this line (up to the first shell operator). */
export function launcherArgs(m: MemberLine): readonly MemberArg[] {
  const cut = shellBreakOffset(m);
  return m.args.filter((a) => a.span.start < cut);
}

/** The value span of a `-key=value` option, or the argument when the value is empty. */
export function valueSpanOf(arg: MemberArg): Span {
  return arg.valueSpan !== undefined && arg.valueSpan.end > arg.valueSpan.start ? arg.valueSpan : arg.span;
}

export function lineNumber(ctx: RuleContext, offset: number): number {
  return ctx.lines.positionAt(offset).line + 1;
}

/** `-J-Xmx8g` / `-J-Xms8g`: the JVM heap flag and where its value sits. */
export function jvmHeapFlag(
  ctx: RuleContext,
  arg: MemberArg,
): { flag: '-Xmx' | '-Xms'; value: string; valueSpan: Span } | undefined {
  if (arg.kind !== 'jvm' || arg.key === undefined) return undefined;
  const flag = arg.key.startsWith('-Xmx') ? '-Xmx' : arg.key.startsWith('-Xms') ? '-Xms' : undefined;
  if (flag === undefined) return undefined;
  return { flag, value: arg.key.slice(4), valueSpan: argSubSpan(ctx, arg, 6, arg.text.length) };
}

/** The lead line a server's executor takes its Spark properties from (the first line of conf/leads), and its option. */
export function leadOption(ctx: RuleContext, key: string): { lead: MemberLine; arg: MemberArg } | undefined {
  const lead = ctx.leads?.members[0];
  const arg = lead?.options.get(key);
  return lead !== undefined && arg !== undefined ? { lead, arg } : undefined;
}

/** A related location in the leads file (a span of ctx.leads). */
export function inLeads(ctx: RuleContext, span: Span, message: string): RelatedLocation {
  return { span, message, ...(ctx.leadsUri !== undefined ? { uri: ctx.leadsUri } : {}) };
}

/** A startup error's span when it lies in this member line (the layout also reports lead spans for servers). */
export function spanInLine(m: MemberLine, e: StartupError): Span | undefined {
  const s = e.span;
  if (s === undefined || e.spanIn === 'leads') return undefined;
  return s.start >= m.lineSpan.start && s.end <= m.lineSpan.end ? s : undefined;
}

/** The lead argument a startup error of a server points at, when its span is one of the first lead line's values. */
export function leadArgOf(ctx: RuleContext, e: StartupError): MemberArg | undefined {
  const s = e.span;
  const lead = ctx.leads?.members[0];
  if (s === undefined || lead === undefined || e.spanIn !== 'leads') return undefined;
  return lead.args.find(
    (a) =>
      (a.valueSpan !== undefined && a.valueSpan.start === s.start && a.valueSpan.end === s.end) ||
      (a.span.start === s.start && a.span.end === s.end),
  );
}

/** Bytes as people read them in messages: "4 GB", "204.8 MB" (binary units, as SnappyData's docs write them). */
export function humanBytes(bytes: number): string {
  const units: ReadonlyArray<[string, number]> = [
    ['TB', 2 ** 40],
    ['GB', 2 ** 30],
    ['MB', 2 ** 20],
    ['KB', 2 ** 10],
  ];
  for (const [u, m] of units) {
    if (Math.abs(bytes) >= m) return `${Number((bytes / m).toFixed(2))} ${u}`;
  }
  return `${bytes} bytes`;
}

/** Java's Float/Double toString for the numbers SnappyData prints (95.0, 85.5). */
export function percentText(v: number): string {
  const r = Number(v.toPrecision(7));
  return Number.isInteger(r) ? `${r}.0` : String(r);
}

/** Text for a message: control characters made visible. */
export function shown(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/** 1-based line number of an offset in the leads file. */
export function leadsLineNumber(ctx: RuleContext, offset: number): number {
  const text = ctx.leads?.text ?? '';
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * The line break that ends a line added to a member file: the file's own, but `\n` in a CR-only
 * file, since bash `read` ends lines at `\n` only (config-formats.md B.1) and a line ended by `\r`
 * would join the member line after it (a comment line would swallow it).
 */
export function memberLineEnd(text: string): string {
  const eol = eolOf(text);
  return eol === '\r' ? '\n' : eol;
}
