// The simulation's outputs: summary cards, the timelines, the per-task chart and the event log
// (filterable by kind; choosing an event shows its details and moves the charts' cursor there).
import { formatBytes } from '../../core/size';
import type { EventKind, SimEvent, SimResult } from '../../core/workload/types';
import { EVENT_KINDS, allCharts, countKinds } from '../chartData';
import { eventTime, spillText } from '../format';
import { TimelineChart } from './chart';
import { clear, h } from './dom';

const MAX_LOG_ROWS = 500;

interface Card {
  readonly id: string;
  readonly label: string;
  value(r: SimResult): string;
}

const CARDS: readonly Card[] = [
  { id: 'spill', label: 'Spilled', value: (r) => spillText(r.summary.spilledBytes, r.summary.spillCount) },
  {
    id: 'evictions',
    label: 'Evicted blocks',
    value: (r) =>
      `${r.summary.evictedBlocks}${r.summary.droppedToDiskBlocks ? ` (${r.summary.droppedToDiskBlocks} to disk)` : ''}`,
  },
  {
    id: 'hitRatio',
    label: 'Cache hit ratio',
    value: (r) => (r.summary.hitRatio === undefined ? '–' : `${(r.summary.hitRatio * 100).toFixed(1)}%`),
  },
  {
    id: 'waits',
    label: 'Waits for memory',
    value: (r) => `${r.summary.waits} (${(r.summary.waitMs / 1000).toFixed(2)} s)`,
  },
  {
    id: 'failures',
    label: 'Failed task attempts',
    value: (r) =>
      `${r.summary.failedTasks}${(r.summary.retriedTasks ?? 0) > 0 ? ` (${r.summary.retriedTasks} retried)` : ''}`,
  },
  { id: 'lowMemory', label: 'LowMemoryException', value: (r) => String(r.summary.lowMemoryExceptions) },
  { id: 'duration', label: 'Simulated time', value: (r) => `${(r.summary.durationMs / 1000).toFixed(2)} s` },
  {
    id: 'peaks',
    label: 'Peak storage / execution',
    value: (r) => `${formatBytes(r.summary.peakStorageUsed)} / ${formatBytes(r.summary.peakExecutionUsed)}`,
  },
];

export class SimView {
  readonly el: HTMLElement;
  private readonly cards = new Map<string, HTMLElement>();
  private readonly onHeap = new TimelineChart(
    'On-heap memory: storage, execution, the storage/execution boundary and untracked memory',
  );
  private readonly offHeap = new TimelineChart('Off-heap memory: storage, execution and the boundary');
  private readonly perTask = new TimelineChart('Execution memory per task slot', 160);
  private readonly filters = h('div', { class: 'filters', role: 'group', 'aria-label': 'Show events of kind' });
  private readonly log = h('ol', { class: 'event-log', 'data-testid': 'event-log', 'aria-label': 'Events' });
  private readonly details = h('div', {
    class: 'event-details',
    'data-testid': 'event-details',
    'aria-live': 'polite',
  });
  private readonly stopped = h('p', { class: 'stopped', hidden: true });
  /** Where the panel puts the run's story: under the cards, above the charts. */
  readonly slot = h('div', { class: 'story-slot' });
  private hidden = new Set<EventKind>(['acquire', 'release', 'taskStart', 'taskEnd', 'wake']);
  private last: SimResult | undefined;
  private shownCount = -1;

  constructor() {
    const cards = h('div', { class: 'cards', 'data-testid': 'summary' });
    for (const c of CARDS) {
      const v = h('div', { class: 'card-value', 'data-testid': `summary-${c.id}` }, '–');
      this.cards.set(c.id, v);
      cards.append(
        h(
          'div',
          { class: 'card', role: 'group', 'aria-label': c.label },
          h('div', { class: 'card-label' }, c.label),
          v,
        ),
      );
    }
    this.offHeap.el.hidden = true;
    this.el = h(
      'div',
      { class: 'sim-view' },
      cards,
      this.stopped,
      this.slot,
      this.onHeap.el,
      this.offHeap.el,
      this.perTask.el,
      h(
        'section',
        { class: 'events', 'aria-label': 'Event log' },
        h('h3', {}, 'Events'),
        this.filters,
        h('div', { class: 'log-and-details' }, this.log, this.details),
      ),
    );
  }

  /** Empties every output (cards, charts, log): `message` says why (another file, a config that does not run). */
  clear(message = 'No run yet.'): void {
    this.last = undefined;
    this.shownCount = -1;
    for (const v of this.cards.values()) v.textContent = '–';
    clear(this.log);
    clear(this.details);
    clear(this.filters);
    this.stopped.hidden = true;
    for (const c of [this.onHeap, this.offHeap, this.perTask]) c.clear(message);
    this.offHeap.el.hidden = true;
  }

  /** True while a chart shows a run (the UI tests check that nothing stale stays drawn). */
  get drawn(): boolean {
    return this.onHeap.drawn;
  }

  show(r: SimResult): void {
    this.last = r;
    for (const c of CARDS) {
      const el = this.cards.get(c.id);
      if (el !== undefined) el.textContent = c.value(r);
    }
    this.stopped.hidden = r.summary.stoppedAt === undefined;
    this.stopped.textContent = r.summary.stoppedAt ?? '';
    const charts = allCharts(r.series, r.events);
    this.onHeap.setData(charts.onHeap, charts.markers);
    this.offHeap.el.hidden = charts.offHeap === undefined;
    if (charts.offHeap !== undefined) this.offHeap.setData(charts.offHeap, charts.markers);
    this.perTask.setData(charts.perTask, charts.markers);
    if (r.events.length !== this.shownCount) this.renderLog(r.events);
  }

  private renderFilters(events: readonly SimEvent[]): void {
    clear(this.filters);
    const counts = countKinds(events);
    for (const kind of EVENT_KINDS) {
      const n = counts.get(kind) ?? 0;
      if (n === 0) continue;
      const b = h(
        'button',
        {
          class: 'chip',
          'aria-pressed': this.hidden.has(kind) ? 'false' : 'true',
          'data-kind': kind,
          'data-testid': `filter-${kind}`,
        },
        `${kind} ${n}`,
      );
      b.addEventListener('click', () => {
        if (this.hidden.has(kind)) this.hidden.delete(kind);
        else this.hidden.add(kind);
        if (this.last !== undefined) this.renderLog(this.last.events);
      });
      this.filters.append(b);
    }
  }

  private renderLog(events: readonly SimEvent[]): void {
    this.shownCount = events.length;
    this.renderFilters(events);
    clear(this.log);
    let n = 0;
    for (const e of events) {
      if (this.hidden.has(e.kind)) continue;
      if (n++ >= MAX_LOG_ROWS) {
        this.log.append(
          h('li', { class: 'more' }, `… ${events.length - MAX_LOG_ROWS} more (narrow the filter or export JSON)`),
        );
        break;
      }
      const b = h(
        'button',
        { class: `event kind-${e.kind}`, 'data-testid': 'event', 'data-kind': e.kind },
        h('span', { class: 'event-t' }, eventTime(e.t)),
        h('span', { class: 'event-kind' }, e.kind),
        h('span', { class: 'event-msg' }, e.message),
      );
      b.addEventListener('click', () => this.select(e));
      this.log.append(h('li', {}, b));
    }
  }

  private select(e: SimEvent): void {
    clear(this.details);
    const dl = h('dl', {});
    const add = (k: string, v: string | number | undefined) => {
      if (v !== undefined) dl.append(h('dt', {}, k), h('dd', {}, String(v)));
    };
    add('Time', eventTime(e.t));
    add('Kind', e.kind);
    add('Task', e.task);
    add('Bytes', e.bytes !== undefined ? `${formatBytes(e.bytes)} (${e.bytes})` : undefined);
    add('Block', e.blockId);
    add('Memory mode', e.mode);
    add('Message', e.message);
    // Why: the request, for which task, against which cap.
    if (e.cause !== undefined) {
      add('Because of', e.cause.request);
      add('Cap', `${formatBytes(e.cause.capBytes)}: ${e.cause.cap}`);
      if (e.cause.heldBytes !== undefined) add('Task held', formatBytes(e.cause.heldBytes));
    }
    this.details.append(h('h4', {}, 'Event'), dl);
    for (const c of [this.onHeap, this.offHeap, this.perTask]) c.select(e.t / 1000);
  }

  retheme(): void {
    for (const c of [this.onHeap, this.offHeap, this.perTask]) c.retheme();
  }

  png(): string | undefined {
    return this.onHeap.png();
  }
}
