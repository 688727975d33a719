// PROPS-NON-SPARK: a key that does not start with `spark.` (case-sensitive). spark-submit drops it
// with "Ignoring non-Spark config property: <key>" (SparkSubmitArguments.ignoreNonSparkProperties,
// 3.5.0 l.90-137) and daemons drop it silently (Utils.loadDefaultSparkProperties, 3.5.0 l.2009).
// A key that is a known Spark key in the wrong case (`Spark.executor.memory`) is almost certainly
// meant as that key: a warning with a rename.
import { catalogEntries } from '../../catalog';
import { isSparkKey } from '../../parse/properties';
import type { Span } from '../../text/lineIndex';
import type { QuickFix, Rule } from '../types';
import { UNICODE_SPACE } from './entrySetting';
import { entryIndex } from './entryIndex';

const BY_LOWER = new Map(catalogEntries('spark').map((e) => [e.key.toLowerCase(), e.key]));

export const nonSpark: Rule = {
  code: 'PROPS-NON-SPARK',
  title: 'A key that does not start with "spark.": Spark drops it',
  defaultSeverity: 'info',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const keys: ReadonlyArray<{ key: string; keySpan: Span }> =
      ctx.doc.kind === 'spark-defaults'
        ? entryIndex(ctx.doc).nonSpark
        : ctx.doc.kind === 'spark-application'
          ? ctx.doc.sparkConf
          : [];
    for (const { key, keySpan } of keys) {
      if (key.length === 0 || isSparkKey(key) || key.charCodeAt(0) === 0xfeff || UNICODE_SPACE.test(key)) continue;
      const known = BY_LOWER.get(key.toLowerCase());
      const keyText = ctx.text.slice(keySpan.start, keySpan.end);
      const q = keyText.charAt(0) === '"' || keyText.charAt(0) === "'" ? keyText.charAt(0) : '';
      if (key.toLowerCase().startsWith('spark.')) {
        const target = known ?? `spark.${key.slice(6)}`;
        const fixes: QuickFix[] = [
          { title: `Rename to ${target}`, edits: [{ span: keySpan, newText: `${q}${target}${q}` }], isPreferred: true },
        ];
        report({
          message: `Keys are case-sensitive: ${JSON.stringify(key)} does not start with "spark.", so Spark drops it${ctx.doc.kind === 'spark-defaults' ? ' ("Ignoring non-Spark config property")' : ''}${known !== undefined && ctx.conf?.get(known) === undefined ? ` and ${known} keeps its default` : ''}.`,
          span: keySpan,
          severity: 'warning',
          fixes,
        });
        continue;
      }
      report({
        message: `${JSON.stringify(key)} is not a Spark setting: spark-submit drops it with "Ignoring non-Spark config property: ${key}", and daemons ignore it silently.`,
        span: keySpan,
        tags: ['unnecessary'],
      });
    }
  },
};
