// OP-NON-STRING: a YAML number, boolean or null where the CRD wants a string: every spec.sparkConf
// value (`additionalProperties: {type: string}`, sparkoperator.k8s.io_sparkapplications.yaml) and
// the *string typed fields (memory, memoryOverhead, coreRequest, coreLimit, memoryOverheadFactor,
// javaOptions). The API server rejects the object; quoting fixes it (config-formats.md C).
import type { Rule } from '../types';

const STRING_FIELDS = new Set([
  'spec.memoryOverheadFactor',
  'spec.driver.memory',
  'spec.executor.memory',
  'spec.driver.memoryOverhead',
  'spec.executor.memoryOverhead',
  'spec.driver.coreRequest',
  'spec.executor.coreRequest',
  'spec.driver.coreLimit',
  'spec.executor.coreLimit',
  'spec.driver.javaOptions',
  'spec.executor.javaOptions',
]);

export const opNonString: Rule = {
  code: 'OP-NON-STRING',
  title: 'A YAML number or boolean where the SparkApplication CRD wants a string',
  defaultSeverity: 'error',
  appliesTo: ['spark-application'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-application') return;
    const items = [
      ...ctx.doc.sparkConf.map((e) => ({ ...e, what: `spec.sparkConf["${e.key}"]` })),
      ...[...ctx.doc.fields.values()].filter((f) => STRING_FIELDS.has(f.path)).map((f) => ({ ...f, what: f.path })),
    ];
    for (const f of items) {
      if (f.yamlType === 'string' || f.yamlType === 'other') continue;
      const raw = ctx.text.slice(f.span.start, f.span.end).trim();
      const shown = raw.length > 0 ? raw : 'empty';
      report({
        message: `${f.what} is a YAML ${f.yamlType} (${shown}), but the CRD only accepts strings here, so the API server rejects the SparkApplication. ${raw.length > 0 ? `Quote it: "${raw}".` : 'Give it a quoted value or remove it.'}`,
        span: f.span,
        fixes: [
          { title: `Quote it: "${raw}"`, edits: [{ span: f.span, newText: JSON.stringify(raw) }], isPreferred: true },
        ],
      });
    }
  },
};
