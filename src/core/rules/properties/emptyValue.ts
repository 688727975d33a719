// PROPS-EMPTY-VALUE: a typed key with nothing after it. `spark.executor.memory` alone (or `=`)
// gives the value "" (JDK 17 Properties.load), which no size, number or boolean parser accepts
// (config-formats.md A.2). The fix removes the line so that Spark's default applies.
import { defaultValue } from '../../catalog';
import { javaTrim } from '../../size';
import { removeSetting, typedParseError } from '../spark/helpers';
import type { Rule } from '../types';
import { asSetting, hazardSeverity } from './entrySetting';
import { entryIndex } from './entryIndex';

export const emptyValue: Rule = {
  code: 'PROPS-EMPTY-VALUE',
  title: 'A typed key with an empty value',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults') return;
    const doc = ctx.doc;
    for (const e of entryIndex(doc).empty) {
      if (javaTrim(e.value).length !== 0 || e.key.length === 0) continue;
      const s = asSetting(e);
      const failure = typedParseError(s.entry, e.key, e.value);
      if (failure === undefined) continue;
      const def = s.entry !== undefined ? defaultValue(s.entry, ctx.version) : null;
      report({
        message: `${e.key} has an empty value, which Spark cannot read: ${failure}. Remove the line to keep ${def !== null ? `the default (${def})` : 'it unset'}, or give a value.`,
        span: e.keySpan,
        severity: hazardSeverity(ctx, doc, e, true),
        fixes: [removeSetting(ctx, s, 'Remove the line')],
      });
    }
  },
};
