// An export of a run in one of the protocol's formats: JSON, CSV and SVG from the serializers
// (SVG in the theme's chart colours), PNG from the drawn chart.
import type { SimResult } from '../../core/workload/types';
import type { ExportFormat } from '../../shared/protocol';
import { toCsv, toJson, toSvg } from '../exporters';
import { colorOf } from './chart';
import { themeColor } from './dom';

export interface ReportData {
  readonly data: string;
  readonly encoding: 'utf8' | 'base64';
}

/** The file's content, or undefined when the PNG's chart is not drawn. */
export function reportData(format: ExportFormat, r: SimResult, png: () => string | undefined): ReportData | undefined {
  switch (format) {
    case 'json':
      return { data: toJson(r), encoding: 'utf8' };
    case 'csv':
      return { data: toCsv(r), encoding: 'utf8' };
    case 'svg':
      return {
        data: toSvg(r, {
          colors: [
            '--vscode-charts-blue',
            '--vscode-charts-orange',
            '--vscode-charts-purple',
            '--vscode-charts-yellow',
          ].map(colorOf),
          foreground: themeColor('--vscode-foreground', '#333333'),
          background: themeColor('--vscode-editor-background', '#ffffff'),
        }),
        encoding: 'utf8',
      };
    case 'png': {
      const data = png();
      return data === undefined ? undefined : { data, encoding: 'base64' };
    }
  }
}
