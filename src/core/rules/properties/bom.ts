// PROPS-BOM: the file starts with a UTF-8 byte-order mark. Spark reads spark-defaults.conf through
// a UTF-8 Reader (AbstractCommandBuilder.loadPropertiesFile, Utils.getPropertiesFromFile), which
// keeps U+FEFF as a character: the first key becomes "\uFEFFspark...", does not start with
// "spark.", and is dropped silently (config-formats.md A.2, verified on JDK 17).
import type { Rule } from '../types';

export const bom: Rule = {
  code: 'PROPS-BOM',
  title: 'A byte-order mark at the start: the first key is silently dropped',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults' || !ctx.doc.hasBom) return;
    const first = ctx.doc.entries[0];
    const damaged = first !== undefined && first.keySpan.start === 0 && first.key.startsWith('\ufeffspark.');
    report({
      message: damaged
        ? `The file starts with a byte-order mark (U+FEFF). Spark reads the file as UTF-8 and keeps it as part of the first key, so ${first.key.slice(1)} becomes "\\uFEFF${first.key.slice(1)}", which does not start with "spark." and is silently dropped.`
        : 'The file starts with a byte-order mark (U+FEFF). Spark keeps it as part of the first line; harmless while that line is a comment, but the first setting written there will be silently dropped.',
      span: { start: 0, end: 1 },
      ...(damaged ? {} : { severity: 'warning' as const }),
      fixes: [
        {
          title: 'Remove the byte-order mark',
          edits: [{ span: { start: 0, end: 1 }, newText: '' }],
          isPreferred: true,
        },
      ],
    });
  },
};
