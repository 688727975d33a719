// The panel's one door to the workload engine (src/core/workload): scenarios, the executor of a
// config, stepped runs and comparisons. Everything else in the webview calls these.
import type { ParsedDocument } from '../core/analyze';
import type { MembersDocument } from '../core/parse/members';
import type { SparkVersion } from '../core/version';
import {
  ExecutorSource,
  PRESETS,
  Scenario,
  SimResult,
  StorageLevelName,
  WorkloadRun,
  compareConfigs as engineCompareConfigs,
  compareLevels as engineCompareLevels,
  RunStory,
  levelAdvice,
  executorSourceOfDocument,
  ExecutorSourceOptions,
  storyOfDocument,
  parseScenario,
  presetScenario,
} from '../core/workload';
import { parseMembers } from '../core/parse/members';
import { clusterView, type ClusterView } from '../core/workload/cluster';
import type { ClusterPayload, ScenarioRef } from '../shared/protocol';

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/** Series points a panel run keeps (the charts are at most a few hundred pixels wide per point pair). */
export const MAX_POINTS = 600;

export function presets(): readonly Preset[] {
  return PRESETS;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function scenarioOf(ref: ScenarioRef): Outcome<Scenario> {
  if (ref.source === 'preset') {
    const s = presetScenario(ref.id);
    return s !== undefined ? { ok: true, value: s } : { ok: false, message: `no preset "${ref.id}"` };
  }
  const r = parseScenario(ref.text, ref.fileName);
  if (r.ok) return { ok: true, value: r.scenario };
  return {
    ok: false,
    message: r.errors
      .slice(0, 3)
      .map((e) => `${ref.fileName}:${e.line}: ${e.field}: ${e.message}`)
      .join('; '),
  };
}

export interface SourceRequest {
  readonly doc: ParsedDocument;
  readonly sparkVersion?: SparkVersion;
  /** Spark keys (what-if); SnappyData what-ifs are already written into `doc`'s member line. */
  readonly overrides: Readonly<Record<string, string>>;
  /** 0-based member for SnappyData. */
  readonly member: number;
  readonly leads?: MembersDocument;
  readonly label: string;
}

function sourceOptions(req: SourceRequest): ExecutorSourceOptions {
  const snappy = req.doc.kind === 'snappy-members';
  return {
    ...(req.sparkVersion !== undefined ? { sparkVersion: req.sparkVersion } : {}),
    ...(!snappy ? { overrides: req.overrides } : {}),
    ...(snappy ? { member: req.member + 1, snappy: { ...(req.leads !== undefined ? { leads: req.leads } : {}) } } : {}),
    label: req.label,
  };
}

export function executorSource(req: SourceRequest): Outcome<ExecutorSource> {
  const r = executorSourceOfDocument(req.doc, sourceOptions(req));
  return r.ok ? { ok: true, value: r.source } : { ok: false, message: r.message };
}

/** The engine's story of a finished run on this executor (it re-runs the scenario to check each what-if). */
export function storyOf(req: SourceRequest, scenario: Scenario, result: SimResult): RunStory {
  return storyOfDocument(req.doc, sourceOptions(req), scenario, result);
}

export interface RunHandle {
  /** Runs up to maxEvents more events; false once the run is over. */
  step(maxEvents: number): boolean;
  snapshot(): SimResult;
  result(): SimResult;
}

export function startRun(source: ExecutorSource, scenario: Scenario, maxPoints = MAX_POINTS): RunHandle {
  const run = new WorkloadRun(source, scenario, { maxPoints });
  return {
    step: (n) => !run.step(n),
    snapshot: () => run.snapshot(),
    result: () => run.result(),
  };
}

export interface LevelComparison {
  readonly level: StorageLevelName;
  readonly result: SimResult;
}

export function compareLevels(source: ExecutorSource, scenario: Scenario): readonly LevelComparison[] {
  return engineCompareLevels(source, scenario, { maxPoints: MAX_POINTS });
}

/** The seeds' rule of thumb beside the simulated best level, for the compare view. */
export function adviceFor(scenario: Scenario, rows: readonly LevelComparison[]): string | undefined {
  return levelAdvice(scenario, rows)?.message;
}

export function compareConfigs(
  a: ExecutorSource,
  b: ExecutorSource,
  scenario: Scenario,
): { readonly a: SimResult; readonly b: SimResult } {
  return engineCompareConfigs(a, b, scenario, { maxPoints: MAX_POINTS });
}

/** Every member of the cluster's files laid out, and `scenario` run on each data server (workload/cluster.ts). */
export function clusterOf(files: ClusterPayload, scenario: Scenario): ClusterView {
  return clusterView(
    {
      ...(files.servers !== undefined ? { servers: parseMembers(files.servers, 'server') } : {}),
      ...(files.leads !== undefined ? { leads: parseMembers(files.leads, 'lead') } : {}),
      ...(files.locators !== undefined ? { locators: parseMembers(files.locators, 'locator') } : {}),
    },
    scenario,
  );
}
