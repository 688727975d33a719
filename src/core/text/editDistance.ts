// The one edit distance for "did you mean": Spark keys, SnappyData options, scenario fields.

/** Rows reused between calls (a lint of many unknown keys calls this thousands of times). */
const SCRATCH: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), or `max + 1` as
 * soon as it must exceed `max` (only small distances matter for a typo).
 */
export function editDistance(a: string, b: string, max = 3): number {
  // A common prefix costs nothing, and keys share a long one ("spark.memory.").
  let p = 0;
  const shorter = Math.min(a.length, b.length);
  while (p < shorter && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const n = a.length - p;
  const m = b.length - p;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.min(n + m, max + 1);
  if (SCRATCH[0].length < m + 1) for (let k = 0; k < 3; k++) SCRATCH[k] = new Int32Array(2 * (m + 1));
  let prev2 = SCRATCH[0];
  let prev = SCRATCH[1];
  let cur = SCRATCH[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(p + i - 1);
    const aPrev = i > 1 ? a.charCodeAt(p + i - 2) : -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(p + j - 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const sub = prev[j - 1]! + (ai === bj ? 0 : 1);
      let d = del < ins ? del : ins;
      if (sub < d) d = sub;
      if (j > 1 && aPrev === bj && ai === b.charCodeAt(p + j - 2)) {
        const tr = prev2[j - 2]! + 1;
        if (tr < d) d = tr;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, max + 1);
}
