// SNAPPY-NO-DASH: an argument that does not start with `-`. QuickLauncher.getStartOptions (SD
// l.377-378) throws `IllegalArgumentException: Unexpected command-line option: <arg>` for it and the
// member never starts (config-formats.md B.2). Typical sources: `-heap-size 4g` (the value is a
// word of its own), a value with a space in it, a stray word. `=` words are SNAPPY-EQ-SPACE's and a
// lone carriage return is SNAPPY-CRLF's.
import type { Rule } from '../types';
import { launcherArgs, membersOf, onlyBlanksBetween, shown } from './common';
import { eqSpaceGroups } from './eqSpace';

export const snappyNoDash: Rule = {
  code: 'SNAPPY-NO-DASH',
  title: 'An argument without a leading -: the launcher rejects the line',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      // `// note` or `-- note` meant as a comment: snappy-nodes.sh only skips lines starting with `#`.
      if (/^(\/\/|--|;)/.test(m.host) && m.args.length > 0 && m.args.some((a) => a.kind === 'unexpected')) {
        const marker = /^(\/\/|--|;)/.exec(m.host)![1]!;
        const markerSpan = { start: m.hostSpan.start, end: m.hostSpan.start + marker.length };
        const verbatim = ctx.text.slice(markerSpan.start, markerSpan.end) === marker;
        report({
          message:
            `This line is not a comment: only "#" at the start of a line makes one. snappy-nodes.sh starts a member on host "${m.host}" ` +
            `with the other words as arguments, and the launcher stops at "${m.args.find((a) => a.kind === 'unexpected')?.text ?? ''}" (Unexpected command-line option).`,
          span: { start: m.hostSpan.start, end: Math.max(m.hostSpan.end, m.args[m.args.length - 1]!.span.end) },
          ...(verbatim
            ? {
                fixes: [
                  {
                    title: `Make it a comment (# instead of ${marker})`,
                    edits: [{ span: markerSpan, newText: '#' }],
                    isPreferred: true,
                  },
                ],
              }
            : {}),
        });
        continue;
      }
      const covered = new Set(eqSpaceGroups(ctx, m).flatMap((g) => g.rejected));
      const args = launcherArgs(m);
      args.forEach((a, i) => {
        if (a.kind !== 'unexpected' || covered.has(a) || a.text === '\r' || a.text.startsWith('=')) return;
        const prev = args[i - 1];
        const first = m.launchError !== undefined && m.launchError.span.start === a.span.start;
        const blanks = prev !== undefined && onlyBlanksBetween(ctx, prev.span.end, a.span.start);
        const value = a.text.replace(/\r$/, '');
        let fix: { title: string; newText: string } | undefined;
        if (blanks && prev.kind === 'option' && !prev.text.includes('=') && !covered.has(prev)) {
          fix = { title: `Join to ${prev.text}=${value}`, newText: '=' };
        } else if (blanks && prev.kind === 'jvm' && (prev.key === '-Xmx' || prev.key === '-Xms')) {
          fix = { title: `Join to ${prev.text}${value}`, newText: '' };
        }
        report({
          message:
            `Unexpected command-line option: ${shown(a.text)} — ${first ? "SnappyData's launcher stops at this argument" : 'the launcher would stop here too'} ` +
            `because it does not start with "-", so this member never starts.` +
            (fix !== undefined
              ? ` It looks like the value of ${prev!.text}: write ${fix.title.slice('Join to '.length)}.`
              : ''),
          span: a.span,
          ...(fix !== undefined
            ? {
                fixes: [
                  {
                    title: fix.title,
                    edits: [{ span: { start: prev!.span.end, end: a.span.start }, newText: fix.newText }],
                    isPreferred: true,
                  },
                ],
              }
            : {}),
        });
      });
    }
  },
};
