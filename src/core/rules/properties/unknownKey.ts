// PROPS-UNKNOWN-KEY: a memory key Spark does not know (spark.memory.*, spark.executor.memory*,
// spark.driver.memory*), or a known key in the wrong case. Spark ignores unknown keys silently,
// so a typo leaves the default in force. The suggestion is the closest catalog key by edit
// distance (case-insensitive). Never an error: Spark accepts any key.
// From Spark 3.0 on, any other `spark.` key that no line of the generated registry knows (nor reads by
// name, nor holds under a free-form prefix such as spark.hadoop.) and that is a few edits from a key
// of the line in force is reported too (generalTypos.ts); unknown keys far from every key may belong
// to a library and are left alone.
import { catalogEntries, lookupKey } from '../../catalog';
import { knownToSpark } from '../../catalog/registry';
import { generalTypos, reportRename } from './generalTypos';
import { TRAIT_NON_SPARK, keyHash, keyShape } from '../../parse/properties';
import type { Span } from '../../text/lineIndex';
import type { Rule } from '../types';
import { editDistance } from '../../text/editDistance';
import { UNICODE_SPACE } from './entrySetting';

const KEYS = catalogEntries('spark').map((e) => e.key);
const LOWER = KEYS.map((k) => k.toLowerCase());
const BY_LOWER = new Map(KEYS.map((k) => [k.toLowerCase(), k]));
/** keyHash of every catalog key: a key whose hash is not here is not in the catalog, without cutting it from the text. */
const KNOWN_HASHES = new Set(KEYS.map(keyHash));
/** 1 at each of `shapes`: a bitmap, as these are asked of every line of a file. */
function bitmap(shapes: readonly number[]): Uint8Array {
  const bits = new Uint8Array(Math.max(0, ...shapes) + 1);
  for (const s of shapes) bits[s] = 1;
  return bits;
}
/** keyShape of each catalog key, case-folded. */
const CASE_SHAPES = bitmap(KEYS.map((k) => keyShape(k.toLowerCase())));
/** The key's length and last character, case-folded. */
function tailShape(key: string): number {
  return key.length * 128 + ((key.charCodeAt(key.length - 1) | 0x20) & 127);
}
const CASE_TAILS = bitmap(KEYS.map((k) => tailShape(k.toLowerCase())));

/** A catalog key's length and 7th character (case-folded), or a memory prefix's 7th character: m(emory), e(xecutor), d(river). */
function mayBeMemoryKey(shape: number): boolean {
  const c = shape & 127;
  return c === 0x6d || c === 0x65 || c === 0x64 || CASE_SHAPES[shape] === 1;
}

/** `memory` for spark.memory.x, `executor` for spark.executor.memory: typos keep this part. */
function family(lowerKey: string): string {
  const dot = lowerKey.indexOf('.', 6);
  return dot < 0 ? lowerKey.slice(6) : lowerKey.slice(6, dot);
}
const PREFIXES = ['spark.memory.', 'spark.executor.memory', 'spark.driver.memory'];
const FAMILIES = LOWER.map(family);

/** A memory prefix, or the shape of a catalog key at both ends (a case match needs it): what every candidate has. */
function isMemoryShaped(key: string, shape: number): boolean {
  return (CASE_SHAPES[shape] === 1 && CASE_TAILS[tailShape(key)] === 1) || hasMemoryPrefix(key);
}

/**
 * Whether key.toLowerCase() starts with a memory prefix, without lowering the key (asked of every
 * unknown spark.e…/spark.d…/spark.m… key of a file). ASCII folding is enough: the prefixes' letters
 * have no non-ASCII capital (the Kelvin sign lowers to k, which they lack after "spark.").
 */
function hasMemoryPrefix(key: string): boolean {
  for (const p of PREFIXES) {
    if (key.length < p.length) continue;
    let i = 0;
    for (; i < p.length; i++) {
      const c = key.charCodeAt(i);
      if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== p.charCodeAt(i)) break;
    }
    if (i === p.length) return true;
  }
  return false;
}

export function closestKey(key: string): { key: string; distance: number } | undefined {
  const lower = key.toLowerCase();
  // Longer keys may carry more typos; asking editDistance for no more than that cuts it short.
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 8)));
  const fam = family(lower);
  let best: { key: string; distance: number } | undefined;
  for (let i = 0; i < KEYS.length; i++) {
    const candidate = LOWER[i] ?? '';
    if (Math.abs(candidate.length - lower.length) > allowed || FAMILIES[i] !== fam) continue;
    const d = editDistance(lower, candidate, best === undefined ? allowed : best.distance);
    // The first of the nearest keys wins, as before.
    if (d <= allowed && (best === undefined || d < best.distance)) best = { key: KEYS[i] ?? '', distance: d };
  }
  return best;
}

export const unknownKey: Rule = {
  code: 'PROPS-UNKNOWN-KEY',
  title: 'An unknown key (probably a typo): Spark ignores it',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    // The shape filter first: most unknown keys of a big file are not memory keys, and for
    // spark-defaults.conf it reads the key in the text instead of cutting every key out of it.
    const candidates: { key: string; keySpan: Span }[] = [];
    if (ctx.doc.kind === 'spark-defaults') {
      const { traits, keyShape: shapes, keyHash: hashes } = ctx.doc.columns;
      const entries = ctx.doc.entries;
      for (let i = 0; i < traits.length; i++) {
        const shape = shapes[i]!;
        if ((traits[i]! & TRAIT_NON_SPARK) !== 0 || !mayBeMemoryKey(shape)) continue;
        const e = entries[i]!;
        if ((KNOWN_HASHES.has(hashes[i]!) && lookupKey(e.key) !== undefined) || !isMemoryShaped(e.key, shape)) continue;
        if (knownToSpark(e.key)) continue;
        candidates.push(e);
      }
    } else if (ctx.doc.kind === 'spark-application') {
      for (const e of ctx.doc.sparkConf) {
        if (
          e.key.startsWith('spark.') &&
          lookupKey(e.key) === undefined &&
          isMemoryShaped(e.key, keyShape(e.key)) &&
          !knownToSpark(e.key)
        )
          candidates.push(e);
      }
    }
    const handled = new Set<number>();
    for (const { key, keySpan } of candidates) {
      const caseMatch = BY_LOWER.get(key.toLowerCase());
      if ((caseMatch === undefined && !hasMemoryPrefix(key)) || UNICODE_SPACE.test(key)) continue;
      handled.add(keySpan.start);
      if (lookupKey(key, 'snappydata') !== undefined) {
        report({
          message: `${key} is a SnappyData setting, not a Spark one: Apache Spark ignores it.`,
          span: keySpan,
          severity: 'info',
        });
        continue;
      }
      const best = caseMatch !== undefined ? { key: caseMatch, distance: 0 } : closestKey(key);
      if (best !== undefined) {
        reportRename(ctx, key, keySpan, best.key, caseMatch !== undefined, report);
      } else {
        report({
          message: `Spark has no memory setting ${key} and ignores it silently.`,
          span: keySpan,
          severity: 'info',
        });
      }
    }
    generalTypos(ctx, handled, report);
  },
};
