// FRACTION-RANGE: spark.memory.fraction and spark.memory.storageFraction (and the 2.4 legacy
// fractions) outside what Spark accepts for the chosen version: [0, 1] checked by
// SparkConf.validateSettings (S24 l.540, S35 l.534, S41 l.587); storageFraction in [0, 1) from 3.0
// (MEMORY_STORAGE_FRACTION.checkValue, S35 l.388). The message is Spark's own, and like
// ConfigBuilder.checkValue it prints the parsed double ("1" is reported as '1.0').
import { defaultValue, existsIn, inNumericRange, rangeFor } from '../../catalog';
import { javaParseDouble } from '../../config/javaParse';
import { javaDoubleToString } from '../../config/javaParse';
import { valueText } from '../settingsOf';
import type { Rule, RuleContext } from '../types';
import type { WrittenSetting } from '../settingsOf';
import { knownSettings, startupErrorsAt, valueHazard } from './helpers';
import { checkValueFailure } from '../../layout/startupError';

/** Whether FRACTION-RANGE reports this setting (its value fails to parse or is out of range). */
export function fractionRangeProblem(ctx: RuleContext, s: WrittenSetting): boolean {
  const e = s.entry;
  if (
    e === undefined ||
    e.type !== 'double' ||
    (e.category !== 'fraction' && e.category !== 'legacy') ||
    !existsIn(e, ctx.version)
  )
    return false;
  if (valueHazard(ctx, s) !== undefined) return false;
  const range = rangeFor(e, ctx.version);
  if (range === undefined) return false;
  const parsed = javaParseDouble(s.value);
  return !parsed.ok || !inNumericRange(parsed.value, range);
}

export const fractionRange: Rule = {
  code: 'FRACTION-RANGE',
  title: 'A memory fraction outside the range Spark accepts',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const e = s.entry;
      if (
        e === undefined ||
        e.type !== 'double' ||
        (e.category !== 'fraction' && e.category !== 'legacy') ||
        !existsIn(e, ctx.version)
      )
        continue;
      if (valueHazard(ctx, s) !== undefined) continue;
      const range = rangeFor(e, ctx.version);
      if (range === undefined) continue;
      const parsed = javaParseDouble(s.value);
      // What Spark prints first for this key when the layout meets it (validateSettings' range check
      // before the entry's checkValue in 3.x; the 4.1+ error-class form), else the range's own text.
      const startup = startupErrorsAt(ctx, s.key)[0]?.message.replace(/\n/g, ' ');
      if (!parsed.ok) {
        report({ message: startup ?? `Illegal value for config key ${s.key}: ${parsed.error}`, span: s.span });
        continue;
      }
      if (inNumericRange(parsed.value, range)) continue;
      // validateSettings refuses only `v > 1 || v < 0`, which NaN passes (S35 l.534): Spark then fails
      // where the manager needs a region (a start-up error above), or not at all (2.4).
      if (
        Number.isNaN(parsed.value) &&
        startup === undefined &&
        range.enforcedBy?.startsWith('SparkConf.validateSettings')
      )
        continue;
      const message =
        startup ??
        checkValueFailure(
          range.message ?? '{key} is out of range',
          s.key,
          javaDoubleToString(parsed.value),
          ctx.version,
        ).message;
      // A percentage written for a fraction ("50" for 0.5, as in SnappyData's docs) gets its fraction
      // as the fix (preferred: Fix all applies it); any other value the default of this Spark
      // version, as the rule page's Fix shows (offered, not preferred: the right value is a choice).
      const byDefault = defaultValue(e, ctx.version);
      const fixes =
        Number.isInteger(parsed.value) &&
        parsed.value > 1 &&
        parsed.value <= 100 &&
        inNumericRange(parsed.value / 100, range)
          ? [
              {
                title: `Write ${parsed.value / 100}`,
                edits: [{ span: s.span, newText: valueText(s, String(parsed.value / 100)) }],
                isPreferred: true,
              },
            ]
          : byDefault !== null
            ? [
                {
                  title: `Write ${byDefault} (the default)`,
                  edits: [{ span: s.span, newText: valueText(s, byDefault) }],
                  isPreferred: false,
                },
              ]
            : [];
      report({ message, span: s.span, ...(fixes.length > 0 ? { fixes } : {}) });
    }
  },
};
