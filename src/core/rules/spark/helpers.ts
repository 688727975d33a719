// Shared pieces of the Spark rules: the setting in effect for a key, the layout's start-up errors
// at a key, value hazards (empty, inline comment, quotes) that more specific rules own, the size
// classification every size rule agrees on, human units, and edits that keep comments and layout.
import { catalogEntries, type CatalogEntry } from '../../catalog';
import { derived, derivedKey } from '../../document/derived';
import { javaParseDouble, javaParseInt, javaParseLong, scalaToBoolean } from '../../config/javaParse';
import type { SparkLayout } from '../../layout/sparkLayout';
import type { StartupError } from '../../layout/startupError';
import { BYTE_SUFFIXES, byteFromString, byteSuffixesFor, formatBytes, javaTrim } from '../../size';
import type { Span } from '../../text/lineIndex';
import { eolOf, wholeLinesOf } from '../../text/lines';
import { WrittenSetting, writtenSettings } from '../settingsOf';
import type { TextEdit } from '../../edit/textEdit';
import type { QuickFix, RuleContext } from '../types';

export const MiB = 1024 * 1024;

/** The Spark layout of the document, or undefined for SnappyData member files. */
export function sparkLayoutOf(ctx: RuleContext): SparkLayout | undefined {
  const l = ctx.layout();
  return l.kind === 'spark' ? l.layout : undefined;
}

const KNOWN = derivedKey<readonly WrittenSetting[]>('knownSettings');

/** The written settings whose key is in the catalog (what nearly every Spark rule looks at), cached per document. */
export function knownSettings(ctx: RuleContext): readonly WrittenSetting[] {
  return derived(ctx.doc, KNOWN, () => {
    if (ctx.doc.kind === 'spark-defaults') {
      // The same settings writtenSettings gives, without building one object per unknown key.
      // Look the catalog's keys up in the document rather than every line up in the catalog.
      const found: Array<{ index: number; setting: WrittenSetting }> = [];
      if (ctx.doc.loadError === undefined) {
        for (const entry of catalogEntries('spark')) {
          const e = ctx.doc.effective.get(entry.key);
          if (e !== undefined)
            found.push({
              index: e.index,
              setting: { key: e.key, value: e.value, span: e.valueSpan, keySpan: e.keySpan, origin: 'file', entry },
            });
        }
      }
      return found.sort((a, b) => a.index - b.index).map((f) => f.setting);
    }
    return writtenSettings(ctx).filter((s) => s.entry !== undefined);
  });
}

const EFFECTIVE = derivedKey<ReadonlyMap<string, WrittenSetting>>('effectiveSettings');

/** The written setting Spark uses for a catalog `key` (for a SparkApplication: the typed field over sparkConf). */
export function effective(ctx: RuleContext, key: string): WrittenSetting | undefined {
  const m = derived(ctx.doc, EFFECTIVE, () => {
    const out = new Map<string, WrittenSetting>();
    for (const s of knownSettings(ctx)) {
      const inConf = ctx.conf?.get(s.key);
      if (inConf === undefined || inConf.span === undefined || inConf.span.start === s.span.start) out.set(s.key, s);
    }
    return out;
  });
  return m.get(key);
}

/** Who fails, as the rules say it: "spark-submit fails", "SparkContext fails to start", ... */
export function startupWhen(e: StartupError): string {
  switch (e.phase) {
    case 'submit':
      return 'spark-submit fails';
    case 'jvm':
      return 'the driver JVM does not start';
    case 'container':
      return 'sizing the containers fails';
    case 'executor':
      return 'executors fail to start';
    default:
      return 'SparkContext fails to start';
  }
}

/** `startupWhen` at the start of a sentence: capitalised, except the command name `spark-submit`. */
export function startupWhenSentence(e: StartupError): string {
  const when = startupWhen(e);
  return when.startsWith('spark-submit') ? when : when.charAt(0).toUpperCase() + when.slice(1);
}

/**
 * `message`, followed by Spark's own refusal of `key` when the layout has one whose text the message
 * does not already carry (so a rule that owns a start-up error still shows what Spark prints first:
 * a size that does not parse on spark.executor.memory fails in spark-submit with its own text).
 */
export function withStartupText(ctx: RuleContext, key: string, message: string): string {
  const e = startupErrorsAt(ctx, key)[0];
  if (e === undefined) return message;
  const text = e.message.replace(/\n/g, ' ');
  if (message.includes(text)) return message;
  return `${message}${/[.)]$/.test(message) ? '' : '.'} ${startupWhenSentence(e)} with ${e.exceptionClass}: ${text}`;
}

/** A start-up error of the executor's layout and the written setting a rule places it on. */
export interface StartupErrorAt<T> {
  readonly layout: SparkLayout;
  readonly error: StartupError;
  readonly at: T;
}

/**
 * The start-up errors of the document's Spark layout (in the order Spark meets them) that `target`
 * places somewhere, each with that place: the one loop every rule that reports a start-up error runs.
 */
export function startupErrorsOn<T>(
  ctx: RuleContext,
  target: (ctx: RuleContext, e: StartupError) => T | undefined,
): StartupErrorAt<T>[] {
  const layout = sparkLayoutOf(ctx);
  if (layout === undefined) return [];
  const out: StartupErrorAt<T>[] = [];
  for (const error of layout.startupErrors) {
    const at = target(ctx, error);
    if (at !== undefined) out.push({ layout, error, at });
  }
  return out;
}

/** Start-up errors the layout reports for `key` (by the key they name or the value they came from). */
export function startupErrorsAt(ctx: RuleContext, key: string): StartupError[] {
  const l = sparkLayoutOf(ctx);
  if (l === undefined) return [];
  return l.startupErrors.filter((e) => e.key === key || e.from?.key === key);
}

/** `4 GiB (4294967296 bytes)`; exact MiB counts print without decimals. */
export function human(bytes: number): string {
  if (bytes !== 0 && Math.abs(bytes) >= MiB && bytes % MiB === 0) {
    const mib = bytes / MiB;
    const gib = mib / 1024;
    const unit = Number.isInteger(gib) ? `${gib} GiB` : `${mib} MiB`;
    return `${unit} (${bytes} bytes)`;
  }
  return `${formatBytes(bytes)} (${bytes} bytes)`;
}

/** `4096 MiB` or `3.5 GiB` for a MiB count. */
export function humanMiB(mib: number): string {
  if (mib >= 1024 && (mib * 10) % 1024 === 0) return `${mib} MiB (${mib / 1024} GiB)`;
  return `${mib} MiB`;
}

// ---------------------------------------------------------------- value hazards (spark-defaults)

export type ValueHazard = 'empty' | 'inline-comment' | 'quoted';

const QUOTE = /^["'\u201c\u201d\u2018\u2019]|["'\u201c\u201d\u2018\u2019]$/;
export const INLINE_COMMENT = /[ \t\f][#!]/;

/** A problem of the written text that a properties rule owns (the size and range rules stay quiet). */
export function valueHazard(ctx: RuleContext, s: WrittenSetting): ValueHazard | undefined {
  if (ctx.doc.kind !== 'spark-defaults') return undefined;
  const v = javaTrim(s.value);
  if (v.length === 0) return 'empty';
  if (INLINE_COMMENT.test(v)) return 'inline-comment';
  if (QUOTE.test(v)) return 'quoted';
  return undefined;
}

/** Spark's error for a typed key's value, or undefined when it parses (or the key is untyped). */
export function typedParseError(entry: CatalogEntry | undefined, key: string, value: string): string | undefined {
  if (entry === undefined) return undefined;
  const v = javaTrim(value);
  switch (entry.type) {
    case 'size': {
      const r = byteFromString(v, entry.unit ?? 'BYTE');
      return r.ok ? undefined : r.error.replace(/\n/g, ' ');
    }
    case 'double':
    case 'float':
      return javaParseDouble(v).ok ? undefined : `${key} should be double, but was ${value}`;
    case 'int':
      return javaParseInt(v).ok ? undefined : `${key} should be int, but was ${value}`;
    case 'long':
      return javaParseLong(v).ok ? undefined : `${key} should be long, but was ${value}`;
    case 'boolean':
      return scalaToBoolean(v).ok ? undefined : `${key} should be boolean, but was ${value}`;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- sizes

export type SizeIssue =
  | { kind: 'k8s'; number: string; suffix: string }
  | { kind: 'fraction'; number: string; suffix: string }
  | { kind: 'parse' }
  | { kind: 'overflow' }
  | { kind: 'unitless'; number: string }
  | { kind: 'jvm-suffix'; number: string; suffix: string };

const K8S = /^([0-9]+(?:\.[0-9]+)?)([kmgtpe]i)$/i;
const FRACTION = /^([0-9]+\.[0-9]+)([a-z]*)$/i;
const INTEGER = /^([0-9]+)([a-z]*)$/i;
export const HEAP_KEYS: ReadonlySet<string> = new Set(['spark.executor.memory', 'spark.driver.memory']);

/** Whether spark.executor.memory reaches -Xmx verbatim: Spark 2.4 on Kubernetes (BasicExecutorFeatureStep). */
export function executorXmxVerbatim(ctx: RuleContext): boolean {
  if (ctx.version.major !== 2) return false;
  return ctx.doc.kind === 'spark-application' || sparkLayoutOf(ctx)?.clusterManager === 'kubernetes';
}

/**
 * What is wrong with a size value, in the order the rules own it: a Kubernetes quantity
 * (SIZE-K8S-QUANTITY), a fraction (SIZE-FRACTION), any other parse failure (SIZE-PARSE), a bare
 * number on a heap key (SIZE-UNITLESS-HEAP), a suffix the JVM rejects where the value reaches
 * -Xmx (SIZE-JVM-SUFFIX).
 */
const sizeIssueCache = new WeakMap<WrittenSetting, { issue: SizeIssue | undefined }>();

export function sizeIssue(ctx: RuleContext, s: WrittenSetting): SizeIssue | undefined {
  if (s.entry?.type !== 'size' || s.entry.unit === undefined) return undefined;
  const hit = sizeIssueCache.get(s);
  if (hit !== undefined) return hit.issue;
  const issue = classifySize(ctx, s, s.entry.unit);
  sizeIssueCache.set(s, { issue });
  return issue;
}

function classifySize(
  ctx: RuleContext,
  s: WrittenSetting,
  unit: NonNullable<CatalogEntry['unit']>,
): SizeIssue | undefined {
  const text = javaTrim(s.value);
  const r = byteFromString(text, unit, byteSuffixesFor(ctx.version));
  const k = K8S.exec(text);
  // From 4.2 Spark reads "2Gi" itself (byteSuffixesFor); -Xmx still refuses it (SIZE-JVM-SUFFIX below).
  if (k && !r.ok) return { kind: 'k8s', number: k[1] ?? '', suffix: k[2] ?? '' };
  if (!r.ok) {
    if (r.kind === 'fraction') {
      const f = FRACTION.exec(text);
      return { kind: 'fraction', number: f?.[1] ?? '', suffix: (f?.[2] ?? '').toLowerCase() };
    }
    return r.kind === 'overflow' ? { kind: 'overflow' } : { kind: 'parse' };
  }
  if (!HEAP_KEYS.has(s.key)) return undefined;
  const m = INTEGER.exec(text);
  if (!m) return undefined;
  const suffix = (m[2] ?? '').toLowerCase();
  if (suffix === '') return { kind: 'unitless', number: m[1] ?? '' };
  if (suffix.length === 1 && 'kmgt'.includes(suffix)) return undefined;
  if (s.key === 'spark.driver.memory' || executorXmxVerbatim(ctx))
    return { kind: 'jvm-suffix', number: m[1] ?? '', suffix };
  return undefined;
}

/** Shift of a Spark byte suffix (b=0 ... p=50); '' means the key's own unit. */
export function shiftOf(suffix: string, unitShift: number): number | undefined {
  if (suffix === '') return unitShift;
  const u = BYTE_SUFFIXES[suffix.toLowerCase()];
  if (u === undefined) return undefined;
  return { BYTE: 0, KiB: 10, MiB: 20, GiB: 30, TiB: 40, PiB: 50 }[u];
}

export const UNIT_SHIFT = { BYTE: 0, KiB: 10, MiB: 20, GiB: 30, TiB: 40, PiB: 50 } as const;

/**
 * The exact byte count of `<decimal> × 2^shift` as a whole-unit string in the largest unit that
 * holds it exactly (`4.5`, 30 → `4608m`), or undefined when not even bytes are whole.
 * `jvmOnly` keeps to k, m, g, t (what -Xmx accepts); `upToInputUnit` never goes above the written unit
 * (1024Mi stays 1024m).
 */
export function exactSizeString(
  decimal: string,
  shift: number,
  jvmOnly = false,
  upToInputUnit = true,
): string | undefined {
  const [intPart, fracPart = ''] = decimal.split('.');
  const scaled = BigInt((intPart ?? '0') + fracPart) << BigInt(shift);
  const den = 10n ** BigInt(fracPart.length);
  if (scaled % den !== 0n) return undefined;
  const bytes = scaled / den;
  const units: ReadonlyArray<[string, bigint]> = jvmOnly
    ? [
        ['t', 40n],
        ['g', 30n],
        ['m', 20n],
        ['k', 10n],
      ]
    : [
        ['p', 50n],
        ['t', 40n],
        ['g', 30n],
        ['m', 20n],
        ['k', 10n],
      ];
  for (const [suffix, sh] of units) {
    if (upToInputUnit && sh > BigInt(shift)) continue;
    const mult = 1n << sh;
    if (bytes !== 0n && bytes % mult === 0n) return `${bytes / mult}${suffix}`;
  }
  if (jvmOnly) return undefined;
  return `${bytes}b`;
}

// ---------------------------------------------------------------- edits

/** Replaces a setting's value (YAML scalars are re-quoted). */
export function replaceValue(s: WrittenSetting, newValue: string, title: string, isPreferred = true): QuickFix {
  const text = s.path !== undefined ? `"${newValue}"` : newValue;
  return { title, edits: [{ span: s.span, newText: text }], ...(isPreferred ? { isPreferred } : {}) };
}

/** Deletes the line(s) a setting is written on: its properties entry, or its YAML key and value. */
export function removeSetting(ctx: RuleContext, s: WrittenSetting, title = 'Remove this line'): QuickFix {
  let span: Span;
  if (ctx.doc.kind === 'spark-defaults') {
    const e = ctx.doc.effective.get(s.key);
    const lineSpan = e?.lineSpan ?? { start: s.keySpan.start, end: s.span.end };
    span = wholeLinesOf(ctx.text, lineSpan);
  } else {
    span = wholeLinesOf(ctx.text, { start: s.keySpan.start, end: s.span.end });
  }
  return { title, edits: [{ span, newText: '' }], isPreferred: true };
}

/** Renames a setting's key, keeping its value and any quoting of the key. */
export function renameKey(ctx: RuleContext, s: WrittenSetting, newKey: string, title?: string): QuickFix {
  const old = ctx.text.slice(s.keySpan.start, s.keySpan.end);
  const q = old.charAt(0);
  const newText = (q === '"' || q === "'") && old.endsWith(q) ? `${q}${newKey}${q}` : newKey;
  const edits: TextEdit[] = [{ span: s.keySpan, newText }];
  return { title: title ?? `Rename to ${newKey}`, edits, isPreferred: true };
}

/** Inserts a new `key value` line after a setting (properties) or a sibling entry (YAML sparkConf). */
export function insertAfter(
  ctx: RuleContext,
  s: WrittenSetting,
  key: string,
  value: string,
  title: string,
): QuickFix | undefined {
  const after = wholeLinesOf(ctx.text, { start: s.keySpan.start, end: s.span.end });
  const lineStart = after.start;
  const indentMatch = /^[ \t]*/.exec(ctx.text.slice(lineStart, s.keySpan.start));
  const indent = indentMatch?.[0] ?? '';
  const eol = eolOf(ctx.text);
  const needsEol = after.end === ctx.text.length && !/[\r\n]$/.test(ctx.text);
  if (ctx.doc.kind === 'spark-defaults') {
    // Same separator as the existing line, value aligned with its value column.
    const between = ctx.text.slice(s.keySpan.end, s.span.start);
    const valueCol = s.span.start - lineStart;
    const sep =
      /[=:]/.test(between) || between.length === 1
        ? between
        : ' '.repeat(Math.max(1, valueCol - indent.length - key.length));
    const line = `${indent}${key}${sep}${value}`;
    return {
      title,
      edits: [{ span: { start: after.end, end: after.end }, newText: `${needsEol ? eol : ''}${line}${eol}` }],
      isPreferred: true,
    };
  }
  if (s.origin !== 'sparkConf') return undefined;
  const line = `${indent}${key}: "${value}"`;
  return {
    title,
    edits: [{ span: { start: after.end, end: after.end }, newText: `${needsEol ? eol : ''}${line}${eol}` }],
    isPreferred: true,
  };
}
