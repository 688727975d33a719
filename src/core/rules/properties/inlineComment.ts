// PROPS-INLINE-COMMENT: ` #` or ` !` inside a value. java.util.Properties has no inline comments
// (JDK 17 Properties.load, verified; config-formats.md A.2): `spark.a = 1g # note` gives the value
// `1g # note`, which every typed key then fails to parse ("Failed to parse byte string: 1g # note").
// The fix moves the comment to its own line above, where Properties does read it as a comment.
import { eolOf, lineStartOf } from '../../text/lines';
import { INLINE_COMMENT, typedParseError } from '../spark/helpers';
import type { QuickFix, Rule } from '../types';
import { asSetting, hazardSeverity } from './entrySetting';
import { entryIndex } from './entryIndex';

export const inlineComment: Rule = {
  code: 'PROPS-INLINE-COMMENT',
  title: 'A # or ! comment after a value: it is part of the value',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults') return;
    const doc = ctx.doc;
    for (const e of entryIndex(doc).inlineComment) {
      const m = INLINE_COMMENT.exec(e.value);
      if (!m) continue;
      const s = asSetting(e);
      const failure = typedParseError(s.entry, e.key, e.value);
      const hash = m.index + 1;
      const before = e.value.slice(0, m.index).replace(/[ \t\f]+$/, '');
      const comment = e.value.slice(hash);
      const fixes: QuickFix[] = [];
      if (ctx.text.slice(e.valueSpan.start, e.valueSpan.end) === e.value && before.length > 0) {
        const lineStart = lineStartOf(ctx.text, e.lineSpan.start);
        const indent = /^[ \t\f]*/.exec(ctx.text.slice(lineStart, e.keySpan.start))?.[0] ?? '';
        fixes.push({
          title: 'Move the comment to its own line above',
          edits: [
            { span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}${eolOf(ctx.text)}` },
            { span: { start: e.valueSpan.start + before.length, end: e.valueSpan.end }, newText: '' },
          ],
          isPreferred: true,
        });
      }
      report({
        message:
          `java.util.Properties has no inline comments: ${e.key} gets the whole text ${JSON.stringify(e.value)} as its value` +
          (failure !== undefined ? `, and Spark rejects it: ${failure}` : ` instead of ${JSON.stringify(before)}`) +
          '. Put the comment on its own line.',
        span: e.valueSpan,
        severity: hazardSeverity(ctx, doc, e, failure !== undefined),
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
