// `spark-memory simulate <config> [--scenario <file.yaml> | --preset <name>] [--member N]
// [--spark-version V] [--format text|json] [--compare levels] [--conf key=value ...]`: runs a
// workload scenario on the executor the config file describes. A scenario error prints one line
// `file:line: field: message` and exits 2, as does a configuration Spark would not start.
import { formatBytes } from '../core/size';
import {
  LevelResult,
  PRESETS,
  Scenario,
  SimResult,
  compareLevels,
  executorSourceOfDocument,
  levelAdvice,
  parseScenario,
  presetScenario,
  resultText,
  scenarioPartitionAdvice,
  simulateWorkload,
} from '../core/workload';
import { ParsedArgs, UsageError, optionChoice, optionMember, optionSparkVersion, optionString } from './args';
import { InputError, loadDocument, readText } from './input';

export const SIMULATE_OPTIONS = {
  scenario: true,
  preset: true,
  member: true,
  'spark-version': true,
  format: true,
  compare: true,
  type: true,
  conf: true,
} as const;

function loadScenario(args: ParsedArgs): Scenario {
  const file = optionString(args, 'scenario');
  const preset = optionString(args, 'preset');
  if (file !== undefined && preset !== undefined) throw new UsageError('give --scenario or --preset, not both');
  if (preset !== undefined) {
    const s = presetScenario(preset);
    if (s === undefined)
      throw new UsageError(`unknown --preset ${preset} (expected ${PRESETS.map((p) => p.id).join(', ')})`);
    return s;
  }
  if (file === undefined)
    throw new UsageError(
      `simulate needs --scenario <file.yaml> or --preset <name> (${PRESETS.map((p) => p.id).join(', ')})`,
    );
  const r = parseScenario(readText(file), file);
  if (!r.ok) {
    const [first] = r.errors;
    const more =
      r.errors.length > 1 ? ` (and ${r.errors.length - 1} more problem${r.errors.length > 2 ? 's' : ''})` : '';
    throw new InputError(`${first?.message ?? `${file}: invalid scenario`}${more}`);
  }
  return r.scenario;
}

/** --conf key=value (repeatable): what-ifs on top of the file (and under the scenario's own conf). */
function confOverrides(args: ParsedArgs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of args.repeated?.get('conf') ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--conf needs key=value, got ${kv}`);
    out[kv.slice(0, eq).trim()] = kv.slice(eq + 1);
  }
  return out;
}

function levelsText(results: readonly LevelResult[], advice: ReturnType<typeof levelAdvice>): string {
  let s = '\nStorage levels (every cache/read op at that level):\n';
  s += `  ${'level'.padEnd(20)} ${'time'.padStart(10)} ${'mem hits'.padStart(9)} ${'disk'.padStart(6)} ${'recomp'.padStart(7)} ${'evicted'.padStart(8)} ${'peak storage'.padStart(13)} failed\n`;
  for (const { level, result } of results) {
    const m = result.summary;
    s +=
      `  ${level.padEnd(20)} ${`${Math.round(m.durationMs)} ms`.padStart(10)} ${String(m.cacheHits).padStart(9)} ${String(m.diskHits ?? 0).padStart(6)} ` +
      `${String(m.cacheMisses).padStart(7)} ${String(m.evictedBlocks).padStart(8)} ${formatBytes(m.peakStorageUsed).padStart(13)} ${m.failedTasks}\n`;
  }
  if (advice !== undefined) s += `  ${advice.message}\n`;
  return s;
}

export function runSimulate(args: ParsedArgs, out: (s: string) => void): number {
  if (args.positionals.length !== 1) throw new UsageError('simulate needs exactly one config file');
  const file = args.positionals[0] ?? '';
  const format = optionChoice(args, 'format', ['text', 'json'] as const) ?? 'text';
  const compare = optionChoice(args, 'compare', ['levels'] as const);
  const version = optionSparkVersion(args);
  const member = optionMember(args);
  const scenario = loadScenario(args);
  const loaded = loadDocument(file, optionString(args, 'type'));
  if (member !== undefined && loaded.doc.kind !== 'snappy-members')
    throw new UsageError('--member applies to SnappyData member files only');
  // The scenario's conf is a what-if on top of the file (after --conf), laid out like any other.
  const overrides = { ...confOverrides(args), ...(loaded.doc.kind === 'snappy-members' ? {} : (scenario.conf ?? {})) };
  const src = executorSourceOfDocument(loaded.doc, {
    ...(version !== undefined ? { sparkVersion: version } : {}),
    overrides,
    ...(member !== undefined ? { member } : {}),
    ...(loaded.leads !== undefined ? { snappy: { leads: loaded.leads } } : {}),
    label: file,
  });
  if (!src.ok) throw new InputError(`${file}: the executor does not start: ${src.message}`);
  const result: SimResult = simulateWorkload(src.source, scenario);
  const levels = compare === 'levels' ? compareLevels(src.source, scenario) : undefined;
  const advice = levels !== undefined ? levelAdvice(scenario, levels) : undefined;
  if (format === 'json') {
    out(
      JSON.stringify({
        file,
        ...result,
        partitionAdvice: scenarioPartitionAdvice(scenario),
        ...(levels !== undefined
          ? { compare: { levels: levels.map((l) => ({ level: l.level, summary: l.result.summary })), advice } }
          : {}),
      }) + '\n',
    );
  } else {
    out(`${file}: ${resultText(result)}`);
    const sizing = scenarioPartitionAdvice(scenario);
    if (sizing.length > 0) out(`\nPartition sizing:\n${sizing.map((l) => `  ${l}\n`).join('')}`);
    if (levels !== undefined) out(levelsText(levels, advice));
  }
  return 0;
}
