// The compare view: one scenario under every storage level, and the file's config against the
// what-if config, as summaries side by side with a small timeline each (our own SVG serializer).
import { formatBytes } from '../../core/size';
import type { SimResult } from '../../core/workload/types';
import { ON_HEAP_LINES, onHeapChart } from '../chartData';
import { chartSvg } from '../exporters';
import { spillText } from '../format';
import { colorOf } from './chart';
import { clear, h, themeColor } from './dom';

const ROWS: readonly [string, (r: SimResult) => string][] = [
  ['Spilled', (r) => spillText(r.summary.spilledBytes, r.summary.spillCount)],
  ['Evicted blocks', (r) => String(r.summary.evictedBlocks)],
  ['Dropped to disk', (r) => String(r.summary.droppedToDiskBlocks)],
  ['Cache hit ratio', (r) => (r.summary.hitRatio === undefined ? '–' : `${(r.summary.hitRatio * 100).toFixed(1)}%`)],
  ['Waits', (r) => `${r.summary.waits} (${(r.summary.waitMs / 1000).toFixed(2)} s)`],
  ['Failed tasks', (r) => String(r.summary.failedTasks)],
  ['LowMemoryException', (r) => String(r.summary.lowMemoryExceptions)],
  ['Peak storage', (r) => formatBytes(r.summary.peakStorageUsed)],
  ['Peak execution', (r) => formatBytes(r.summary.peakExecutionUsed)],
  ['Simulated time', (r) => `${(r.summary.durationMs / 1000).toFixed(2)} s`],
];

function smallTimeline(r: SimResult, title: string): Node {
  const colors = [
    '--vscode-charts-blue',
    '--vscode-charts-orange',
    '--vscode-charts-purple',
    '--vscode-charts-yellow',
  ].map(colorOf);
  const svg = chartSvg(onHeapChart(r.series), title, {
    width: 320,
    height: 160,
    legend: false,
    colors,
    foreground: themeColor('--vscode-foreground', '#888888'),
  });
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const node = document.importNode(doc.documentElement, true);
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', title);
  return node;
}

export function renderComparison(
  title: string,
  columns: readonly { readonly name: string; readonly result: SimResult }[],
  testid: string,
): HTMLElement {
  const head = h('tr', {}, h('th', { scope: 'col' }, ''), ...columns.map((c) => h('th', { scope: 'col' }, c.name)));
  const body = h('tbody');
  for (const [label, f] of ROWS)
    body.append(
      h('tr', {}, h('th', { scope: 'row' }, label), ...columns.map((c) => h('td', { class: 'num' }, f(c.result)))),
    );
  const charts = h(
    'div',
    { class: 'small-charts' },
    ...columns.map((c) => h('figure', { class: 'small-chart' }, smallTimeline(c.result, c.name))),
  );
  const key = h(
    'p',
    { class: 'small-key' },
    ...ON_HEAP_LINES.map((l) => {
      const sw = h('span', { class: 'swatch' });
      sw.style.background = colorOf(l.colorVar);
      return h('span', { class: 'key' }, sw, l.label);
    }),
  );
  return h(
    'section',
    { class: 'comparison', 'data-testid': testid, 'aria-label': title },
    h('h3', {}, title),
    h('table', { class: 'compare-table' }, h('thead', {}, head), body),
    key,
    charts,
  );
}

export class CompareView {
  readonly el = h('div', { class: 'compare-view' });
  readonly out = h('div', { class: 'compare-out', 'aria-live': 'polite' });

  constructor(onLevels: () => void, onConfigs: () => void) {
    const levels = h('button', { 'data-testid': 'compare-levels' }, 'Compare storage levels');
    levels.addEventListener('click', onLevels);
    const configs = h('button', { 'data-testid': 'compare-configs' }, 'Compare file vs what-if');
    configs.addEventListener('click', onConfigs);
    this.el.append(h('div', { class: 'buttons' }, levels, configs), this.out);
  }

  /** Drops a comparison of another config (it would be read as this one's). */
  clear(message: string): void {
    clear(this.out);
    this.out.append(h('p', { class: 'stale-note', 'data-testid': 'compare-empty' }, message));
  }

  show(node: HTMLElement | string): void {
    clear(this.out);
    this.out.append(typeof node === 'string' ? h('p', {}, node) : node);
  }
}
