// SNAPPY-INLINE-COMMENT: a `#` that starts a word after the host. snappy-nodes.sh keeps it as an
// argument (its comment test only looks at the first word, l.364), but the launch command is then
// run with `eval` (local host, l.279-280) or through ssh (l.262-269), and the shell treats the `#`
// as a comment: every argument after it is dropped silently, including the ones the script appends
// itself (config-formats.md B.1).
import type { MemberLine } from '../../parse/members';
import type { Rule } from '../types';
import { memberLineEnd, membersOf } from './common';

/** What snappy-nodes.sh (l.143-234, l.394-402) appends to this line, and the comment therefore drops. */
function appended(m: MemberLine): string[] {
  const text = m.args.map((a) => a.text).join(' ');
  const out: string[] = [];
  if (!/(^|\s)-dir=/.test(text)) out.push('-dir');
  if (!/-(locators|peer-discovery-address)=/.test(text)) out.push('-locators');
  if (!/(^|\s)-bind-address=/.test(text)) out.push('-bind-address');
  if (m.role === 'lead') out.push('-host-data=false');
  if (m.role === 'server') out.push('-J-Dsnappydata.numLeadsOnHost');
  if (m.role === 'locator' && !/peer-discovery-address=/.test(text)) out.push('-peer-discovery-address');
  return out;
}

export const snappyInlineComment: Rule = {
  code: 'SNAPPY-INLINE-COMMENT',
  title: 'A # after the host comments out the rest of the launch command',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      const c = m.shellComment;
      if (c === undefined) continue;
      let end = Math.min(m.lineSpan.end, ctx.text.length);
      if (ctx.text.charAt(end - 1) === '\r') end--;
      const span = { start: c.start, end: Math.max(c.start + 1, end) };
      const commentText = ctx.text.slice(c.start, end);
      const droppedArgs = commentText
        .slice(1)
        .trim()
        .split(/\s+/)
        .filter((w) => w.startsWith('-'));
      const extra = appended(m);
      // QuickLauncher only uses host-data for the default heap (LauncherBase.getDefaultHeapSizeMB); LeadImpl forces host-data off.
      const lead =
        m.role === 'lead' &&
        !m.args.some((a) => a.kind === 'heap-size' || (a.kind === 'jvm' && /^-Xm[xs]/.test(a.key ?? '')))
          ? " Without -host-data=false the launcher picks a data server's default heap for this lead."
          : '';
      // The fix moves the comment above the member, when it sits on the member's last physical line.
      const lastLineStart = m.physicalLineStarts[m.physicalLineStarts.length - 1] ?? m.lineSpan.start;
      let blanks = c.start;
      while (blanks > m.lineSpan.start && (ctx.text.charAt(blanks - 1) === ' ' || ctx.text.charAt(blanks - 1) === '\t'))
        blanks--;
      const canMove = c.start >= lastLineStart && !commentText.endsWith('\\') && blanks > m.hostSpan.start;
      const firstLineStart = ctx.lines.lineStart(ctx.lines.positionAt(m.lineSpan.start).line);
      report({
        message:
          `The launch command runs through eval (local host) or ssh (remote host), where \`#\` starts a shell comment: ` +
          `everything after it is dropped${droppedArgs.length > 0 ? `, including ${droppedArgs.join(' ')}` : ''}, and so are the ` +
          `arguments snappy-nodes.sh appends (${extra.join(', ')}) and the \`< /dev/null 2>&1\` redirection.${lead} ` +
          'Put the comment on its own line.',
        span,
        ...(canMove
          ? {
              fixes: [
                {
                  title: 'Move the comment to its own line above',
                  edits: [
                    {
                      span: { start: firstLineStart, end: firstLineStart },
                      newText: `${commentText.trimEnd()}${memberLineEnd(ctx.text)}`,
                    },
                    { span: { start: blanks, end }, newText: '' },
                  ],
                  isPreferred: true,
                },
              ],
            }
          : {}),
      });
    }
  },
};
