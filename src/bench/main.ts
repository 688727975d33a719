// `npm run bench [-- --json] [-- --runs=N] [-- --only=lint]`: the product's benchmarks, one section each. Each section is a
// function returning its figures; `--json` prints one object with every section's headline
// numbers at the top level (e.g. lintMs10k, lintFloorMs10k) and the details by section.
import { benchEventLog, type EventLogBenchFigures } from './eventLog';
import { benchLint, type LintBenchFigures } from './lint';
import { benchSim, type SimBenchFigures } from './sim';
import { benchWhatIf, type WhatIfBenchFigures } from './whatIf';

interface Section {
  readonly name: string;
  run(): Record<string, unknown>;
  text(figures: Record<string, unknown>): string;
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const runsArg = process.argv.find((a) => a.startsWith('--runs='))?.slice(7);
const RUNS = runsArg !== undefined && /^[1-9][0-9]*$/.test(runsArg) ? Number(runsArg) : undefined;

const SECTIONS: readonly Section[] = [
  {
    name: 'lint',
    run: () => benchLint(RUNS !== undefined ? { runs: RUNS } : {}) as unknown as Record<string, unknown>,
    text: (r) => {
      const f = r as unknown as LintBenchFigures;
      return (
        `lint ${f.lines}-line spark-defaults.conf (${f.findings} findings), median of ${f.lint.runs} runs\n` +
        `  lint   ${fmt(f.lint.medianMs)}  (min ${fmt(f.lint.minMs)}, max ${fmt(f.lint.maxMs)}, sd ${fmt(f.lint.stddevMs)})\n` +
        `  floor  ${fmt(f.floor.medianMs)}  (min ${fmt(f.floor.minMs)}, max ${fmt(f.floor.maxMs)}, sd ${fmt(f.floor.stddevMs)})  split into lines + touch each\n` +
        `  ratio  ${f.ratio}x the floor\n` +
        `  CRLF   ${fmt(f.crlf.lint.medianMs)} against a floor of ${fmt(f.crlf.floor.medianMs)}: ${f.crlf.ratio}x\n`
      );
    },
  },
  {
    name: 'sim',
    run: () => ({ ...benchSim(RUNS !== undefined ? { runs: RUNS } : {}), jvm: jvmFigure() }),
    text: (r) => {
      const f = r as unknown as SimBenchFigures;
      const presets = Object.entries(f.presetsMs)
        .map(([k, v]) => `    ${k.padEnd(20)} ${fmt(v)}\n`)
        .join('');
      return (
        `memory manager: ${f.ops} calls (execution acquire/release, storage puts that evict, removes)\n` +
        `  manager ${f.opsPerSecond.toLocaleString('en')} ops/s\n` +
        `  floor   ${f.floorOpsPerSecond.toLocaleString('en')} ops/s  (bare Map updates)\n` +
        `  ratio   ${f.floorRatio}x slower than the floor\n` +
        jvmText(f.opsPerSecond, (r as { jvm?: JvmFigure }).jvm) +
        `presets (median run):\n${presets}` +
        `big scenario: ${f.bigScenarioEvents.toLocaleString('en')} events in ${fmt(f.bigScenarioMs)}\n`
      );
    },
  },
  {
    name: 'whatIf',
    run: () => benchWhatIf(RUNS !== undefined ? { runs: RUNS } : {}) as unknown as Record<string, unknown>,
    text: (r) => {
      const f = r as unknown as WhatIfBenchFigures;
      return (
        `what-if change → layout + full preset simulation + chart data, median of ${f.runs} runs\n` +
        f.presets
          .map(
            (p) =>
              `  ${p.preset.padEnd(20)} ${fmt(p.medianMs)}  (min ${fmt(p.minMs)}, max ${fmt(p.maxMs)}; ${p.events} events, ${p.points} points)\n`,
          )
          .join('') +
        `  whatIfMs ${fmt(f.whatIfMs)} (${f.whatIfPreset}, the slowest preset)\n`
      );
    },
  },
  {
    name: 'eventLog',
    run: () => benchEventLog() as unknown as Record<string, unknown>,
    text: (r) => {
      const f = r as unknown as EventLogBenchFigures;
      return (
        `event log: ${(f.bytes / 2 ** 30).toFixed(2)} GiB plain log, ${f.lines.toLocaleString('en')} lines, streamed with all extraction\n` +
        `  reader ${f.eventLogMBps} MiB/s\n` +
        `  floor  ${f.floorMBps} MiB/s  (decode, split into lines, JSON.parse each)\n` +
        `  ratio  ${f.ratio}x the floor's speed; peak RSS ${f.peakRssMB} MiB\n` +
        `  replay of a ${f.replayTasks.toLocaleString('en')}-task log: ${f.replayMs} ms\n`
      );
    },
  },
];

/** Spark's UnifiedMemoryManager on the same op stream, timed by scripts/bench.mjs in this bench run. */
interface JvmFigure {
  readonly spark: string;
  readonly opsPerSecond: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

function jvmFigure(): JvmFigure | undefined {
  const raw = process.env['SPARK_MEMORY_BENCH_JVM'];
  if (raw === undefined) return undefined;
  try {
    const j = JSON.parse(raw) as JvmFigure;
    return typeof j.opsPerSecond === 'number' && j.opsPerSecond > 0 ? j : undefined;
  } catch {
    return undefined;
  }
}

function jvmText(simOpsPerSecond: number, jvm: JvmFigure | undefined): string {
  if (jvm === undefined) return '  Spark   no JVM figure (needs Java and scripts/oracle/fetch-spark.sh 3.5)\n';
  const ratio = Math.round((simOpsPerSecond / jvm.opsPerSecond) * 100) / 100;
  return (
    `  Spark   ${jvm.opsPerSecond.toLocaleString('en')} ops/s  (Spark ${jvm.spark}'s UnifiedMemoryManager + MemoryStore ` +
    `in a JVM, same stream, median of ${jvm.runs}: ${jvm.minMs.toFixed(0)}-${jvm.maxMs.toFixed(0)} ms)\n` +
    `  sim/JVM ${ratio}x Spark's speed (goal: at least 0.5)\n`
  );
}

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7);
  const out: Record<string, unknown> = { node: process.version, sections: {} };
  for (const s of SECTIONS) {
    if (only !== undefined && s.name !== only) continue;
    const figures = s.run();
    (out['sections'] as Record<string, unknown>)[s.name] = figures;
    if (s.name === 'lint') {
      const f = figures as unknown as LintBenchFigures;
      out['lintMs10k'] = f.lintMs10k;
      out['lintFloorMs10k'] = f.lintFloorMs10k;
      out['lintRatio'] = f.ratio;
      out['lintMsCrlf10k'] = f.crlf.lint.medianMs;
      out['lintCrlfRatio'] = f.crlf.ratio;
    }
    if (s.name === 'sim') {
      const f = figures as unknown as SimBenchFigures;
      out['opsPerSecond'] = f.opsPerSecond;
      const jvm = (figures as { jvm?: JvmFigure }).jvm;
      if (jvm !== undefined) {
        out['jvmOpsPerSecond'] = jvm.opsPerSecond;
        out['simToJvmRatio'] = Math.round((f.opsPerSecond / jvm.opsPerSecond) * 100) / 100;
      }
      out['floorOpsPerSecond'] = f.floorOpsPerSecond;
      out['presetsMs'] = f.presetsMs;
      out['bigScenarioMs'] = f.bigScenarioMs;
      out['bigScenarioEvents'] = f.bigScenarioEvents;
    }
    if (s.name === 'whatIf') {
      const f = figures as unknown as WhatIfBenchFigures;
      out['whatIfMs'] = f.whatIfMs;
      out['whatIfPreset'] = f.whatIfPreset;
    }
    if (s.name === 'eventLog') {
      const f = figures as unknown as EventLogBenchFigures;
      out['eventLogMBps'] = f.eventLogMBps;
      out['eventLogFloorMBps'] = f.floorMBps;
      out['eventLogPeakRssMB'] = f.peakRssMB;
      out['replayMs10kTasks'] = f.replayMs;
    }
    if (!json) process.stdout.write(s.text(figures));
  }
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
