// The Run view: the memory story of one event log. The page is static HTML built here (every text
// escaped, since names in a log are arbitrary): executor layouts beside what the log reports, a
// stage timeline with spill and GC, task peaks against the per-task share, the cache against the
// storage region, executor peaks against each region, findings, and the replay (calibration on the
// log's own config, then the workspace's config). One script, with this page's nonce
// (dist/runView.js: src/webview/runView.ts), fills the what-if section; the Content-Security-Policy
// allows nothing else (no inline handler, no other script or style source).
import type { Calibration, EventLogFacts, RunAnalysis } from '../../core/eventlog';
import { formatBytes } from '../../core/size';

export type ReplayView =
  | { readonly label: string; readonly calibration: Calibration; readonly observed: boolean }
  /** A replay that could not run: the view says why rather than leaving it out. */
  | { readonly label: string; readonly notRun: string };

const esc = (s: string | number | undefined): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const b = (n: number | undefined): string => (n === undefined ? '–' : esc(formatBytes(n)));

function header(f: EventLogFacts, a: RunAnalysis): string {
  const app = f.application;
  const dur =
    app.startTime !== undefined && app.endTime !== undefined
      ? ` · ${((app.endTime - app.startTime) / 1000).toFixed(1)} s`
      : '';
  return `<h1>${esc(app.name ?? '(no name)')} <small>${esc(app.id)}</small></h1>
<p>Spark ${esc(app.sparkVersion ?? '(version not logged)')} (modelled as ${esc(a.modelVersion)})${dur}${f.inProgress ? ' · <strong>in progress or cut short</strong>' : ''}
 · ${a.counts.jobs} jobs, ${a.counts.stages} stages, ${a.counts.tasks} tasks (${a.counts.failedTasks} failed)
 · spilled ${b(a.spilled.memoryBytes)} (${b(a.spilled.diskBytes)} on disk)</p>`;
}

function executors(a: RunAnalysis): string {
  const u = a.layout?.unified;
  const rows = a.executors
    .map((x) => {
      const p = x.peaks;
      const peak = (k: string, region: number | undefined) =>
        p[k] === undefined
          ? '–'
          : `${b(p[k])}${region !== undefined && region > 0 ? ` <small>(${Math.round((100 * (p[k] ?? 0)) / region)} % of ${b(region)})</small>` : ''}`;
      return `<tr><td>${esc(x.id)}</td><td>${esc(x.cores ?? '–')}</td><td>${b(x.heap)}</td><td>${b(x.maxMemory.observed)}</td><td>${b(x.maxMemory.predicted)}</td><td>${esc(x.maxMemory.note)}${x.maxMemory.collector !== undefined ? ` (${esc(x.maxMemory.collector)})` : ''}</td>
<td>${peak('JVMHeapMemory', x.heap)}</td><td>${peak('OnHeapExecutionMemory', u?.maxHeapMemory)}</td><td>${peak('OnHeapStorageMemory', u?.onHeapStorageRegionSize)}</td><td>${peak('OffHeapExecutionMemory', u?.maxOffHeapMemory)}</td><td>${peak('DirectPoolMemory', undefined)}</td></tr>`;
    })
    .join('\n');
  return `<h2>Executors</h2>
<div class="table-wrap"><table><tr><th>executor</th><th>cores</th><th>heap</th><th>max memory (log)</th><th>max memory (layout)</th><th>agreement</th><th>JVM heap peak</th><th>on-heap execution peak</th><th>on-heap storage peak</th><th>off-heap execution peak</th><th>direct pool peak</th></tr>
${rows}</table></div>`;
}

function timeline(a: RunAnalysis): string {
  const withTimes = a.stages.filter((s) => s.start !== undefined && s.end !== undefined);
  const t0 = Math.min(...withTimes.map((s) => s.start ?? 0));
  const t1 = Math.max(...withTimes.map((s) => s.end ?? 0));
  const span = Math.max(1, t1 - t0);
  const per = a.layout?.executionPerTask;
  const rows = a.stages
    .map((s) => {
      const left = s.start !== undefined ? (100 * (s.start - t0)) / span : 0;
      const width = s.start !== undefined && s.end !== undefined ? Math.max(0.5, (100 * (s.end - s.start)) / span) : 0;
      const gc = s.runTime > 0 ? Math.round((100 * s.gcTime) / s.runTime) : 0;
      const cls = s.memoryBytesSpilled > 0 ? 'stage-bar spill' : 'stage-bar';
      const share =
        per !== undefined && s.peakExecutionMemoryMax > 0
          ? ` <small>(share ${b(per.minPerTask)}–${b(per.maxPerTask)})</small>`
          : '';
      return `<tr><td>${s.stageId}${s.attempt > 0 ? `.${s.attempt}` : ''}</td><td>${esc(s.name ?? '')}</td><td>${s.tasks}${s.failedTasks > 0 ? ` (${s.failedTasks} failed)` : ''}</td>
<td class="track"><div class="${cls}" style="margin-left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></div></td>
<td>${b(s.memoryBytesSpilled)}${s.spilledTasks > 0 ? ` <small>in ${s.spilledTasks} tasks</small>` : ''}</td><td>${gc} %</td><td>${b(s.peakExecutionMemoryMax)} / ${b(s.peakExecutionMemoryMedian)}${share}</td></tr>`;
    })
    .join('\n');
  return `<h2>Stages</h2>
<div class="table-wrap"><table><tr><th>stage</th><th>name</th><th>tasks</th><th>timeline</th><th>spilled</th><th>GC</th><th>task peak max / median</th></tr>
${rows}</table></div>`;
}

function cache(f: EventLogFacts, a: RunAnalysis): string {
  const rdds = Object.values(f.cachedRdds);
  if (rdds.length === 0) return '';
  const u = a.layout?.unified;
  const rows = rdds
    .map(
      (r) =>
        `<tr><td>${r.rddId}</td><td>${esc((r.name ?? '').split('\n')[0])}</td><td>${esc(r.storageLevel)}</td><td>${r.numCachedPartitions} / ${r.numPartitions}</td><td>${b(r.memorySize)}</td><td>${b(r.diskSize)}</td><td>${r.blocksDroppedToDisk}</td><td>${r.blocksRemovedFromMemory}</td></tr>`,
    )
    .join('\n');
  return `<h2>Cache</h2><p>Storage region ${b(u?.onHeapStorageRegionSize)}; storage can reach ${b(u?.maxOnHeapStorageMemory)} per executor when execution holds nothing.</p>
<div class="table-wrap"><table><tr><th>RDD</th><th>name</th><th>level</th><th>cached partitions</th><th>in memory</th><th>on disk</th><th>dropped to disk</th><th>removed from memory</th></tr>
${rows}</table></div>`;
}

function replay(views: readonly ReplayView[]): string {
  return views
    .map((v) => {
      if ('notRun' in v) return `<h2>${esc(v.label)}</h2>\n<p class="warning">Not replayed: ${esc(v.notRun)}</p>`;
      const c = v.calibration;
      const rows = c.stages
        .filter((s) => s.observedSpilledBytes > 0 || s.predictedSpilledBytes > 0)
        .map(
          (s) =>
            `<tr><td>${s.stageId}</td>${v.observed ? `<td>${b(s.observedSpilledBytes)}</td>` : ''}<td>${b(s.predictedSpilledBytes)}</td></tr>`,
        )
        .join('\n');
      const pair = (o: number, p: number, f: (n: number) => string = String) =>
        v.observed ? `${f(o)} observed, ${f(p)} predicted` : f(p);
      return `<h2>${esc(v.label)}</h2>
<p>Spilled ${pair(c.spilledBytes.observed, c.spilledBytes.predicted, b)} · cached partitions ${pair(c.cachedPartitions.observed, c.cachedPartitions.predicted)} · evictions ${pair(c.evictions.observed, c.evictions.predicted)}</p>
${rows !== '' ? `<div class="table-wrap"><table><tr><th>stage</th>${v.observed ? '<th>observed spill</th>' : ''}<th>predicted spill</th></tr>${rows}</table></div>` : ''}`;
    })
    .join('\n');
}

/** The page's two files: the what-if script and the panel's stylesheet (the controls' styles). */
export interface RunViewAssets {
  readonly script: string;
  readonly style: string;
}

export function runViewHtml(
  cspSource: string,
  nonce: string,
  f: EventLogFacts,
  a: RunAnalysis,
  replays: readonly ReplayView[],
  saveCommand: string,
  assets: RunViewAssets,
): string {
  const findings = a.findings.map((x) => `<li class="${x.severity}">${esc(x.message)}</li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource} 'nonce-${nonce}'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(assets.style)}" nonce="${nonce}">
<title>Spark Run</title>
<style nonce="${nonce}">
td.track { width: 30%; min-width: 160px; }
.stage-bar { height: 10px; background: var(--vscode-charts-blue, #3794ff); }
.stage-bar.spill { background: var(--vscode-charts-orange, #d18616); }
li.error { color: var(--vscode-errorForeground); }
li.warning, p.warning { color: var(--vscode-editorWarning-foreground); }
ul { padding-left: 1.2em; overflow-wrap: anywhere; }
h1 { overflow-wrap: anywhere; }
small { opacity: .8; }
</style></head><body>
${header(f, a)}
<h2>Findings</h2><ul>${findings || '<li>Nothing notable about memory in this run.</li>'}</ul>
<section id="whatif" aria-label="What if"></section>
${executors(a)}
${timeline(a)}
${cache(f, a)}
${replay(replays)}
<p><a href="${esc(saveCommand)}">Save the derived workload as a scenario…</a></p>
<script nonce="${nonce}" src="${esc(assets.script)}"></script>
</body></html>`;
}
