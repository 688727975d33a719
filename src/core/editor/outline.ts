// The outline of a config file: spark-defaults.conf settings grouped by prefix (spark.memory.*),
// one entry per SnappyData member (host and role, its arguments as children), and the sparkConf,
// driver and executor sections of a SparkApplication.
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { ParsedDocument } from '../analyze';
import type { MembersDocument } from '../parse/members';
import type { PropertiesDocument, PropertyEntry } from '../parse/properties';
import { type SparkApplicationDocument, applicationSpecOf, mapGet, nodeSpan } from '../parse/sparkApplication';
import type { Span } from '../text/lineIndex';

export type OutlineKind = 'group' | 'setting' | 'member' | 'argument' | 'section' | 'field';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  /** Everything the symbol covers. */
  readonly span: Span;
  /** What to reveal and select (the key or host); inside `span`. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

const MAX_DETAIL = 80;
const short = (s: string): string => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s);
function union(spans: readonly Span[]): Span {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const s of spans) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return { start: Number.isFinite(start) ? start : 0, end: Math.max(end, Number.isFinite(start) ? start : 0) };
}

/** `spark.memory.fraction` -> `spark.memory.*`; a key of fewer than three parts has no group. */
export function keyGroup(key: string): string | undefined {
  const parts = key.split('.');
  return parts.length >= 3 ? `${parts[0]}.${parts[1]}.*` : undefined;
}

function propertiesOutline(doc: PropertiesDocument): OutlineSymbol[] {
  const settingOf = (e: PropertyEntry): OutlineSymbol => ({
    name: e.key.length > 0 ? e.key : '(empty key)',
    detail: short(e.value) + (doc.effective.get(e.key) === e ? '' : ' (set again below)'),
    kind: 'setting',
    span: e.lineSpan,
    selectionSpan: e.keySpan.end > e.keySpan.start ? e.keySpan : { start: e.lineSpan.start, end: e.lineSpan.start },
    children: [],
  });
  const count = new Map<string, number>();
  for (const e of doc.entries) {
    const g = keyGroup(e.key);
    if (g !== undefined) count.set(g, (count.get(g) ?? 0) + 1);
  }
  const out: Array<OutlineSymbol | { group: string; items: OutlineSymbol[] }> = [];
  const groups = new Map<string, { group: string; items: OutlineSymbol[] }>();
  for (const e of doc.entries) {
    const g = keyGroup(e.key);
    const s = settingOf(e);
    if (g === undefined || (count.get(g) ?? 0) < 2) {
      out.push(s);
      continue;
    }
    let bucket = groups.get(g);
    if (bucket === undefined) {
      bucket = { group: g, items: [] };
      groups.set(g, bucket);
      out.push(bucket);
    }
    bucket.items.push(s);
  }
  return out.map((x) => {
    if (!('group' in x)) return x;
    const span = union(x.items.map((i) => i.span));
    return {
      name: x.group,
      detail: `${x.items.length} settings`,
      kind: 'group' as const,
      span,
      selectionSpan: x.items[0]!.selectionSpan,
      children: x.items,
    };
  });
}

function membersOutline(doc: MembersDocument): OutlineSymbol[] {
  return doc.members.map((m) => {
    const children: OutlineSymbol[] = m.args.map((a) => {
      const name =
        a.kind === 'jvm' ? `-J${a.key ?? ''}` : a.key !== undefined && a.value !== undefined ? `-${a.key}` : a.text;
      return {
        name: name.length > 0 ? short(name) : a.text,
        detail: a.value !== undefined ? short(a.value) : '',
        kind: 'argument' as const,
        span: a.span,
        selectionSpan:
          a.keySpan !== undefined && a.keySpan.start >= a.span.start && a.keySpan.end <= a.span.end
            ? a.keySpan
            : a.span,
        children: [],
      };
    });
    const heap = m.options.get('heap-size')?.value;
    return {
      name: `${m.host.length > 0 ? short(m.host) : '(no host)'} (${m.role})`,
      detail: `${m.role} ${m.index + 1}${heap !== undefined ? ` · heap ${heap}` : ''}`,
      kind: 'member' as const,
      span: m.lineSpan,
      selectionSpan:
        m.hostSpan.end > m.hostSpan.start ? m.hostSpan : { start: m.lineSpan.start, end: m.lineSpan.start },
      children,
    };
  });
}

/** The spec map of the first SparkApplication in the text (the template of a ScheduledSparkApplication). */
function specMap(text: string): YAMLMap | undefined {
  try {
    return applicationSpecOf(
      parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false }),
    );
  } catch {
    return undefined;
  }
}

function applicationOutline(doc: SparkApplicationDocument): OutlineSymbol[] {
  const spec = specMap(doc.text);
  if (spec === undefined) return [];
  const out: OutlineSymbol[] = [];
  const section = (name: string, children: OutlineSymbol[], detail: string): void => {
    const pair = mapGet(spec, name);
    const keySpan = nodeSpan(pair?.key as YamlNode | undefined);
    const valueSpan = nodeSpan(pair?.value as YamlNode | undefined);
    if (keySpan === undefined) return;
    out.push({
      name,
      detail,
      kind: 'section',
      span: union([keySpan, ...(valueSpan !== undefined ? [valueSpan] : []), ...children.map((c) => c.span)]),
      selectionSpan: keySpan,
      children,
    });
  };
  const conf = doc.sparkConf.map((e): OutlineSymbol => ({
    name: e.key,
    detail: short(e.text),
    kind: 'setting',
    span: union([e.keySpan, e.span]),
    selectionSpan: e.keySpan,
    children: [],
  }));
  section('sparkConf', conf, `${conf.length} setting${conf.length === 1 ? '' : 's'}`);
  for (const role of ['driver', 'executor'] as const) {
    const fields: OutlineSymbol[] = [];
    for (const [path, f] of doc.fields) {
      if (!path.startsWith(`spec.${role}.`)) continue;
      fields.push({
        name: path.slice(`spec.${role}.`.length),
        detail: short(f.text),
        kind: 'field',
        span: union([f.keySpan, f.span]),
        selectionSpan: f.keySpan,
        children: [],
      });
    }
    const limit = role === 'driver' ? doc.driverMemoryLimit : doc.executorMemoryLimit;
    if (limit !== undefined)
      fields.push({
        name: 'memoryLimit',
        detail: short(limit.text),
        kind: 'field',
        span: union([limit.keySpan, limit.span]),
        selectionSpan: limit.keySpan,
        children: [],
      });
    fields.sort((a, b) => a.span.start - b.span.start);
    const memory = doc.fields.get(`spec.${role}.memory`)?.text;
    section(role, fields, memory !== undefined ? `memory ${memory}` : '');
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

export function outline(doc: ParsedDocument): OutlineSymbol[] {
  switch (doc.kind) {
    case 'spark-defaults':
      return propertiesOutline(doc);
    case 'snappy-members':
      return membersOutline(doc);
    case 'spark-application':
      return applicationOutline(doc);
  }
}
