// The replay on another executor: the log's own config or a config file (spark-defaults.conf, a
// SparkApplication), each with what-if settings on top. One function for the CLI (`log --conf
// --set`) and the Run view's what-if controls, so both give the same numbers. Every size comes from
// the layout (executorSourceOfLayout / executorSourceOfDocument); nothing is derived here.
import { type ParsedDocument, layoutOfDocument, sparkConfOf, sparkVersionFor } from '../analyze';
import type { ContainerRequest } from '../layout/container';
import type { SparkLayout } from '../layout/sparkLayout';
import { type ExecutorSource, type SimSummary, executorSourceOfDocument, simulateWorkload } from '../workload';
import { executorLayout, modelVersionOf, representativeExecutor } from './analysis';
import { type Calibration, type DerivedWorkload, calibrate, deriveWorkload, logExecutorSource } from './replay';
import type { EventLogFacts } from './types';

/** Where the replay's executor comes from. */
export type ReplayBase =
  | { readonly kind: 'log' }
  /** A config file: spark-defaults.conf, a SparkApplication, or a SnappyData member file (its first server). */
  | { readonly kind: 'document'; readonly doc: ParsedDocument; readonly label: string };

export interface ReplayOutcome {
  readonly calibration: Calibration;
  readonly summary: SimSummary;
  /** The executor's heap (spark.executor.memory as the layout reads it, the driver's in local mode). */
  readonly heapBytes: number;
  /** The container the cluster manager is asked for (YARN, Kubernetes), when the layout has one. */
  readonly container?: ContainerRequest;
}

/** Kept events: enough for the per-stage spill of a 10,000-task log (calibrate reads them). */
const MAX_KEPT_EVENTS = 200_000;

function executorOf(
  facts: EventLogFacts,
  base: ReplayBase,
  overrides: Readonly<Record<string, string>>,
): { ok: true; source: ExecutorSource; layout?: SparkLayout } | { ok: false; message: string } {
  if (base.kind === 'log') return logExecutorSource(facts, overrides);
  const r = executorSourceOfDocument(base.doc, { overrides, label: base.label });
  if (!r.ok) return r;
  return { ok: true, source: r.source, ...(r.layout.kind === 'spark' ? { layout: r.layout.layout } : {}) };
}

/**
 * The run's derived workload on `base` with `overrides` (Spark keys), or why that executor does not
 * start (the layout's first start-up error, as a real launch prints it).
 */
export function replayOn(
  facts: EventLogFacts,
  base: ReplayBase,
  overrides: Readonly<Record<string, string>> = {},
  workload: DerivedWorkload = deriveWorkload(facts),
): ReplayOutcome | { readonly error: string } {
  const x = executorOf(facts, base, overrides);
  if (!x.ok) return { error: x.message };
  const result = simulateWorkload(x.source, workload.scenario, { maxKeptEvents: MAX_KEPT_EVENTS });
  return {
    calibration: calibrate(facts, workload, result),
    summary: result.summary,
    heapBytes: x.layout?.executorMemory ?? x.source.snappy?.heapBytes ?? 0,
    ...(x.layout?.container !== undefined ? { container: x.layout.container } : {}),
  };
}

/**
 * What the base sets for each of `keys` (a key it leaves out is absent) and its layout, the values in
 * effect with defaults (undefined when the config does not lay out): where what-if controls start.
 */
export function baseSettings(
  facts: EventLogFacts,
  base: ReplayBase,
  keys: readonly string[],
): { readonly values: Record<string, string>; readonly layout: SparkLayout | undefined } {
  const values: Record<string, string> = {};
  if (base.kind === 'log') {
    const { version } = modelVersionOf(facts.application.sparkVersion);
    const { layout, conf } = executorLayout(facts, representativeExecutor(facts), version);
    for (const k of keys) {
      const v = conf.get(k)?.value;
      if (v !== undefined) values[k] = v;
    }
    return { values, layout };
  }
  if (base.doc.kind === 'snappy-members') return { values, layout: undefined };
  const conf = sparkConfOf(base.doc);
  for (const k of keys) {
    const v = conf.get(k)?.value;
    if (v !== undefined) values[k] = v;
  }
  try {
    const l = layoutOfDocument(base.doc, { sparkVersion: sparkVersionFor(base.doc).version });
    return { values, layout: l.kind === 'spark' ? l.layout : undefined };
  } catch {
    return { values, layout: undefined };
  }
}
