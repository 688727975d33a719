// SNAPPY-EQ-SPACE: `-key = value` (or `-key =value`, `-key= value`). The shell splits it into
// separate words and QuickLauncher.getStartOptions (SD l.369-379) rejects the first word that does
// not start with `-`: `Unexpected command-line option: =` (config-formats.md B.2). The docs' own
// example `-heap-size = 4g` (memory_management.md) fails this way.
import type { MemberArg, MemberLine } from '../../parse/members';
import type { TextEdit } from '../../edit/textEdit';
import type { Rule } from '../types';
import { launcherArgs, membersOf, onlyBlanksBetween, shown } from './common';
import type { RuleContext } from '../types';

export interface EqSpaceGroup {
  /** The `-key` (or `-key=`) word. */
  readonly key: MemberArg;
  /** The words the launcher rejects: `=`, `=value` or `value`. */
  readonly rejected: readonly MemberArg[];
  /** The edit that joins them into `-key=value`, when only blanks separate the words. */
  readonly join?: TextEdit;
}

const bareKey = (a: MemberArg | undefined): a is MemberArg =>
  a !== undefined && a.kind === 'option' && !a.text.includes('=');
const emptyValue = (a: MemberArg | undefined): a is MemberArg =>
  a !== undefined &&
  a.text.startsWith('-') &&
  a.text.endsWith('=') &&
  a.text.indexOf('=') === a.text.length - 1 &&
  a.kind !== 'jvm' &&
  a.kind !== 'system-property' &&
  a.kind !== 'password';

export function eqSpaceGroups(ctx: RuleContext, m: MemberLine): EqSpaceGroup[] {
  const args = launcherArgs(m);
  const out: EqSpaceGroup[] = [];
  for (let i = 1; i < args.length; i++) {
    const prev = args[i - 1];
    const a = args[i]!;
    if (a.kind !== 'unexpected') continue;
    if (a.text === '=' && bareKey(prev)) {
      const v = args[i + 1];
      const value = v !== undefined && v.kind === 'unexpected' && !v.text.startsWith('=') ? v : undefined;
      const joinable =
        onlyBlanksBetween(ctx, prev.span.end, a.span.start) &&
        (value === undefined || onlyBlanksBetween(ctx, a.span.end, value.span.start));
      out.push({
        key: prev,
        rejected: value !== undefined ? [a, value] : [a],
        ...(joinable
          ? {
              join: {
                span: { start: prev.span.end, end: value !== undefined ? value.span.start : a.span.end },
                newText: '=',
              },
            }
          : {}),
      });
      if (value !== undefined) i++;
    } else if (a.text.startsWith('=') && bareKey(prev)) {
      out.push({
        key: prev,
        rejected: [a],
        ...(onlyBlanksBetween(ctx, prev.span.end, a.span.start)
          ? { join: { span: { start: prev.span.end, end: a.span.start }, newText: '' } }
          : {}),
      });
    } else if (!a.text.startsWith('=') && emptyValue(prev)) {
      out.push({
        key: prev,
        rejected: [a],
        ...(onlyBlanksBetween(ctx, prev.span.end, a.span.start)
          ? { join: { span: { start: prev.span.end, end: a.span.start }, newText: '' } }
          : {}),
      });
    }
  }
  return out;
}

export const snappyEqSpace: Rule = {
  code: 'SNAPPY-EQ-SPACE',
  title: 'Spaces around = in -key=value: the launcher rejects the line',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      for (const g of eqSpaceGroups(ctx, m)) {
        const first = g.rejected[0]!;
        const key = g.key.text.replace(/=$/, '');
        const value = g.rejected
          .map((r) => r.text)
          .join('')
          .replace(/^=/, '');
        const joined = `${key}=${value}`;
        report({
          message:
            `Unexpected command-line option: ${shown(first.text)} — the shell splits "${shown([g.key, ...g.rejected].map((r) => r.text).join(' '))}" into ` +
            `${g.rejected.length + 1} arguments and SnappyData's launcher stops at the first one that does not start with "-", so this member never starts. ` +
            `Write ${joined} with no spaces around "=".`,
          span: first.span,
          ...(g.join !== undefined
            ? { fixes: [{ title: `Join to ${joined}`, edits: [g.join], isPreferred: true }] }
            : {}),
        });
      }
    }
  },
};
