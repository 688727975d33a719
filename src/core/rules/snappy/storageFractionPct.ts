// SNAPPY-STORAGE-FRACTION-PCT: `-spark.memory.storageFraction=50` (the docs' table gives "50" as
// its default) or another memory fraction outside 0..1. Spark's SparkConf.validateSettings rejects
// it when the lead's SparkContext starts; SnappyData's memory manager would otherwise use it as is
// (config-formats.md B.4, B.8 item 5). The range and its message come from the catalog.
import { inNumericRange, lookupKey, rangeFor } from '../../catalog';
import { javaParseDouble } from '../../config/javaParse';
import { javaDoubleToString } from '../../config/javaParse';
import { SPARK_2_4 } from '../../version';
import type { Rule } from '../types';
import { membersOf, valueSpanOf } from './common';

const KEYS = ['spark.memory.storageFraction', 'spark.memory.fraction'] as const;

export const snappyStorageFractionPct: Rule = {
  code: 'SNAPPY-STORAGE-FRACTION-PCT',
  title: 'A memory fraction written as a percentage (storageFraction=50): Spark accepts 0 to 1',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      for (const key of KEYS) {
        const arg = m.options.get(key);
        const entry = lookupKey(key, 'snappydata');
        const range = entry !== undefined ? rangeFor(entry, SPARK_2_4) : undefined;
        if (arg === undefined || arg.value === undefined || range === undefined) continue;
        const parsed = javaParseDouble(arg.value);
        if (!parsed.ok || inNumericRange(parsed.value, range)) continue;
        const text = (range.message ?? `${key} is out of range`)
          .replace('{key}', key)
          .replace('{value}', javaDoubleToString(parsed.value));
        const asFraction = parsed.value / 100;
        const fix =
          parsed.value > 1 && parsed.value <= 100 && inNumericRange(asFraction, range) ? String(asFraction) : undefined;
        const span = valueSpanOf(arg);
        report({
          message:
            `${text} ${key} is a fraction${fix !== undefined ? `: ${arg.value.trim()}% is ${fix}` : ''}. ` +
            (doc.role === 'server'
              ? "On a server line it feeds the boot-time memory manager as is (the executor uses the lead's value); on the lead the SparkContext refuses it at startup."
              : "The lead's SparkContext refuses it at startup with this message."),
          span,
          ...(fix !== undefined && span !== arg.span
            ? { fixes: [{ title: `Write ${fix}`, edits: [{ span, newText: fix }], isPreferred: true }] }
            : {}),
        });
      }
    }
  },
};
