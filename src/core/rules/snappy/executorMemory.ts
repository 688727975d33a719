// SNAPPY-EXECUTOR-MEMORY: `-spark.executor.memory` below 1.5 × the reserved memory. SnappyData does
// not size its embedded executors with it, but SnappyUnifiedMemoryManager.getMaxMemory (SD
// l.1071-1077) still checks it when set — read with getSizeAsBytes, so a bare number is bytes —
// and stops the member with Spark's "Executor memory ... must be at least ..." (config-formats.md
// B.4). The lead's value reaches every server's executor (B.3), so it is checked against each
// server's reserved memory too.
import { sparkConfGetSizeAs } from '../../size';
import type { QuickFix, Rule } from '../types';
import {
  humanBytes,
  inLeads,
  launcherArgs,
  leadOption,
  membersOf,
  percentText,
  removeArg,
  spanInLine,
  valueSpanOf,
} from './common';
import { EXECUTOR_MEMORY_ERRORS, memberStartupErrors, stopsWith } from './covered';

export const snappyExecutorMemory: Rule = {
  code: 'SNAPPY-EXECUTOR-MEMORY',
  title: 'spark.executor.memory below 1.5 × reserved memory: SnappyData refuses to start',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    memberStartupErrors(ctx, stopsWith(EXECUTOR_MEMORY_ERRORS)).forEach(({ member: m, layout: l, errors: [e] }) => {
      if (e === undefined) return;
      const own = spanInLine(m, e);
      const ownArg = m.options.get('spark.executor.memory');
      const lead = doc.role === 'server' ? leadOption(ctx, 'spark.executor.memory') : undefined;
      const fromLead = own === undefined && lead !== undefined;
      const anchor =
        launcherArgs(m).find((a) => a.kind === 'option' && a.key === 'critical-heap-percentage') ??
        launcherArgs(m).find((a) => a.kind === 'heap-size');
      const span = own ?? (anchor !== undefined ? valueSpanOf(anchor) : m.hostSpan);
      const value = fromLead ? (lead.arg.value ?? '') : (ownArg?.value ?? '');
      const fixes: QuickFix[] = [];
      if (!fromLead && ownArg !== undefined && /^\d+$/.test(value.trim())) {
        const mb = sparkConfGetSizeAs('spark.executor.memory', `${value.trim()}m`, 'BYTE');
        const min = /at least (\d+)/.exec(e.message)?.[1];
        if (mb.ok && min !== undefined && mb.value >= Number(min) && ownArg.valueSpan !== undefined) {
          fixes.push({
            title: `Write ${value.trim()}m`,
            edits: [{ span: ownArg.valueSpan, newText: `${value.trim()}m` }],
            isPreferred: true,
          });
        }
      }
      if (!fromLead && ownArg !== undefined)
        fixes.push({
          title: `Remove ${ownArg.text} (embedded executors do not use it)`,
          edits: [removeArg(ctx, ownArg)],
        });
      report({
        message:
          `${e.message} SnappyData does not size its executors with spark.executor.memory, but checks it against 1.5 × the reserved memory ` +
          `(${humanBytes(l.reservedMemory ?? 0)} = heap × (1 − ${percentText(l.criticalHeapPercentage.value)}/100) here)${/^\d+$/.test(value.trim()) ? '; a bare number is bytes here' : ''}.` +
          (fromLead
            ? ` The value comes from the lead line, whose Spark properties every server's executor receives.`
            : '') +
          ' Raise it or remove it.',
        span,
        ...(fromLead
          ? {
              related: [
                inLeads(ctx, valueSpanOf(lead.arg), `spark.executor.memory=${lead.arg.value ?? ''} on the lead`),
              ],
            }
          : {}),
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    });
  },
};
