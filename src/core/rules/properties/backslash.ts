// PROPS-BACKSLASH: a single backslash in a value. java.util.Properties treats `\` as an escape:
// `\t \n \r \f` become control characters and any other `\x` becomes `x`, so a Windows path
// `C:\path\to` is read as `C:path<TAB>o` (JDK 17 Properties.loadConvert; config-formats.md A.2).
// `\\`, `\uXXXX` and a trailing `\` that continues the line are what the author meant, and left alone.
import type { Rule } from '../types';
import { entryIndex } from './entryIndex';

export const backslash: Rule = {
  code: 'PROPS-BACKSLASH',
  title: 'A single backslash in a value (Windows path): Properties drops it',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults' || ctx.doc.loadError !== undefined) return;
    const t = ctx.text;
    for (const e of entryIndex(ctx.doc).escapes) {
      const singles: number[] = [];
      for (let i = e.valueSpan.start; i < e.valueSpan.end; i++) {
        if (t.charCodeAt(i) !== 0x5c) continue;
        const n = t.charAt(i + 1);
        if (n === '\\') {
          i++;
          continue;
        }
        if (n === '\r' || n === '\n' || i + 1 >= t.length) continue;
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          i += 5;
          continue;
        }
        singles.push(i);
      }
      if (singles.length === 0) continue;
      const raw = t.slice(e.valueSpan.start, e.valueSpan.end);
      report({
        message: `java.util.Properties reads a backslash as an escape: ${e.key} is ${JSON.stringify(e.value)}, not ${JSON.stringify(raw)}. Double each backslash (\\\\) or use forward slashes.`,
        span: e.valueSpan,
        fixes: [
          {
            title: 'Double the backslashes',
            edits: singles.map((i) => ({ span: { start: i, end: i + 1 }, newText: '\\\\' })),
            isPreferred: true,
          },
          {
            title: 'Use forward slashes',
            edits: singles.map((i) => ({ span: { start: i, end: i + 1 }, newText: '/' })),
          },
        ],
      });
    }
  },
};
