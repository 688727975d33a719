// One pass over a spark-defaults.conf's entries that sorts out the few each properties rule needs
// to look at, cached per document. Ten rules walking 10,000 entries each cost more than the rules'
// actual work (profiled with npm run bench); with this they walk their own short lists.
import { catalogEntries, lookupKey } from '../../catalog';
import type { PropertiesDocument, PropertyEntry } from '../../parse/properties';

export interface EntryIndex {
  /** Entries a later line with the same key overrides. */
  readonly overridden: readonly PropertyEntry[];
  /** Keys not starting with "spark.". */
  readonly nonSpark: readonly PropertyEntry[];
  /** "spark." keys the catalog does not know. */
  readonly unknownSpark: readonly PropertyEntry[];
  /** Values that contain a blank followed by # or !. */
  readonly inlineComment: readonly PropertyEntry[];
  /** Values starting or ending with a quote character. */
  readonly quoted: readonly PropertyEntry[];
  /** Values that are empty once trimmed. */
  readonly empty: readonly PropertyEntry[];
  /** Entries whose key or value contains a backslash escape. */
  readonly escapes: readonly PropertyEntry[];
}

const INLINE = /[ \t\f][#!]/;
/** (length, 7th character) of every catalog key: a key matching none is not in the catalog, without a Map lookup. */
const SHAPES = new Set(catalogEntries('spark').map((e) => shapeOf(e.key)));

export function shapeOf(key: string): number {
  return key.length * 128 + (key.charCodeAt(6) | 0x20);
}
const cache = new WeakMap<PropertiesDocument, EntryIndex>();

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

function blankAfterTrim(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0x20) return false;
  return true;
}

export function entryIndex(doc: PropertiesDocument): EntryIndex {
  const hit = cache.get(doc);
  if (hit !== undefined) return hit;
  const overridden: PropertyEntry[] = [];
  const nonSpark: PropertyEntry[] = [];
  const unknownSpark: PropertyEntry[] = [];
  const inlineComment: PropertyEntry[] = [];
  const quoted: PropertyEntry[] = [];
  const empty: PropertyEntry[] = [];
  const escapes: PropertyEntry[] = [];
  // The entry in effect for each key is the last one: mark those by index instead of looking
  // every entry up in the map.
  const entries = doc.entries;
  const inEffect = new Uint8Array(entries.length);
  if (doc.effective.size !== entries.length) for (const w of doc.effective.values()) inEffect[w.index] = 1;
  else inEffect.fill(1);
  for (const e of entries) {
    const key = e.key;
    if (inEffect[e.index] === 0) overridden.push(e);
    if (!key.startsWith('spark.')) nonSpark.push(e);
    else if (!SHAPES.has(shapeOf(key)) || lookupKey(key) === undefined) unknownSpark.push(e);
    const v = e.value;
    const n = v.length;
    if (n === 0 || blankAfterTrim(v)) empty.push(e);
    else {
      if ((v.indexOf('#') > 0 || v.indexOf('!') > 0) && INLINE.test(v)) inlineComment.push(e);
      if (isQuote(v.charCodeAt(0)) || isQuote(v.charCodeAt(n - 1))) quoted.push(e);
    }
    if (e.hasEscapes) escapes.push(e);
  }
  const index = { overridden, nonSpark, unknownSpark, inlineComment, quoted, empty, escapes };
  cache.set(doc, index);
  return index;
}
