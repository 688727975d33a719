// One pass over a spark-defaults.conf's entries that sorts out the few each properties rule needs
// to look at, cached per document. Ten rules walking 10,000 entries each cost more than the rules'
// actual work (profiled with npm run bench); with this they walk their own short lists. The pass
// reads the reader's typed columns and takes entry objects only for what it keeps.
import { derived, derivedKey } from '../../document/derived';
import {
  TRAIT_EMPTY,
  TRAIT_ESCAPES,
  TRAIT_HASH_OR_BANG,
  TRAIT_NON_SPARK,
  TRAIT_QUOTED,
  type PropertiesDocument,
  type PropertyEntry,
} from '../../parse/properties';

export interface EntryIndex {
  /** Entries a later line with the same key overrides. */
  readonly overridden: readonly PropertyEntry[];
  /** Keys not starting with "spark.". */
  readonly nonSpark: readonly PropertyEntry[];
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
const INDEX = derivedKey<EntryIndex>('entryIndex');

export function entryIndex(doc: PropertiesDocument): EntryIndex {
  return derived(doc, INDEX, () => build(doc));
}

function build(doc: PropertiesDocument): EntryIndex {
  const overridden: PropertyEntry[] = [];
  const nonSpark: PropertyEntry[] = [];
  const inlineComment: PropertyEntry[] = [];
  const quoted: PropertyEntry[] = [];
  const empty: PropertyEntry[] = [];
  const escapes: PropertyEntry[] = [];
  const entries = doc.entries;
  const { traits, inEffect } = doc.columns;
  for (let i = 0; i < traits.length; i++) {
    if (inEffect[i] === 0) overridden.push(entries[i]!);
    const t = traits[i]!;
    if (t === 0) continue;
    const e = entries[i]!;
    if ((t & TRAIT_NON_SPARK) !== 0) nonSpark.push(e);
    if ((t & TRAIT_EMPTY) !== 0) empty.push(e);
    else {
      if ((t & TRAIT_HASH_OR_BANG) !== 0 && INLINE.test(e.value)) inlineComment.push(e);
      if ((t & TRAIT_QUOTED) !== 0) quoted.push(e);
    }
    if ((t & TRAIT_ESCAPES) !== 0) escapes.push(e);
  }
  return { overridden, nonSpark, inlineComment, quoted, empty, escapes };
}
