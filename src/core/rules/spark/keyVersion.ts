// KEY-VERSION: a catalog key the chosen Spark release does not read: added later (for example
// spark.executor.memoryOverheadFactor, 3.3.0) or removed (catalog `versions` / `removedIn`). The
// legacy memory keys have LEGACY-KEY. Spark ignores unknown keys silently, so the setting has no
// effect; where the catalog names a key that does the job in this release, the message says so.
import { catalogEntries, existsIn } from '../../catalog';
import { formatVersion } from '../../version';
import { knownSettings } from './helpers';
import type { Rule } from '../types';

export const keyVersion: Rule = {
  code: 'KEY-VERSION',
  title: 'A key the chosen Spark version does not read (added later, or removed)',
  defaultSeverity: 'info',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const v = ctx.version;
    for (const s of knownSettings(ctx)) {
      const e = s.entry;
      if (e === undefined || e.category === 'legacy' || s.key === 'spark.shuffle.spill' || existsIn(e, v)) continue;
      const removed = e.removedIn !== undefined;
      const older = catalogEntries('spark').find((o) => o.replacedBy === e.key && existsIn(o, v));
      const instead =
        removed && e.replacedBy !== undefined
          ? ` Use ${e.replacedBy} instead.`
          : older !== undefined
            ? ` In this release ${older.key} does this job.`
            : '';
      report({
        message: removed
          ? `${s.key} was removed in Spark ${e.removedIn}: Spark ${formatVersion(v)} ignores it.${instead}`
          : `${s.key} exists from Spark ${e.versions.replace(/\+$/, '')} on: Spark ${formatVersion(v)} ignores it.${instead}`,
        span: s.keySpan,
        tags: ['unnecessary'],
      });
    }
  },
};
