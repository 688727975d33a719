// What is under an offset in a parsed document: a Spark setting (spark-defaults.conf line,
// sparkConf entry or SparkApplication typed field) or a SnappyData member line and one of its
// arguments. Hover and the quick-fix helpers use it; no knowledge of keys lives here.
import type { ParsedDocument } from '../analyze';
import type { MemberArg, MemberLine } from '../parse/members';
import type { PropertyEntry } from '../parse/properties';
import { TYPED_FIELD_KEYS } from '../parse/sparkApplication';
import type { Span } from '../text/lineIndex';

export interface SettingHit {
  readonly kind: 'setting';
  /** The Spark key the text sets. */
  readonly key: string;
  readonly value: string;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  readonly on: 'key' | 'value';
  /** False for a spark-defaults line a later line overrides. */
  readonly effective: boolean;
  /** YAML only: the typed field path (spec.executor.memory) or spec.sparkConf.<key>. */
  readonly path?: string;
}

export interface MemberHit {
  readonly kind: 'member';
  readonly member: MemberLine;
  /** The argument under the offset, when it is not the host. */
  readonly arg?: MemberArg;
  readonly on: 'host' | 'key' | 'value' | 'arg' | 'line';
}

export type Hit = SettingHit | MemberHit;

const within = (s: Span, o: number): boolean => o >= s.start && o <= s.end;

/** The last element whose start is <= offset, by binary search over items in text order. */
function lastStartingBefore<T>(items: readonly T[], start: (t: T) => number, offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid]!;
    if (start(item) <= offset) {
      found = item;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function propertyHit(doc: Extract<ParsedDocument, { kind: 'spark-defaults' }>, offset: number): SettingHit | undefined {
  const e: PropertyEntry | undefined = lastStartingBefore(doc.entries, (x) => x.lineSpan.start, offset);
  if (e === undefined || offset > e.lineSpan.end) return undefined;
  const on = within(e.keySpan, offset) ? 'key' : 'value';
  return {
    kind: 'setting',
    key: e.key,
    value: e.value,
    keySpan: e.keySpan,
    valueSpan: e.valueSpan,
    on,
    effective: doc.effective.get(e.key) === e,
  };
}

function applicationHit(
  doc: Extract<ParsedDocument, { kind: 'spark-application' }>,
  offset: number,
): SettingHit | undefined {
  const effective = (key: string, span: Span): boolean =>
    doc.conf.find((c) => c.key === key)?.span?.start === span.start;
  for (const e of doc.sparkConf) {
    const on = within(e.keySpan, offset) ? 'key' : within(e.span, offset) ? 'value' : undefined;
    if (on !== undefined)
      return {
        kind: 'setting',
        key: e.key,
        value: e.text,
        keySpan: e.keySpan,
        valueSpan: e.span,
        on,
        effective: effective(e.key, e.span),
        path: e.path,
      };
  }
  for (const [path, key] of TYPED_FIELD_KEYS) {
    const f = doc.fields.get(path);
    if (f === undefined) continue;
    const on = within(f.keySpan, offset) ? 'key' : within(f.span, offset) ? 'value' : undefined;
    if (on !== undefined)
      return {
        kind: 'setting',
        key,
        value: f.text,
        keySpan: f.keySpan,
        valueSpan: f.span,
        on,
        effective: effective(key, f.span),
        path,
      };
  }
  return undefined;
}

function memberHit(doc: Extract<ParsedDocument, { kind: 'snappy-members' }>, offset: number): MemberHit | undefined {
  const m = lastStartingBefore(doc.members, (x) => x.lineSpan.start, offset);
  if (m === undefined || offset > m.lineSpan.end) return undefined;
  if (within(m.hostSpan, offset)) return { kind: 'member', member: m, on: 'host' };
  for (const a of m.args) {
    if (!within(a.span, offset)) continue;
    const on =
      a.keySpan !== undefined && within(a.keySpan, offset)
        ? 'key'
        : a.valueSpan !== undefined && within(a.valueSpan, offset)
          ? 'value'
          : 'arg';
    return { kind: 'member', member: m, arg: a, on };
  }
  return { kind: 'member', member: m, on: 'line' };
}

export function hitAt(doc: ParsedDocument, offset: number): Hit | undefined {
  switch (doc.kind) {
    case 'spark-defaults':
      return propertyHit(doc, offset);
    case 'spark-application':
      return applicationHit(doc, offset);
    case 'snappy-members':
      return memberHit(doc, offset);
  }
}
