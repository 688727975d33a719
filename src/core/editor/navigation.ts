// Go to definition, references and document links for config files. "Definition" is the setting
// that takes effect: the last occurrence of a key in spark-defaults.conf (Properties is a
// Hashtable, the last put wins), the last `-key=` of a member line (QuickLauncher's LinkedHashMap),
// the typed field of a SparkApplication that overrides the same key in sparkConf (the operator's
// precedence), the first line of conf/leads for a server (its executors take the lead's Spark
// properties), and the locators line a `-locators=host:port` names.
import type { ParsedDocument } from '../analyze';
import type { MemberArg, MemberLine, MembersDocument } from '../parse/members';
import type { PropertiesDocument, PropertyEntry } from '../parse/properties';
import { isScalar, parseAllDocuments } from 'yaml';
import {
  TYPED_FIELD_KEYS,
  type SparkApplicationDocument,
  applicationSpecOf,
  mapGet,
  nodeSpan,
} from '../parse/sparkApplication';
import type { Span } from '../text/lineIndex';

/** Where a definition or reference lies: in this file or in a sibling SnappyData file. */
export interface NavTarget {
  readonly file: 'self' | 'leads' | 'locators';
  readonly span: Span;
}

/** The conf files beside a members file (conf/leads, conf/locators), when they were read. */
export interface MemberSiblings {
  readonly leads?: MembersDocument;
  readonly locators?: MembersDocument;
}

export interface DocumentLink {
  readonly span: Span;
  /** An absolute path on the machine that reads it (a member host, or the driver's container image). */
  readonly path: string;
  readonly tooltip: string;
}

/** SnappyData's default locator port (`-peer-discovery-port`, DistributionLocator.DEFAULT_LOCATOR_PORT). */
const DEFAULT_LOCATOR_PORT = 10334;

const inside = (s: Span, offset: number): boolean => offset >= s.start && offset <= s.end;

/** The entry whose key holds `offset` (entries are in file order, so a binary search finds it). */
function entryAt(doc: PropertiesDocument, offset: number): PropertyEntry | undefined {
  let lo = 0;
  let hi = doc.entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = doc.entries[mid]!;
    if (offset < e.lineSpan.start) hi = mid - 1;
    else if (offset > e.lineSpan.end) lo = mid + 1;
    else return inside(e.keySpan, offset) ? e : undefined;
  }
  return undefined;
}

function memberAt(doc: MembersDocument, offset: number): MemberLine | undefined {
  return doc.members.find((m) => inside(m.lineSpan, offset));
}

function optionAt(m: MemberLine, offset: number): MemberArg | undefined {
  return m.args.find((a) => a.key !== undefined && a.kind !== 'jvm' && inside(a.span, offset));
}

const keySpanOf = (a: MemberArg): Span => a.keySpan ?? a.span;

/**
 * The argument that takes effect for `arg`'s key: QuickLauncher keeps `-key=value` options in a
 * LinkedHashMap and assigns -heap-size, -dir and -classpath to one field each, so the last wins.
 */
function argInEffect(m: MemberLine, arg: MemberArg): MemberArg {
  const option = arg.key !== undefined ? m.options.get(arg.key) : undefined;
  if (option !== undefined) return option;
  let last = arg;
  for (const a of m.args) if (a.kind === arg.kind && a.key === arg.key) last = a;
  return last;
}

/** `host:port` pairs of a `-locators=` value, with their spans in the document. */
function locatorsIn(arg: MemberArg): Array<{ host: string; port: number; span: Span }> {
  const value = arg.value;
  const vs = arg.valueSpan;
  if (value === undefined || vs === undefined || vs.end - vs.start !== value.length) return [];
  const out: Array<{ host: string; port: number; span: Span }> = [];
  let from = 0;
  for (const part of value.split(',')) {
    const m = /^([^:[\]]+)(?:\[(\d+)\]|:(\d+))?$/.exec(part.trim());
    if (m !== null) {
      const port = Number(m[2] ?? m[3] ?? DEFAULT_LOCATOR_PORT);
      out.push({ host: m[1]!, port, span: { start: vs.start + from, end: vs.start + from + part.length } });
    }
    from += part.length + 1;
  }
  return out;
}

/** The locators line for host:port: same host, and the same peer-discovery port when one matches. */
function locatorLine(locators: MembersDocument, host: string, port: number): MemberLine | undefined {
  const sameHost = locators.members.filter((m) => m.host === host);
  const portOf = (m: MemberLine): number => Number(m.options.get('peer-discovery-port')?.value ?? DEFAULT_LOCATOR_PORT);
  return sameHost.find((m) => portOf(m) === port) ?? sameHost[0];
}

function membersDefinition(doc: MembersDocument, offset: number, siblings: MemberSiblings): NavTarget[] {
  const m = memberAt(doc, offset);
  if (m === undefined) return [];
  const arg = optionAt(m, offset);
  if (arg?.key === 'locators' && siblings.locators !== undefined) {
    const loc = siblings.locators;
    return locatorsIn(arg)
      .filter((l) => inside(l.span, offset))
      .flatMap((l) => {
        const line = locatorLine(loc, l.host, l.port);
        return line !== undefined ? [{ file: 'locators' as const, span: line.hostSpan }] : [];
      });
  }
  if (arg?.key !== undefined) return [{ file: 'self', span: keySpanOf(argInEffect(m, arg)) }];
  const lead = siblings.leads?.members[0];
  if (doc.role === 'server' && lead !== undefined && inside(m.hostSpan, offset)) {
    return [{ file: 'leads', span: lead.hostSpan }];
  }
  return [];
}

/** The typed field that sets the same Spark key as a sparkConf entry (it wins, as in the operator). */
function applicationDefinition(doc: SparkApplicationDocument, offset: number): NavTarget[] {
  for (const e of doc.sparkConf) {
    if (!inside(e.keySpan, offset)) continue;
    const path = TYPED_FIELD_KEYS.find(([, key]) => key === e.key)?.[0];
    const field = path !== undefined ? doc.fields.get(path) : undefined;
    const last = [...doc.sparkConf].reverse().find((x) => x.key === e.key) ?? e;
    return [{ file: 'self', span: (field ?? last).keySpan }];
  }
  return [];
}

/** The occurrence that takes effect for the key or option under `offset`. */
export function definitionAt(doc: ParsedDocument, offset: number, siblings: MemberSiblings = {}): NavTarget[] {
  switch (doc.kind) {
    case 'spark-defaults': {
      const e = entryAt(doc, offset);
      const inEffect = e !== undefined ? doc.effective.get(e.key) : undefined;
      return inEffect !== undefined ? [{ file: 'self', span: inEffect.keySpan }] : [];
    }
    case 'snappy-members':
      return membersDefinition(doc, offset, siblings);
    case 'spark-application':
      return applicationDefinition(doc, offset);
  }
}

/** Every occurrence of the key or option under `offset` in this file (the one in effect first when asked for). */
export function referencesAt(doc: ParsedDocument, offset: number, includeDeclaration: boolean): Span[] {
  let all: Span[];
  let inEffect: Span | undefined;
  const same = (a: Span, b: Span | undefined): boolean => b !== undefined && a.start === b.start;
  if (doc.kind === 'spark-defaults') {
    const e = entryAt(doc, offset);
    if (e === undefined) return [];
    all = doc.entries.filter((x) => x.keyHash === e.keyHash && x.key === e.key).map((x) => x.keySpan);
    inEffect = doc.effective.get(e.key)?.keySpan;
  } else if (doc.kind === 'snappy-members') {
    const m = memberAt(doc, offset);
    const arg = m !== undefined ? optionAt(m, offset) : undefined;
    if (m === undefined || arg?.key === undefined) return [];
    all = m.args.filter((a) => a.key === arg.key && a.kind !== 'jvm').map(keySpanOf);
    inEffect = keySpanOf(argInEffect(m, arg));
  } else {
    const e = doc.sparkConf.find((x) => inside(x.keySpan, offset));
    if (e === undefined) return [];
    all = doc.sparkConf.filter((x) => x.key === e.key).map((x) => x.keySpan);
    inEffect = all[all.length - 1];
  }
  const rest = all.filter((s) => !same(s, inEffect));
  return includeDeclaration && inEffect !== undefined ? [inEffect, ...rest] : rest;
}

/** Absolute paths in a members file's `-dir=` and a SparkApplication's `local://` mainApplicationFile. */
export function documentLinks(doc: ParsedDocument): DocumentLink[] {
  if (doc.kind === 'snappy-members') {
    return doc.members.flatMap((m) =>
      m.args.flatMap((a) =>
        a.kind === 'dir' && a.value?.startsWith('/') === true && a.valueSpan !== undefined
          ? [{ span: a.valueSpan, path: a.value, tooltip: `Working directory of the member on ${m.host}` }]
          : [],
      ),
    );
  }
  if (doc.kind === 'spark-application') {
    const main = mainApplicationFile(doc.text);
    if (main === undefined || !main.text.startsWith('local:///')) return [];
    // The path starts after the scheme (and after the opening quote of a quoted scalar).
    const at = doc.text.indexOf(main.text, main.span.start);
    if (at < 0) return [];
    const start = at + 'local://'.length;
    const path = main.text.slice('local://'.length);
    return [{ span: { start, end: start + path.length }, path, tooltip: 'Path inside the container image' }];
  }
  return [];
}

/** spec.mainApplicationFile as the operator reads it (the first SparkApplication's spec). */
function mainApplicationFile(text: string): { text: string; span: Span } | undefined {
  let spec;
  try {
    spec = applicationSpecOf(parseAllDocuments(text, { uniqueKeys: false }));
  } catch {
    return undefined;
  }
  const value = spec !== undefined ? mapGet(spec, 'mainApplicationFile')?.value : undefined;
  const span = isScalar(value) ? nodeSpan(value) : undefined;
  return isScalar(value) && typeof value.value === 'string' && span !== undefined
    ? { text: value.value, span }
    : undefined;
}
