// The arrays the charts draw, shaped from a run's series: time in seconds and sizes in MiB, one
// array per line, all of the same length (uPlot's AlignedData). Pure: the bench times this same
// code after a what-if change.
import type { EventKind, SimEvent, SimSeries } from '../core/workload/types';

const MiB = 2 ** 20;

export interface LineSpec {
  readonly label: string;
  /** A --vscode-* colour variable the chart reads for this line. */
  readonly colorVar: string;
  readonly dash?: readonly number[];
}

export interface ChartData {
  /** [x, ...one array per line]. */
  readonly data: number[][];
  readonly lines: readonly LineSpec[];
}

const toMiB = (v: readonly number[]): number[] => v.map((b) => b / MiB);

export const ON_HEAP_LINES: readonly LineSpec[] = [
  { label: 'Storage used', colorVar: '--vscode-charts-blue' },
  { label: 'Execution used', colorVar: '--vscode-charts-orange' },
  { label: 'Storage pool (boundary)', colorVar: '--vscode-charts-purple', dash: [6, 4] },
  // Dotted and green, so it is told from "Execution used" by its pattern too (colour-vision deficiencies).
  { label: 'Untracked (user objects)', colorVar: '--vscode-charts-green', dash: [2, 3] },
];

export const OFF_HEAP_LINES: readonly LineSpec[] = [
  { label: 'Off-heap storage used', colorVar: '--vscode-charts-blue' },
  { label: 'Off-heap execution used', colorVar: '--vscode-charts-orange' },
  { label: 'Off-heap storage pool (boundary)', colorVar: '--vscode-charts-purple', dash: [6, 4] },
];

const TASK_COLOURS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];

export function seconds(t: readonly number[]): number[] {
  return t.map((ms) => ms / 1000);
}

/** On-heap storage and execution used, the storage pool size (the movable boundary) and untracked memory. */
export function onHeapChart(s: SimSeries): ChartData {
  return {
    data: [
      seconds(s.t),
      toMiB(s.onHeapStorageUsed),
      toMiB(s.onHeapExecutionUsed),
      toMiB(s.onHeapStoragePoolSize),
      toMiB(s.untracked),
    ],
    lines: ON_HEAP_LINES,
  };
}

/** True when any off-heap pool has a size: the off-heap chart is shown only then. */
export function offHeapInPlay(s: SimSeries): boolean {
  return s.offHeapStoragePoolSize.some((v) => v > 0) || s.offHeapExecutionPoolSize.some((v) => v > 0);
}

export function offHeapChart(s: SimSeries): ChartData {
  return {
    data: [seconds(s.t), toMiB(s.offHeapStorageUsed), toMiB(s.offHeapExecutionUsed), toMiB(s.offHeapStoragePoolSize)],
    lines: OFF_HEAP_LINES,
  };
}

/** Execution memory held by each task slot over time. */
export function perTaskChart(s: SimSeries): ChartData {
  const lines = s.perTaskExecution.map((_, i) => ({
    label: `Slot ${i + 1}`,
    colorVar: TASK_COLOURS[i % TASK_COLOURS.length] ?? '--vscode-charts-blue',
  }));
  return {
    data: [seconds(s.t), ...s.perTaskExecution.map((v) => toMiB(v.length === s.t.length ? v : pad(v, s.t.length)))],
    lines,
  };
}

function pad(v: readonly number[], n: number): number[] {
  const out = v.slice(0, n);
  while (out.length < n) out.push(out.length > 0 ? (out[out.length - 1] ?? 0) : 0);
  return out;
}

/** Kinds the event log offers as filters, in a fixed order; others fall under "other". */
export const EVENT_KINDS: readonly EventKind[] = [
  'evict',
  'dropToDisk',
  'spill',
  'unrollFailure',
  'wait',
  'wake',
  'lowMemory',
  'oomRisk',
  'unmanaged',
  'taskFailed',
  'stageStart',
  'budget',
  'taskStart',
  'taskEnd',
  'acquire',
  'release',
];

/** Kinds worth a marker on the timeline (not every acquire). */
export const MARKED_KINDS: ReadonlySet<EventKind> = new Set([
  'evict',
  'dropToDisk',
  'spill',
  'unrollFailure',
  'wait',
  'lowMemory',
  'oomRisk',
  'unmanaged',
  'taskFailed',
  'budget',
]);

/** Marker positions (seconds) for the kinds shown, at most `max` of them (evenly thinned). */
export function eventMarkers(
  events: readonly SimEvent[],
  shown: ReadonlySet<EventKind> = MARKED_KINDS,
  max = 400,
): { t: number; kind: EventKind }[] {
  const all = events.filter((e) => shown.has(e.kind)).map((e) => ({ t: e.t / 1000, kind: e.kind }));
  if (all.length <= max) return all;
  const step = all.length / max;
  const out: { t: number; kind: EventKind }[] = [];
  for (let i = 0; i < max; i++) {
    const e = all[Math.floor(i * step)];
    if (e !== undefined) out.push(e);
  }
  return out;
}

/** Counts of events per kind (for the filter chips). */
export function countKinds(events: readonly SimEvent[]): Map<EventKind, number> {
  const m = new Map<EventKind, number>();
  for (const e of events) m.set(e.kind, (m.get(e.kind) ?? 0) + 1);
  return m;
}

/** Every chart's arrays for one result: what the panel computes after each run or what-if change. */
export function allCharts(
  s: SimSeries,
  events: readonly SimEvent[],
): { onHeap: ChartData; offHeap?: ChartData; perTask: ChartData; markers: { t: number; kind: EventKind }[] } {
  return {
    onHeap: onHeapChart(s),
    ...(offHeapInPlay(s) ? { offHeap: offHeapChart(s) } : {}),
    perTask: perTaskChart(s),
    markers: eventMarkers(events),
  };
}
