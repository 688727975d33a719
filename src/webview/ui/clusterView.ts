// The cluster view: every member of a SnappyData servers/leads/locators set side by side, with the
// chosen scenario run on each data server's own memory manager under the same table load, and
// the server that reaches critical-heap-percentage first marked. The numbers are the core's
// (workload/cluster.ts); this only draws them.
import { formatBytes } from '../../core/size';
import type { ClusterMember, ClusterView as ClusterResult } from '../../core/workload/cluster';
import { durationText } from '../format';
import { clear, h } from './dom';

const ROLE_TITLE = { server: 'Server', lead: 'Lead', locator: 'Locator' } as const;

/** A host as snappy-nodes.sh reads it: a TAB is not a separator, so it is part of the name (shown as \\t). */
function hostText(host: string): string {
  return host.replace(/\t/g, '\\t');
}

function bytes(b: number | undefined): string {
  return b === undefined ? '–' : formatBytes(b);
}

/** The heap in use at its peak against the heap, with the critical threshold as the meter's "high" mark. */
function heapMeter(m: ClusterMember): Node | string {
  const run = m.run;
  if (run === undefined || m.heapBytes === undefined) return '–';
  const meter = h('meter', {
    min: 0,
    max: m.heapBytes,
    value: Math.min(run.peakHeapUsed, m.heapBytes),
    ...(m.criticalThresholdBytes !== undefined ? { high: m.criticalThresholdBytes } : {}),
    optimum: 0,
    'aria-label': `peak heap in use of ${m.host}`,
  });
  return h('span', { class: 'cluster-heap' }, meter, ` ${formatBytes(run.peakHeapUsed)}`);
}

const ROWS: readonly [string, (m: ClusterMember) => Node | string][] = [
  ['Heap', (m) => bytes(m.heapBytes)],
  ['Critical threshold', (m) => bytes(m.criticalThresholdBytes)],
  ['Eviction threshold', (m) => bytes(m.evictionThresholdBytes)],
  ['Peak heap in use', heapMeter],
  [
    'Reaches critical at',
    (m) =>
      m.run === undefined ? '–' : m.run.firstCriticalMs === undefined ? 'never' : durationText(m.run.firstCriticalMs),
  ],
  ['LowMemoryException', (m) => (m.run === undefined ? '–' : String(m.run.lowMemoryExceptions))],
  ['Table data overflowed', (m) => (m.run === undefined ? '–' : formatBytes(m.run.tableBytesEvicted))],
  ['Outcome', (m) => m.run?.outcome ?? m.note ?? '–'],
];

export class ClusterView {
  readonly el = h('div', { class: 'cluster', 'data-testid': 'cluster' });
  private readonly runButton = h('button', { 'data-testid': 'cluster-run' }, 'Run on every server');
  private readonly body = h('div', { class: 'cluster-body' });

  constructor(run: () => void) {
    this.runButton.addEventListener('click', run);
    this.el.append(
      h('h2', {}, 'Cluster'),
      h(
        'p',
        { class: 'hint' },
        'Every member of the servers, leads and locators files side by side; the chosen scenario runs on each data server under the same table load.',
      ),
      this.runButton,
      this.body,
    );
    this.show('Open a SnappyData servers, leads or locators file, choose a scenario, then run it on every server.');
  }

  /** A message instead of a result (no cluster, no scenario, or a run going on). */
  show(message: string, canRun = false): void {
    clear(this.body);
    this.body.append(h('p', { class: 'muted', 'data-testid': 'cluster-message' }, message));
    this.runButton.disabled = !canRun;
  }

  render(v: ClusterResult): void {
    clear(this.body);
    this.runButton.disabled = false;
    // Every server that reaches critical at the earliest time is "first" (a tie is told as one).
    const firstAt = v.firstCritical !== undefined ? v.members[v.firstCritical]?.run?.firstCriticalMs : undefined;
    const isFirst = (m: ClusterMember): boolean => firstAt !== undefined && m.run?.firstCriticalMs === firstAt;
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, ''),
      ...v.members.map((m) =>
        h(
          'th',
          {
            scope: 'col',
            class: isFirst(m) ? 'winner' : undefined,
            'data-testid': isFirst(m) ? 'first-critical' : 'cluster-member',
          },
          `${ROLE_TITLE[m.role]} ${m.member}: ${hostText(m.host)}`,
          isFirst(m) ? ' ▲ critical first' : '',
        ),
      ),
    );
    const rows = ROWS.map(([label, cell]) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ...v.members.map((m) => h('td', { class: isFirst(m) ? 'winner' : undefined }, cell(m))),
      ),
    );
    const servers = v.members.filter((m) => m.run !== undefined).length;
    const firsts = v.members.filter(isFirst).map((m) => `${hostText(m.host)} (server ${m.member})`);
    this.body.append(
      h(
        'p',
        { 'data-testid': 'cluster-summary' },
        firstAt !== undefined
          ? `Scenario ${v.scenario} on ${servers} data server(s): ${firsts.join(', ')} ${firsts.length > 1 ? 'reach' : 'reaches'} critical-heap-percentage first, at ${durationText(firstAt)}.`
          : `Scenario ${v.scenario} on ${servers} data server(s): none reaches critical-heap-percentage.`,
      ),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'compare-table cluster-table', 'data-testid': 'cluster-table' },
          h('thead', {}, head),
          h('tbody', {}, ...rows),
        ),
      ),
    );
  }
}
