// Start-up errors with Spark's own text: every case of test/oracle/data/startup-errors.json (bad
// configurations, one or more per rule that claims what Spark refuses, and a few Spark accepts) runs
// through real Spark in one JVM per line (StartupErrorHarness: SparkSubmitArguments, validateSettings,
// each entry's own reader, the driver's and the executor's memory manager, the task-cpus check) and,
// for spark.driver.memory, through `java -Xmx<value> -version` (the client-mode driver JVM). The first
// refusal is compared with the product's:
// - the layout's first start-up error: the same exception class, text and phase (who fails: spark-submit,
//   the driver JVM, the driver's SparkContext/SparkEnv, or the executors);
// - lint on the same settings as spark-defaults.conf: an error whose message carries Spark's text.
// Where Spark starts, the product must refuse nothing. A difference the rule's page documents (the
// case's `documented` entry names the page, which must mention the case id) is listed, not counted.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckResult, LineFigures, OracleCheck } from '../check';
import { SparkLine } from '../lines';
import { harnessResults, runSpark } from '../sparkJvm';
import { moduleClasspath } from './containers';
import { SparkConfView } from '../../../src/core/config/confSource';
import { resolveJvm } from '../../../src/core/layout/jvmMaxMemory';
import { SparkLayout, sparkLayout } from '../../../src/core/layout/sparkLayout';
import type { StartupError, StartupPhase } from '../../../src/core/layout/startupError';
import { parseProperties } from '../../../src/core/parse/properties';
import { RULES, lintDocument } from '../../../src/core/rules';
import { SparkVersion, parseSparkVersion } from '../../../src/core/version';

export interface ErrorCase {
  readonly id: string;
  /** The product rule or derivation step the case exercises. */
  readonly rule: string;
  readonly conf: Readonly<Record<string, string>>;
  /** Line label → the rule page that documents why the product differs there. */
  readonly documented?: Readonly<Record<string, string>>;
}

/** What Spark did with a case: the stage that refused it, or `ok`. */
export interface SparkOutcome {
  readonly stage: string;
  readonly error?: string;
  readonly message?: string;
}

/** Who fails, in the product's words, for each harness stage (StartupErrorHarness's javadoc). */
const PHASE_OF_STAGE: Readonly<Record<string, readonly StartupPhase[]>> = {
  // bin/spark-submit's launcher (SparkSubmitCommandBuilder), before any Spark JVM starts.
  launcher: ['submit'],
  submit: ['submit'],
  jvm: ['jvm'],
  validateSettings: ['driver'],
  // An entry read at start: by SparkContext/SparkEnv on the driver, by the YARN/Kubernetes client
  // sizing the containers (overhead keys), or by the executors (the page size, read by the first task).
  read: ['driver', 'container', 'executor'],
  driverMemoryManager: ['driver'],
  // SparkContext's default ResourceProfile (3.1+): the executors' overhead, PySpark memory and off-heap size.
  resourceProfile: ['driver'],
  taskCpus: ['driver'],
  // 2.4's ExecutorAllocationManager, built by SparkContext when dynamic allocation is on.
  allocationManager: ['driver'],
  // The executors' container, sized by YARN's YarnAllocator or Kubernetes' BasicExecutorFeatureStep.
  container: ['container'],
  executorMemoryManager: ['executor'],
};

export function loadErrorCases(root: string): ErrorCase[] {
  const data = JSON.parse(readFileSync(join(root, 'test', 'oracle', 'data', 'startup-errors.json'), 'utf8')) as {
    cases: ErrorCase[];
  };
  return data.cases;
}

const simpleName = (cls: string): string => cls.slice(cls.lastIndexOf('.') + 1);
const oneLine = (s: string): string => s.replace(/\n/g, ' ');

/** The product's layout for a case: the CLI's and lint's defaults (YARN, client mode, the JVM's default collector). */
export function layoutOf(c: ErrorCase, v: SparkVersion): SparkLayout {
  return sparkLayout(SparkConfView.fromRecord(c.conf, 'file'), { version: v });
}

/** The harness's input line: the driver's and the executor's Runtime.maxMemory as the product models them. */
function inputLine(c: ErrorCase, l: SparkLayout): string {
  const driver =
    l.driverMemory === undefined ? '-' : resolveJvm(l.driverMemory, c.conf['spark.driver.extraJavaOptions'], {});
  const max = (j: typeof driver): string => (typeof j === 'string' ? j : String(j.maxMemory ?? j.heap));
  return [c.id, max(driver), max(l.executorJvm), ...Object.entries(c.conf).map(([k, x]) => `${k}=${x}`)].join('\t');
}

/** What the JVM says to -Xmx<value> (the launcher passes spark.driver.memory verbatim in client mode). */
const jvmVerdicts = new Map<string, string | undefined>();
function jvmRefusal(value: string): string | undefined {
  if (!jvmVerdicts.has(value)) {
    const r = spawnSync('java', [`-Xmx${value.trim()}`, '-version'], { encoding: 'utf8' });
    // HotSpot prints "Error occurred during initialization of VM" on stdout, "Invalid maximum heap size" on stderr.
    const text = `${r.stdout}${r.stderr}`
      .split('\n')
      .filter((x) => x !== '' && !x.startsWith('Error: ') && !/version|Runtime Environment|Server VM/.test(x))
      .join('\n');
    jvmVerdicts.set(value, r.status === 0 ? undefined : text);
  }
  return jvmVerdicts.get(value);
}

/** Spark's outcome with the driver JVM's own refusal put in its place (after spark-submit, before SparkContext). */
function withJvm(c: ErrorCase, spark: SparkOutcome): SparkOutcome {
  const driver = c.conf['spark.driver.memory'];
  if (driver === undefined || spark.stage === 'submit') return spark;
  const refusal = jvmRefusal(driver);
  return refusal === undefined ? spark : { stage: 'jvm', error: 'JVM', message: refusal };
}

/** Errors lint reports on the case written as spark-defaults.conf. */
function lintErrors(c: ErrorCase, v: SparkVersion): string[] {
  const text = Object.entries(c.conf)
    .map(([k, x]) => `${k} ${x}`)
    .join('\n');
  return lintDocument(parseProperties(`${text}\n`), RULES, { version: v })
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}: ${f.message}`);
}

/** The differences between Spark's outcome and the product's, as lines (empty when they agree). */
export function compareCase(
  c: ErrorCase,
  v: SparkVersion,
  spark: SparkOutcome,
  l: SparkLayout,
  containerRun = true,
): string[] {
  const mine = l.startupErrors;
  const lint = lintErrors(c, v);
  if (spark.stage === 'ok') {
    const out: string[] = [];
    // Container sizing is the YARN/Kubernetes module's: without its jar (containerRun false) it was not run.
    const refused = containerRun ? mine : mine.filter((e) => e.phase !== 'container');
    if (refused.length > 0) out.push(`Spark starts; the layout refuses: ${describe(refused[0]!)}`);
    if (lint.length > 0 && refused.length > 0) out.push(`Spark starts; lint reports ${lint.join(' | ')}`);
    return out;
  }
  const sparkText = spark.message ?? '';
  const first = mine[0];
  const out: string[] = [];
  if (first === undefined)
    out.push(`Spark refuses at ${spark.stage} (${spark.error}: ${sparkText}); the layout does not`);
  else {
    if (first.message !== sparkText || first.exceptionClass !== simpleName(spark.error ?? ''))
      out.push(
        `Spark ${spark.stage}: ${simpleName(spark.error ?? '')}: ${JSON.stringify(sparkText)}; layout first: ${describe(first)}`,
      );
    else if (!(PHASE_OF_STAGE[spark.stage] ?? []).includes(first.phase))
      out.push(`Spark fails at ${spark.stage}; the layout blames phase ${first.phase}`);
    if (l.unified !== undefined && refusesManagerInput(spark, first))
      out.push('the memory manager is refused, yet the layout lays out a unified region');
  }
  if (!lint.some((m) => oneLine(m).includes(oneLine(sparkText))))
    out.push(`lint has no error with Spark's text (${lint.length === 0 ? 'no errors' : lint.join(' | ')})`);
  return out;
}

/** Whether Spark refused a value the unified manager is built from (so no layout exists to show). */
function refusesManagerInput(spark: SparkOutcome, e: StartupError): boolean {
  const inputs = ['spark.memory.fraction', 'spark.memory.storageFraction', 'spark.memory.offHeap.size'];
  // The default resource profile and the container sizing refuse after the managers were built.
  const after = ['submit', 'taskCpus', 'resourceProfile', 'container'];
  return !after.includes(spark.stage) && e.key !== undefined && inputs.includes(e.key);
}

function describe(e: StartupError): string {
  return `${e.phase} ${e.exceptionClass}: ${JSON.stringify(e.message)}`;
}

/** Whether the rule page named for this case on this line documents the difference (mentions the case id). */
function documented(root: string, c: ErrorCase, label: string): string | undefined {
  const page = c.documented?.[label] ?? c.documented?.['*'];
  if (page === undefined) return undefined;
  try {
    return readFileSync(join(root, page), 'utf8').includes(c.id) ? page : undefined;
  } catch {
    return undefined;
  }
}

interface LineRun {
  figures: Partial<LineFigures>;
  failures: string[];
  notes: string[];
  passed: number;
}

async function runLine(
  line: SparkLine,
  classpath: string,
  modules: Partial<Record<'yarn' | 'kubernetes', string>>,
  cases: readonly ErrorCase[],
  root: string,
): Promise<LineRun> {
  const run: LineRun = { figures: {}, failures: [], notes: [], passed: 0 };
  const v = parseSparkVersion(line.release);
  if (v === undefined) return { ...run, failures: [`unknown release ${line.release}`] };
  const layouts = cases.map((c) => layoutOf(c, v));
  // Each case runs on the classpath of its cluster manager's module when the line has it (the harness's
  // container stage), else on spark-core's.
  const kindOf = (c: ErrorCase): 'yarn' | 'kubernetes' =>
    (c.conf['spark.master'] ?? '').startsWith('k8s://') ? 'kubernetes' : 'yarn';
  const out: Record<string, unknown>[] = cases.map(() => ({}));
  const containerRun: boolean[] = cases.map(() => false);
  for (const kind of ['yarn', 'kubernetes'] as const) {
    const idx = cases.flatMap((c, i) => (kindOf(c) === kind ? [i] : []));
    if (idx.length === 0) continue;
    const mod = modules[kind];
    const input = idx.map((i) => inputLine(cases[i]!, layouts[i]!)).join('\n');
    const r = await runSpark(
      mod ?? classpath,
      'sparkmemory.oracle.errors.StartupErrorHarness',
      ['-XX:+UseSerialGC'],
      input,
    );
    const results = harnessResults(r, idx.length);
    if (!results.ok) return { ...run, failures: [results.failure] };
    const got = results.lines;
    idx.forEach((i, j) => {
      out[i] = got[j]!;
      containerRun[i] = mod !== undefined;
    });
  }
  let mismatches = 0;
  cases.forEach((c, i) => {
    const spark = withJvm(c, out[i] as unknown as SparkOutcome);
    const problems = compareCase(c, v, spark, layouts[i]!, containerRun[i]);
    if (problems.length === 0) run.passed++;
    else {
      const page = documented(root, c, line.label);
      const text = `${c.id} (${c.rule}): ${problems.join('; ')}`;
      if (page !== undefined) run.notes.push(`Spark ${line.release}: documented in ${page}: ${text}`);
      else {
        mismatches++;
        run.failures.push(`Spark ${line.release}: ${text}`);
      }
    }
  });
  run.figures = { errorCases: cases.length, errorMismatches: mismatches };
  return run;
}

export const startupErrorsCheck: OracleCheck = {
  name: 'startupErrors',
  async run(ctx): Promise<CheckResult> {
    const cases = loadErrorCases(ctx.root);
    const lines: Record<string, Partial<LineFigures>> = {};
    const failures: string[] = [];
    const notes: string[] = [];
    let passed = 0;
    for (const line of ctx.lines) {
      const compiled = ctx.java.compile(line);
      if (compiled.classpath === undefined) {
        failures.push(compiled.error ?? 'no classpath');
        continue;
      }
      const modules: Partial<Record<'yarn' | 'kubernetes', string>> = {};
      for (const kind of ['yarn', 'kubernetes'] as const) {
        const built = moduleClasspath(ctx.java, line, kind);
        if (built.classpath !== undefined) modules[kind] = built.classpath;
        else notes.push(`Spark ${line.release}: ${built.error ?? '?'}: ${kind} container sizing not run`);
      }
      const r = await runLine(line, compiled.classpath, modules, cases, ctx.root);
      lines[line.label] = r.figures;
      failures.push(...r.failures);
      notes.push(...r.notes);
      passed += r.passed;
    }
    return { lines, passed, failed: failures.length, failures, notes };
  },
};
