// PROPS-DUP: a key set more than once in spark-defaults.conf. java.util.Properties is a Hashtable,
// so the last line wins silently (config-formats.md A.2); earlier lines are dead text.
import { wholeLinesOf } from '../../text/lines';
import type { Rule } from '../types';
import { entryIndex } from './entryIndex';

export const duplicateKey: Rule = {
  code: 'PROPS-DUP',
  title: 'A key set more than once: the last line wins',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-defaults') return;
    const doc = ctx.doc;
    // An entry is overridden exactly when it is not the one in effect for its key.
    for (const e of entryIndex(doc).overridden) {
      const winner = doc.effective.get(e.key);
      if (winner === undefined || winner === e) continue;
      report({
        message: `${e.key} is set again on line ${winner.line + 1}; Spark uses that value (${JSON.stringify(winner.value)}) and ignores this one (${JSON.stringify(e.value)}).`,
        span: e.keySpan,
        related: [{ span: winner.lineSpan, message: 'The value in effect' }],
        tags: ['unnecessary'],
        // The whole physical line(s) of the overridden entry, terminator included.
        fixes: [
          {
            title: 'Remove this overridden line',
            edits: [{ span: wholeLinesOf(ctx.text, e.lineSpan), newText: '' }],
            isPreferred: true,
          },
        ],
      });
    }
  },
};
