// An export of a run in one of the protocol's formats: JSON, CSV and SVG from the serializers,
// each carrying the config, the what-if, the scenario and the versions it came from; the PNG is
// that same captioned SVG (title, legend, axes, config) drawn by the browser at twice its size.
import type { SimResult } from '../../core/workload/types';
import type { ExportFormat } from '../../shared/protocol';
import { ON_HEAP_LINES } from '../chartData';
import { ReportContext, toCsv, toJson, toSvg } from '../exporters';
import { lineColorOf } from './chart';
import { themeColor } from './dom';

export interface ReportData {
  readonly data: string;
  readonly encoding: 'utf8' | 'base64';
}

function svgOf(r: SimResult, ctx: ReportContext): string {
  return toSvg(
    r,
    {
      colors: ON_HEAP_LINES.map((l) => lineColorOf(l.colorVar)),
      foreground: themeColor('--vscode-foreground', '#333333'),
      background: themeColor('--vscode-editor-background', '#ffffff'),
    },
    ctx,
  );
}

/** The SVG drawn into a canvas (the page's CSP allows blob: images), as base64 PNG. */
function png(svg: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth * scale;
      canvas.height = img.naturalHeight * scale;
      const c = canvas.getContext('2d');
      URL.revokeObjectURL(url);
      if (c === null) return resolve(undefined);
      c.scale(scale, scale);
      c.drawImage(img, 0, 0);
      resolve(canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''));
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(undefined);
    };
    img.src = url;
  });
}

/** The file's content, or undefined when the PNG could not be drawn. */
export async function reportData(
  format: ExportFormat,
  r: SimResult,
  ctx: ReportContext,
): Promise<ReportData | undefined> {
  switch (format) {
    case 'json':
      return { data: toJson(r, ctx), encoding: 'utf8' };
    case 'csv': {
      // The facts first, as comment lines a CSV reader skips (pandas comment='#', R comment.char).
      const head = [
        `# Spark Memory simulation${ctx.productVersion !== undefined ? ` ${ctx.productVersion}` : ''}`,
        `# config: ${ctx.file}`,
        ...Object.entries(ctx.settings).map(([k, v]) => `# setting: ${k}=${v}`),
        ...Object.entries(ctx.whatIf).map(([k, v]) => `# what-if: ${k}=${v}`),
        `# scenario: ${ctx.scenario.name} (${ctx.scenario.source})`,
        `# ${r.memoryManager}, Spark ${r.sparkVersion}`,
      ];
      return { data: head.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n') + '\n' + toCsv(r), encoding: 'utf8' };
    }
    case 'svg':
      return { data: svgOf(r, ctx), encoding: 'utf8' };
    case 'png': {
      const data = await png(svgOf(r, ctx));
      return data === undefined ? undefined : { data, encoding: 'base64' };
    }
  }
}
