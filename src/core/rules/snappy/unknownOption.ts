// SNAPPY-UNKNOWN-OPTION: a `-key` that is a near miss of a known member option (`-heap-szie`,
// `--heap-size`, `-memory_size`). QuickLauncher passes any `-key=value` on without complaint
// (getStartOptions l.369-376), so a misspelt key silently does nothing; a special launcher key
// (heap-size, dir, classpath) misspelt is not even treated as special. Only near misses are reported,
// and only as a hint: unknown options are legal. Known names: catalog/snappyKeys.ts SNAPPY_OPTION_NAMES.
import { SNAPPY_OPTION_NAMES } from '../../catalog/snappyKeys';
import { editDistance } from '../../text/editDistance';
import type { Rule } from '../types';
import { argSubSpan, launcherArgs, membersOf } from './common';

const KNOWN: ReadonlySet<string> = new Set(SNAPPY_OPTION_NAMES);
/** Prefixes of properties SnappyData passes on to Spark, the store or the job server: never guessed at. */
const PASS_THROUGH =
  /^(spark\.|snappydata\.|gemfirexd\.|gemfire\.|jobserver\.|zeppelin\.|hive\.|hadoop\.|javax\.jdo\.)/;

export function nearestOption(key: string): string | undefined {
  if (key.length < 3 || key.length > 60 || KNOWN.has(key)) return undefined;
  const norm = key.replace(/_/g, '-').toLowerCase();
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of SNAPPY_OPTION_NAMES) {
    const limit = k.length <= 5 ? 1 : 2;
    const dd = Math.min(
      editDistance(key, k, limit),
      norm === k.toLowerCase() ? 1 : Number.POSITIVE_INFINITY,
      editDistance(norm, k.toLowerCase(), limit),
    );
    if (dd <= limit && dd < bestD) {
      best = k;
      bestD = dd;
    }
  }
  return best;
}

export const snappyUnknownOption: Rule = {
  code: 'SNAPPY-UNKNOWN-OPTION',
  title: 'An option name that looks like a misspelt known one (did you mean ...?)',
  defaultSeverity: 'hint',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      for (const a of launcherArgs(m)) {
        if (a.kind !== 'option' || a.key === undefined || KNOWN.has(a.key)) continue;
        if (
          PASS_THROUGH.test(a.key) &&
          !KNOWN.has(a.key) &&
          !SNAPPY_OPTION_NAMES.some((k) => PASS_THROUGH.test(k) && editDistance(a.key!, k, 2) <= 2)
        )
          continue;
        const s = nearestOption(a.key);
        if (s === undefined) continue;
        const keySpan = argSubSpan(ctx, a, 1, 1 + a.key.length);
        const exact = keySpan !== a.span;
        // The line already sets -s: changing this one onto it would replace that value (offered, not preferred).
        const taken = launcherArgs(m).some((b) => b !== a && b.key === s);
        report({
          message: `Unknown option -${a.key}: did you mean -${s}? SnappyData's launcher passes unknown options on without a word, so this one has no effect as written.${taken ? ` The line already sets -${s}, so changing it would replace that value.` : ''}`,
          span: exact ? keySpan : a.span,
          fixes: [
            {
              title: `Change to -${s}`,
              edits: [
                exact
                  ? { span: keySpan, newText: s }
                  : { span: a.span, newText: `-${s}${a.text.slice(1 + a.key.length)}` },
              ],
              ...(taken ? {} : { isPreferred: true }),
            },
          ],
        });
      }
    }
  },
};
