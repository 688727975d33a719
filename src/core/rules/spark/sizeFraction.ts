// SIZE-FRACTION: `4.5g` where Spark wants a whole number. JavaUtils.byteStringAs matches the
// fraction only to throw "Fractional values are not supported. Input was: 4.5" (2.4.4 common/
// network-common, 3.5.0 and 4.x common/utils JavaUtils.java). The fix writes the same amount
// exactly in a smaller unit (4.5g = 4608m), or the nearest whole MiB when no unit holds it exactly.
import {
  exactSizeString,
  HEAP_KEYS,
  knownSettings,
  replaceValue,
  shiftOf,
  sizeIssue,
  UNIT_SHIFT,
  valueHazard,
  withStartupText,
} from './helpers';
import { byteFromString, javaTrim } from '../../size';
import type { QuickFix, Rule } from '../types';

export const sizeFraction: Rule = {
  code: 'SIZE-FRACTION',
  title: 'A fractional size such as 4.5g, which Spark rejects',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const issue = sizeIssue(ctx, s);
      if (issue?.kind !== 'fraction' || valueHazard(ctx, s) !== undefined || s.entry?.unit === undefined) continue;
      const r = byteFromString(javaTrim(s.value), s.entry.unit);
      const sparkText = r.ok ? '' : r.error.replace(/\n/g, ' ');
      const shift = shiftOf(issue.suffix, UNIT_SHIFT[s.entry.unit]);
      const fixes: QuickFix[] = [];
      let exact: string | undefined;
      if (shift !== undefined) {
        exact = exactSizeString(issue.number, shift, HEAP_KEYS.has(s.key));
        if (exact !== undefined && exact.endsWith('b') && s.entry.unit !== 'BYTE') exact = undefined;
        if (exact !== undefined) fixes.push(replaceValue(s, exact, `Write ${exact} (the same amount, whole)`));
        else {
          const mib = Math.max(1, Math.round(Number(issue.number) * 2 ** (shift - 20)));
          fixes.push(replaceValue(s, `${mib}m`, `Round to ${mib}m`, false));
        }
      }
      report({
        message: withStartupText(
          ctx,
          s.key,
          `${s.key}: ${sparkText}${exact !== undefined ? ` Write the same amount as a whole number in a smaller unit: ${exact}.` : ''}`,
        ),
        span: s.span,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
