// Semantic tokens for spark-defaults.conf and SnappyData member files: keys the catalog knows, or
// Spark registers in the line in force (the registry generated from the jars, as PROPS-UNKNOWN-KEY
// reads it), and whether this Spark line deprecates or no longer reads them; and the number and unit of
// size values, so `4g` and `4` read differently from a key. Lexical only: what a value means is
// the size parser's job (size/), and what is wrong with it the rules'.
import { type CatalogEntry, existsIn, lookupKey, lookupSparkKey } from '../catalog';
import type { MembersDocument } from '../parse/members';
import type { PropertiesDocument } from '../parse/properties';
import type { Span } from '../text/lineIndex';
import { type SparkVersion, versionInRange } from '../version';
import type { SemanticTokenModifier, SemanticTokenType } from './semanticLegend';

export interface SemanticToken {
  readonly span: Span;
  readonly type: SemanticTokenType;
  readonly modifiers: readonly SemanticTokenModifier[];
}

const SIZE_TYPES = new Set(['size', 'jvm-size', 'snappy-size']);
const NUMBER_TYPES = new Set(['double', 'float', 'int', 'long']);

function keyModifiers(entry: CatalogEntry | undefined, v: SparkVersion): SemanticTokenModifier[] {
  if (entry === undefined) return [];
  const deprecated =
    !existsIn(entry, v) || (entry.deprecatedIn !== undefined && versionInRange(v, `${entry.deprecatedIn}+`));
  return deprecated ? ['defaultLibrary', 'deprecated'] : ['defaultLibrary'];
}

/** `4g` -> number `4`, unit `g`; a value that is not digits then letters gets no token. */
function valueTokens(entry: CatalogEntry | undefined, value: string, span: Span): SemanticToken[] {
  if (entry === undefined || span.end - span.start !== value.length) return [];
  const m = /^(-?[0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)$/.exec(value);
  if (m === null) return [];
  const digits = m[1]!.length;
  if (NUMBER_TYPES.has(entry.type)) return m[2] === '' ? [{ span, type: 'number', modifiers: [] }] : [];
  if (!SIZE_TYPES.has(entry.type)) return [];
  const out: SemanticToken[] = [
    { span: { start: span.start, end: span.start + digits }, type: 'number', modifiers: [] },
  ];
  if (m[2] !== '') out.push({ span: { start: span.start + digits, end: span.end }, type: 'sizeUnit', modifiers: [] });
  return out;
}

function propertiesTokens(doc: PropertiesDocument, v: SparkVersion): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const e of doc.entries) {
    if (e.keySpan.end <= e.keySpan.start) continue;
    const entry = lookupSparkKey(e.key, v);
    out.push({ span: e.keySpan, type: 'property', modifiers: keyModifiers(entry, v) });
    out.push(...valueTokens(entry, e.value, e.valueSpan));
  }
  return out;
}

function membersTokens(doc: MembersDocument, v: SparkVersion): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const m of doc.members) {
    if (m.hostSpan.end > m.hostSpan.start) out.push({ span: m.hostSpan, type: 'namespace', modifiers: [] });
    for (const a of m.args) {
      if (a.keySpan === undefined || a.key === undefined || a.kind === 'jvm') continue;
      const spark = a.key.startsWith('spark.');
      const entry = spark ? lookupSparkKey(a.key, v) : lookupKey(a.key, 'snappydata');
      out.push({ span: a.keySpan, type: 'property', modifiers: keyModifiers(entry, v) });
      if (a.value !== undefined && a.valueSpan !== undefined) out.push(...valueTokens(entry, a.value, a.valueSpan));
    }
  }
  return out;
}

/** Tokens in document order; each lies on one line (a continuation splits no token: such keys get none). */
export function semanticTokens(doc: PropertiesDocument | MembersDocument, v: SparkVersion): SemanticToken[] {
  const all = doc.kind === 'spark-defaults' ? propertiesTokens(doc, v) : membersTokens(doc, v);
  return all.filter((t) => !/[\r\n]/.test(doc.text.slice(t.span.start, t.span.end)));
}
