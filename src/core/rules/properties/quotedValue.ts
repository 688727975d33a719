// PROPS-QUOTED-VALUE: quotes around a size, number or boolean. java.util.Properties keeps quotes
// as characters (`spark.b 'x'` gives `'x'`; config-formats.md A.2), so `"4g"` fails Spark's parser.
// The fix removes them.
import { typedParseError } from '../spark/helpers';
import type { Rule } from '../types';
import { asSetting, hazardSeverity } from './entrySetting';
import { entryIndex } from './entryIndex';

const QUOTES = /^["'\u201c\u201d\u2018\u2019]+|["'\u201c\u201d\u2018\u2019]+$/g;
const QUOTE_END = /^["'\u201c\u201d\u2018\u2019]|["'\u201c\u201d\u2018\u2019]$/;

export const quotedValue: Rule = {
  code: 'PROPS-QUOTED-VALUE',
  title: 'Quotes around a size or number: they are part of the value',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults') return;
    const doc = ctx.doc;
    for (const e of entryIndex(doc).quoted) {
      if (!QUOTE_END.test(e.value)) continue;
      const s = asSetting(e);
      if (s.entry === undefined || s.entry.type === 'string' || s.entry.type === 'enum') continue;
      const failure = typedParseError(s.entry, e.key, e.value);
      QUOTES.lastIndex = 0;
      const bare = e.value.replace(QUOTES, '').trim();
      const contiguous = ctx.text.slice(e.valueSpan.start, e.valueSpan.end) === e.value;
      report({
        message:
          `java.util.Properties keeps quotes: ${e.key} gets ${e.value} with the quotes` +
          (failure !== undefined ? `, and Spark rejects it: ${failure}` : '') +
          '. Write the value without quotes.',
        span: e.valueSpan,
        severity: hazardSeverity(ctx, doc, e, failure !== undefined),
        ...(contiguous && bare.length > 0
          ? { fixes: [{ title: `Write ${bare}`, edits: [{ span: e.valueSpan, newText: bare }], isPreferred: true }] }
          : {}),
      });
    }
  },
};
