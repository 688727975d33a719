// PROPS-MALFORMED-ESCAPE: a `\u` not followed by four hex digits. JDK 17 Properties.loadConvert
// throws IllegalArgumentException "Malformed \uxxxx encoding." and Properties.load fails, so Spark
// loads nothing at all from the file (config-formats.md A.2). The fix escapes the backslash.
import type { Rule } from '../types';

export const malformedEscape: Rule = {
  code: 'PROPS-MALFORMED-ESCAPE',
  title: 'A malformed \\uXXXX escape: Spark loads nothing from the file',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults' || ctx.doc.loadError === undefined) return;
    const span = ctx.doc.loadError.span;
    report({
      message: `java.util.Properties.load throws IllegalArgumentException: Malformed \\uxxxx encoding. here, so Spark loads nothing from this file: every setting in it is ignored. Write \\\\u for a literal backslash-u, or \\u followed by four hex digits.`,
      span,
      fixes: [
        {
          title: 'Escape the backslash (\\\\u)',
          edits: [{ span: { start: span.start, end: span.start + 1 }, newText: '\\\\' }],
          isPreferred: true,
        },
      ],
    });
  },
};
