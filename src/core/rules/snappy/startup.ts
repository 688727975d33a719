// SNAPPY-STARTUP: any startup error the layout finds for a member line (the launcher's, the JVM's,
// GemFire's or SnappyUnifiedMemoryManager's exact text) that no more specific SNAPPY-* rule
// reports: for example a critical-heap-percentage that is not a number, an unparsable
// spark.memory.fraction, -password without '=' or a -sync value that is not true/false. For a server,
// an error caused by the lead's Spark properties is shown on the server line with the lead's value
// as related location.
import type { StartupError } from '../../layout/startupError';
import type { MemberLine } from '../../parse/members';
import { parseJvmHeapSize } from '../../size';
import type { Rule, RuleContext } from '../types';
import type { SnappyMemberLayout } from '../../layout/snappyLayout';
import { inLeads, leadArgOf, membersOf, spanInLine } from './common';
import { heapArgs } from './heapFlags';
import {
  EVICT_CRIT_ERRORS,
  EXECUTOR_MEMORY_ERRORS,
  LAUNCH_ERRORS,
  RESERVED_ERRORS,
  matches,
  memberStartupErrors,
} from './covered';

/** True when a more specific rule reports this error (keep in step with those rules). */
function covered(ctx: RuleContext, m: MemberLine, e: StartupError): boolean {
  if (matches(e, [...EVICT_CRIT_ERRORS, ...RESERVED_ERRORS, ...EXECUTOR_MEMORY_ERRORS, ...LAUNCH_ERRORS])) return true;
  const span = spanInLine(m, e);
  // SNAPPY-CRLF: a value that ends in the line's carriage return.
  if (m.carriageReturn !== undefined && span !== undefined && span.end >= m.carriageReturn.end) return true;
  // SNAPPY-HEAP-SYNTAX: a value the JVM rejects (it also quotes the launcher's parseMemorySize error for it).
  if (/^(Invalid (maximum|initial) heap size|Error occurred during initialization of VM)/.test(e.message)) return true;
  if (/^Memory size specification = /.test(e.message)) {
    const memorySize = m.options.get('memory-size')?.valueSpan;
    if (memorySize !== undefined && span !== undefined && memorySize.start === span.start) return true;
    const flag =
      span === undefined
        ? undefined
        : heapArgs(ctx, m).flags.find((f) => f.arg.span.start <= span.start && span.end <= f.arg.span.end);
    if (flag !== undefined && !parseJvmHeapSize(flag.value.replace(/\r$/, ''), flag.flag).ok) return true;
  }
  // SNAPPY-MEMORY-SIZE
  if (/^Invalid memory-size: /.test(e.message)) return true;
  // SNAPPY-PERCENT-SIGN
  if (
    e.exceptionClass === 'NumberFormatException' &&
    /^For input string: ".*[%\u201c\u201d\u2018\u2019].*"$/s.test(e.message)
  )
    return true;
  return false;
}

export const snappyStartup: Rule = {
  code: 'SNAPPY-STARTUP',
  title: 'A member line SnappyData refuses to start (any other startup error)',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const uncovered = (e: StartupError, _l: SnappyMemberLayout, m: MemberLine): boolean => !covered(ctx, m, e);
    memberStartupErrors(ctx, uncovered).forEach(({ member: m, errors }) => {
      for (const e of errors) {
        const own = spanInLine(m, e);
        const leadArg = own === undefined && doc.role === 'server' ? leadArgOf(ctx, e) : undefined;
        const who = e.phase === 'snappy-launcher' ? "SnappyData's launcher stops" : 'the member stops while it boots';
        report({
          message: `${e.exceptionClass !== 'JVM' ? `${e.exceptionClass}: ` : ''}${e.message.replace(/\n/g, ' ')} — ${who}${leadArg !== undefined ? ", with the value this server's executor takes from the lead line" : ''}.`,
          span: own ?? m.hostSpan,
          ...(leadArg !== undefined
            ? { related: [inLeads(ctx, leadArg.valueSpan ?? leadArg.span, leadArg.text)] }
            : {}),
        });
      }
    });
  },
};
