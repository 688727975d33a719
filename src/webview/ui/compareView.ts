// The compare view: one scenario under every storage level, and the file's config against the
// what-if config: a table with the winner marked, and one timeline per column on SHARED axes (the
// same seconds and MiB everywhere), large enough to compare by eye (our own SVG serializer).
import { formatBytes as formatBytesOf } from '../../core/size';
import type { SimResult } from '../../core/workload/types';
import { ON_HEAP_LINES, onHeapChart } from '../chartData';
import { chartExtent, chartSvg } from '../exporters';
import { durationText, spillText } from '../format';
import { winners } from '../winners';
import { lineColorOf } from './chart';
import { clear, h, themeColor } from './dom';

const ROWS: readonly [string, (r: SimResult) => string][] = [
  ['Spilled', (r) => spillText(r.summary.spilledBytes, r.summary.spillCount)],
  ['Evicted blocks', (r) => String(r.summary.evictedBlocks)],
  ['Dropped to disk', (r) => String(r.summary.droppedToDiskBlocks)],
  ['Cache hit ratio', (r) => (r.summary.hitRatio === undefined ? '–' : `${(r.summary.hitRatio * 100).toFixed(1)}%`)],
  ['Waits', (r) => `${r.summary.waits} (${durationText(r.summary.waitMs)})`],
  ['Failed tasks', (r) => String(r.summary.failedTasks)],
  ['LowMemoryException', (r) => String(r.summary.lowMemoryExceptions)],
  ['Peak storage', (r) => formatBytesOf(r.summary.peakStorageUsed)],
  ['Peak execution', (r) => formatBytesOf(r.summary.peakExecutionUsed)],
  ['Simulated time', (r) => durationText(r.summary.durationMs)],
];

function timeline(r: SimResult, title: string, ends: { x: number; y: number }, colors: string[]): Node {
  const svg = chartSvg(onHeapChart(r.series), title, {
    width: 560,
    height: 260,
    legend: false,
    colors,
    xMax: ends.x,
    yMax: ends.y,
    foreground: themeColor('--vscode-foreground', '#888888'),
  });
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const node = document.importNode(doc.documentElement, true);
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', title);
  node.removeAttribute('width');
  node.removeAttribute('height');
  return node;
}

export function renderComparison(
  title: string,
  columns: readonly { readonly name: string; readonly result: SimResult }[],
  testid: string,
): HTMLElement {
  const win = new Set(winners(columns.map((c) => c.result)));
  const mark = (i: number, name: string) => (win.has(i) ? `${name} ★ best` : name);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, ''),
    ...columns.map((c, i) =>
      h(
        'th',
        { scope: 'col', class: win.has(i) ? 'winner' : undefined, 'data-testid': win.has(i) ? 'winner' : undefined },
        mark(i, c.name),
      ),
    ),
  );
  const body = h('tbody');
  for (const [label, f] of ROWS)
    body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ...columns.map((c, i) => h('td', { class: win.has(i) ? 'num winner' : 'num' }, f(c.result))),
      ),
    );
  // One pair of axes for all: the longest run and the highest curve decide both ends.
  const ends = columns.reduce(
    (e, c) => {
      const x = chartExtent(onHeapChart(c.result.series));
      return { x: Math.max(e.x, x.x), y: Math.max(e.y, x.y) };
    },
    { x: 0, y: 0 },
  );
  const colors = ON_HEAP_LINES.map((l) => lineColorOf(l.colorVar));
  const charts = h(
    'div',
    { class: 'small-charts', 'data-testid': 'compare-charts' },
    ...columns.map((c, i) =>
      h(
        'figure',
        { class: win.has(i) ? 'small-chart winner' : 'small-chart' },
        h('figcaption', {}, mark(i, c.name)),
        timeline(c.result, c.name, ends, colors),
      ),
    ),
  );
  const key = h(
    'p',
    { class: 'small-key' },
    ...ON_HEAP_LINES.map((l, i) => {
      const sw = h('span', { class: l.dash !== undefined ? 'swatch dashed' : 'swatch' });
      sw.style.borderTopColor = colors[i] ?? '';
      return h('span', { class: 'key' }, sw, l.label);
    }),
    h('span', { class: 'key' }, 'Same axes for every chart (seconds, MiB).'),
  );
  return h(
    'section',
    { class: 'comparison', 'data-testid': testid, 'aria-label': title },
    h('h3', {}, title),
    h(
      'p',
      { class: 'compare-verdict', 'data-testid': 'compare-verdict' },
      win.size === 0
        ? 'No difference in failures, time or spill.'
        : `Best: ${[...win].map((i) => columns[i]?.name ?? '').join(', ')} (fewest failures, then shortest time, then least spill).`,
    ),
    h('div', { class: 'table-wrap' }, h('table', { class: 'compare-table' }, h('thead', {}, head), body)),
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
    // The result is where the eye goes: bring it into view.
    this.out.scrollIntoView({ block: 'nearest' });
  }
}
