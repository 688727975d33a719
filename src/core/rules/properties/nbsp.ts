// PROPS-NBSP: a no-break space or another Unicode space inside a line. java.util.Properties
// separates keys and values only at ' ', '\t', '\f', '=' and ':' (JDK 17 Properties.load0), so
// `spark.driver.memory<NBSP>2g` is one key with an empty value and Spark never sees
// spark.driver.memory; in a value the character is kept and breaks sizes and numbers
// (config-formats.md A.2). Comment lines are left alone.
import type { Span } from '../../text/lineIndex';
import type { Rule } from '../types';

const SPACES = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
const NAMES: Readonly<Record<number, string>> = {
  0x00a0: 'NO-BREAK SPACE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

export const nbsp: Rule = {
  code: 'PROPS-NBSP',
  title: 'A no-break space or other Unicode space inside a line',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults') return;
    const doc = ctx.doc;
    const comments = doc.comments;
    const entries = doc.entries;
    let ci = 0;
    let ei = 0;
    SPACES.lastIndex = 0;
    for (let m = SPACES.exec(ctx.text); m !== null; m = SPACES.exec(ctx.text)) {
      const start = m.index;
      if (start === 0 && doc.hasBom && m[0].length === 1) continue; // PROPS-BOM
      while (ci < comments.length && (comments[ci]?.end ?? 0) < start) ci++;
      const c = comments[ci];
      if (c !== undefined && c.start <= start && start < c.end) continue;
      while (ei < entries.length && (entries[ei]?.lineSpan.end ?? 0) < start) ei++;
      const e = entries[ei];
      const span: Span = { start: start === 0 && doc.hasBom ? 1 : start, end: start + m[0].length };
      const code = ctx.text.charCodeAt(span.start);
      const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${NAMES[code] !== undefined ? ` ${NAMES[code]}` : ''}`;
      const inKey = e !== undefined && e.keySpan.start <= start && start < e.keySpan.end;
      const zeroWidth = code === 0x200b || code === 0xfeff;
      report({
        message: inKey
          ? `${name} is not a separator for java.util.Properties: the key becomes ${JSON.stringify(e.key)}${e.value === '' ? ' with an empty value' : ''}, so Spark never sees the setting you meant.`
          : `${name} inside the value of ${e?.key ?? 'this line'}: Spark keeps it as part of the value (it is not trimmed), which breaks sizes, numbers and booleans.`,
        span,
        fixes: [
          {
            title: zeroWidth ? 'Remove it' : 'Replace with a space',
            edits: [{ span, newText: zeroWidth ? '' : ' ' }],
            isPreferred: true,
          },
        ],
      });
    }
  },
};
