// SIZE-PARSE: a size setting Spark cannot parse. The message is Spark's own exception text
// (JavaUtils.byteStringAs, config-formats.md A.3). Fractions, Kubernetes quantities, empty,
// quoted and commented values have rules of their own (SIZE-FRACTION, SIZE-K8S-QUANTITY,
// PROPS-EMPTY-VALUE, PROPS-QUOTED-VALUE, PROPS-INLINE-COMMENT) with better fixes.
import { byteFromString, byteSuffixesFor, javaTrim } from '../../size';
import { valueText } from '../settingsOf';
import type { Rule } from '../types';
import { knownSettings, sizeIssue, valueHazard, withStartupText } from './helpers';

export const K8S_QUANTITY = /^\s*[0-9.]+\s*(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)\s*$/;

export const sizeParse: Rule = {
  code: 'SIZE-PARSE',
  title: 'A size value Spark cannot parse',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      if (s.entry?.type !== 'size' || s.entry.unit === undefined) continue;
      const issue = sizeIssue(ctx, s);
      if (
        issue === undefined ||
        (issue.kind !== 'parse' && issue.kind !== 'overflow') ||
        valueHazard(ctx, s) !== undefined
      )
        continue;
      const text = javaTrim(s.value);
      const r = byteFromString(text, s.entry.unit, byteSuffixesFor(ctx.version));
      if (r.ok) continue;
      const cleaned = text.replace(/\s+/g, '').toLowerCase();
      const retry = byteFromString(cleaned, s.entry.unit);
      report({
        message: withStartupText(ctx, s.key, `${s.key}: ${r.error.replace(/\n/g, ' ')}`),
        span: s.span,
        ...(retry.ok && cleaned !== text
          ? {
              fixes: [
                {
                  title: `Write ${cleaned}`,
                  edits: [{ span: s.span, newText: valueText(s, cleaned) }],
                  isPreferred: true,
                },
              ],
            }
          : {}),
      });
    }
  },
};
