// Hover text for keys and values: what the catalog knows about the key (description, default for
// the version in force, valid range, versions, source) and the sizes the layout derives from it,
// in exact bytes and binary units. Markdown; the front end only wraps it.
import { CatalogEntry, defaultValue, describeRange, existsIn, lookupKey, lookupSparkKey, rangeFor } from '../catalog';
import type { SnappyMemberLayout } from '../layout/snappyLayout';
import type { StartupError } from '../layout/startupError';
import { formatBytes } from '../size/format';
import type { Span } from '../text/lineIndex';
import { SparkVersion, formatVersion, versionInRange } from '../version';
import type { EditorAnalysis } from './analysis';
import { FactRow, memberRows, sparkAspects, sparkRows } from './layoutFacts';
import { hitAt } from './locate';
import { groupDigits } from './numbers';

export interface HoverContent {
  /** The characters the hover is about (the key, the value, or the member argument). */
  readonly span: Span;
  readonly markdown: string;
}

/** Backticks inside a code span: widen the fence. */
function code(s: string): string {
  const shown = s.length > 200 ? `${s.slice(0, 200)}…` : s;
  const fence = shown.includes('`') ? '`` ' : '`';
  return `${fence}${shown}${fence === '`` ' ? ' ``' : '`'}`;
}

/** Markdown-escapes text that is not code. */
function text(s: string): string {
  return s.replace(/([\\*_[\]<>|#])/g, '\\$1');
}

function typeText(e: CatalogEntry): string {
  switch (e.type) {
    case 'size':
      return `size; a bare number is ${e.unit === 'BYTE' ? 'bytes' : (e.unit ?? 'bytes')}`;
    case 'jvm-size':
      return 'JVM heap size: a whole number with k, m, g or t';
    case 'snappy-size':
      return 'size; a bare number is bytes';
    case 'double':
    case 'float':
      return 'number';
    case 'int':
    case 'long':
      return 'whole number';
    case 'time':
      return e.timeUnit !== undefined ? `duration; a bare number is ${e.timeUnit}` : 'duration';
    case 'enum':
      return `one of ${(e.enumValues ?? []).join(', ')}`;
    default:
      return e.type;
  }
}

function rangeText(e: CatalogEntry, v: SparkVersion): string | undefined {
  const r = rangeFor(e, v);
  if (r === undefined) return undefined;
  let s = describeRange(r);
  // A size's lower bound is in bytes (the check reads the value as bytes): show it readably.
  if ((e.type === 'size' || e.type === 'snappy-size') && r.min !== undefined && r.min >= 1024 && r.max === undefined) {
    s = `${r.minExclusive ? '>' : '≥'} ${groupDigits(r.min)} bytes (${formatBytes(r.min)})`;
  }
  return r.enforcedBy !== undefined ? `${s} — checked by ${r.enforcedBy}` : s;
}

/** The catalog's title line and description of a key. */
export function catalogHead(e: CatalogEntry, shownAs?: string): string {
  return `**${text(shownAs ?? e.key)}** — ${text(typeText(e))}${e.internal ? ' (internal)' : ''}\n\n${text(e.description)}`;
}

/** The catalog's facts about a key for a version: default, valid range, versions, replacement, source. */
export function catalogFacts(e: CatalogEntry, v: SparkVersion): string {
  const spark = e.flavour === 'spark';
  const facts: string[] = [];
  const d = defaultValue(e, v);
  const where = spark ? `Spark ${formatVersion(v)}` : 'SnappyData 1.3';
  facts.push(`Default (${where}): ${d === null ? 'unset' : code(d)}`);
  if (e.computedDefault !== undefined) facts.push(`When unset: ${text(e.computedDefault)}`);
  const range = rangeText(e, v);
  if (range !== undefined) facts.push(`Valid: ${text(range)}`);
  if (spark) {
    let versions = `Read by Spark ${text(e.versions)}`;
    if (e.deprecatedIn !== undefined) versions += `; deprecated since ${e.deprecatedIn}`;
    if (e.removedIn !== undefined) versions += `; ignored from ${e.removedIn} on`;
    facts.push(versions);
    if (!existsIn(e, v)) facts.push(`**Not read by Spark ${formatVersion(v)}**`);
    else if (e.deprecatedIn !== undefined && versionInRange(v, `${e.deprecatedIn}+`))
      facts.push(`Deprecated in Spark ${formatVersion(v)}`);
  }
  if (e.replacedBy !== undefined) facts.push(`Use ${code(e.replacedBy)} instead`);
  if (e.alternates !== undefined && e.alternates.length > 0)
    facts.push(
      `Also read under its old name${e.alternates.length > 1 ? 's' : ''} ${e.alternates.map(code).join(', ')}`,
    );
  facts.push(`Source: ${text(readableSource(e.source))}`);
  return facts.map((f) => `- ${f}`).join('\n');
}

/** The releases the catalog's short tags name (src/core/catalog/sparkKeys.ts, its header). */
const RELEASE_TAGS: Readonly<Record<string, string>> = { S24: 'Spark 2.4.4', S35: 'Spark 3.5.0', S41: 'Spark 4.1.1' };

/**
 * A catalog source as people read it: `cfg EXECUTOR_MEMORY (S35 l.323)` becomes
 * `EXECUTOR_MEMORY in core/…/internal/config/package.scala (Spark 3.5.0, line 323)`.
 */
export function readableSource(source: string): string {
  return source
    .replace(/\bcfg (\w+)/g, '$1 in core/src/main/scala/org/apache/spark/internal/config/package.scala')
    .replace(
      /\b(S24|S35|S41) l\.(\d+(?:-\d+)?)/g,
      (_m, tag: string, line: string) => `${RELEASE_TAGS[tag] ?? tag}, line ${line}`,
    )
    .replace(/\b(S24|S35|S41)\b/g, (tag: string) => RELEASE_TAGS[tag] ?? tag)
    .replace(/(^|[\s(])l\.(\d+(?:-\d+)?)/g, '$1line $2');
}

/** The catalog part of a hover or a completion item: title, description and facts. */
export function catalogMarkdown(e: CatalogEntry, v: SparkVersion, shownAs?: string): string {
  return `${catalogHead(e, shownAs)}\n\n${catalogFacts(e, v)}`;
}

function table(title: string, rows: readonly FactRow[]): string {
  if (rows.length === 0) return '';
  return [`**${title}**`, '', '| | |', '|:--|--:|', ...rows.map((r) => `| ${text(r.label)} | ${text(r.value)} |`)].join(
    '\n',
  );
}

function errorText(e: StartupError): string {
  const first = e.message.split('\n')[0] ?? e.message;
  return `⚠ **${text(e.exceptionClass)} at start-up**: ${text(first.length > 400 ? `${first.slice(0, 400)}…` : first)}`;
}

function sparkLayoutMarkdown(a: EditorAnalysis, key: string): string | undefined {
  const aspects = sparkAspects(key);
  if (aspects.length === 0) return undefined;
  const l = a.layout();
  if (l === undefined || l.kind !== 'spark') return undefined;
  const layout = l.layout;
  const parts: string[] = [];
  const rows = sparkRows(layout, aspects);
  const manager = layout.memoryManager === 'StaticMemoryManager' ? 'StaticMemoryManager' : 'UnifiedMemoryManager';
  if (rows.length > 0) parts.push(table(`Executor memory, Spark ${layout.sparkVersion} (${manager}, this file)`, rows));
  const own = layout.startupErrors.find((e) => e.key === key);
  const err = own ?? (rows.length === 0 ? layout.startupErrors[0] : undefined);
  if (err !== undefined) parts.push(errorText(err));
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function memberMarkdown(l: SnappyMemberLayout): string {
  const parts = [table(`${l.host}: ${l.role} ${l.member}, SnappyData 1.3`, memberRows(l))];
  for (const e of l.startupErrors) parts.push(errorText(e));
  if (l.assumptions.length > 0) parts.push(l.assumptions.map((s) => `_${text(s)}_`).join('  \n'));
  return parts.filter((p) => p.length > 0).join('\n\n');
}

function notEffective(): string {
  return '_A later line sets this key again: Spark uses that one, and the numbers here are for it._';
}

export function hoverAt(a: EditorAnalysis, offset: number): HoverContent | undefined {
  const hit = hitAt(a.doc, offset);
  if (hit === undefined) return undefined;
  if (hit.kind === 'setting') {
    const entry = lookupSparkKey(hit.key, a.version);
    const layout = sparkLayoutMarkdown(a, hit.key);
    if (entry === undefined && layout === undefined) return undefined;
    // Title and description, then what this file's value gives, then the catalog's facts.
    const parts: string[] = [];
    const shownAs =
      hit.path !== undefined && !hit.path.startsWith('spec.sparkConf.') ? `${hit.path} → ${hit.key}` : undefined;
    parts.push(entry !== undefined ? catalogHead(entry, shownAs) : `**${text(hit.key)}**`);
    if (!hit.effective) parts.push(notEffective());
    if (layout !== undefined) parts.push(layout);
    if (entry !== undefined) parts.push(catalogFacts(entry, a.version));
    return { span: hit.on === 'key' ? hit.keySpan : hit.valueSpan, markdown: parts.join('\n\n') };
  }
  // A SnappyData member line: the option's catalog entry (if any) and the member's layout.
  const l = a.layout();
  const member = l !== undefined && l.kind === 'snappydata' ? l.members[hit.member.index] : undefined;
  const parts: string[] = [];
  let span: Span = hit.member.hostSpan;
  if (hit.arg !== undefined) {
    span = hit.arg.span;
    const key = hit.arg.kind === 'heap-size' ? 'heap-size' : hit.arg.key;
    const entry =
      key === undefined || hit.arg.kind === 'jvm' || hit.arg.kind === 'system-property'
        ? undefined
        : (lookupKey(key, 'snappydata') ?? (key.startsWith('spark.') ? lookupKey(key) : undefined));
    if (entry !== undefined) parts.push(catalogHead(entry, `-${key}`));
    if (member !== undefined) parts.push(memberMarkdown(member));
    if (entry !== undefined) parts.push(catalogFacts(entry, a.version));
  } else if (member !== undefined) parts.push(memberMarkdown(member));
  if (parts.length === 0) return undefined;
  return { span, markdown: parts.join('\n\n') };
}
