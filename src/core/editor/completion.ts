// Completion from the catalog: keys (a `key value` snippet with the default in spark-defaults.conf,
// `-key=` options in SnappyData member files, the quoted key under a SparkApplication's sparkConf),
// size units after a number, booleans and enum values. Works on the text around the cursor only,
// so it stays cheap while the file is being typed.
import {
  CatalogEntry,
  catalogEntries,
  defaultValue,
  existsIn,
  lookupKey,
  lookupSparkKey,
  registeredOnlyEntries,
} from '../catalog';
import { SNAPPY_OPTION_NAMES } from '../catalog/snappyKeys';
import type { DocumentType } from '../document/kind';
import type { Span } from '../text/lineIndex';
import { lineEndOf, lineStartOf } from '../text/lines';
import { SparkVersion, versionInRange } from '../version';
import { catalogMarkdown } from './hover';
import { MAX_COMPLETION_LINE_CHARS, MAX_COMPLETION_SCAN_LINES } from './limits';

export type CompletionKind = 'key' | 'option' | 'unit' | 'value';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** What is inserted over `replace`; a snippet with ${1:...} placeholders when `snippet` is true. */
  readonly insertText: string;
  readonly snippet: boolean;
  readonly detail: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Shown struck through: deprecated keys, suffixes the JVM refuses where the value becomes -Xmx. */
  readonly deprecated?: boolean;
  readonly sortText: string;
  readonly filterText?: string;
}

export interface Completions {
  /** The characters the chosen item replaces (what has been typed of the word, and its rest after the cursor). */
  readonly replace: Span;
  readonly items: readonly CompletionEntry[];
}

const CATEGORY_ORDER = [
  'heap',
  'overhead',
  'fraction',
  'off-heap',
  'cores',
  'storage',
  'shuffle',
  'misc',
  'legacy',
  'snappydata',
];

function sortKey(e: CatalogEntry): string {
  const rank = CATEGORY_ORDER.indexOf(e.category);
  // Keys from the generated registry (source "ConfigEntry ...") after every hand-written one.
  const generated = e.source.startsWith('ConfigEntry ');
  return `${e.internal ? 'z' : generated ? 'b' : 'a'}${String(rank < 0 ? 99 : rank).padStart(2, '0')}${e.key}`;
}

/** Escapes `$`, `}` and `\` for snippet text. */
function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

function placeholder(value: string | null): string {
  return value === null || value === '' ? '$1' : `\${1:${snippetText(value)}}`;
}

function isDeprecated(e: CatalogEntry, v: SparkVersion): boolean {
  return e.deprecatedIn !== undefined && versionInRange(v, `${e.deprecatedIn}+`);
}

/** True when the physical line before `lineStart` ends with an odd run of backslashes (a continuation). */
function continuesFromAbove(text: string, lineStart: number): boolean {
  if (lineStart === 0) return false;
  let end = lineStart - 1;
  if (text.charCodeAt(end) === 10 && end > 0 && text.charCodeAt(end - 1) === 13) end--;
  let bs = 0;
  while (end - 1 - bs >= 0 && text.charCodeAt(end - 1 - bs) === 0x5c) bs++;
  return bs % 2 === 1;
}

/** The word characters after the cursor that the completion replaces too. */
function wordEnd(text: string, offset: number, stop: RegExp): number {
  let i = offset;
  while (i < text.length && i - offset < 200 && !stop.test(text.charAt(i))) i++;
  return i;
}

// ---- values ----

interface ValueContext {
  /** The value typed so far (before the cursor). */
  readonly typed: string;
  /** Offset of the value's first character. */
  readonly start: number;
  /** Offset of the cursor. */
  readonly offset: number;
  /** The value ends up in -Xmx verbatim (driver memory in client mode; executor memory in 2.4 on Kubernetes). */
  readonly xmx: boolean;
}

const UNIT_NAMES: Readonly<Record<string, string>> = {
  k: 'kibibytes',
  m: 'mebibytes',
  g: 'gibibytes',
  t: 'tebibytes',
  p: 'pebibytes',
};

function unitItems(e: CatalogEntry, xmx: boolean): CompletionEntry[] {
  const items: CompletionEntry[] = [];
  const jvmOnly = e.type === 'jvm-size';
  const letters = ['k', 'm', 'g', 't'];
  letters.forEach((u, i) => {
    items.push({
      label: u,
      kind: 'unit',
      insertText: u,
      snippet: false,
      detail: `${UNIT_NAMES[u]} (×${2 ** (10 * (i + 1))})`,
      sortText: `0${i}`,
    });
  });
  if (!jvmOnly) {
    const who = e.type === 'snappy-size' ? 'SnappyData' : 'Spark';
    letters.forEach((u, i) => {
      const detail = xmx
        ? `same as ${u}: accepted by ${who} but not by -Xmx`
        : `same as ${u}: accepted by ${who}${e.flavour === 'spark' ? '; the JVM only knows k, m, g, t' : ''}`;
      items.push({
        label: `${u}b`,
        kind: 'unit',
        insertText: `${u}b`,
        snippet: false,
        detail,
        sortText: `1${i}`,
        ...(xmx ? { deprecated: true } : {}),
      });
    });
  }
  return items;
}

function valueCompletions(e: CatalogEntry | undefined, ctx: ValueContext, v: SparkVersion): Completions | undefined {
  if (e === undefined) return undefined;
  const typed = ctx.typed;
  const sized = e.type === 'size' || e.type === 'jvm-size' || e.type === 'snappy-size';
  const number = /^[0-9]+([a-zA-Z]*)$/.exec(typed);
  if (sized && number !== null) {
    const letters = number[1] ?? '';
    return { replace: { start: ctx.offset - letters.length, end: ctx.offset }, items: unitItems(e, ctx.xmx) };
  }
  if (!/^[A-Za-z]*$/.test(typed)) return undefined;
  const replace = { start: ctx.start, end: ctx.offset };
  if (e.type === 'boolean') {
    const d = defaultValue(e, v);
    return {
      replace,
      items: ['true', 'false'].map((b, i) => ({
        label: b,
        kind: 'value' as const,
        insertText: b,
        snippet: false,
        detail: b === d ? 'default' : '',
        sortText: `${i}`,
      })),
    };
  }
  if (e.type === 'enum' && e.enumValues !== undefined) {
    const d = defaultValue(e, v);
    return {
      replace,
      items: e.enumValues.map((x, i) => ({
        label: x,
        kind: 'value' as const,
        insertText: x,
        snippet: false,
        detail: x === d ? 'default' : '',
        sortText: `${i}`,
      })),
    };
  }
  const d = defaultValue(e, v);
  if (typed === '' && d !== null && d !== '') {
    return {
      replace,
      items: [{ label: d, kind: 'value', insertText: d, snippet: false, detail: 'default', sortText: '0' }],
    };
  }
  return undefined;
}

function xmxVerbatim(key: string, v: SparkVersion): boolean {
  return key === 'spark.driver.memory' || (key === 'spark.executor.memory' && v.major === 2);
}

// ---- spark-defaults.conf ----

function sparkKeyItems(
  v: SparkVersion,
  make: (e: CatalogEntry) => Pick<CompletionEntry, 'insertText' | 'snippet'> & { filterText?: string },
): CompletionEntry[] {
  const items: CompletionEntry[] = [];
  // The hand-written memory keys first, then every other key Spark registers (sortKey puts them after).
  for (const e of [...catalogEntries('spark'), ...registeredOnlyEntries(v)]) {
    if (!existsIn(e, v)) continue;
    const deprecated = isDeprecated(e, v);
    const d = defaultValue(e, v);
    items.push({
      label: e.key,
      kind: 'key',
      ...make(e),
      detail: d !== null ? `default ${d}` : e.computedDefault !== undefined ? 'computed default' : 'unset by default',
      documentation: catalogMarkdown(e, v),
      sortText: sortKey(e),
      ...(deprecated ? { deprecated: true } : {}),
    });
  }
  return items;
}

function propertiesCompletions(text: string, offset: number, v: SparkVersion): Completions | undefined {
  const lineStart = lineStartOf(text, offset);
  if (offset - lineStart > MAX_COMPLETION_LINE_CHARS || continuesFromAbove(text, lineStart)) return undefined;
  const before = text.slice(lineStart, offset);
  if (/^[ \t\f]*[#!]/.test(before)) return undefined;
  const keyOnly = /^([ \t\f]*)([^\s=:\\]*)$/.exec(before);
  if (keyOnly !== null) {
    const start = lineStart + (keyOnly[1]?.length ?? 0);
    const end = wordEnd(text, offset, /[\s=:]/);
    const rest = text.slice(end, lineEndOf(text, end));
    const withValue = rest.trim().length === 0;
    const items = sparkKeyItems(v, (e) =>
      withValue
        ? { insertText: `${e.key} ${placeholder(defaultValue(e, v))}`, snippet: true, filterText: e.key }
        : { insertText: e.key, snippet: false },
    );
    return { replace: { start, end }, items };
  }
  const kv = /^[ \t\f]*([^\s=:\\]+)[ \t\f]*[=:]?[ \t\f]*(.*)$/.exec(before);
  if (kv === null) return undefined;
  const key = kv[1] ?? '';
  const typed = kv[2] ?? '';
  return valueCompletions(
    lookupSparkKey(key, v),
    { typed, start: offset - typed.length, offset, xmx: xmxVerbatim(key, v) },
    v,
  );
}

// ---- SnappyData member files ----

function snappyEntry(key: string): CatalogEntry | undefined {
  return lookupKey(key, 'snappydata') ?? (key.startsWith('spark.') ? lookupKey(key) : undefined);
}

function membersCompletions(text: string, offset: number, v: SparkVersion): Completions | undefined {
  let lineStart = lineStartOf(text, offset);
  if (offset - lineStart > MAX_COMPLETION_LINE_CHARS) return undefined;
  // The logical line: snappy-nodes.sh joins a line ending in a backslash with the next one.
  for (let i = 0; i < 50 && continuesFromAbove(text, lineStart); i++) lineStart = lineStartOf(text, lineStart - 1);
  const before = text.slice(lineStart, offset);
  if (/^[ \t]*#/.test(before)) return undefined;
  // The host is the first space-separated field: nothing to complete until it is written.
  if (!/^[ \t]*\S+ /.test(before.replace(/\\\r?\n/g, ' '))) return undefined;
  const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'), before.lastIndexOf('\n')) + 1;
  const word = before.slice(wordStart);
  const start = lineStart + wordStart;
  const option = /^-([^=\s]+)=(.*)$/.exec(word);
  if (option !== null) {
    const key = option[1] ?? '';
    const typed = option[2] ?? '';
    return valueCompletions(snappyEntry(key), { typed, start: offset - typed.length, offset, xmx: false }, v);
  }
  if (word !== '' && !/^-[\w.-]*$/.test(word)) return undefined;
  const end = wordEnd(text, offset, /[\s=]/);
  const hasValue = text.charAt(end) === '=';
  const items: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const e of catalogEntries('snappydata')) {
    seen.add(e.key);
    const d = defaultValue(e, v);
    items.push({
      label: `-${e.key}`,
      kind: 'option',
      insertText: hasValue ? `-${e.key}` : `-${e.key}=${placeholder(d)}`,
      snippet: !hasValue,
      detail: d !== null ? `default ${d}` : e.computedDefault !== undefined ? 'computed default' : '',
      documentation: catalogMarkdown(e, v, `-${e.key}`),
      sortText: `a${e.key.startsWith('spark.') ? '1' : '0'}${e.key}`,
    });
  }
  for (const name of SNAPPY_OPTION_NAMES) {
    if (seen.has(name)) continue;
    seen.add(name);
    items.push({
      label: `-${name}`,
      kind: 'option',
      insertText: hasValue ? `-${name}` : `-${name}=$1`,
      snippet: !hasValue,
      detail: 'SnappyData option',
      sortText: `b${name}`,
    });
  }
  return { replace: { start, end }, items };
}

// ---- SparkApplication YAML ----

/** The key of the mapping the cursor's line belongs to (the nearest less-indented `key:` line above). */
function yamlParent(text: string, lineStart: number, indent: number): string | undefined {
  let end = lineStart;
  for (let i = 0; i < MAX_COMPLETION_SCAN_LINES && end > 0; i++) {
    const start = lineStartOf(text, end - 1);
    const line = text.slice(start, end).replace(/[\r\n]+$/, '');
    end = start;
    if (line.length > MAX_COMPLETION_LINE_CHARS) return undefined;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const lead = /^ */.exec(line)?.[0].length ?? 0;
    if (lead >= indent) continue;
    const m = /^\s*(?:-\s+)?(["']?)([\w.-]+)\1\s*:\s*(#.*)?$/.exec(line);
    return m?.[2];
  }
  return undefined;
}

const TYPED_MEMORY_FIELDS: Readonly<Record<string, string>> = { memory: 'memory', memoryOverhead: 'memoryOverhead' };

function applicationCompletions(text: string, offset: number, v: SparkVersion): Completions | undefined {
  const lineStart = lineStartOf(text, offset);
  if (offset - lineStart > MAX_COMPLETION_LINE_CHARS) return undefined;
  const before = text.slice(lineStart, offset);
  if (/^\s*#/.test(before)) return undefined;
  const indent = /^ */.exec(before)?.[0].length ?? 0;
  const parent = yamlParent(text, lineStart, indent);
  if (parent === undefined) return undefined;
  const value = /^\s*(["']?)([\w.-]+)\1\s*:\s*(["']?)([^"'#]*)$/.exec(before);
  if (value !== null) {
    const key = value[2] ?? '';
    const typed = value[4] ?? '';
    let sparkKey: string | undefined;
    if (parent === 'sparkConf') sparkKey = key;
    else if (
      (parent === 'driver' || parent === 'executor') &&
      Object.prototype.hasOwnProperty.call(TYPED_MEMORY_FIELDS, key)
    )
      sparkKey = `spark.${parent}.${TYPED_MEMORY_FIELDS[key]}`;
    if (sparkKey === undefined) return undefined;
    return valueCompletions(
      lookupKey(sparkKey),
      { typed, start: offset - typed.length, offset, xmx: xmxVerbatim(sparkKey, v) },
      v,
    );
  }
  if (parent !== 'sparkConf') return undefined;
  const keyOnly = /^(\s*)(["']?)([\w.-]*)$/.exec(before);
  if (keyOnly === null) return undefined;
  const quote = keyOnly[2] ?? '';
  const start = offset - (keyOnly[3]?.length ?? 0);
  let end = wordEnd(text, offset, /[^\w.-]/);
  if (quote !== '' && text.charAt(end) === quote) end++;
  const rest = text.slice(end, lineEndOf(text, end));
  const withValue = !rest.includes(':');
  const q = quote === '' ? '"' : quote;
  const items = sparkKeyItems(v, (e) =>
    withValue
      ? {
          insertText: `${quote === '' ? q : ''}${e.key}${q}: "${placeholder(defaultValue(e, v))}"`,
          snippet: true,
          filterText: e.key,
        }
      : { insertText: `${quote === '' ? q : ''}${e.key}${q}`, snippet: false, filterText: e.key },
  );
  return { replace: { start, end }, items };
}

export function completionsAt(
  type: DocumentType,
  text: string,
  offset: number,
  version: SparkVersion,
): Completions | undefined {
  const o = Math.max(0, Math.min(offset, text.length));
  switch (type.kind) {
    case 'spark-defaults':
      return propertiesCompletions(text, o, version);
    case 'snappy-members':
      return membersCompletions(text, o, version);
    case 'spark-application':
      return applicationCompletions(text, o, version);
  }
}
