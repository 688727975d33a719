// DEPRECATED-ALT: an old name Spark still reads for a key. SparkConf.configsWithAlternatives maps
// spark.yarn.{executor,driver}.memoryOverhead (2.3) and spark.unsafe.offHeap (1.6) to the new keys
// and logs the deprecation (2.4.4 l.728-731, 4.1.1 l.769-780); spark.kubernetes.memoryOverheadFactor
// is overridden from 3.3 by spark.{driver,executor}.memoryOverheadFactor (SPARK-38194). Which key
// is deprecated in which release comes from the catalog (deprecatedIn, replacedBy).
import { existsIn, lookupKey } from '../../catalog';
import { versionInRange } from '../../version';
import type { QuickFix, Rule } from '../types';
import { effective, insertAfter, knownSettings, removeSetting, renameKey } from './helpers';

export const deprecatedAlt: Rule = {
  code: 'DEPRECATED-ALT',
  title: 'A deprecated alternative name of a key: use the new name',
  defaultSeverity: 'info',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const e = s.entry;
      if (e === undefined || e.category === 'legacy' || e.deprecatedIn === undefined || e.replacedBy === undefined)
        continue;
      if (!existsIn(e, ctx.version) || !versionInRange(ctx.version, `${e.deprecatedIn}+`)) continue;
      const newKey = e.replacedBy;
      const newEntry = lookupKey(newKey);
      if (newEntry !== undefined && !existsIn(newEntry, ctx.version)) continue;
      const winner = effective(ctx, newKey);
      const k8sFactor = s.key === 'spark.kubernetes.memoryOverheadFactor';
      const fixes: QuickFix[] = [];
      let message: string;
      if (k8sFactor) {
        const driverKey = 'spark.driver.memoryOverheadFactor';
        message =
          `From Spark ${e.deprecatedIn}, spark.driver.memoryOverheadFactor and spark.executor.memoryOverheadFactor replace spark.kubernetes.memoryOverheadFactor and win over it when set` +
          (winner !== undefined ? `; ${newKey} is set, so executors ignore this value` : '') +
          '. Spark logs no warning for it.';
        if (s.origin !== 'typed-field' && winner === undefined) {
          fixes.push(renameKey(ctx, s, newKey, `Rename to ${newKey} (executors only)`));
          if (effective(ctx, driverKey) === undefined) {
            const both = insertAfter(
              ctx,
              s,
              driverKey,
              s.value.trim(),
              `Rename to ${newKey} and also set ${driverKey}`,
            );
            if (both !== undefined)
              fixes.push({ title: both.title, edits: [...renameKey(ctx, s, newKey).edits, ...both.edits] });
          }
        }
      } else {
        message =
          `The configuration key '${s.key}' has been deprecated as of Spark ${e.deprecatedIn} and may be removed in the future. Please use the new key '${newKey}' instead.` +
          (winner !== undefined ? ` ${newKey} is also set and wins, so this line is ignored.` : '');
        if (winner !== undefined) fixes.push(removeSetting(ctx, s, 'Remove this ignored line'));
        else if (s.origin !== 'typed-field') fixes.push(renameKey(ctx, s, newKey));
      }
      report({ message, span: s.keySpan, tags: ['deprecated'], ...(fixes.length > 0 ? { fixes } : {}) });
    }
  },
};
