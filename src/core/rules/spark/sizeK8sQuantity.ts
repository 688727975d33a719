// SIZE-K8S-QUANTITY: a Kubernetes quantity (`4Gi`, `512Mi`) where Spark wants its own size string.
// Spark lower-cases the value and looks the suffix up in JavaUtils.byteSuffixes, which has no
// `gi`/`mi` (2.4.4, 3.5.0, 4.x JavaUtils.java): `Invalid suffix: "gi"`. spark-operator passes
// spec.{driver,executor}.memory to spark.{driver,executor}.memory unchanged (config-formats.md C).
import { byteFromString, javaTrim } from '../../size';
import type { Rule } from '../types';
import { exactSizeString, knownSettings, replaceValue, sizeIssue, valueHazard, withStartupText } from './helpers';

const SHIFT: Readonly<Record<string, number>> = { ki: 10, mi: 20, gi: 30, ti: 40, pi: 50, ei: 60 };

export const sizeK8sQuantity: Rule = {
  code: 'SIZE-K8S-QUANTITY',
  title: 'A Kubernetes quantity (Gi, Mi) where Spark expects g, m',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const issue = sizeIssue(ctx, s);
      if (issue?.kind !== 'k8s' || valueHazard(ctx, s) !== undefined || s.entry?.unit === undefined) continue;
      const r = byteFromString(javaTrim(s.value), s.entry.unit);
      const shift = SHIFT[issue.suffix.toLowerCase()] ?? 0;
      const heap = s.key === 'spark.executor.memory' || s.key === 'spark.driver.memory';
      const fix = exactSizeString(issue.number, shift, heap);
      const where =
        s.path !== undefined
          ? `${s.path} becomes ${s.key}, a Spark size string, not a Kubernetes quantity`
          : `${s.key} is a Spark size string, not a Kubernetes quantity`;
      report({
        message: withStartupText(
          ctx,
          s.key,
          `${where}: Spark fails with ${JSON.stringify((r.ok ? '' : r.error.split('\n').pop()) ?? '')}. Spark's suffixes are b, k, m, g, t, p (binary, so ${issue.suffix} is ${issue.suffix.charAt(0).toLowerCase()}).${fix !== undefined ? ` Write ${fix}.` : ''}`,
        ),
        span: s.span,
        ...(fix !== undefined ? { fixes: [replaceValue(s, fix, `Write ${fix}`)] } : {}),
      });
    }
  },
};
