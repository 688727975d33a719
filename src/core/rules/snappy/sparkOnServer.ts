// SNAPPY-SPARK-ON-SERVER: executor memory settings on a conf/servers line. A server's executor is
// built by ExecutorInitiator (SD cluster/.../ExecutorInitiator.scala l.155-185): it starts from a
// SparkConf of the server's own boot properties (Utils.newClusterSparkConf: its `-spark.*` options),
// then `set`s every Spark property fetched from the lead's driver over it. So the lead's value wins
// for every key the lead's conf holds; a server's own value only reaches its executor for keys the
// lead does not send, and always sizes the boot-time memory manager that runs while the server
// starts (config-formats.md B.3). spark.memory.storageFraction is always in the lead's conf: the
// lead's own SnappyUnifiedMemoryManager puts the default there when it is missing
// (setMemorySize l.997-999), so a server's value never reaches its executor.
import { defaultValue, lookupKey } from '../../catalog';
import { SPARK_2_4 } from '../../version';
import type { Rule } from '../types';
import { inLeads, leadOption, leadsLineNumber, membersOf, removeArg } from './common';

const KEYS = [
  'spark.memory.fraction',
  'spark.memory.storageFraction',
  'spark.memory.storageMaxFraction',
  'spark.executor.cores',
] as const;
/** Keys the lead's driver conf always carries (set by the lead's memory manager when missing). */
const ALWAYS_SENT: ReadonlySet<string> = new Set(['spark.memory.storageFraction']);

export const snappySparkOnServer: Rule = {
  code: 'SNAPPY-SPARK-ON-SERVER',
  title: "Executor memory settings on a server line: the lead's Spark properties win",
  defaultSeverity: 'info',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined || doc.role !== 'server') return;
    for (const m of doc.members) {
      for (const key of KEYS) {
        const arg = m.options.get(key);
        if (arg === undefined) continue;
        const own = arg.value ?? '';
        const lead = leadOption(ctx, key);
        const entry = lookupKey(key, 'snappydata');
        const def = entry !== undefined ? defaultValue(entry, SPARK_2_4) : null;
        const span = arg.span;
        if (lead !== undefined) {
          const leadValue = lead.arg.value ?? '';
          const same = leadValue === own;
          report({
            message:
              `${key} is also set on the lead line (${ctx.leadsUri ?? 'conf/leads'} line ${leadsLineNumber(ctx, lead.arg.span.start)}): ` +
              `servers run their executors with the lead's Spark properties, set over their own, so ${same ? `the value is the same and this setting is redundant` : `the lead's ${leadValue} wins and this line's ${own} only sizes the boot-time memory manager used while the server starts`}.`,
            span,
            related: [
              inLeads(ctx, lead.arg.span, `${key}=${leadValue} on the lead: the value this server's executor uses`),
            ],
            ...(same ? { tags: ['unnecessary' as const] } : {}),
            fixes: [
              {
                title: `Remove ${arg.text} (the lead's value applies)`,
                edits: [removeArg(ctx, arg)],
                isPreferred: same,
              },
            ],
          });
        } else if (ALWAYS_SENT.has(key)) {
          report({
            message:
              `${key}=${own} does not reach this server's executor: it runs with the lead's Spark properties, and ${ctx.leads !== undefined ? 'the lead line does not set it, so' : 'when the lead does not set it'} ` +
              `the lead's memory manager sends its default${def !== null ? ` (${def})` : ''}. It only sizes the boot-time memory manager used while the server starts. Set it on the lead line.`,
            span,
          });
        } else {
          report({
            message:
              `${key}=${own} reaches this server's executor only because ${ctx.leads !== undefined ? 'the lead line does not set it' : "it is not set on the lead (if conf/leads sets it, the lead's value wins)"}: ` +
              `executors take the lead's Spark properties over their server's own. Set it on the lead line to apply it to every server, as SnappyData's docs describe.`,
            span,
          });
        }
      }
    }
  },
};
