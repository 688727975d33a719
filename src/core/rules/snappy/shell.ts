// SNAPPY-SHELL: characters the shell acts on. snappy-nodes.sh builds the launch command from the
// line's text and runs it with `eval` (local host, v1.3.1 l.279-280) or hands it to the remote shell
// through ssh (l.262-269), so operators split or redirect the command, `$`/backticks expand, globs
// match files, and an unterminated quote breaks the whole command (config-formats.md B.1). `#` is
// SNAPPY-INLINE-COMMENT's.
import type { Rule, Severity } from '../types';
import { membersOf } from './common';

const OPERATOR_EFFECT: Readonly<Record<string, string>> = {
  ';': 'ends the launch command: the words after it run as a separate command, and the arguments snappy-nodes.sh appends (-dir, -locators, -bind-address) go to that command instead',
  '&': 'puts the launch command in the background and starts the words after it as a separate command',
  '|': 'pipes the launch command into the words after it, which run as another command',
  '<': "redirects the launcher's input from a file named by the next word",
  '>': "redirects the launcher's output to a file named by the next word (it is not an argument)",
  '(': 'is a syntax error in the launch command, which then does not run at all',
  ')': 'is a syntax error in the launch command, which then does not run at all',
};

export const snappyShell: Rule = {
  code: 'SNAPPY-SHELL',
  title: 'Shell operators, expansions, globs or an open quote in a member line run through eval/ssh',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      for (const h of m.shellHazards) {
        let message: string;
        let severity: Severity | undefined;
        switch (h.kind) {
          case 'comment':
            continue;
          case 'operator':
            message = `"${h.text}" is a shell operator: the launch command runs through eval or ssh, where it ${OPERATOR_EFFECT[h.text] ?? 'changes the command'}. Quote the value ('...') or leave the character out.`;
            break;
          case 'unterminated-quote':
            message = `Unterminated ${h.text.charAt(0) === '"' ? 'double' : 'single'} quote: eval/ssh cannot parse the launch command (unexpected EOF while looking for the matching quote), so this member does not start.`;
            break;
          case 'expansion':
            severity = 'warning';
            message =
              h.text === '`' || /^\$\(/.test(ctx.text.slice(h.span.start, h.span.start + 2))
                ? 'Command substitution: the shell runs this command when the member is launched (locally under eval, on the member host under ssh) and passes its output as arguments.'
                : `"$" expands when the member is launched — locally under eval, in the member host's login shell under ssh — so the launcher sees the variable's value there (empty if it is unset), not "${ctx.text.slice(h.span.start, Math.min(h.span.start + 24, m.lineSpan.end)).split(/[\s/=:,]/)[0] ?? '$'}". Escape it (\\$) if you mean the character.`;
            break;
          case 'glob':
            severity = 'warning';
            message = `"${h.text}" is a glob: when files in the launch directory match, the shell replaces the word with their names (several arguments); quote the word ('...') to pass it as written.`;
            break;
        }
        report({ message, span: h.span, ...(severity !== undefined ? { severity } : {}) });
      }
    }
  },
};
