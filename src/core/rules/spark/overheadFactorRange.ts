// OVERHEAD-FACTOR-RANGE: the overhead factors outside what the chosen release accepts, with the
// checkValue text from the catalog: spark.{driver,executor}.memoryOverheadFactor > 0 (3.3+,
// cfg l.110/l.336 in 3.5.0); spark.kubernetes.memoryOverheadFactor in [0, 1) up to 3.2 and >= 0
// from 3.3 (resource-managers/kubernetes Config.scala). Errors when the key is read: on Kubernetes
// for the Kubernetes factor, on YARN and Kubernetes for the per-role ones.
import { existsIn, inNumericRange, rangeFor } from '../../catalog';
import { javaParseDouble } from '../../config/javaParse';
import { javaDoubleToString } from '../../config/javaParse';
import { javaTrim } from '../../size';
import { typeMismatch } from '../../config/typedConf';
import { checkValueFailure } from '../../layout/startupError';
import type { WrittenSetting } from '../settingsOf';
import type { QuickFix, Rule, RuleContext } from '../types';
import { effective, replaceValue, sparkLayoutOf, valueHazard } from './helpers';

export const OVERHEAD_FACTOR_KEYS = [
  'spark.executor.memoryOverheadFactor',
  'spark.driver.memoryOverheadFactor',
  'spark.kubernetes.memoryOverheadFactor',
] as const;

/** Spark's message when the factor is rejected, or undefined. */
export function overheadFactorProblem(ctx: RuleContext, s: WrittenSetting): string | undefined {
  const e = s.entry;
  if (
    e === undefined ||
    !(OVERHEAD_FACTOR_KEYS as readonly string[]).includes(s.key) ||
    !existsIn(e, ctx.version) ||
    valueHazard(ctx, s) !== undefined
  )
    return undefined;
  const text = javaTrim(s.value);
  const p = javaParseDouble(text);
  if (!p.ok)
    return typeMismatch(s.key, s.value, 'double', ctx.version, `${s.key} should be double, but was ${s.value}`);
  const range = rangeFor(e, ctx.version);
  if (range === undefined || inNumericRange(p.value, range)) return undefined;
  return checkValueFailure(range.message ?? '{key} is out of range', s.key, javaDoubleToString(p.value), ctx.version)
    .message;
}

export const overheadFactorRange: Rule = {
  code: 'OVERHEAD-FACTOR-RANGE',
  title: 'A memory overhead factor outside the range Spark accepts',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const cm = sparkLayoutOf(ctx)?.clusterManager;
    for (const key of OVERHEAD_FACTOR_KEYS) {
      const s = effective(ctx, key);
      if (s === undefined) continue;
      const problem = overheadFactorProblem(ctx, s);
      if (problem === undefined) continue;
      const read =
        key === 'spark.kubernetes.memoryOverheadFactor' ? cm === 'kubernetes' : cm === 'kubernetes' || cm === 'yarn';
      const p = javaParseDouble(javaTrim(s.value));
      const fixes: QuickFix[] = [];
      if (p.ok && p.value > 1 && p.value <= 100) {
        const range = s.entry !== undefined ? rangeFor(s.entry, ctx.version) : undefined;
        if (range !== undefined && inNumericRange(p.value / 100, range))
          fixes.push(replaceValue(s, String(p.value / 100), `Write ${p.value / 100}`));
      }
      report({
        message: `${problem}${read ? '' : ` (Spark checks it when it sizes ${key.includes('kubernetes') ? 'Kubernetes pods' : 'YARN containers or Kubernetes pods'}; this file's cluster manager does not read it.)`}`,
        span: s.span,
        ...(read ? {} : { severity: 'warning' as const }),
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
