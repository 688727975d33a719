// LEGACY-KEY: the pre-1.6 memory model's keys. Spark 2.4 reads spark.storage.memoryFraction and
// friends only with spark.memory.useLegacyMode=true and otherwise warns (SparkConf.validateSettings,
// 2.4.4 l.559-569); Spark 3.0 removed the StaticMemoryManager and useLegacyMode (SPARK-26539), so
// from 3.0 they are ignored without a word. spark.shuffle.spill has been ignored since 1.6
// (SortShuffleManager warning, 2.4.4 and 3.5.0; a SparkConf deprecation in 4.1.1 l.675).
import { catalogEntries, existsIn } from '../../catalog';
import { scalaToBoolean } from '../../config/javaParse';
import { javaTrim } from '../../size';
import type { Rule } from '../types';
import { effective, knownSettings, removeSetting } from './helpers';

const LEGACY_KEYS = new Set(
  catalogEntries('spark')
    .filter((e) => e.category === 'legacy')
    .map((e) => e.key),
);

export const legacyKey: Rule = {
  code: 'LEGACY-KEY',
  title: 'A key of the legacy (pre-1.6) memory model: deprecated in 2.4, ignored from 3.0',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const v = ctx.version;
    const all = knownSettings(ctx);
    const legacyModeSetting = effective(ctx, 'spark.memory.useLegacyMode');
    const legacyOn =
      legacyModeSetting !== undefined &&
      scalaToBoolean(javaTrim(legacyModeSetting.value)).ok &&
      javaTrim(legacyModeSetting.value).toLowerCase() === 'true';
    const fractions = all.filter((s) => LEGACY_KEYS.has(s.key) && s.key !== 'spark.memory.useLegacyMode');
    for (const s of all) {
      if (s.key === 'spark.shuffle.spill') {
        const off = javaTrim(s.value).toLowerCase() === 'false';
        if (v.major >= 4) {
          report({
            message:
              "The configuration key 'spark.shuffle.spill' has been deprecated as of Spark 1.6 and may be removed in the future. Not used anymore. Shuffles always spill to disk when memory runs out.",
            span: s.keySpan,
            tags: ['deprecated'],
            fixes: [removeSetting(ctx, s)],
          });
        } else if (off) {
          report({
            message:
              'spark.shuffle.spill was set to false, but this configuration is ignored as of Spark 1.6+. Shuffle will continue to spill to disk when necessary.',
            span: s.span,
            tags: ['deprecated'],
            fixes: [removeSetting(ctx, s)],
          });
        }
        continue;
      }
      if (!LEGACY_KEYS.has(s.key) || s.entry === undefined) continue;
      const replacement = s.entry.replacedBy !== undefined ? ` Size memory with ${s.entry.replacedBy} instead.` : '';
      if (!existsIn(s.entry, v)) {
        report({
          message: `${s.key} is ignored: Spark ${v.major}.${v.minor} has no legacy memory manager (StaticMemoryManager and spark.memory.useLegacyMode were removed in 3.0, SPARK-26539), and Spark says nothing about the key.${replacement}`,
          span: s.keySpan,
          tags: ['unnecessary', 'deprecated'],
          fixes: [removeSetting(ctx, s)],
        });
        continue;
      }
      if (s.key === 'spark.memory.useLegacyMode') {
        if (legacyOn) {
          report({
            message:
              'spark.memory.useLegacyMode=true switches to the StaticMemoryManager: fixed storage and shuffle regions (spark.storage.memoryFraction × safetyFraction, spark.shuffle.memoryFraction × safetyFraction) that never borrow from each other, and no off-heap storage. It is deprecated and gone in Spark 3.0, where this line is ignored.',
            span: s.span,
            tags: ['deprecated'],
            fixes: [removeSetting(ctx, s, 'Remove this line (use the unified memory manager)')],
          });
        }
        continue;
      }
      if (!legacyOn) {
        const list = fractions.map((f) => f.key).join(', ');
        report({
          message: `Detected deprecated memory fraction settings: [${list}]. As of Spark 1.6, execution and storage memory management are unified. All memory fractions used in the old model are now deprecated and no longer read. If you wish to use the old memory management, you may explicitly enable \`spark.memory.useLegacyMode\` (not recommended).${replacement}`,
          span: s.keySpan,
          tags: ['unnecessary', 'deprecated'],
          fixes: [removeSetting(ctx, s)],
        });
      }
    }
  },
};
