// The Run view's script (dist/runView.js): the what-if controls of the simulation panel
// (ControlsView, RUN_CONTROLS) over the config the run is replayed on, and the replay's outcome
// beside the config's own. The replay runs in the host, which has the log's facts; the page only
// sends the what-if and Apply, and shows what comes back (src/shared/protocol.ts, both ways validated).
import { formatBytes } from '../core/size';
import {
  PROTOCOL_VERSION,
  type RunBase,
  type RunOutcome,
  type RunResult,
  type RunViewMessage,
  parseRunHostMessage,
} from '../shared/protocol';
import { durationText, spillText } from './format';
import { ControlsView } from './ui/controlsView';
import { clear, h } from './ui/dom';
import { RUN_CONTROLS, type WhatIf, settingChanges } from './whatIf';

interface VsCodeApi {
  postMessage(m: RunViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What-if changes are replayed once the control rests this long (a slider sends many). */
const DEBOUNCE_MS = 150;

/** The outcome's rows: what the replay says, in the order a Spark engineer reads it. */
const ROWS: readonly { readonly id: string; readonly label: string; readonly text: (o: RunOutcome) => string }[] = [
  { id: 'spill', label: 'Spilled', text: (o) => spillText(o.spilledBytes, o.spills) },
  {
    id: 'spilledStages',
    label: 'Stages that spill',
    text: (o) => (o.spilledStages.length === 0 ? 'none' : o.spilledStages.map((s) => s.stageId).join(', ')),
  },
  { id: 'evictions', label: 'Blocks evicted or dropped to disk', text: (o) => String(o.evictions) },
  { id: 'cached', label: 'Cached partitions', text: (o) => String(o.cachedPartitions) },
  { id: 'failed', label: 'Failed task attempts', text: (o) => String(o.failedTasks) },
  { id: 'peakExecution', label: 'Peak execution memory', text: (o) => formatBytes(o.peakExecutionBytes) },
  { id: 'peakStorage', label: 'Peak storage memory', text: (o) => formatBytes(o.peakStorageBytes) },
  { id: 'peakOffHeap', label: 'Peak off-heap memory', text: (o) => formatBytes(o.peakOffHeapBytes) },
  { id: 'time', label: 'Replay time', text: (o) => durationText(o.durationMs) + (o.stoppedAt ? ' (stopped)' : '') },
  { id: 'heap', label: 'Executor heap', text: (o) => formatBytes(o.heapBytes) },
  {
    id: 'container',
    label: 'Container',
    text: (o) =>
      o.containerMiB !== undefined ? formatBytes(o.containerMiB * 2 ** 20) : 'none (no YARN or Kubernetes)',
  },
];

class RunWhatIf {
  private base: RunBase | undefined;
  private whatIf: WhatIf = {};
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: RunResult | undefined;
  private readonly controls: ControlsView;
  private readonly outcome = h('div', { class: 'table-wrap', 'data-testid': 'whatif-outcome' });

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    this.controls = new ControlsView({
      change: (next) => this.change(next),
      apply: () => this.apply(),
      reset: () => this.reset(),
    });
  }

  receive(raw: unknown): void {
    const m = parseRunHostMessage(raw);
    if (!m.ok) {
      this.api.postMessage({ type: 'log', level: 'error', message: `run view: ${m.error}` });
      return;
    }
    const msg = m.value;
    if (msg.type === 'runBase') {
      // A new base (opened, or the file changed, an Apply included): the what-ifs were chosen against the old one.
      this.base = msg.base;
      this.whatIf = {};
      this.latest = undefined;
      this.render();
    } else if (msg.type === 'runOutcome') {
      if (msg.seq !== this.seq) return; // an older what-if's answer
      this.latest = msg.result;
      this.renderOutcome();
    } else this.controls.showApplied(msg.ok, msg.message);
  }

  private render(): void {
    const b = this.base;
    if (b === undefined) return;
    clear(this.root);
    this.controls.render(RUN_CONTROLS, b.fileValues, b.effective, this.whatIf, b.target !== undefined);
    const note = h(
      'p',
      { class: 'file-value', 'data-testid': 'whatif-base' },
      b.target !== undefined
        ? `The replay of this run on ${b.label} with the values above. Apply writes them to ${b.label}.`
        : `The replay of this run on ${b.label} with the values above. There is no spark-defaults.conf in the workspace to apply them to.`,
    );
    this.root.append(this.controls.el, note, this.outcome);
    this.renderOutcome();
  }

  private renderOutcome(): void {
    const b = this.base;
    if (b === undefined) return;
    clear(this.outcome);
    const changed = Object.keys(this.whatIf).length > 0;
    const cell = (r: RunResult | undefined, row: (typeof ROWS)[number], testid: string) =>
      h(
        'td',
        { 'data-testid': testid },
        r === undefined ? '…' : r.ok ? row.text(r.outcome) : row === ROWS[0] ? `does not start: ${r.error}` : '–',
      );
    const table = h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, ''), h('th', {}, b.label), changed ? h('th', {}, 'with the what-if') : null),
      ),
    );
    const body = h('tbody', {});
    for (const row of ROWS)
      body.append(
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, row.label),
          cell(b.baseline, row, `baseline-${row.id}`),
          changed ? cell(this.latest, row, `outcome-${row.id}`) : null,
        ),
      );
    table.append(body);
    this.outcome.append(table);
  }

  private change(next: WhatIf): void {
    this.whatIf = next;
    this.seq++;
    this.latest = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const id of ['apply', 'whatif-reset']) {
        const button = this.root.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
        if (button !== null)
          button.disabled = Object.keys(this.whatIf).length === 0 || (id === 'apply' && !this.canApply());
      }
      this.renderOutcome();
      if (Object.keys(this.whatIf).length > 0)
        this.api.postMessage({ type: 'whatIf', seq: this.seq, values: { ...this.whatIf } });
    }, DEBOUNCE_MS);
  }

  private canApply(): boolean {
    return this.base?.target !== undefined;
  }

  private apply(): void {
    const t = this.base?.target;
    const changes = settingChanges(this.whatIf, 'spark');
    if (t === undefined || changes.length === 0) return;
    this.api.postMessage({ type: 'apply', uri: t.uri, version: t.version, changes });
    this.controls.showApplied(true, `Applying ${changes.map((c) => `${c.key}=${c.value}`).join(', ')}…`);
  }

  private reset(): void {
    this.whatIf = {};
    this.seq++;
    this.latest = undefined;
    this.render();
  }
}

const api = acquireVsCodeApi();
const root = document.getElementById('whatif');
if (root !== null) {
  const view = new RunWhatIf(root, api);
  window.addEventListener('message', (e: MessageEvent) => view.receive(e.data));
  window.addEventListener('error', (e) =>
    api.postMessage({ type: 'log', level: 'error', message: `run view error: ${e.message}` }),
  );
  api.postMessage({ type: 'ready', protocol: PROTOCOL_VERSION });
}
