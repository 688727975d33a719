// SNAPPY-TAB: a TAB between the host and the arguments. snappy-nodes.sh takes the host with
// `echo "$slave " | tr -s ' ' | cut -d ' ' -f1` (v1.3.1 l.392-393): it splits on spaces only, so
// everything up to the first space joins the host name (config-formats.md B.1, verified in bash).
import type { Rule } from '../types';
import { membersOf } from './common';

export const snappyTab: Rule = {
  code: 'SNAPPY-TAB',
  title: 'A TAB after the host: the arguments become part of the host name',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      if (m.tabInHost === undefined) continue;
      const span = { start: m.tabInHost.start, end: m.hostSpan.end };
      const hostName = m.host.slice(0, m.host.indexOf('\t'));
      const swallowed = m.host
        .slice(m.host.indexOf('\t') + 1)
        .replace(/\t/g, ' ')
        .trim();
      // Replace every TAB the host field holds with a space (escaped TABs, `\<TAB>`, are left alone).
      const edits = [];
      for (let i = m.hostSpan.start; i < m.hostSpan.end; i++) {
        if (ctx.text.charAt(i) === '\t' && ctx.text.charAt(i - 1) !== '\\')
          edits.push({ span: { start: i, end: i + 1 }, newText: ' ' });
      }
      report({
        message:
          `snappy-nodes.sh splits the host from the arguments on spaces only, so the host name here is ${JSON.stringify(m.host)}` +
          `${swallowed.length > 0 ? ` and ${JSON.stringify(swallowed)} never reaches the launcher` : ''}: ssh to that host fails` +
          `${hostName.length > 0 ? `, and no member starts on ${hostName}` : ''}. Separate the host and the arguments with a space.`,
        span,
        ...(edits.length > 0 ? { fixes: [{ title: 'Replace the TAB with a space', edits, isPreferred: true }] } : {}),
      });
    }
  },
};
