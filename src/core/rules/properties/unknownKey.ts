// PROPS-UNKNOWN-KEY: a memory key Spark does not know (spark.memory.*, spark.executor.memory*,
// spark.driver.memory*), or a known key in the wrong case. Spark ignores unknown keys silently,
// so a typo leaves the default in force. The suggestion is the closest catalog key by edit
// distance (case-insensitive). Never an error: Spark accepts any key.
import { catalogEntries, lookupKey } from '../../catalog';
import type { Span } from '../../text/lineIndex';
import type { Rule } from '../types';
import { UNICODE_SPACE } from './entrySetting';

const KEYS = catalogEntries('spark').map((e) => e.key);
const PREFIX = /^spark\.(memory\.|executor\.memory|driver\.memory)/i;

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > 3) return Math.abs(n - m);
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_v, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m] ?? 0;
}

export function closestKey(key: string): { key: string; distance: number } | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const k of KEYS) {
    const d = editDistance(lower, k.toLowerCase());
    if (best === undefined || d < best.distance) best = { key: k, distance: d };
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
    const keys: Array<{ key: string; keySpan: Span }> = ctx.doc.kind === 'spark-defaults' ? [...ctx.doc.entries] : ctx.doc.kind === 'spark-application' ? [...ctx.doc.sparkConf] : [];
    for (const { key, keySpan } of keys) {
      if (!key.startsWith('spark.') || lookupKey(key) !== undefined || UNICODE_SPACE.test(key)) continue;
      const lower = key.toLowerCase();
      const caseMatch = KEYS.find((k) => k.toLowerCase() === lower);
      if (caseMatch === undefined && !PREFIX.test(key)) continue;
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
