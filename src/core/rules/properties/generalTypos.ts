// PROPS-UNKNOWN-KEY beyond the memory keys: a `spark.` key that no Spark line registers, reads by name or
// holds under a free-form prefix (catalog/registry.ts), a few edits from a key of the line in force,
// is a typo Spark ignores silently (`spark.exectuor.memory`). Keys far from every key are left alone:
// libraries read their own `spark.` keys (spark.cassandra.*, spark.rapids.*).
import { catalogEntries, existsIn, lookupKey } from '../../catalog';
import { freeFormPrefix, knownToSpark, registryKeys } from '../../catalog/registry';
import { TRAIT_NON_SPARK } from '../../parse/properties';
import { editDistance } from '../../text/editDistance';
import type { Span } from '../../text/lineIndex';
import { SparkVersion, formatVersion } from '../../version';
import type { Report, RuleContext } from '../types';
import { UNICODE_SPACE } from './entrySetting';

interface Candidates {
  readonly keys: readonly string[];
  readonly lower: readonly string[];
  /** Indexes of `keys` by length. */
  readonly byLength: ReadonlyMap<number, readonly number[]>;
  readonly byLower: ReadonlyMap<string, string>;
  /** Suggestions already computed (a file repeats its keys; files share them). */
  readonly memo: Map<string, string | null>;
}

const CANDIDATES = new Map<string, Candidates>();
const MEMO_LIMIT = 20000;

/** The keys the version in force reads: the registry's line and the hand-written catalog. */
function candidatesFor(v: SparkVersion): Candidates {
  const id = formatVersion(v);
  const have = CANDIDATES.get(id);
  if (have !== undefined) return have;
  const set = new Set(registryKeys(v));
  for (const e of catalogEntries('spark')) if (existsIn(e, v)) set.add(e.key);
  const keys = [...set].sort();
  const lower = keys.map((k) => k.toLowerCase());
  const byLength = new Map<number, number[]>();
  lower.forEach((k, i) => {
    const list = byLength.get(k.length);
    if (list === undefined) byLength.set(k.length, [i]);
    else list.push(i);
  });
  const c: Candidates = {
    keys,
    lower,
    byLength,
    byLower: new Map(keys.map((k) => [k.toLowerCase(), k])),
    memo: new Map(),
  };
  CANDIDATES.set(id, c);
  return c;
}

/** The nearest key by edit distance (with transpositions, case-insensitive), as closestKey allows it. */
function nearest(key: string, c: Candidates): string | undefined {
  const memo = c.memo.get(key);
  if (memo !== undefined) return memo ?? undefined;
  const lower = key.toLowerCase();
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 8)));
  let best: string | undefined;
  let bestDistance = allowed;
  for (let len = lower.length - allowed; len <= lower.length + allowed; len++) {
    for (const i of c.byLength.get(len) ?? []) {
      const d = editDistance(lower, c.lower[i] ?? '', bestDistance);
      if (d > bestDistance) continue;
      const k = c.keys[i] ?? '';
      // The first (alphabetical) of the nearest keys wins.
      if (best === undefined || d < bestDistance || k < best) {
        best = k;
        bestDistance = d;
      }
    }
  }
  if (c.memo.size > MEMO_LIMIT) c.memo.clear();
  c.memo.set(key, best ?? null);
  return best;
}

/** Whether Spark may read `key`: the catalog, any registry line, by name, or a free-form family. */
function mayBeRead(key: string): boolean {
  return lookupKey(key) !== undefined || knownToSpark(key) || freeFormPrefix(key) !== undefined;
}

/** The rename finding both passes report. */
export function reportRename(
  ctx: RuleContext,
  key: string,
  keySpan: Span,
  best: string,
  caseOnly: boolean,
  report: (r: Report) => void,
): void {
  const keyText = ctx.text.slice(keySpan.start, keySpan.end);
  const q = keyText.charAt(0) === '"' || keyText.charAt(0) === "'" ? keyText.charAt(0) : '';
  // Renaming onto a key the file already sets would change that key's value: offered, never preferred
  // (Fix all and fix-on-save leave it to the user).
  const setAt = ctx.conf?.get(best);
  const cased = caseOnly ? ' (keys are case-sensitive)' : '';
  report({
    message:
      setAt !== undefined
        ? `Spark has no setting ${key}${cased} and ignores it silently. Did you mean ${best}? It is already set in this file, so renaming would replace that value.`
        : `Spark has no setting ${key}${cased} and ignores it silently, so ${best} keeps its default. Did you mean ${best}?`,
    span: keySpan,
    fixes: [
      {
        title: `Rename to ${best}`,
        edits: [{ span: keySpan, newText: `${q}${best}${q}` }],
        ...(setAt === undefined ? { isPreferred: true, setsKey: best } : {}),
      },
    ],
  });
}

/** Reports the typos among the `spark.` keys the memory pass did not report (`handled`: key span starts). */
export function generalTypos(ctx: RuleContext, handled: ReadonlySet<number>, report: (r: Report) => void): void {
  // The registry starts at 3.5 and is read back to 3.0 by each key's version; 2.x keys removed in 3.0 are not in it.
  if (ctx.version.major < 3) return;
  const keys: { key: string; keySpan: Span }[] = [];
  if (ctx.doc.kind === 'spark-defaults') {
    const { traits } = ctx.doc.columns;
    ctx.doc.entries.forEach((e, i) => {
      if ((traits[i]! & TRAIT_NON_SPARK) === 0) keys.push(e);
    });
  } else if (ctx.doc.kind === 'spark-application') {
    for (const e of ctx.doc.sparkConf) if (e.key.startsWith('spark.')) keys.push(e);
  }
  let c: Candidates | undefined;
  for (const { key, keySpan } of keys) {
    if (handled.has(keySpan.start) || mayBeRead(key) || UNICODE_SPACE.test(key)) continue;
    c ??= candidatesFor(ctx.version);
    const cased = c.byLower.get(key.toLowerCase());
    const best = cased ?? nearest(key, c);
    if (best !== undefined) reportRename(ctx, key, keySpan, best, cased !== undefined, report);
  }
}
