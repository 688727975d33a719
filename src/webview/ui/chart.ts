// One uPlot timeline: lines coloured from the theme's --vscode-charts-* variables, event markers
// drawn as vertical lines (a draw hook), and a selected time drawn as a cursor line.
import uPlot from 'uplot';
import type { EventKind } from '../../core/workload/types';
import type { ChartData } from '../chartData';
import { ensureContrast } from '../contrast';
import { h, themeColor } from './dom';

const FALLBACK: Record<string, string> = {
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
};

const MARKER_VAR: Partial<Record<EventKind, string>> = {
  evict: '--vscode-charts-purple',
  dropToDisk: '--vscode-charts-purple',
  spill: '--vscode-charts-orange',
  wait: '--vscode-charts-yellow',
  lowMemory: '--vscode-charts-red',
  oomRisk: '--vscode-charts-red',
  unmanaged: '--vscode-charts-blue',
  taskFailed: '--vscode-charts-red',
  unrollFailure: '--vscode-charts-yellow',
  budget: '--vscode-charts-red',
};

export function colorOf(v: string): string {
  return themeColor(v, FALLBACK[v] ?? '#888888');
}

/** WCAG 2.2 1.4.11: a chart line needs 3:1 against what it is drawn on. */
export const LINE_CONTRAST = 3;

/** A theme chart colour, darkened or lightened only as far as 3:1 against the editor background needs. */
export function lineColorOf(v: string): string {
  return ensureContrast(colorOf(v), themeColor('--vscode-editor-background', '#ffffff'), LINE_CONTRAST);
}

/** Marker ticks closer than this (CSS px) merge into one, so a burst of evictions reads as one mark with a count. */
const MARKER_MERGE_PX = 6;
/** Markers are ticks along the top of the plot, not lines across it: the curves stay readable. */
const MARKER_TICK_PX = 10;

export class TimelineChart {
  readonly el: HTMLElement;
  private plot: uPlot | undefined;
  private data: ChartData | undefined;
  private markers: readonly { t: number; kind: EventKind }[] = [];
  private selected: number | undefined;
  private shape = '';

  constructor(
    readonly title: string,
    private readonly height = 200,
  ) {
    this.el = h('figure', { class: 'chart', role: 'img', 'aria-label': title });
    this.el.append(h('figcaption', {}, title), this.empty);
    // Resize in the next frame, not inside the observer's callback: a synchronous setSize changes the
    // observed element's size again and the browser reports "ResizeObserver loop completed".
    new ResizeObserver(() => {
      if (this.resizeFrame !== 0) return;
      this.resizeFrame = requestAnimationFrame(() => {
        this.resizeFrame = 0;
        this.resize();
      });
    }).observe(this.el);
  }

  private resizeFrame = 0;
  private readonly empty = h('p', { class: 'chart-empty', 'data-testid': 'chart-empty' }, 'No run yet.');

  /** Drops the plot and its data: nothing of a previous config stays drawn. */
  clear(message = 'No run yet.'): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.data = undefined;
    this.markers = [];
    this.selected = undefined;
    this.shape = '';
    this.empty.textContent = message;
    this.empty.hidden = false;
  }

  /** True while a plot is drawn (tests and exports ask). */
  get drawn(): boolean {
    return this.plot !== undefined;
  }

  private width(): number {
    return Math.max(240, Math.floor(this.el.clientWidth || 600) - 4);
  }

  private resize(): void {
    if (this.plot !== undefined && Math.abs(this.plot.width - this.width()) > 2)
      this.plot.setSize({ width: this.width(), height: this.height });
  }

  private build(d: ChartData): void {
    this.plot?.destroy();
    const fg = themeColor('--vscode-foreground', '#cccccc');
    const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: this.width(),
      height: this.height,
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: 'time (s)' },
        { ...axis, label: 'MiB', size: 60 },
      ],
      series: [
        { label: 'time (s)' },
        ...d.lines.map((l) => ({
          label: l.label,
          stroke: lineColorOf(l.colorVar),
          width: 2,
          ...(l.dash !== undefined ? { dash: [...l.dash] } : {}),
        })),
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: { draw: [(u: uPlot) => this.drawMarkers(u)] },
    };
    this.empty.hidden = true;
    // The colours drawn, for the contrast test and the legend of an export.
    this.el.dataset['lineColors'] = d.lines.map((l) => lineColorOf(l.colorVar)).join(' ');
    this.plot = new uPlot(opts, d.data as uPlot.AlignedData, this.el);
    this.shape = d.lines.map((l) => l.label).join('|');
  }

  private drawMarkers(u: uPlot): void {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    const merge = MARKER_MERGE_PX * devicePixelRatio;
    const tick = MARKER_TICK_PX * devicePixelRatio;
    let lastX = -Infinity;
    let lastKind: EventKind | undefined;
    for (const m of this.markers) {
      const x = Math.round(u.valToPos(m.t, 'x', true));
      if (x - lastX < merge && m.kind === lastKind) continue;
      lastX = x;
      lastKind = m.kind;
      ctx.strokeStyle = lineColorOf(MARKER_VAR[m.kind] ?? '--vscode-charts-red');
      ctx.beginPath();
      ctx.moveTo(x + 0.5, top);
      ctx.lineTo(x + 0.5, top + tick);
      ctx.stroke();
    }
    if (this.selected !== undefined) {
      const x = Math.round(u.valToPos(this.selected, 'x', true));
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.strokeStyle = themeColor('--vscode-focusBorder', '#007fd4');
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    }
    ctx.restore();
  }

  setData(d: ChartData, markers: readonly { t: number; kind: EventKind }[] = []): void {
    this.data = d;
    this.markers = markers;
    const shape = d.lines.map((l) => l.label).join('|');
    if (this.plot === undefined || shape !== this.shape) this.build(d);
    else this.plot.setData(d.data as uPlot.AlignedData);
  }

  /** Marks a time (seconds) and moves the cursor there. */
  select(t: number | undefined): void {
    this.selected = t;
    const u = this.plot;
    if (u === undefined) return;
    u.redraw(false);
    if (t !== undefined) u.setCursor({ left: u.valToPos(t, 'x'), top: u.bbox.height / devicePixelRatio / 2 });
  }

  /** Rebuilds with the current theme colours. */
  retheme(): void {
    if (this.data !== undefined) this.build(this.data);
  }

  /** The chart as a PNG, base64 (no data: prefix). */
  png(): string | undefined {
    const canvas = this.plot?.ctx.canvas;
    if (canvas === undefined || canvas.width === 0) return undefined;
    // uPlot's canvas is transparent: paint the theme's background under it so the file reads anywhere.
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (ctx === null) return undefined;
    ctx.fillStyle = themeColor('--vscode-editor-background', '#ffffff');
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  }
}
