// OP-CORES-INT: spec.driver.cores / spec.executor.cores that are not a whole number >= 1. Since
// v1beta2 the CRD declares them `int32` with `minimum: 1` (api/v1beta2/sparkapplication_types.go),
// so the API server rejects the SparkApplication (fractional cores belong in coreRequest, e.g. "500m").
import { javaTrim } from '../../size';
import type { QuickFix, Rule } from '../types';

export const opCoresInt: Rule = {
  code: 'OP-CORES-INT',
  title: 'cores that are not a whole number of at least 1: the CRD rejects it',
  defaultSeverity: 'error',
  appliesTo: ['spark-application'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-application') return;
    for (const path of ['spec.driver.cores', 'spec.executor.cores']) {
      const f = ctx.doc.fields.get(path);
      if (f === undefined) continue;
      const text = javaTrim(f.text);
      const n = Number(text);
      const isInt = f.yamlType === 'number' && /^[+-]?[0-9]+$/.test(text) && n >= 1 && n <= 2147483647;
      if (isInt) continue;
      const fixes: QuickFix[] = [];
      if (Number.isFinite(n) && text.length > 0) {
        const rounded = Math.max(1, Math.round(n));
        fixes.push({
          title: `Write ${rounded}`,
          edits: [{ span: f.span, newText: String(rounded) }],
          isPreferred: true,
        });
      }
      const why =
        f.yamlType === 'string'
          ? 'a string, but the CRD declares cores as an integer (int32, minimum 1)'
          : Number.isFinite(n) && n < 1 && Number.isInteger(n)
            ? "below the CRD's minimum of 1"
            : 'not a whole number, but the CRD declares cores as int32 (minimum 1)';
      report({
        message: `${path} ${f.text} is ${why}, so the API server rejects the SparkApplication.${Number.isFinite(n) && !Number.isInteger(n) ? ` For a fraction of a CPU use ${path.replace('cores', 'coreRequest')} (for example "${Math.round(n * 1000)}m").` : ''}`,
        span: f.span,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
