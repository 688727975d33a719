// SNAPPY-CRLF: a line ending in `\r` (a file saved with Windows line ends). bash's `read` keeps the
// carriage return, so it stays in the last word of the line: the JVM gets `-Xmx4g\r` (invalid heap
// size), the launcher gets `-critical-heap-percentage=95\r` (Float.parseFloat trims it, but
// `-dir=/data\r` names another directory), or a host name ends in `\r` (config-formats.md B.1;
// members.ts carriageReturn).
import type { Rule } from '../types';
import { membersOf, shown } from './common';

export const snappyCrlf: Rule = {
  code: 'SNAPPY-CRLF',
  title: 'A carriage return at the end of a member line stays in its last argument',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      const cr = m.carriageReturn;
      if (cr === undefined) continue;
      const last = m.args[m.args.length - 1];
      const what =
        last === undefined
          ? `the host name becomes "${shown(m.host)}", which ssh cannot resolve`
          : last.text === '\r'
            ? 'it becomes an argument of its own and the launcher stops with "Unexpected command-line option: \\r"'
            : `the last argument becomes "${shown(last.text)}"${last.kind === 'heap-size' || (last.kind === 'jvm' && /^-Xm[xs]/.test(last.key ?? '')) ? ", a heap size SnappyData's launcher and the JVM reject" : ''}`;
      report({
        message: `This line ends with a carriage return (Windows line ends). snappy-nodes.sh reads it with bash's read, which keeps it: ${what}. Save the file with Unix (LF) line ends.`,
        span: cr,
        fixes: [{ title: 'Remove the carriage return', edits: [{ span: cr, newText: '' }], isPreferred: true }],
      });
    }
  },
};
