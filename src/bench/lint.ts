// Lint benchmark: the whole lint of a generated 10,000-line spark-defaults.conf (parse, every rule,
// the layout) against a floor measured in the same run (split the same text into lines and touch
// each one). Reports the median of N runs and the spread, so figures from different machines can
// be compared as a ratio to the floor.
import { parseDocument } from '../core/analyze';
import { RULES, lintDocument } from '../core/rules';
import { SPARK_3_5 } from '../core/version';

export interface Stats {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly stddevMs: number;
  readonly runs: number;
}

export interface LintBenchFigures {
  readonly lines: number;
  readonly findings: number;
  readonly lint: Stats;
  readonly floor: Stats;
  /** lint median / floor median. */
  readonly ratio: number;
  readonly lintMs10k: number;
  readonly lintFloorMs10k: number;
  /** The same file with CRLF line ends (saved on Windows), against its own floor. */
  readonly crlf: { readonly lint: Stats; readonly floor: Stats; readonly ratio: number };
}

const MEMORY_LINES = [
  'spark.master                      yarn',
  'spark.executor.memory             8g',
  'spark.executor.cores              4',
  'spark.executor.memoryOverhead     1g',
  'spark.driver.memory               4g',
  'spark.memory.fraction             0.6',
  'spark.memory.storageFraction      0.5',
  'spark.memory.offHeap.enabled      true',
  'spark.memory.offHeap.size         2g',
  'spark.executor.extraJavaOptions   -XX:+UseG1GC -XX:+PrintGCDetails',
];

/** A spark-defaults.conf of `lines` lines: the memory settings, then comments, blanks and many other keys, a few of them broken. */
export function generateSparkDefaults(lines: number): string {
  const out: string[] = [...MEMORY_LINES];
  for (let i = out.length; i < lines; i++) {
    const r = i % 20;
    if (r === 0) out.push(`# section ${i}: settings for job group ${i % 97}`);
    else if (r === 1) out.push('');
    else if (r === 2) out.push(`spark.sql.custom.setting${i}=${i}`);
    else if (r === 3) out.push(`spark.hadoop.fs.s3a.bucket.b${i}.endpoint: s3.eu-west-${i % 3}.amazonaws.com`);
    else if (r === 4 && i % 200 === 4) out.push(`spark.memory.tuning${i} 0.5`);
    else if (r === 5 && i % 500 === 5) out.push(`spark.driver.maxResultSize 512m # keep small`);
    else if (r === 6) out.push(`spark.executorEnv.VAR_${i}    value-${i}`);
    else out.push(`spark.app.key${i}                  value${i}`);
  }
  return out.join('\n') + '\n';
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / samples.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    medianMs: round(median),
    minMs: round(sorted[0] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    stddevMs: round(Math.sqrt(variance)),
    runs: samples.length,
  };
}

/** The floor: what any reader must at least do, split the text into lines and look at each. */
function floor(text: string): number {
  let touched = 0;
  for (const line of text.split(/\r\n|\r|\n/)) touched += line.length + (line.charCodeAt(0) | 0);
  return touched;
}

function lintOnce(text: string): number {
  const doc = parseDocument({ kind: 'spark-defaults' }, text);
  return lintDocument(doc, RULES, { version: SPARK_3_5 }).length;
}

function time(fn: () => unknown, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Lint and floor samples over one text, interleaved so both see the same machine state (GC, frequency scaling). */
function measure(text: string, runs: number, warmup: number): { lint: Stats; floor: Stats; ratio: number } {
  const lintSamples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < warmup; i++) {
    lintOnce(text);
    floor(text);
  }
  // No forced collection between samples: tried with --expose-gc, it made every lint 3-4x slower
  // (a shrunken young generation), which is not how an editor or CI meets the linter.
  for (let i = 0; i < runs; i++) {
    floorSamples.push(...time(() => floor(text), 1, 0));
    lintSamples.push(...time(() => lintOnce(text), 1, 0));
  }
  const l = stats(lintSamples);
  const f = stats(floorSamples);
  return { lint: l, floor: f, ratio: Math.round((l.medianMs / Math.max(f.medianMs, 1e-6)) * 100) / 100 };
}

export function benchLint(opts: { lines?: number; runs?: number; warmup?: number } = {}): LintBenchFigures {
  const lines = opts.lines ?? 10_000;
  const runs = opts.runs ?? 41;
  const warmup = opts.warmup ?? 10;
  const text = generateSparkDefaults(lines);
  const findings = lintOnce(text);
  const lf = measure(text, runs, warmup);
  const crlf = measure(text.replace(/\n/g, '\r\n'), runs, warmup);
  return {
    lines,
    findings,
    lint: lf.lint,
    floor: lf.floor,
    ratio: lf.ratio,
    crlf,
    lintMs10k: lf.lint.medianMs,
    lintFloorMs10k: lf.floor.medianMs,
  };
}
