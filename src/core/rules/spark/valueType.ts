// VALUE-TYPE: a value the key's converter refuses (`spark.rpc.message.maxSize 512m`: an intConf, in
// MiB). Every key Spark registers has a typed converter (ConfigBuilder.intConf, bytesConf, timeConf,
// booleanConf, checkValues); SparkConf.get(entry) and SQLConf.setConfString run it and throw with the
// message reported here, which the generator took from the jars per line (catalog/registry.ts). Sizes of
// the hand-written catalog keep their own rules (SIZE-PARSE, SIZE-FRACTION, ...), and a value the layout
// already fails at start-up is STARTUP-ERROR's: each failure is reported once.
import { registryEntry } from '../../catalog/registry';
import { convertValue } from '../../catalog/registryConvert';
import { writtenSettings, valueText } from '../settingsOf';
import type { Rule } from '../types';
import { startupErrorsAt, valueHazard } from './helpers';

export const valueType: Rule = {
  code: 'VALUE-TYPE',
  title: "A value Spark cannot convert to the key's type",
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    // The registry starts at Spark 3.5; 3.0-3.4 keep the same converters (version filters the keys).
    if (ctx.version.major < 3) return;
    for (const s of writtenSettings(ctx)) {
      if (s.entry?.type === 'size' || valueHazard(ctx, s) !== undefined) continue;
      const e = registryEntry(s.key, ctx.version);
      if (e === undefined) continue;
      const r = convertValue(e, s.value, ctx.version);
      if (r.ok || (s.entry !== undefined && startupErrorsAt(ctx, s.key).length > 0)) continue;
      const t = e.type;
      // A checkValues set in another case: the value Spark accepts is one edit away.
      const same =
        t.kind === 'enum' ? t.values.find((x) => x.toLowerCase() === s.value.trim().toLowerCase()) : undefined;
      report({
        message: `${r.message.replace(/\n/g, ' ')} (Spark ${e.release})`,
        span: s.span,
        ...(same !== undefined
          ? {
              fixes: [
                { title: `Write ${same}`, edits: [{ span: s.span, newText: valueText(s, same) }], isPreferred: true },
              ],
            }
          : {}),
      });
    }
  },
};
