// The panel's controller: receives host messages (validated), keeps the panel state, and drives the
// layout view, the what-if controls, the stepped simulation, the compare view and exports.
import { formatBytes } from '../core/size';
import type { SimResult } from '../core/workload/types';
import {
  ClusterPayload,
  ConfigPayload,
  ExportFormat,
  HostMessage,
  PROTOCOL_VERSION,
  PanelState,
  ScenarioRef,
  WebviewMessage,
  parseHostMessage,
  parsePanelState,
} from '../shared/protocol';
import {
  MAX_POINTS,
  adviceFor,
  clusterOf,
  compareConfigs,
  compareLevels,
  executorSource,
  presets,
  scenarioOf,
  startRun,
  storyOf,
} from './engine';
import { ReportContext, exportName } from './exporters';
import { LayoutModel, buildLayoutModel, effectiveValues } from './layoutModel';
import { Player } from './player';
import { ClusterView } from './ui/clusterView';
import { CompareView, renderComparison } from './ui/compareView';
import { ControlsView } from './ui/controlsView';
import { clear, h } from './ui/dom';
import { renderLayout, renderProblems } from './ui/layoutView';
import { reportData } from './ui/report';
import { SimView } from './ui/simView';
import { StoryView } from './ui/storyView';
import { TransportView } from './ui/transportView';
import { SNAPPY_CONTROLS, SPARK_CONTROLS, WhatIf, fileValues, settingChanges } from './whatIf';

export interface Host {
  post(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: PanelState): void;
}

const WHATIF_DEBOUNCE_MS = 100;
/** From this width (CSS px) the controls and layout sit beside the run (style.css uses the same). */
const WIDE_PX = 1000;
/** A story re-runs the scenario several times: it starts after the result is drawn. */
const STORY_DELAY_MS = 50;

export class App {
  private config: ConfigPayload | undefined;
  private model: LayoutModel | undefined;
  private whatIf: WhatIf = {};
  private member = 0;
  private scenario: ScenarioRef | undefined;
  private speed = 1;
  private view: 'simulation' | 'compare' | 'cluster' = 'simulation';
  /** The member files of the shown SnappyData file's folder (the `cluster` message). */
  private cluster: ClusterPayload | undefined;
  private readonly clusterView = new ClusterView(() => this.runCluster());
  private readonly clusterSection = h('section', { class: 'cluster-section', 'aria-label': 'Cluster' });
  private readonly player = new Player(
    {
      show: (r) => this.sim.show(r),
      status: (t) => this.setStatus(t),
      changed: () => {
        this.updateButtons();
        this.maybeStory();
      },
    },
    () => this.speed,
  );
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private playWhenReady = false;

  private readonly status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
  private readonly title = h('h1', { 'data-testid': 'title' }, 'Spark Memory simulation');
  private readonly problems = h('div', { class: 'problems-slot' });
  private readonly layout = h('section', { class: 'layout', 'aria-label': 'Memory layout' });
  private readonly layoutSummary = h('summary', { 'data-testid': 'layout-summary' }, 'Memory layout');
  private readonly layoutDetails = h(
    'details',
    { class: 'layout-details', 'data-testid': 'layout-details' },
    this.layoutSummary,
  );
  private readonly story = new StoryView((w) => this.tryWhatIf(w.settings, w.label));
  /** The result the story is (being) told for. */
  private storyFor: SimResult | undefined;
  private storyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly controls: ControlsView;
  private readonly sim = new SimView();
  private readonly compare: CompareView;
  private readonly transport: TransportView;
  private readonly simSection = h('section', { class: 'simulation', 'aria-label': 'Simulation' });
  private readonly compareSection = h('section', { class: 'compare', 'aria-label': 'Compare' });
  private readonly tabs = {
    simulation: h('button', { 'data-testid': 'tab-simulation' }, 'Simulation'),
    compare: h('button', { 'data-testid': 'tab-compare' }, 'Compare'),
    cluster: h('button', { 'data-testid': 'tab-cluster', hidden: true }, 'Cluster'),
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {
    this.controls = new ControlsView({
      change: (w) => this.changeWhatIf(w),
      apply: () => this.apply(),
      reset: () => {
        this.whatIf = {};
        this.save();
        this.recompute(true);
        this.renderControls();
      },
    });
    this.compare = new CompareView(
      () => this.compareLevels(),
      () => this.compareConfigs(),
    );
    const st = parsePanelState(host.getState());
    this.speed = st.speed ?? 1;
    this.transport = new TransportView(presets(), this.speed, {
      choose: (ref) => {
        this.scenario = ref;
        this.save();
        this.resetRun();
        if (this.cluster !== undefined) this.onCluster(this.cluster);
      },
      pickFile: () => {
        this.host.post({ type: 'pickScenario' });
        this.transport.render(this.scenario);
      },
      play: () => this.play(),
      pause: () => this.player.pause(),
      step: () => this.stepOnce(),
      reset: () => this.resetRun(),
      speed: (v) => {
        this.speed = v;
        this.save();
      },
    });
    this.whatIf = st.whatIf ?? {};
    this.member = st.member !== undefined ? st.member - 1 : 0;
    this.scenario = st.scenario;
    if (st.scenario?.source === 'file') this.transport.addFile(st.scenario);
    this.view = st.view ?? 'simulation';
    this.restoredUri = st.uri;
    this.build();
  }

  private restoredUri: string | undefined;
  /** The document version an Apply was sent for, while its "Applied …" note is still true. */
  private appliedBase: number | undefined;

  /** Stops and forgets every run and comparison: they belong to a config no longer shown. */
  private forgetRuns(why: string): void {
    this.player.load(undefined);
    this.sim.clear(why);
    this.compare.clear(why);
    this.forgetStory();
  }

  private forgetStory(): void {
    if (this.storyTimer !== undefined) clearTimeout(this.storyTimer);
    this.storyTimer = undefined;
    this.storyFor = undefined;
    this.story.clear();
  }

  /** Once a run is finished: its story, from the engine (which re-runs the scenario to check each what-if). */
  private maybeStory(): void {
    const r = this.player.result;
    if (r === undefined || r === this.storyFor) return;
    this.forgetStory();
    this.storyFor = r;
    const sc = this.scenario !== undefined ? scenarioOf(this.scenario) : undefined;
    const req = this.sourceRequest(true);
    if (sc === undefined || !sc.ok || req === undefined) return;
    this.story.working();
    this.storyTimer = setTimeout(() => {
      this.storyTimer = undefined;
      if (this.storyFor !== r) return;
      this.story.show(storyOf(req, sc.value, r));
    }, STORY_DELAY_MS);
  }

  /** A what-if the story (or anything else) proposes: merged into the current one, run at once. */
  private tryWhatIf(settings: Readonly<Record<string, string>>, label: string): void {
    this.whatIf = { ...this.whatIf, ...settings };
    this.save();
    this.recompute(true);
    this.renderControls();
    this.setStatus(`Trying ${label} (a what-if: the file is unchanged until Apply).`);
  }

  private build(): void {
    const exportButtons = h(
      'div',
      { class: 'buttons export', role: 'group', 'aria-label': 'Export' },
      ...(['json', 'csv', 'svg', 'png'] as const).map((f) => {
        const b = h('button', { class: 'secondary', 'data-testid': `export-${f}` }, `Export ${f.toUpperCase()}`);
        b.addEventListener('click', () => this.export(f));
        return b;
      }),
    );
    this.sim.slot.append(this.story.el);
    this.simSection.append(this.transport.el, this.sim.el, exportButtons);
    this.layoutDetails.append(this.layout);
    // Wide panels show the layout beside the run; narrow ones fold it, so the run stays in view.
    this.layoutDetails.open = window.innerWidth >= WIDE_PX;
    this.compareSection.append(this.compare.el);
    this.clusterSection.append(this.clusterView.el);
    for (const v of ['simulation', 'compare', 'cluster'] as const)
      this.tabs[v].addEventListener('click', () => this.setView(v));
    clear(this.root);
    this.root.append(
      h(
        'header',
        {},
        this.title,
        h(
          'div',
          { class: 'tabs', role: 'group', 'aria-label': 'View' },
          this.tabs.simulation,
          this.tabs.compare,
          this.tabs.cluster,
        ),
        this.status,
      ),
      this.problems,
      h(
        'div',
        { class: 'workspace' },
        h('div', { class: 'main-col' }, this.simSection, this.compareSection, this.clusterSection),
        h('aside', { class: 'side-col', 'aria-label': 'What-if and layout' }, this.controls.el, this.layoutDetails),
      ),
    );
    this.transport.render(this.scenario);
    this.setView(this.view);
    this.updateButtons();
    this.setStatus('Waiting for a Spark or SnappyData config…');
  }

  // ---- messages ---------------------------------------------------------------------------------

  receive(raw: unknown): void {
    const m = parseHostMessage(raw);
    if (!m.ok) {
      this.host.post({ type: 'log', level: 'error', message: `webview ignored a message: ${m.error}` });
      return;
    }
    this.handle(m.value);
  }

  private handle(m: HostMessage): void {
    switch (m.type) {
      case 'config':
        this.onConfig(m.config);
        break;
      case 'cluster':
        this.onCluster(m.cluster);
        break;
      case 'noConfig':
        this.config = undefined;
        this.model = undefined;
        this.forgetRuns('No config: nothing to show.');
        this.forgetCluster();
        clear(this.layout);
        clear(this.problems);
        this.controls.clear();
        this.title.textContent = 'Spark Memory simulation';
        this.setStatus(m.message);
        break;
      case 'runScenario':
        if (m.scenario.source === 'file') this.transport.addFile(m.scenario);
        this.scenario = m.scenario;
        this.transport.render(this.scenario);
        this.save();
        if (this.cluster !== undefined) this.onCluster(this.cluster);
        // Before the first config there is nothing to run yet: play once it arrives.
        this.playWhenReady = this.model === undefined;
        this.resetRun();
        this.play();
        break;
      case 'requestExport':
        this.export(m.format, m.requestId);
        break;
      case 'applied':
        this.controls.showApplied(m.ok, m.message);
        if (!m.ok) this.appliedBase = undefined;
        this.setStatus(m.message);
        break;
    }
  }

  ready(): void {
    this.host.post({ type: 'ready', protocol: PROTOCOL_VERSION });
  }

  private onConfig(c: ConfigPayload): void {
    const sameFile = (this.config?.uri ?? this.restoredUri) === c.uri;
    if (!sameFile) {
      this.whatIf = {};
      this.member = 0;
    }
    this.restoredUri = undefined;
    const fileChanged = this.config === undefined || this.config.uri !== c.uri;
    // Nothing of another file may stay on screen, even for the moment before this one's run.
    if (fileChanged) this.forgetRuns(`Loading ${c.fileName}…`);
    if (fileChanged || c.kind !== 'snappy-members') this.forgetCluster();
    // "Applied …" speaks of the one edit Apply made (version base + 1): any later edit, an undo
    // included, makes it untrue.
    if (this.appliedBase !== undefined && (fileChanged || c.version > this.appliedBase + 1)) {
      this.appliedBase = undefined;
      this.controls.showApplied(true, '');
    }
    this.config = c;
    this.title.textContent = `Simulation: ${c.fileName}`;
    this.recompute(!fileChanged && this.player.isStarted);
    // After an apply (or an edit by hand) the file holds what a what-if said: that what-if is done.
    if (this.model !== undefined) {
      const inFile = fileValues(this.model.doc, this.model.member);
      this.whatIf = Object.fromEntries(Object.entries(this.whatIf).filter(([k, v]) => inFile[k] !== v));
    }
    this.save();
    this.renderControls();
    if (this.playWhenReady && this.player.loaded) {
      this.playWhenReady = false;
      this.play();
    }
  }

  // ---- layout and what-if -----------------------------------------------------------------------

  private renderControls(): void {
    const m = this.model;
    if (m === undefined) return;
    const list = m.flavour === 'snappydata' ? SNAPPY_CONTROLS : SPARK_CONTROLS;
    // Controls start from the file's layout (what-ifs left out), defaults included.
    let effective: Record<string, string | undefined> = {};
    try {
      effective = effectiveValues(
        Object.keys(this.whatIf).length === 0 || this.config === undefined
          ? m
          : buildLayoutModel(this.config, {}, m.member),
      );
    } catch {
      /* the file does not lay out: the controls start empty */
    }
    this.controls.render(list, fileValues(m.doc, m.member), effective, this.whatIf, this.config !== undefined);
  }

  private changeWhatIf(w: WhatIf): void {
    this.whatIf = w;
    this.save();
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.recompute(true);
      const apply = this.root.querySelector<HTMLButtonElement>('[data-testid="apply"]');
      if (apply !== null) apply.disabled = Object.keys(this.whatIf).length === 0;
      const reset = this.root.querySelector<HTMLButtonElement>('[data-testid="whatif-reset"]');
      if (reset !== null) reset.disabled = Object.keys(this.whatIf).length === 0;
    }, WHATIF_DEBOUNCE_MS);
  }

  /** Re-derives the layout; `rerun` runs the chosen scenario to the end at once (live what-if). */
  private recompute(rerun: boolean): void {
    const c = this.config;
    if (c === undefined) return;
    try {
      this.model = buildLayoutModel(c, this.whatIf, this.member);
    } catch (e) {
      this.model = undefined;
      clear(this.layout);
      this.forgetRuns(`${c.fileName} cannot be laid out.`);
      this.setStatus(`Cannot lay out ${c.fileName}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const m = this.model;
    this.member = m.member;
    clear(this.layout);
    this.summarizeLayout(m, c.uri);
    this.layout.append(
      h('h2', {}, m.flavour === 'snappydata' ? `Cluster: ${m.columns.length} member(s)` : 'Executor memory layout'),
      renderLayout(m, (i) => this.selectMember(i)),
    );
    clear(this.problems);
    const p = renderProblems(m.blocking, (line) => this.host.post({ type: 'reveal', uri: c.uri, line }));
    if (p !== undefined) this.problems.append(p);
    if (m.blocking.length > 0) {
      this.forgetRuns(`${c.fileName} does not run: see the problems above.`);
      this.setStatus(`${m.blocking.length} problem(s) stop the simulation of ${c.fileName}`);
    } else if (rerun && this.scenario !== undefined) {
      this.runToEnd();
    } else {
      this.resetRun();
    }
    this.updateButtons();
  }

  /** The folded layout still says the sizes that matter; a cluster opens it (its columns pick the member). */
  private summarizeLayout(m: LayoutModel, uri: string): void {
    const col = m.columns[m.member] ?? m.columns[0];
    const parts = (col?.heap ?? []).filter((x) => x.bytes > 0).map((x) => `${x.label} ${formatBytes(x.bytes)}`);
    // A config Spark refuses has no layout: its sizes (a negative user memory, a default put in for a
    // size Spark cannot read) must not read as one.
    this.layoutSummary.textContent =
      m.blocking.length > 0
        ? 'Memory layout: none, Spark refuses this config (inside: what the rest of the file would give)'
        : `Memory layout${col !== undefined && m.columns.length > 1 ? ` of ${col.title}` : ''}${parts.length > 0 ? `: ${parts.join(' · ')}` : ''}`;
    this.layoutDetails.classList.toggle('refused', m.blocking.length > 0);
    if (m.flavour === 'snappydata' && this.layoutOpenedFor !== uri) this.layoutDetails.open = true;
    this.layoutOpenedFor = uri;
  }

  private layoutOpenedFor: string | undefined;

  private selectMember(i: number): void {
    if (i === this.member) return;
    this.member = i;
    this.save();
    this.recompute(this.player.isStarted);
    this.renderControls();
  }

  private apply(): void {
    const c = this.config;
    const m = this.model;
    if (c === undefined || m === undefined) return;
    const changes = settingChanges(this.whatIf, m.flavour);
    if (changes.length === 0) return;
    this.appliedBase = c.version;
    this.host.post({
      type: 'apply',
      uri: c.uri,
      version: c.version,
      ...(m.flavour === 'snappydata' ? { member: m.member + 1 } : {}),
      changes,
    });
    this.setStatus(`Applying ${changes.map((x) => `${x.key}=${x.value}`).join(', ')} to ${c.fileName}…`);
  }

  // ---- scenarios and runs -----------------------------------------------------------------------

  private sourceRequest(whatIf: boolean) {
    const m = this.model;
    const c = this.config;
    if (m === undefined || c === undefined) return undefined;
    return {
      doc: whatIf ? m.simDoc : m.doc,
      overrides: whatIf ? m.overrides : {},
      member: m.member,
      label: c.fileName,
      ...(m.sparkVersion !== undefined ? { sparkVersion: m.sparkVersion } : {}),
      ...(m.leads !== undefined ? { leads: m.leads } : {}),
    };
  }

  private source(whatIf: boolean) {
    const req = this.sourceRequest(whatIf);
    if (req === undefined) return { ok: false as const, message: 'no config' };
    return executorSource(req);
  }

  /** A fresh run of the chosen scenario on the current (what-if) executor, loaded but not started. */
  private resetRun(): boolean {
    this.player.load(undefined);
    this.sim.clear();
    this.forgetStory();
    if (this.model === undefined || this.model.blocking.length > 0) return false;
    if (this.scenario === undefined) {
      this.setStatus('Choose a scenario, then Play.');
      return false;
    }
    const sc = scenarioOf(this.scenario);
    if (!sc.ok) {
      this.setStatus(`Scenario: ${sc.message}`);
      return false;
    }
    const src = this.source(true);
    if (!src.ok) {
      this.setStatus(`Cannot simulate: ${src.message}`);
      return false;
    }
    this.transport.describe(sc.value.description ?? '');
    this.player.load(startRun(src.value, sc.value, MAX_POINTS));
    this.setStatus(`Ready: ${sc.value.name}. Press Play.`);
    return true;
  }

  private runToEnd(): void {
    if (this.resetRun()) this.player.runToEnd();
  }

  private play(): void {
    if ((!this.player.loaded || this.player.finished) && !this.resetRun()) return;
    this.player.play();
  }

  private stepOnce(): void {
    if ((!this.player.loaded || this.player.finished) && !this.resetRun()) return;
    this.player.step();
  }

  private updateButtons(): void {
    const can =
      this.player.loaded ||
      (this.scenario !== undefined && this.model !== undefined && this.model.blocking.length === 0);
    this.transport.buttonsState(can, this.player.isPlaying);
  }

  // ---- compare ----------------------------------------------------------------------------------

  private compareLevels(): void {
    const sc = this.scenario !== undefined ? scenarioOf(this.scenario) : undefined;
    const src = this.source(true);
    if (sc === undefined || !sc.ok || !src.ok || (this.model?.blocking.length ?? 1) > 0) {
      this.compare.show('Choose a scenario on a config that starts, then compare.');
      return;
    }
    const rows = compareLevels(src.value, sc.value);
    const table = renderComparison(
      `${sc.value.name} under each storage level`,
      rows.map((r) => ({ name: r.level, result: r.result })),
      'compare-levels-result',
    );
    const advice = adviceFor(sc.value, rows);
    if (advice !== undefined)
      table.insertBefore(h('p', { class: 'advice', 'data-testid': 'level-advice' }, advice), table.children[1] ?? null);
    this.compare.show(table);
    this.setStatus(`Compared ${rows.length} storage levels`);
  }

  private compareConfigs(): void {
    const sc = this.scenario !== undefined ? scenarioOf(this.scenario) : undefined;
    const a = this.source(false);
    const b = this.source(true);
    if (sc === undefined || !sc.ok) {
      this.compare.show('Choose a scenario first.');
      return;
    }
    if (!a.ok || !b.ok) {
      this.compare.show(
        `Cannot compare: ${!a.ok ? `file config: ${a.message}` : ''} ${!b.ok ? `what-if config: ${b.message}` : ''}`,
      );
      return;
    }
    const r = compareConfigs(a.value, b.value, sc.value);
    this.compare.show(
      renderComparison(
        `${sc.value.name}: file vs what-if`,
        [
          { name: 'File', result: r.a },
          { name: 'What-if', result: r.b },
        ],
        'compare-configs-result',
      ),
    );
  }

  private setView(v: 'simulation' | 'compare' | 'cluster'): void {
    // The cluster view belongs to a SnappyData file: anything else shows the simulation.
    const view = v === 'cluster' && this.tabs.cluster.hidden ? 'simulation' : v;
    this.view = view;
    this.simSection.hidden = view !== 'simulation';
    this.compareSection.hidden = view !== 'compare';
    this.clusterSection.hidden = view !== 'cluster';
    for (const t of ['simulation', 'compare', 'cluster'] as const)
      this.tabs[t].setAttribute('aria-pressed', String(view === t));
    this.save();
  }

  // ---- cluster ----------------------------------------------------------------------------------

  /** The member files of the shown file's folder: the Cluster tab appears for them. */
  private onCluster(c: ClusterPayload): void {
    if (this.config === undefined || c.uri !== this.config.uri) return;
    this.cluster = c;
    this.tabs.cluster.hidden = false;
    this.clusterView.show(
      this.scenario !== undefined
        ? 'Run the chosen scenario on every data server to see which reaches critical-heap-percentage first.'
        : 'Choose a scenario, then run it on every data server.',
      this.scenario !== undefined,
    );
  }

  /** Runs the chosen scenario on each data server of the cluster (the core's clusterView). */
  private runCluster(): void {
    const c = this.cluster;
    const sc = this.scenario !== undefined ? scenarioOf(this.scenario) : undefined;
    if (c === undefined || sc === undefined) {
      this.clusterView.show('Choose a scenario, then run it on every data server.', sc !== undefined);
      return;
    }
    if (!sc.ok) {
      this.clusterView.show(`The scenario does not parse: ${sc.message}`, true);
      return;
    }
    try {
      this.clusterView.render(clusterOf(c, sc.value));
    } catch (e) {
      this.clusterView.show(`The cluster cannot be run: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  /** Another file (or none): its cluster, if any, comes with its own message. */
  private forgetCluster(): void {
    this.cluster = undefined;
    this.tabs.cluster.hidden = true;
    this.clusterView.show('Open a SnappyData servers, leads or locators file to see its cluster.');
    if (this.view === 'cluster') this.setView('simulation');
  }

  // ---- export -----------------------------------------------------------------------------------

  /** The run to export: the finished or paused one, else the chosen scenario run to its end now. */
  private currentResult(): SimResult | undefined {
    if (this.player.isStarted) return this.player.snapshot();
    if (this.resetRun()) this.player.finishNow();
    return this.player.result;
  }

  /** Where the exported run came from: the config, the what-if, the scenario, the versions. */
  private reportContext(): ReportContext {
    const c = this.config;
    const m = this.model;
    const sc = this.scenario !== undefined ? scenarioOf(this.scenario) : undefined;
    let settings: Record<string, string> = {};
    try {
      if (m !== undefined)
        settings = Object.fromEntries(
          Object.entries(effectiveValues(m)).filter((e): e is [string, string] => e[1] !== undefined),
        );
    } catch {
      /* a config that does not lay out exports without its settings */
    }
    return {
      file: c?.fileName ?? '',
      kind: c?.kind ?? '',
      settings,
      whatIf: { ...this.whatIf },
      scenario: {
        name: sc?.ok === true ? sc.value.name : '',
        ...(sc?.ok === true && sc.value.description !== undefined ? { description: sc.value.description } : {}),
        source: this.scenario?.source === 'file' ? this.scenario.fileName : `preset ${this.scenario?.id ?? ''}`,
      },
      ...(c?.productVersion !== undefined ? { productVersion: c.productVersion } : {}),
    };
  }

  private export(format: ExportFormat, requestId?: number): void {
    const r = this.currentResult();
    if (r === undefined) {
      this.host.post({
        type: 'log',
        level: 'error',
        message: 'Nothing to export: choose a scenario on a config that starts.',
      });
      this.setStatus('Nothing to export yet: choose a scenario.');
      return;
    }
    void reportData(format, r, this.reportContext()).then((d) => {
      if (d === undefined) {
        this.host.post({
          type: 'log',
          level: 'error',
          message: `Cannot export ${format}: the picture could not be drawn.`,
        });
        return;
      }
      this.host.post({
        type: 'export',
        format,
        ...(requestId !== undefined ? { requestId } : {}),
        suggestedName: exportName(r, format),
        data: d.data,
        encoding: d.encoding,
      });
      this.setStatus(`Exported ${format.toUpperCase()}`);
    });
  }

  // ---- state and misc ---------------------------------------------------------------------------

  private save(): void {
    const s: PanelState = {
      ...(this.config !== undefined
        ? { uri: this.config.uri }
        : this.restoredUri !== undefined
          ? { uri: this.restoredUri }
          : {}),
      ...(this.scenario !== undefined ? { scenario: this.scenario } : {}),
      whatIf: this.whatIf,
      member: this.member + 1,
      speed: this.speed,
      view: this.view,
    };
    this.host.setState(s);
  }

  private setStatus(s: string): void {
    this.status.textContent = s;
  }

  retheme(): void {
    this.sim.retheme();
  }
}
