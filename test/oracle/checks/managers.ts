// Spark's memory managers as the judge of the simulator: every hand-derived ops case in
// test/conformance runs through the real classes (a disagreement is a defect in the case), and a
// seeded stream of random programs runs on both sides, compared after every step.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseRelease, OpsCase, loadCaseFile } from '../../conformance/runner';
import { parseSparkVersion } from '../../../src/core/version';
import { CheckContext, CheckResult, LineFigures, NO_FIGURES, OracleCheck } from '../check';
import { caseCheckLines } from '../caseLines';
import { caseProgram, checkCaseAgainstSpark } from '../caseCheck';
import { generate, replaySteps } from '../fuzz';
import { runHarness } from '../harness';
import { pool } from '../javaHomes';
import { SparkLine } from '../lines';
import { Program, programJson } from '../program';

/** Programs per write to the JVM, slices outstanding at once, and how often progress is logged. */
const SLICE = 50;
const IN_FLIGHT = 8;
const PROGRESS = 5000;
const SHRINK_LIMIT = 2;

function releaseOf(line: SparkLine, legacy: boolean): CaseRelease {
  const v = parseSparkVersion(line.release);
  if (v === undefined) throw new Error(`cannot read the release ${line.release}`);
  return { version: v, legacy, label: `${line.label}${legacy ? ' legacy' : ''}` };
}

/** The ops cases of test/conformance that hold for a line, each with the release it runs as. */
function casesFor(root: string, line: SparkLine): { c: OpsCase; rel: CaseRelease }[] {
  const dir = join(root, 'test', 'conformance');
  const out: { c: OpsCase; rel: CaseRelease }[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    let file: ReturnType<typeof loadCaseFile>;
    try {
      file = loadCaseFile(readFileSync(join(dir, f), 'utf8'));
    } catch {
      continue; // a file of another format (the conformance tier reports it)
    }
    for (const c of file.cases) {
      if (c.kind !== 'ops') continue;
      const rel = releaseOf(line, false);
      const legacy = c.versions.some((v) => /legacy/i.test(v));
      if (legacy && line.label === '2.4') out.push({ c, rel: releaseOf(line, true) });
      else if (c.versions.some((v) => !/legacy/i.test(v) && caseCheckLines(v, rel.version))) out.push({ c, rel });
    }
  }
  return out;
}

async function runCases(
  ctx: CheckContext,
  line: SparkLine,
  fig: LineFigures,
  failures: string[],
  notes: string[],
): Promise<void> {
  const runnable: { c: OpsCase; rel: CaseRelease; p: Program }[] = [];
  const skipped: string[] = [];
  for (const { c, rel } of casesFor(ctx.root, line)) {
    const p = caseProgram(c, rel);
    if (typeof p === 'string') skipped.push(`${c.id} (${p})`);
    else runnable.push({ c, rel, p });
  }
  if (runnable.length > 0) {
    const run = await runHarness(
      ctx.java,
      line,
      runnable.map((x) => x.p),
    );
    runnable.forEach(({ c, rel }, i) => {
      fig.casesRun++;
      const d = checkCaseAgainstSpark(c, rel, run.outputs[i] ?? '');
      if (d.length > 0) {
        fig.caseDisagreements++;
        failures.push(`Spark ${line.release} disagrees with case ${c.id} @${rel.label}: ${d.join('; ')}`);
      }
    });
  }
  if (skipped.length > 0)
    notes.push(
      `Spark ${line.release}: ${skipped.length} cases not run through the real classes: ${skipped.join(', ')}`,
    );
}

/** Shrinks a divergent program: drop steps while Spark and the simulator still disagree (one JVM per round). */
async function shrink(ctx: CheckContext, line: SparkLine, rel: CaseRelease, p: Program): Promise<Program> {
  let cur = p;
  for (let round = 0; round < 60; round++) {
    const candidates: Program[] = [];
    for (let i = 0; i < cur.steps.length; i++) {
      const cand = { ...cur, steps: cur.steps.filter((_, j) => j !== i).map((s) => ({ op: s.op, args: s.args })) };
      if (replaySteps(cand, rel) !== undefined) candidates.push(cand);
    }
    if (candidates.length === 0) return cur;
    const run = await runHarness(ctx.java, line, candidates);
    const idx = candidates.findIndex(
      (cand, i) => replaySteps({ ...cand, steps: cand.steps.map((s) => ({ ...s })) }, rel)?.text() !== run.outputs[i],
    );
    if (idx < 0) return cur;
    cur = candidates[idx] as Program;
  }
  return cur;
}

/** The first step whose states differ, in words. */
function firstDifference(sim: string, spark: string): string {
  try {
    const a = JSON.parse(sim) as unknown[];
    const b = JSON.parse(spark) as unknown[];
    if (!Array.isArray(a) || !Array.isArray(b)) return `simulator ${sim.slice(0, 200)} / Spark ${spark.slice(0, 200)}`;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = JSON.stringify(a[i]);
      const y = JSON.stringify(b[i]);
      if (x !== y) return `after step ${i}: simulator ${x} / Spark ${y}`;
    }
  } catch {
    /* fall through */
  }
  return `simulator ${sim.slice(0, 300)} / Spark ${spark.slice(0, 300)}`;
}

interface Generated {
  readonly seed: number;
  readonly legacy: boolean;
  readonly p: Program;
  readonly text: string;
}

/** Compares one batch as its outputs come back; a divergence is shrunk (the first few) and reported. */
async function compareBatch(
  ctx: CheckContext,
  line: SparkLine,
  batch: readonly Generated[],
  outputs: readonly string[],
  fig: LineFigures,
  failures: string[],
  shrunk: { n: number },
): Promise<void> {
  for (const [i, b] of batch.entries()) {
    fig.sequences++;
    const spark = outputs[i] ?? '';
    if (spark === b.text) continue;
    fig.divergences++;
    const rel = releaseOf(line, b.legacy);
    let p = b.p;
    if (shrunk.n < SHRINK_LIMIT) {
      shrunk.n++;
      p = await shrink(ctx, line, rel, b.p);
    }
    const sim = replaySteps(p, rel)?.text() ?? b.text;
    const again = (await runHarness(ctx.java, line, [p])).outputs[0] ?? '';
    failures.push(
      `Spark ${line.release}${b.legacy ? ' legacy' : ''} seed ${b.seed}: ${p.steps.length} steps ${programJson(p)}\n    ${firstDifference(sim, again)}`,
    );
  }
}

/**
 * The fuzz stream of one line: one JVM (harness.ts), programs written in slices of SLICE as they are
 * generated, outputs compared as they come back, at most IN_FLIGHT slices outstanding. Node generates
 * and runs the simulator while the JVM runs Spark, so the two overlap on a 2-core machine instead of
 * taking turns (a whole chunk generated, then a whole chunk run, took twice as long).
 */
async function fuzz(ctx: CheckContext, line: SparkLine, fig: LineFigures, failures: string[]): Promise<void> {
  const total = ctx.options.sequences ?? (ctx.options.long ? 1_000_000 : 20_000);
  const shrunk = { n: 0 };
  const inFlight: Promise<void>[] = [];
  for (let start = 0; start < total; start += SLICE) {
    const n = Math.min(SLICE, total - start);
    const batch: Generated[] = [];
    for (let k = 0; k < n; k++) {
      const seed = ctx.options.seed * 1_000_003 + start + k;
      // 2.4 also runs the legacy StaticMemoryManager (spark.memory.useLegacyMode) for a third of its programs.
      const legacy = line.label === '2.4' && seed % 3 === 0;
      const { program, sim } = generate(seed, releaseOf(line, legacy), legacy);
      batch.push({ seed, legacy, p: program, text: sim.text() });
    }
    inFlight.push(
      runHarness(
        ctx.java,
        line,
        batch.map((b) => b.p),
      ).then((run) => compareBatch(ctx, line, batch, run.outputs, fig, failures, shrunk)),
    );
    // Let the event loop write this slice to the JVM and read what it printed before generating more.
    await new Promise<void>((res) => setImmediate(res));
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    if ((start + n) % PROGRESS === 0 || start + n === total)
      ctx.log(`managers: Spark ${line.release}: ${start + n} of ${total} sequences sent, ${fig.divergences} divergent`);
  }
  await Promise.all(inFlight);
}

export const managersCheck: OracleCheck = {
  name: 'managers',
  async run(ctx: CheckContext): Promise<CheckResult> {
    const lines: Record<string, Partial<LineFigures>> = {};
    const failures: string[] = [];
    const notes: string[] = [];
    let passed = 0;
    let failed = 0;
    // Two lines at a time, each with its own JVM: while one line's JVM runs Spark, Node generates and
    // simulates for the other (the machine this runs on in CI has 2 cores).
    await pool(
      ctx.lines.map((line) => async (): Promise<void> => {
        const fig: LineFigures = { ...NO_FIGURES };
        try {
          await runCases(ctx, line, fig, failures, notes);
          await fuzz(ctx, line, fig, failures);
        } catch (e) {
          failures.push(`Spark ${line.release}: ${e instanceof Error ? e.message : String(e)}`);
          failed++;
        }
        passed += fig.casesRun - fig.caseDisagreements + fig.sequences - fig.divergences;
        failed += fig.caseDisagreements + fig.divergences;
        lines[line.label] = fig;
      }),
      2,
    );
    return { lines, passed, failed, failures, notes };
  },
};
