// SNAPPY-PERCENT-SIGN: `-critical-heap-percentage=95%` (or the docs' curly-quoted `“20”`). The
// value is read with Float.parseFloat(value.trim()) — by the launcher when -Xmx equals -Xms (SS
// LauncherBase.setDefaultVMArgs l.302-338), else by the member at boot — and `%` is no part of a
// Java float: an uncaught NumberFormatException (config-formats.md B.2, B.8 item 6).
import { javaParseFloat } from '../../config/javaParse';
import type { Rule } from '../types';
import { layoutsOf, membersOf, valueSpanOf } from './common';

const KEYS = ['critical-heap-percentage', 'eviction-heap-percentage'] as const;
const DECORATION = /[%\u201c\u201d\u2018\u2019\u00a0]/g;

export const snappyPercentSign: Rule = {
  code: 'SNAPPY-PERCENT-SIGN',
  title: 'A heap percentage written with % or curly quotes: NumberFormatException at launch',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const layouts = layoutsOf(ctx);
    doc.members.forEach((m, i) => {
      for (const key of KEYS) {
        const arg = m.options.get(key);
        const raw = arg?.value;
        if (arg === undefined || raw === undefined || !/[%\u201c\u201d\u2018\u2019]/.test(raw)) continue;
        const value = raw.replace(/\r$/, '');
        if (javaParseFloat(value.trim()).ok) continue;
        const cleaned = value.replace(DECORATION, '').trim();
        const fixable = cleaned.length > 0 && javaParseFloat(cleaned).ok;
        const span = valueSpanOf(arg);
        const launcher =
          layouts[i]?.startupErrors.some(
            (e) =>
              e.phase === 'snappy-launcher' &&
              e.exceptionClass === 'NumberFormatException' &&
              e.span?.start === span.start,
          ) ?? false;
        report({
          message:
            `${key} is read with Java's Float.parseFloat, which does not accept ${value.includes('%') ? '"%"' : 'curly quotes'}: ` +
            `NumberFormatException: For input string: "${value.trim()}". ${launcher ? "SnappyData's launcher" : 'The member'} stops with it. ` +
            `Write the bare number${fixable ? ` (${cleaned})` : ''}; the value is a percentage already.`,
          span,
          ...(fixable && span !== arg.span
            ? { fixes: [{ title: `Write ${cleaned}`, edits: [{ span, newText: cleaned }], isPreferred: true }] }
            : {}),
        });
      }
    });
  },
};
