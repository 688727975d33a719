// Export serializers for a run: JSON (the SimResult), CSV (the series, one row per sample) and SVG
// (the on-heap timeline drawn from the series as polylines). Pure: no DOM; the PNG export is the
// chart canvas and lives with the charts.
import type { SimResult } from '../core/workload/types';
import { ChartData, onHeapChart } from './chartData';

/** What an export says about where its run came from: the config, the what-if, the scenario, the versions. */
export interface ReportContext {
  /** The config file, workspace-relative. */
  readonly file: string;
  readonly kind: string;
  /** The memory settings the run used (file values with the what-if on top). */
  readonly settings: Readonly<Record<string, string>>;
  /** The what-if settings on top of the file ({} when none). */
  readonly whatIf: Readonly<Record<string, string>>;
  readonly scenario: { readonly name: string; readonly description?: string; readonly source: string };
  /** This extension's version, when the host sent it. */
  readonly productVersion?: string;
}

/** The run as JSON; with a context, wrapped with the config, what-if, scenario and versions it came from. */
export function toJson(r: SimResult, ctx?: ReportContext): string {
  const body = ctx === undefined ? r : { report: 'spark-memory simulation', ...contextJson(r, ctx), result: r };
  return JSON.stringify(body, null, 2) + '\n';
}

function contextJson(r: SimResult, ctx: ReportContext): Record<string, unknown> {
  return {
    ...(ctx.productVersion !== undefined ? { productVersion: ctx.productVersion } : {}),
    sparkVersion: r.sparkVersion,
    memoryManager: r.memoryManager,
    config: { file: ctx.file, kind: ctx.kind, settings: ctx.settings },
    whatIf: ctx.whatIf,
    scenario: ctx.scenario,
  };
}

/** One line per fact for a picture's caption: config, what-if, scenario, versions. */
export function contextLines(r: SimResult, ctx: ReportContext): string[] {
  const kv = (o: Readonly<Record<string, string>>) =>
    Object.entries(o)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  const lines = [`Config: ${ctx.file}${Object.keys(ctx.settings).length > 0 ? ` (${kv(ctx.settings)})` : ''}`];
  lines.push(Object.keys(ctx.whatIf).length > 0 ? `What-if: ${kv(ctx.whatIf)}` : 'What-if: none (the file as it is)');
  lines.push(
    `Scenario: ${ctx.scenario.name} (${ctx.scenario.source})` +
      ` · ${r.memoryManager}, Spark ${r.sparkVersion}${ctx.productVersion !== undefined ? ` · Spark Memory ${ctx.productVersion}` : ''}`,
  );
  return lines;
}

const CSV_COLUMNS = [
  'onHeapStorageUsed',
  'onHeapExecutionUsed',
  'onHeapStoragePoolSize',
  'onHeapExecutionPoolSize',
  'offHeapStorageUsed',
  'offHeapExecutionUsed',
  'offHeapStoragePoolSize',
  'offHeapExecutionPoolSize',
  'untracked',
] as const;

/** One row per sample: t_ms, every pool series in bytes, then execution bytes per task slot. */
export function toCsv(r: SimResult): string {
  const s = r.series;
  const slots = s.perTaskExecution.length;
  const header = ['t_ms', ...CSV_COLUMNS, ...Array.from({ length: slots }, (_, i) => `slot${i + 1}Execution`)];
  const lines = [header.join(',')];
  for (let i = 0; i < s.t.length; i++) {
    const cells: (number | undefined)[] = [
      s.t[i],
      ...CSV_COLUMNS.map((c) => s[c][i]),
      ...s.perTaskExecution.map((v) => v[i]),
    ];
    lines.push(cells.map((c) => (c === undefined ? '' : String(c))).join(','));
  }
  return lines.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface SvgOptions {
  readonly width?: number;
  readonly height?: number;
  /** Stroke per line (resolved colours; the panel passes its theme's chart colours). */
  readonly colors?: readonly string[];
  readonly foreground?: string;
  readonly background?: string;
  /** A legend row under the axis (default true; small multiples leave it out). */
  readonly legend?: boolean;
  /** Shared axes: the same ends for every chart of a comparison (seconds, MiB). */
  readonly xMax?: number;
  readonly yMax?: number;
  /** Caption lines under the title (the config summary of an export). */
  readonly caption?: readonly string[];
}

/** The end of an axis as the SVG draws it (1, 2, 2.5 or 5 × a power of ten). */
export function axisMax(v: number): number {
  return niceMax(v);
}

/** The largest x (seconds) and y (MiB) of a chart's data. */
export function chartExtent(chart: ChartData): { readonly x: number; readonly y: number } {
  const x = chart.data[0] ?? [];
  return {
    x: x.length > 0 ? Math.max(...x) : 1,
    y: Math.max(0, ...chart.data.slice(1).map((v) => (v.length > 0 ? Math.max(...v) : 0))),
  };
}

/** A standalone SVG of a chart's lines (x: seconds, y: MiB), with axes, a title and a legend. */
export function chartSvg(chart: ChartData, title: string, o: SvgOptions = {}): string {
  const W = o.width ?? 800;
  const H = o.height ?? 360;
  const caption = o.caption ?? [];
  const m = { l: 64, r: 16, t: 32 + caption.length * 15, b: o.legend === false ? 40 : 56 };
  const fg = o.foreground ?? '#333333';
  const colors = o.colors ?? ['#1a85ff', '#d67e00', '#9b59b6', '#c9a400', '#2e8b57', '#d62728'];
  const x = chart.data[0] ?? [];
  const ext = chartExtent(chart);
  const xMax = niceMax(o.xMax ?? ext.x);
  const yMax = niceMax(o.yMax ?? ext.y);
  const px = (v: number) => m.l + (v / xMax) * (W - m.l - m.r);
  const py = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b);
  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<title>${esc(title)}</title>`);
  if (o.background !== undefined) parts.push(`<rect width="${W}" height="${H}" fill="${esc(o.background)}"/>`);
  parts.push(`<text x="${m.l}" y="18" fill="${esc(fg)}" font-size="13">${esc(title)}</text>`);
  caption.forEach((line, i) =>
    parts.push(`<text x="${m.l}" y="${34 + i * 15}" fill="${esc(fg)}" font-size="11">${esc(line)}</text>`),
  );
  for (let i = 0; i <= 4; i++) {
    const yv = (yMax * i) / 4;
    const xv = (xMax * i) / 4;
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${f(py(yv))}" y2="${f(py(yv))}" stroke="${esc(fg)}" stroke-opacity="0.15"/>`,
    );
    parts.push(`<text x="${m.l - 6}" y="${f(py(yv) + 4)}" text-anchor="end" fill="${esc(fg)}">${f(yv)}</text>`);
    parts.push(`<text x="${f(px(xv))}" y="${H - m.b + 16}" text-anchor="middle" fill="${esc(fg)}">${f(xv)}</text>`);
  }
  parts.push(`<text x="${(W + m.l) / 2}" y="${H - m.b + 32}" text-anchor="middle" fill="${esc(fg)}">time (s)</text>`);
  parts.push(
    `<text transform="translate(14 ${(H - m.b + m.t) / 2}) rotate(-90)" text-anchor="middle" fill="${esc(fg)}">MiB</text>`,
  );
  chart.lines.forEach((line, i) => {
    const ys = chart.data[i + 1] ?? [];
    const pts = x.map((xv, j) => `${f(px(xv))},${f(py(ys[j] ?? 0))}`).join(' ');
    const color = colors[i % colors.length] ?? fg;
    const dash = line.dash !== undefined ? ` stroke-dasharray="${line.dash.join(' ')}"` : '';
    parts.push(
      `<polyline fill="none" stroke="${esc(color)}" stroke-width="1.5"${dash} points="${pts}"><title>${esc(line.label)}</title></polyline>`,
    );
    if (o.legend === false) return;
    const lx = m.l + i * ((W - m.l - m.r) / Math.max(1, chart.lines.length));
    parts.push(
      `<line x1="${f(lx)}" x2="${f(lx + 16)}" y1="${H - 12}" y2="${H - 12}" stroke="${esc(color)}" stroke-width="2"${dash}/><text x="${f(lx + 20)}" y="${H - 8}" fill="${esc(fg)}">${esc(line.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** The SVG export: the on-heap timeline of a run, captioned with where it came from when a context is given. */
export function toSvg(r: SimResult, o: SvgOptions = {}, ctx?: ReportContext): string {
  return chartSvg(
    onHeapChart(r.series),
    `${r.scenario}: on-heap memory (${r.memoryManager}, Spark ${r.sparkVersion})`,
    ctx === undefined ? o : { width: 960, height: 480, ...o, caption: contextLines(r, ctx) },
  );
}

/** A file name for an export: scenario name made safe for the protocol's plain-name rule. */
export function exportName(r: SimResult, ext: string): string {
  const base = r.scenario.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'simulation';
  return `${base}.${ext}`;
}
