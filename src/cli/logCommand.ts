// `spark-memory log <file|dir> [--format text|json] [--set key=value]...`: reads a Spark event log
// (streamed; any codec Spark writes; a rolling log directory) and tells what memory did in that
// run: each executor's maximum memory as logged beside the layout's prediction for its properties,
// spills per stage against the per-task share, the cache, and the failures caused by memory.
import { writeFileSync } from 'node:fs';
import {
  type Calibration,
  type EventLogFacts,
  type ReplayBase,
  type ReplayResult,
  type RunAnalysis,
  analyzeRun,
  notAnEventLog,
  replayOn,
  replayOnOwnConfig,
  scenarioYaml,
} from '../core/eventlog';
import { formatBytes } from '../core/size';
import type { SimSummary } from '../core/workload';
import { ParsedArgs, UsageError, optionChoice, optionString } from './args';
import { InputError, loadDocument } from './input';
import { isLogUrl, readLogUrl } from './historyServer';
import { readLogPath } from './logInput';

export const LOG_OPTIONS = { format: true, set: true, replay: false, conf: true, 'save-scenario': true } as const;

/** --set key=value (repeatable): what-ifs on top of the log's own properties. */
export function setOverrides(args: ParsedArgs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of args.repeated?.get('set') ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set needs key=value, got ${kv}`);
    out[kv.slice(0, eq).trim()] = kv.slice(eq + 1);
  }
  return out;
}

export function logJson(path: string, facts: EventLogFacts, a: RunAnalysis): Record<string, unknown> {
  return {
    file: path,
    files: facts.files,
    application: facts.application,
    inProgress: facts.inProgress,
    modelVersion: a.modelVersion,
    counts: a.counts,
    spilled: a.spilled,
    executors: a.executors,
    stages: a.stages,
    cachedRdds: Object.values(facts.cachedRdds),
    memoryFailures: facts.memoryFailures,
    resourceProfiles: facts.resourceProfiles,
    jvm: facts.jvm,
    sparkProperties: facts.sparkProperties,
    findings: a.findings,
    problems: facts.problems,
    eventCounts: facts.eventCounts,
    lines: facts.lines,
    bytes: facts.bytes,
  };
}

function mib(n: number | undefined): string {
  return n === undefined ? '-' : formatBytes(n);
}

export function logText(path: string, facts: EventLogFacts, a: RunAnalysis): string {
  const app = facts.application;
  let s = `${path}: ${app.name ?? '(no name)'} ${app.id ?? ''}, Spark ${app.sparkVersion ?? '(version not logged)'} (modelled as ${a.modelVersion})${facts.inProgress ? ', in progress' : ''}\n`;
  s += `  ${a.counts.jobs} jobs, ${a.counts.stages} stages, ${a.counts.tasks} tasks (${a.counts.failedTasks} failed); spilled ${formatBytes(a.spilled.memoryBytes)} (${formatBytes(a.spilled.diskBytes)} on disk)\n`;
  s += '\nExecutors (maximum memory: logged by BlockManagerAdded / the layout for its properties):\n';
  for (const x of a.executors) {
    s += `  ${x.id.padEnd(8)} cores ${String(x.cores ?? '-').padStart(3)}  heap ${mib(x.heap).padStart(11)}  max ${mib(x.maxMemory.observed).padStart(11)} / ${mib(x.maxMemory.predicted).padStart(11)}  ${x.maxMemory.note}${x.maxMemory.collector !== undefined ? ` (${x.maxMemory.collector})` : ''}\n`;
    const p = x.peaks;
    if (p['JVMHeapMemory'] !== undefined)
      s += `           peaks: JVM heap ${mib(p['JVMHeapMemory'])}, execution ${mib(p['OnHeapExecutionMemory'])} on / ${mib(p['OffHeapExecutionMemory'])} off heap, storage ${mib(p['OnHeapStorageMemory'])} on / ${mib(p['OffHeapStorageMemory'])} off heap\n`;
    if (x.removedReason !== undefined) s += `           removed: ${x.removedReason}\n`;
  }
  if (a.findings.length > 0) {
    s += '\nFindings:\n';
    for (const f of a.findings) s += `  - [${f.severity}] ${f.message}\n`;
  }
  const info = facts.problems.filter((p) => p.severity === 'info');
  if (info.length > 0) {
    s += '\nNotes:\n';
    for (const p of info) s += `  - ${p.file}:${p.line}: ${p.message}\n`;
  }
  return s;
}

interface OtherRun {
  readonly label: string;
  readonly summary: SimSummary;
  readonly calibration: Calibration;
}

/** The replay on another executor: a config file (--conf) and/or what-ifs (--set). */
function replayElsewhere(
  facts: EventLogFacts,
  args: ParsedArgs,
  overrides: Record<string, string>,
): OtherRun | undefined {
  const confFile = optionString(args, 'conf');
  if (confFile === undefined && Object.keys(overrides).length === 0) return undefined;
  let label = confFile ?? "the log's config with the what-ifs";
  const base: ReplayBase =
    confFile !== undefined ? { kind: 'document', doc: loadDocument(confFile).doc, label: confFile } : { kind: 'log' };
  const r = replayOn(facts, base, overrides);
  if ('error' in r)
    throw new InputError(
      confFile !== undefined
        ? `${confFile}: the executor does not start: ${r.error}`
        : `the what-if does not start: ${r.error}`,
    );
  if (Object.keys(overrides).length > 0)
    label += ` (${Object.entries(overrides)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')})`;
  return { label, summary: r.summary, calibration: r.calibration };
}

function calibrationText(title: string, c: Calibration, observedToo: boolean): string {
  let s = `\n${title}\n`;
  s += `  ${'stage'.padEnd(8)} ${observedToo ? `${'observed spill'.padStart(15)} ` : ''}${'predicted spill'.padStart(16)}\n`;
  for (const st of c.stages) {
    if (st.observedSpilledBytes === 0 && st.predictedSpilledBytes === 0) continue;
    s += `  ${String(st.stageId).padEnd(8)} ${observedToo ? `${formatBytes(st.observedSpilledBytes).padStart(15)} ` : ''}${formatBytes(st.predictedSpilledBytes).padStart(16)}\n`;
  }
  const both = (o: number, p: number, f: (n: number) => string = String) =>
    observedToo ? `${f(o)} observed, ${f(p)} predicted` : f(p);
  s += `  spilled in all: ${both(c.spilledBytes.observed, c.spilledBytes.predicted, formatBytes)}\n`;
  s += `  cached partitions: ${both(c.cachedPartitions.observed, c.cachedPartitions.predicted)}; evictions: ${both(c.evictions.observed, c.evictions.predicted)}\n`;
  return s;
}

export function runLog(args: ParsedArgs, out: (s: string) => void): number | Promise<number> {
  if (args.positionals.length !== 1)
    throw new UsageError('log needs exactly one event log file, folder or History Server URL');
  const path = args.positionals[0] ?? '';
  // Options are checked before the log is read (a large log or a download takes a while).
  const opts = {
    format: optionChoice(args, 'format', ['text', 'json'] as const) ?? 'text',
    overrides: setOverrides(args),
    replay: args.options.get('replay') === true,
    saveTo: optionString(args, 'save-scenario'),
  };
  if (!opts.replay && (optionString(args, 'conf') !== undefined || opts.saveTo !== undefined))
    throw new UsageError('--conf and --save-scenario go with --replay');
  if (isLogUrl(path)) return readLogUrl(path).then((facts) => report(path, facts, args, opts, out));
  return report(path, readLogPath(path), args, opts, out);
}

interface LogOptions {
  readonly format: 'text' | 'json';
  readonly overrides: Record<string, string>;
  readonly replay: boolean;
  readonly saveTo: string | undefined;
}

function report(path: string, facts: EventLogFacts, args: ParsedArgs, o: LogOptions, out: (s: string) => void): number {
  const { format, overrides, replay, saveTo } = o;
  const not = notAnEventLog(facts);
  if (not !== undefined) throw new InputError(`${path}: ${not}`);
  const a = analyzeRun(facts, overrides);
  let own: ReplayResult | undefined;
  let other: OtherRun | undefined;
  if (replay) {
    const r = replayOnOwnConfig(facts);
    if ('error' in r) throw new InputError(`${path}: ${r.error}`);
    own = r;
    other = replayElsewhere(facts, args, overrides);
    if (saveTo !== undefined) writeFileSync(saveTo, scenarioYaml(r.workload.scenario));
  }
  if (format === 'json') {
    out(
      JSON.stringify({
        ...logJson(path, facts, a),
        ...(own !== undefined
          ? { replay: { calibration: own.calibration, summary: own.result.summary, skipped: own.workload.skipped } }
          : {}),
        ...(other !== undefined ? { replayOn: other } : {}),
      }) + '\n',
    );
  } else {
    let s = logText(path, facts, a);
    if (own !== undefined) s += calibrationText("Replay on the log's own config (calibration):", own.calibration, true);
    if (other !== undefined) s += calibrationText(`Replay on ${other.label}:`, other.calibration, false);
    if (saveTo !== undefined) s += `\nThe derived workload is saved as ${saveTo}.\n`;
    out(s);
  }
  return facts.problems.some((p) => p.severity === 'error') ? 1 : 0;
}
