// Spark's test event logs' "Maximum Memory" against the product's prediction (eventLogMaxMemory.ts):
// eventLogs {checked, mismatches} in the report, a failure per executor that disagrees, a note per
// executor whose heap or JVM the log does not tell (with the reason). Needs no JVM.
import { join } from 'node:path';
import { CheckResult, OracleCheck } from '../check';
import { maxMemoryVerdicts } from '../eventLogMaxMemory';

export const eventLogsCheck: OracleCheck = {
  name: 'eventLogs',
  run(ctx): Promise<CheckResult> {
    const verdicts = maxMemoryVerdicts(join(ctx.root, 'test', 'fixtures', 'spark-events'));
    const known = verdicts.filter((v) => v.known);
    const failures = known
      .filter((v) => v.predicted !== v.observed)
      .map(
        (v) => `${v.log} ${v.executor}: Maximum Memory ${v.observed}, predicted ${v.predicted ?? 'none'} (${v.reason})`,
      );
    const notes = verdicts.filter((v) => !v.known).map((v) => `${v.log} ${v.executor}: not checked: ${v.reason}`);
    return Promise.resolve({
      eventLogs: { checked: known.length, mismatches: failures.length },
      passed: known.length - failures.length,
      failed: failures.length,
      failures,
      notes,
    });
  },
};
