// `npm run oracle [-- --json] [--long] [--seed N] [--sequences N] [--line 3.5] [--only NAME]`: runs the
// registered checks (checks/index.ts) against Spark's real classes for each line of
// scripts/oracle/lines.txt and prints the figures, then `oracle: N passed, N failed`. `--json` prints
// one JSON object (the report) on stdout instead. Exit 1 on any failure, including missing Java/jars.
import { resolve } from 'node:path';
import { CheckContext, CheckOptions, CheckResult, LineFigures, NO_FIGURES, OracleReport } from './check';
import { CHECKS } from './checks';
import { JavaRunner } from './jvm';
import { SparkLine, readLines } from './lines';
import { pool, runJava } from './javaHomes';
import { closeHarnesses } from './harness';

interface Args {
  json: boolean;
  /** `--bench-jvm N`: time N ops of src/bench/sim.ts's op stream on Spark's real manager (ManagerBench.java). */
  benchJvm?: number | undefined;
  only?: string | undefined;
  line?: string | undefined;
  options: CheckOptions;
}

function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = { json: false, options: { long: false, seed: 1 } };
  let seed = 1;
  let long = false;
  let sequences: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i] as string;
    const val = (): string | undefined => argv[++i];
    if (x === '--json') a.json = true;
    else if (x === '--long') long = true;
    else if (x === '--seed') seed = Number(val());
    else if (x === '--sequences') sequences = Number(val());
    else if (x === '--only') a.only = val();
    else if (x === '--line') a.line = val();
    else if (x === '--bench-jvm') a.benchJvm = Number(val());
    else
      return `oracle: unknown option ${x} (options: --json --long --seed N --sequences N --line X.Y --only NAME --bench-jvm N)`;
  }
  if (!Number.isInteger(seed)) return 'oracle: --seed needs an integer';
  if (sequences !== undefined && !(Number.isInteger(sequences) && sequences >= 0))
    return 'oracle: --sequences needs a whole number';
  a.options = { long, seed, ...(sequences !== undefined ? { sequences } : {}) };
  return a;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const say = (m: string): void => {
    if (typeof args !== 'string' && args.json) process.stderr.write(`${m}\n`);
    else console.log(m);
  };
  if (typeof args === 'string') {
    console.log(args);
    return 2;
  }
  const root = resolve(__dirname, '..');
  const missing = JavaRunner.missing();
  if (missing !== undefined) {
    say(missing);
    say('oracle: 0 passed, 1 failed');
    return 1;
  }
  const lines = readLines(root).filter((l) => args.line === undefined || l.label === args.line);
  if (lines.length === 0) {
    say(`oracle: no Spark line ${args.line ?? ''} in scripts/oracle/lines.txt`);
    return 2;
  }
  if (args.benchJvm !== undefined) return benchJvm(new JavaRunner(root), lines[0]!, args.benchJvm, say);
  const checks = CHECKS.filter((c) => args.only === undefined || c.name === args.only);
  const ctx: CheckContext = { lines, java: new JavaRunner(root), options: args.options, root, log: say };
  const report: OracleReport = {
    lines: lines.map((l) => ({ spark: l.release, ...NO_FIGURES })),
    jvm: { measurements: 0, mismatches: 0 },
    sparkContext: { configs: 0, mismatches: 0 },
    eventLogs: { checked: 0, mismatches: 0 },
  };
  let passed = 0;
  let failed = 0;
  // Two checks at a time (managers, the longest, first): the machine CI runs on has 2 cores, and most
  // checks wait on one JVM's start-up at a time, so a second lane fills the idle core. Each check's
  // figures and lines are reported in the registered order once all are done.
  const results = await pool(
    checks.map((check) => async (): Promise<{ r: CheckResult; seconds: number }> => {
      const t0 = Date.now();
      let r: CheckResult;
      try {
        r = await check.run(ctx);
      } catch (e) {
        r = {
          passed: 0,
          failed: 1,
          failures: [`${check.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`],
          notes: [],
        };
      }
      const seconds = (Date.now() - t0) / 1000;
      ctx.log(`${check.name}: done in ${seconds.toFixed(1)} s`);
      return { r, seconds };
    }),
    2,
  );
  checks.forEach((check, i) => {
    const { r, seconds } = results[i]!;
    passed += r.passed;
    failed += r.failed;
    merge(
      report,
      lines.map((l) => l.label),
      r,
    );
    for (const f of r.failures) say(`FAIL ${check.name}: ${f}`);
    for (const n of r.notes) say(`note ${check.name}: ${n}`);
    say(`${check.name}: ${r.passed} agreed, ${r.failed} disagreed (${seconds.toFixed(1)} s)`);
  });
  await closeHarnesses();
  if (checks.length === 0) {
    say(args.only !== undefined ? `oracle: no check named ${args.only}` : 'oracle: no checks registered');
    failed += 1;
  }
  if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else for (const l of report.lines) say(`  Spark ${l.spark}: ${describe(l)}`);
  say(`oracle: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/**
 * `npm run bench`'s JVM figure: ManagerBench on the line's jars with the JVM's default JIT (C2: the
 * stream runs long enough for it to pay), one JSON line on stdout.
 */
async function benchJvm(java: JavaRunner, line: SparkLine, ops: number, say: (m: string) => void): Promise<number> {
  if (!(Number.isInteger(ops) && ops > 0)) {
    say('oracle: --bench-jvm needs a whole number of ops');
    return 2;
  }
  const built = java.compile(line);
  if (built.classpath === undefined) {
    say(built.error ?? 'oracle: cannot compile the harness');
    return 1;
  }
  const r = await runJava('java', [
    ...java.jvmArgs(true),
    '-cp',
    built.classpath,
    'sparkmemory.oracle.ManagerBench',
    String(ops),
    '7',
  ]);
  const out = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.code !== 0 || out === undefined) {
    say(`oracle: ManagerBench on Spark ${line.release} failed (exit ${r.code}): ${r.stderr.slice(-400)}`);
    return 1;
  }
  process.stdout.write(`${out}\n`);
  return 0;
}

function describe(l: LineFigures): string {
  return (
    `${l.sequences} sequences (${l.divergences} divergent), ${l.casesRun} cases (${l.caseDisagreements} disagreeing), ` +
    `${l.layoutPoints} layout points (${l.layoutMismatches} mismatched), ${l.errorCases} error cases (${l.errorMismatches} mismatched)`
  );
}

function merge(report: OracleReport, labels: readonly string[], r: CheckResult): void {
  labels.forEach((label, i) => {
    const add = r.lines?.[label];
    const target = report.lines[i];
    if (add === undefined || target === undefined) return;
    for (const k of Object.keys(NO_FIGURES) as (keyof LineFigures)[]) target[k] += add[k] ?? 0;
  });
  report.jvm.measurements += r.jvm?.measurements ?? 0;
  report.jvm.mismatches += r.jvm?.mismatches ?? 0;
  report.sparkContext.configs += r.sparkContext?.configs ?? 0;
  report.sparkContext.mismatches += r.sparkContext?.mismatches ?? 0;
  report.eventLogs.checked += r.eventLogs?.checked ?? 0;
  report.eventLogs.mismatches += r.eventLogs?.mismatches ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.log(`oracle: unexpected problem: ${e instanceof Error ? e.message : String(e)}`);
    console.log('oracle: 0 passed, 1 failed');
    process.exit(1);
  },
);
