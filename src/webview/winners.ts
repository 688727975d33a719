// Which runs of a comparison win. Pure: the compare view marks them, the unit tests check the rule.
import type { SimResult } from '../core/workload/types';

/** Lower is better: failures (a stopped run counts as the worst), then simulated time (ms), then bytes spilled. */
function score(r: SimResult): readonly [number, number, number] {
  return [
    r.summary.failedTasks + (r.summary.stoppedAt !== undefined ? 1e9 : 0),
    Math.round(r.summary.durationMs),
    r.summary.spilledBytes,
  ];
}

function compare(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Indexes of the best runs; none when every run ties (then no column is better than another). */
export function winners(results: readonly SimResult[]): number[] {
  const scores = results.map(score);
  const first = scores[0];
  if (first === undefined) return [];
  const best = scores.reduce((m, s) => (compare(s, m) < 0 ? s : m), first);
  const idx = scores.flatMap((s, i) => (compare(s, best) === 0 ? [i] : []));
  return idx.length === results.length ? [] : idx;
}
