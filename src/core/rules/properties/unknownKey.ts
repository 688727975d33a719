// PROPS-UNKNOWN-KEY: a memory key Spark does not know (spark.memory.*, spark.executor.memory*,
// spark.driver.memory*), or a known key in the wrong case. Spark ignores unknown keys silently,
// so a typo leaves the default in force. The suggestion is the closest catalog key by edit
// distance (case-insensitive). Never an error: Spark accepts any key.
import { catalogEntries, lookupKey } from '../../catalog';
import type { Span } from '../../text/lineIndex';
import type { Rule } from '../types';
import { UNICODE_SPACE } from './entrySetting';
import { entryIndex, shapeOf } from './entryIndex';

const KEYS = catalogEntries('spark').map((e) => e.key);
const LOWER = KEYS.map((k) => k.toLowerCase());
const BY_LOWER = new Map(KEYS.map((k) => [k.toLowerCase(), k]));
/** (length, 7th character, case-folded) of the catalog keys and of the memory prefixes: a cheap first filter. */
const CASE_SHAPES = new Set(KEYS.map((k) => shapeOf(k.toLowerCase())));
const PREFIX_CHARS = new Set([0x6d, 0x65, 0x64]); // m(emory), e(xecutor), d(river)

/** A catalog key's length and 7th character (case-folded), or a memory prefix's 7th character. */
function mayBeMemoryKey(folded: number): boolean {
  return CASE_SHAPES.has(folded) || PREFIX_CHARS.has(folded % 128);
}

/** `memory` for spark.memory.x, `executor` for spark.executor.memory: typos keep this part. */
function family(lowerKey: string): string {
  const dot = lowerKey.indexOf('.', 6);
  return dot < 0 ? lowerKey.slice(6) : lowerKey.slice(6, dot);
}
const PREFIXES = ['spark.memory.', 'spark.executor.memory', 'spark.driver.memory'];

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), or `max + 1` as
 * soon as it must exceed `max` (only small distances matter for a typo).
 */
/** Rows reused between calls (a lint of many unknown keys calls this thousands of times). */
const SCRATCH: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistance(a: string, b: string, max = 3): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (SCRATCH[0].length < m + 1) for (let k = 0; k < 3; k++) SCRATCH[k] = new Int32Array(2 * (m + 1));
  let prev2 = SCRATCH[0];
  let prev = SCRATCH[1];
  let cur = SCRATCH[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m] ?? 0, max + 1);
}

export function closestKey(key: string): { key: string; distance: number } | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  const fam = family(lower);
  for (let i = 0; i < KEYS.length; i++) {
    const candidate = LOWER[i] ?? '';
    if (Math.abs(candidate.length - lower.length) > 3 || family(candidate) !== fam) continue;
    const d = editDistance(lower, candidate, 3);
    if (best === undefined || d < best.distance) best = { key: KEYS[i] ?? '', distance: d };
  }
  if (best === undefined || best.distance > Math.max(1, Math.min(3, Math.floor(key.length / 8)))) return undefined;
  return best;
}

export const unknownKey: Rule = {
  code: 'PROPS-UNKNOWN-KEY',
  title: 'An unknown memory key (probably a typo): Spark ignores it',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    // The shape filter first: most unknown keys of a big file are not memory keys, and for
    // spark-defaults.conf it reads the key in the text instead of cutting every key out of it.
    const candidates: { key: string; keySpan: Span }[] = [];
    if (ctx.doc.kind === 'spark-defaults') {
      for (const e of entryIndex(ctx.doc).unknownSpark) if (mayBeMemoryKey(e.keyLength * 128 + (e.keyCharCodeAt(6) | 0x20))) candidates.push(e);
    } else if (ctx.doc.kind === 'spark-application') {
      for (const e of ctx.doc.sparkConf) if (mayBeMemoryKey(shapeOf(e.key))) candidates.push(e);
    }
    for (const { key, keySpan } of candidates) {
      if (!key.startsWith('spark.') || lookupKey(key) !== undefined) continue;
      const lower = key.toLowerCase();
      const caseMatch = BY_LOWER.get(lower);
      if ((caseMatch === undefined && !PREFIXES.some((p) => lower.startsWith(p))) || UNICODE_SPACE.test(key)) continue;
      if (lookupKey(key, 'snappydata') !== undefined) {
        report({ message: `${key} is a SnappyData setting, not a Spark one: Apache Spark ignores it.`, span: keySpan, severity: 'info' });
        continue;
      }
      const best = caseMatch !== undefined ? { key: caseMatch, distance: 0 } : closestKey(key);
      const keyText = ctx.text.slice(keySpan.start, keySpan.end);
      const q = keyText.charAt(0) === '"' || keyText.charAt(0) === "'" ? keyText.charAt(0) : '';
      if (best !== undefined) {
        report({
          message: `Spark has no setting ${key}${caseMatch !== undefined ? ' (keys are case-sensitive)' : ''} and ignores it silently, so ${best.key} keeps its default. Did you mean ${best.key}?`,
          span: keySpan,
          fixes: [{ title: `Rename to ${best.key}`, edits: [{ span: keySpan, newText: `${q}${best.key}${q}` }], isPreferred: true }],
        });
      } else {
        report({ message: `Spark has no memory setting ${key} and ignores it silently.`, span: keySpan, severity: 'info' });
      }
    }
  },
};
