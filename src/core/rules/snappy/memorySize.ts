// SNAPPY-MEMORY-SIZE: a -memory-size SnappyData cannot use. The value is read by snappy-store's
// ClientSharedUtils.parseMemorySize(v, 0, 0) (l.312-345): an integer with p/t/g/m/k and an optional
// b, any case; a bare number is bytes. Anything else stops the member with the message below; a
// negative size with `Invalid memory-size: <v>` (GemFireCacheImpl l.1506-1513; config-formats.md B.4).
import { parseSnappyMemorySize, suggestJvmHeapSize } from '../../size';
import type { QuickFix, Rule } from '../types';
import { membersOf, shown, valueSpanOf } from './common';

export const snappyMemorySize: Rule = {
  code: 'SNAPPY-MEMORY-SIZE',
  title: 'A -memory-size SnappyData cannot parse, a negative one, or a bare number of bytes',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      const arg = m.options.get('memory-size');
      if (arg === undefined || arg.value === undefined) continue;
      const value = arg.value.replace(/\r$/, '');
      const span = valueSpanOf(arg);
      const r = parseSnappyMemorySize(value);
      if (!r.ok) {
        const s = suggestJvmHeapSize(value);
        const fix = s !== undefined && parseSnappyMemorySize(s).ok ? s : undefined;
        report({
          message: `${r.error} (SnappyData stops the member with this IllegalArgumentException.)${fix !== undefined ? ` Write ${fix}.` : ''}`,
          span,
          ...(fix !== undefined && span !== arg.span
            ? { fixes: [{ title: `Write ${fix}`, edits: [{ span, newText: fix }], isPreferred: true }] }
            : {}),
        });
      } else if (r.bytes < 0) {
        report({
          message: `Invalid memory-size: ${shown(value)} — SnappyData refuses a negative off-heap size and the member does not start.`,
          span,
        });
      } else if (/^\d+$/.test(value) && r.bytes > 0 && r.bytes < 2 ** 20) {
        const fixes: QuickFix[] =
          span === arg.span
            ? []
            : [
                { title: `Write ${value}g`, edits: [{ span, newText: `${value}g` }] },
                { title: `Write ${value}m`, edits: [{ span, newText: `${value}m` }] },
              ];
        report({
          message: `-memory-size=${value} is ${value} bytes: a bare number has no unit for SnappyData (parseMemorySize), so this server gets almost no off-heap memory. Add the unit (g, m).`,
          span,
          severity: 'warning',
          ...(fixes.length > 0 ? { fixes } : {}),
        });
      }
    }
  },
};
