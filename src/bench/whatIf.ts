// What-if benchmark: the time from a what-if change (executor memory moved) to the charts' data —
// the layout, the executor, a full preset simulation and the chart arrays — through the same pure
// functions the panel calls. Median of N runs per preset; the headline is the slowest preset's median.
import { PRESETS } from '../core/workload';
import type { ConfigPayload } from '../shared/protocol';
import { allCharts } from '../webview/chartData';
import { MAX_POINTS, executorSource, scenarioOf, startRun } from '../webview/engine';
import { buildLayoutModel } from '../webview/layoutModel';

export interface WhatIfPresetFigures {
  readonly preset: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly events: number;
  readonly points: number;
}

export interface WhatIfBenchFigures {
  readonly runs: number;
  readonly presets: readonly WhatIfPresetFigures[];
  /** The slowest preset's median: what a user waits for after moving a control. */
  readonly whatIfMs: number;
  readonly whatIfPreset: string;
}

const CONFIG: ConfigPayload = {
  uri: 'file:///bench/spark-defaults.conf',
  fileName: 'spark-defaults.conf',
  kind: 'spark-defaults',
  version: 1,
  diagnostics: [],
  text: [
    'spark.master                     yarn',
    'spark.executor.memory            4g',
    'spark.executor.cores             4',
    'spark.memory.fraction            0.6',
    'spark.memory.storageFraction     0.5',
    'spark.memory.offHeap.enabled     true',
    'spark.memory.offHeap.size        1g',
    '',
  ].join('\n'),
};

const MEMORY = ['4g', '4608m', '5g', '5632m', '6g', '3584m'];

/** One what-if change, start to chart data; returns what it produced so nothing is optimised away. */
export function whatIfOnce(presetId: string, executorMemory: string): { events: number; points: number } {
  const model = buildLayoutModel(CONFIG, { 'spark.executor.memory': executorMemory });
  if (model.blocking.length > 0) throw new Error(`bench config does not start: ${model.blocking[0]?.message}`);
  const src = executorSource({ doc: model.simDoc, overrides: model.overrides, member: 0, label: CONFIG.fileName });
  if (!src.ok) throw new Error(src.message);
  const sc = scenarioOf({ source: 'preset', id: presetId });
  if (!sc.ok) throw new Error(sc.message);
  const r = startRun(src.value, sc.value, MAX_POINTS).result();
  const charts = allCharts(r.series, r.events);
  return { events: r.summary.events, points: charts.onHeap.data[0]?.length ?? 0 };
}

export function benchWhatIf(opts: { runs?: number } = {}): WhatIfBenchFigures {
  const runs = opts.runs ?? 15;
  const presets: WhatIfPresetFigures[] = [];
  for (const p of PRESETS) {
    // SnappyData presets need a member file; the what-if path is the same.
    if (p.id.startsWith('snappy')) continue;
    whatIfOnce(p.id, '4g'); // warm-up
    const times: number[] = [];
    let last = { events: 0, points: 0 };
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = whatIfOnce(p.id, MEMORY[i % MEMORY.length] ?? '4g');
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    presets.push({
      preset: p.id,
      medianMs: round(median),
      minMs: round(sorted[0]!),
      maxMs: round(sorted[sorted.length - 1]!),
      ...last,
    });
  }
  const worst = presets.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  return { runs, presets, whatIfMs: worst.medianMs, whatIfPreset: worst.preset };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
