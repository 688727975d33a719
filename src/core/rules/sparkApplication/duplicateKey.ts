// OP-DUP-KEY: a spec.sparkConf key that a typed field also sets. spark-operator passes
// spec.memoryOverheadFactor first, then every sparkConf entry, then the driver and executor fields
// (buildSparkSubmitArgs, submission.go l.99-124), and spark-submit keeps the last --conf for a key
// (SparkSubmitArguments 3.5.0 l.434-436): the typed field wins, except spec.memoryOverheadFactor,
// which the sparkConf entry overrides (config-formats.md C).
import { TYPED_FIELD_KEYS } from '../../parse/sparkApplication';
import { wholeLinesOf } from '../../text/lines';
import type { Rule } from '../types';

export const opDuplicateKey: Rule = {
  code: 'OP-DUP-KEY',
  title: 'A sparkConf key that a typed field also sets: one of them is ignored',
  defaultSeverity: 'warning',
  appliesTo: ['spark-application'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-application') return;
    const doc = ctx.doc;
    for (const [path, key] of TYPED_FIELD_KEYS) {
      const field = doc.fields.get(path);
      if (field === undefined) continue;
      const entries = doc.sparkConf.filter((e) => e.key === key);
      for (const e of entries) {
        if (path === 'spec.memoryOverheadFactor') {
          report({
            message: `${path} becomes --conf ${key}, but the operator passes it before spec.sparkConf, so the sparkConf entry (${JSON.stringify(e.text)}) wins and ${path} (${JSON.stringify(field.text)}) is ignored.`,
            span: field.keySpan,
            related: [{ span: e.span, message: 'The value in effect' }],
            tags: ['unnecessary'],
            fixes: [
              {
                title: `Remove ${path}`,
                edits: [
                  { span: wholeLinesOf(ctx.text, { start: field.keySpan.start, end: field.span.end }), newText: '' },
                ],
                isPreferred: true,
              },
            ],
          });
          continue;
        }
        report({
          message: `${key} is also set by ${path} (${JSON.stringify(field.text)}), which the operator passes after spec.sparkConf, so it wins and this entry (${JSON.stringify(e.text)}) is ignored.`,
          span: e.keySpan,
          related: [{ span: field.span, message: `${path}: the value in effect` }],
          tags: ['unnecessary'],
          fixes: [
            {
              title: 'Remove this sparkConf entry',
              edits: [{ span: wholeLinesOf(ctx.text, { start: e.keySpan.start, end: e.span.end }), newText: '' }],
              isPreferred: true,
            },
          ],
        });
      }
    }
  },
};
