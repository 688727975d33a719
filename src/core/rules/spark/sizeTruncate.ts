// SIZE-TRUNCATE: a MiB-default size key given less than 1 MiB or a value that is not a whole MiB.
// Typed bytesConf(ByteUnit.MiB) reads convert with ByteUnit.convertTo, an integer division
// (JavaUtils.byteStringAs / ByteUnit.java, 2.4.4, 3.5.0, 4.x): `512k` becomes 0 MiB, `1536k` 1 MiB.
import { byteFromString, javaTrim } from '../../size';
import type { Rule } from '../types';
import { human, knownSettings, MiB, replaceValue, sizeIssue, valueHazard } from './helpers';

export const sizeTruncate: Rule = {
  code: 'SIZE-TRUNCATE',
  title: 'A MiB setting below 1 MiB or not a whole MiB: Spark truncates it',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      if (
        s.entry?.type !== 'size' ||
        s.entry.unit !== 'MiB' ||
        valueHazard(ctx, s) !== undefined ||
        sizeIssue(ctx, s)?.kind === 'jvm-suffix'
      )
        continue;
      const text = javaTrim(s.value);
      if (!/[a-z]$/i.test(text)) continue; // a bare number is whole MiB
      const r = byteFromString(text, 'BYTE');
      if (!r.ok || r.value <= 0 || r.value % MiB === 0) continue;
      const mib = Math.trunc(r.value / MiB);
      const up = Math.ceil(r.value / MiB);
      const lost = r.value - mib * MiB;
      report({
        message:
          mib === 0
            ? `${s.key} is read in whole MiB and ${text} is ${human(r.value)}, less than 1 MiB: Spark truncates it to 0 MiB.`
            : `${s.key} is read in whole MiB: Spark truncates ${text} to ${mib} MiB and drops the other ${human(lost)}.`,
        span: s.span,
        fixes: [replaceValue(s, `${up}m`, `Round up to ${up}m`)],
      });
    }
  },
};
