// SNAPPY-MULTI-SERVER: several server lines for one host. That is allowed, but snappy-nodes.sh
// (v1.3.1 l.394-399) appends -memory-size=0 to each of them whose arguments do not contain
// `memory-size=`, which turns SnappyData's automatic off-heap sizing off for that server
// (config-formats.md B.1, B.5, B.8 item 12). Each line gets its own default directory
// $SNAPPY_HOME/work/<host>-server-<n> (l.144-151) unless it sets -dir, so that part is fine.
import type { Rule } from '../types';
import { lineNumber, membersOf } from './common';

const MAX_RELATED = 8;

export const snappyMultiServer: Rule = {
  code: 'SNAPPY-MULTI-SERVER',
  title: 'Several servers on one host: those without -memory-size get -memory-size=0',
  defaultSeverity: 'info',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined || doc.role !== 'server') return;
    const byHost = new Map<string, (typeof doc.members)[number][]>();
    for (const m of doc.members) {
      const list = byHost.get(m.host);
      if (list === undefined) byHost.set(m.host, [m]);
      else list.push(m);
    }
    for (const m of doc.members) {
      const same = byHost.get(m.host) ?? [];
      if (same.length < 2) continue;
      // The script's own test: `echo $args | grep 'memory-size='`.
      if (m.args.some((a) => a.text.includes('memory-size='))) continue;
      const dir = m.args.some((a) => a.kind === 'dir');
      report({
        message:
          `${same.length} server lines for host ${m.host}: snappy-nodes.sh adds -memory-size=0 to each one that does not set memory-size, ` +
          'so this server gets no off-heap memory (automatic off-heap sizing is off). Set -memory-size on the line to give it off-heap memory.' +
          (dir
            ? ''
            : ` Without -dir it runs in its own default directory ($SNAPPY_HOME/work/${m.host}-server-${m.index + 1}).`),
        span: m.hostSpan,
        // The other lines for the host (the first few: a host rarely has more).
        related: same
          .filter((o) => o !== m)
          .slice(0, MAX_RELATED)
          .map((o) => ({
            span: o.hostSpan,
            message: `Another server on ${m.host} (line ${lineNumber(ctx, o.hostSpan.start)})`,
          })),
      });
    }
  },
};
