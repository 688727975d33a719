// One pass over a spark-defaults.conf's entries that sorts out the few each properties rule needs
// to look at, cached per document. Ten rules walking 10,000 entries each cost more than the rules'
// actual work (profiled with npm run bench); with this they walk their own short lists.
import { catalogEntries, lookupKey } from '../../catalog';
import { derived, derivedKey } from '../../document/derived';
import { TRAIT_EMPTY, TRAIT_ESCAPES, TRAIT_HASH_OR_BANG, TRAIT_NON_SPARK, TRAIT_QUOTED, keyHash, type PropertiesDocument, type PropertyEntry } from '../../parse/properties';

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

export function shapeOf(key: string): number {
  return key.length * 128 + (key.charCodeAt(6) | 0x20);
}
/** keyHash of every catalog key: an entry whose hash is not here is not in the catalog, without cutting its key from the text. */
const KNOWN_HASHES = new Set(catalogEntries('spark').map((e) => keyHash(e.key)));
const INDEX = derivedKey<EntryIndex>('entryIndex');

export function entryIndex(doc: PropertiesDocument): EntryIndex {
  return derived(doc, INDEX, () => build(doc));
}

function build(doc: PropertiesDocument): EntryIndex {
  const overridden: PropertyEntry[] = [];
  const nonSpark: PropertyEntry[] = [];
  const unknownSpark: PropertyEntry[] = [];
  const inlineComment: PropertyEntry[] = [];
  const quoted: PropertyEntry[] = [];
  const empty: PropertyEntry[] = [];
  const escapes: PropertyEntry[] = [];
  // The reader already noted each entry's traits while scanning; only a few entries need a closer look.
  const entries = doc.entries;
  const inEffect = effectiveMask(doc);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const t = e.traits;
    if (inEffect !== undefined && inEffect[i] === 0) overridden.push(e);
    if ((t & TRAIT_NON_SPARK) !== 0) nonSpark.push(e);
    else if (!KNOWN_HASHES.has(e.keyHash) || lookupKey(e.key) === undefined) unknownSpark.push(e);
    if ((t & TRAIT_EMPTY) !== 0) empty.push(e);
    else {
      if ((t & TRAIT_HASH_OR_BANG) !== 0 && INLINE.test(e.value)) inlineComment.push(e);
      if ((t & TRAIT_QUOTED) !== 0) quoted.push(e);
    }
    if ((t & TRAIT_ESCAPES) !== 0) escapes.push(e);
  }
  return { overridden, nonSpark, unknownSpark, inlineComment, quoted, empty, escapes };
}

/** 1 for each entry in effect, or undefined when every entry is (no key repeats). */
function effectiveMask(doc: PropertiesDocument): ArrayLike<number> | undefined {
  if (doc.effective.size === doc.entries.length) return undefined;
  const m = doc.effective as { inEffect?: () => ArrayLike<number> };
  if (typeof m.inEffect === 'function') return m.inEffect();
  const out = new Uint8Array(doc.entries.length);
  for (const w of doc.effective.values()) out[w.index] = 1;
  return out;
}
