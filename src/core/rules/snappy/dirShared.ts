// SNAPPY-DIR-SHARED: two members on one host with the same explicit -dir. Each member keeps its
// status file in its working directory and the launcher refuses to start a second one there
// (SS LauncherBase.verifyAndClearStatus, LAUNCHER_IS_ALREADY_RUNNING_IN_DIRECTORY). The directory is the last
// -dir= on the line (snappy-nodes.sh l.144 and QuickLauncher.processDirOption both take the last).
// (A lead and a server use different status files (.snappyleader.stat and .snappyserver.stat), so only
// members of one file are compared.)
import type { MemberArg, MemberLine } from '../../parse/members';
import type { Rule } from '../types';
import { lineNumber, membersOf, valueSpanOf } from './common';

function dirOf(m: MemberLine): MemberArg | undefined {
  let last: MemberArg | undefined;
  for (const a of m.args) if (a.kind === 'dir') last = a;
  return last !== undefined && (last.value ?? '').length > 0 ? last : undefined;
}

export const snappyDirShared: Rule = {
  code: 'SNAPPY-DIR-SHARED',
  title: 'Two members on one host share a -dir: the second does not start',
  defaultSeverity: 'warning',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const seen = new Map<string, MemberLine>();
    for (const m of doc.members) {
      const d = dirOf(m);
      if (d === undefined) continue;
      const k = `${m.host}\u0000${d.value ?? ''}`;
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, m);
        continue;
      }
      const fd = dirOf(first)!;
      report({
        message: `${m.host} already has a member in ${d.value ?? ''} (line ${lineNumber(ctx, first.hostSpan.start)}): while that member runs, the launcher finds its status file there and refuses to start this one ("WARN: A SnappyData ${doc.role === 'server' ? 'Server' : doc.role === 'lead' ? 'Leader' : 'Locator'} is already running in directory ..."). Give each member its own -dir.`,
        span: valueSpanOf(d),
        related: [{ span: valueSpanOf(fd), message: 'The first member using this directory' }],
      });
    }
  },
};
