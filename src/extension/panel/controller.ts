// The simulation panel in the extension: its commands (Open Simulation, Run Scenario…, New
// Scenario File, Export Simulation Report), the "Open Simulation" CodeLens, the serializer that
// brings the panel back after a reload, and the following of the active config editor. One panel
// at most; it follows the active editor when that is a config file and keeps the last config
// shown otherwise.
import * as vscode from 'vscode';
import { EXPORT_FORMATS, parsePanelState, type ExportFormat, type HostMessage } from '../../shared/protocol';
import type { Linter } from '../diagnostics';
import { SELECTOR, documentTypeOf, openDocument } from '../documents';
import { SECTION } from '../settings';
import { configPayload } from './configPayload';
import { TITLE, VIEW_TYPE, webviewOptions } from './html';
import { pickScenario, scenarioFromArgument, scenarioTemplate } from './scenarios';
import { NO_CONFIG_MESSAGE, PanelHost, SimulationPanel } from './simulationPanel';

export const OPEN_SIMULATION_COMMAND = 'sparkMemory.openSimulation';
export const RUN_SCENARIO_COMMAND = 'sparkMemory.runScenario';
export const NEW_SCENARIO_COMMAND = 'sparkMemory.newScenarioFile';
export const EXPORT_REPORT_COMMAND = 'sparkMemory.exportReport';
/** Context key for the editor title button: the active editor's config kind (or absent). */
export const ACTIVE_CONFIG_CONTEXT = 'sparkMemory.activeConfigKind';
export const FOLLOW_DELAY_MS = 250;

/** What in-host tests may reach (returned by activate; not a public API). */
export interface PanelTestHandle {
  readonly panel: vscode.WebviewPanel;
  /** Validates and handles a message as if the page sent it; false when rejected. */
  handleMessage(raw: unknown): boolean;
  /** Every message posted to the page, oldest first. */
  lastPosted(): readonly HostMessage[];
}

export interface SparkMemoryTestApi {
  simulationPanel(): PanelTestHandle | undefined;
  /** The notifications the panel commands showed, oldest first. */
  notices(): readonly string[];
  /** Replaces the save dialog of exports (undefined restores it). */
  setSaveTarget(fn: ((suggested: vscode.Uri) => Promise<vscode.Uri | undefined>) | undefined): void;
  /** The serializer VS Code calls to restore the panel after a reload. */
  readonly serializer: vscode.WebviewPanelSerializer;
  /** Sets how long the panel waits before following the active editor (undefined: FOLLOW_DELAY_MS). */
  setFollowDelay(ms: number | undefined): void;
}

export class PanelController implements vscode.Disposable {
  private current: SimulationPanel | undefined;
  private readonly subs: { dispose(): unknown }[] = [];
  /** The panel's channel, made on its first line (activation does not create it). */
  private outputChannel: vscode.OutputChannel | undefined;
  private readonly notes: string[] = [];
  private saveOverride: ((suggested: vscode.Uri) => Promise<vscode.Uri | undefined>) | undefined;
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private followDelayMs = FOLLOW_DELAY_MS;
  /** The value of the ACTIVE_CONFIG_CONTEXT key last set ('' before the first). */
  private activeKind: string | undefined = '';
  readonly serializer: vscode.WebviewPanelSerializer;
  private readonly host: PanelHost;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly linter: Linter,
  ) {
    const output = (): vscode.OutputChannel =>
      (this.outputChannel ??= vscode.window.createOutputChannel('Spark Memory'));
    this.host = {
      extensionUri,
      get output() {
        return output();
      },
      payload: (doc, type) => configPayload(doc, type, this.linter.collection.get(doc.uri) ?? []),
      pickScenario: () => pickScenario(),
      saveTarget: (suggested, format) =>
        this.saveOverride !== undefined
          ? this.saveOverride(suggested)
          : Promise.resolve(
              vscode.window.showSaveDialog({
                defaultUri: suggested,
                filters: SimulationPanel.filters(format),
                title: 'Save the simulation report',
              }),
            ),
      notify: (message) => this.notify(message),
    };
    this.serializer = { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) };
  }

  register(context: vscode.ExtensionContext): void {
    const reg = (id: string, fn: (...args: never[]) => unknown): void => {
      this.subs.push(vscode.commands.registerCommand(id, fn));
    };
    reg(OPEN_SIMULATION_COMMAND, (target?: unknown) => this.openSimulation(target));
    reg(RUN_SCENARIO_COMMAND, (arg?: unknown) => this.runScenario(arg));
    reg(NEW_SCENARIO_COMMAND, () => this.newScenarioFile());
    reg(EXPORT_REPORT_COMMAND, (format?: unknown) => this.exportReport(format));
    this.subs.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, this.serializer),
      vscode.languages.registerCodeLensProvider(SELECTOR, {
        provideCodeLenses: (doc) =>
          documentTypeOf(doc) === undefined
            ? []
            : [
                new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
                  title: '$(graph) Open Simulation',
                  command: OPEN_SIMULATION_COMMAND,
                  arguments: [doc.uri],
                  tooltip: 'Simulate this config in the Spark Memory panel',
                }),
              ],
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => this.onActiveEditor(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        // A YAML file can become (or stop being) a SparkApplication as it is typed.
        if (e.document === vscode.window.activeTextEditor?.document)
          this.setActiveKind(documentTypeOf(e.document)?.kind);
        if (this.current?.dependsOn(e.document.uri) === true) this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = this.current?.document;
        if (doc !== undefined && e.uris.some((u) => u.toString() === doc.uri.toString())) this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.refresh();
      }),
    );
    context.subscriptions.push(this);
    this.onActiveEditor(vscode.window.activeTextEditor);
  }

  testApi(): SparkMemoryTestApi {
    return {
      simulationPanel: () => {
        const p = this.current;
        if (p === undefined) return undefined;
        return { panel: p.panel, handleMessage: (raw) => p.handleMessage(raw), lastPosted: () => [...p.posted] };
      },
      notices: () => [...this.notes],
      setSaveTarget: (fn) => {
        this.saveOverride = fn;
      },
      serializer: this.serializer,
      setFollowDelay: (ms) => {
        this.followDelayMs = ms ?? FOLLOW_DELAY_MS;
      },
    };
  }

  private notify(message: string): void {
    this.notes.push(message);
    if (this.notes.length > 100) this.notes.shift();
    // Not awaited: a notification must never hold up a command.
    void vscode.window.showInformationMessage(message);
  }

  /** The active editor's document when it is a config file. */
  private activeConfig(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc !== undefined && documentTypeOf(doc) !== undefined ? doc : undefined;
  }

  private onActiveEditor(editor: vscode.TextEditor | undefined): void {
    const type = editor !== undefined ? documentTypeOf(editor.document) : undefined;
    this.setActiveKind(type?.kind);
    if (this.current === undefined || editor === undefined || type === undefined) return;
    if (this.followTimer !== undefined) clearTimeout(this.followTimer);
    // The timer shows the config this event named, not whatever editor is active when it fires: a click on
    // the panel's own tab (or on a non-config file) within the delay must not lose the file just opened.
    const doc = editor.document;
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      if (!doc.isClosed && this.current !== undefined && this.current.document !== doc) this.current.show(doc);
    }, this.followDelayMs);
  }

  private setActiveKind(kind: string | undefined): void {
    if (kind === this.activeKind) return;
    this.activeKind = kind;
    void vscode.commands.executeCommand('setContext', ACTIVE_CONFIG_CONTEXT, kind);
  }

  /** The shown config changed (text, diagnostics, leads file, settings): send it again, debounced. */
  private refresh(): void {
    const p = this.current;
    if (p?.document !== undefined) p.show(p.document, FOLLOW_DELAY_MS);
  }

  private adopt(panel: vscode.WebviewPanel): SimulationPanel {
    const p = new SimulationPanel(panel, this.host);
    this.current = p;
    p.onDidDispose(() => {
      if (this.current === p) this.current = undefined;
    });
    return p;
  }

  /** The panel, created (beside the editor) or revealed. */
  private ensurePanel(): SimulationPanel {
    if (this.current !== undefined) {
      this.current.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      TITLE,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    return this.adopt(panel);
  }

  private async documentFor(target: unknown): Promise<vscode.TextDocument | undefined> {
    if (target instanceof vscode.Uri) {
      try {
        const doc = openDocument(target) ?? (await vscode.workspace.openTextDocument(target));
        return documentTypeOf(doc) !== undefined ? doc : undefined;
      } catch {
        return undefined;
      }
    }
    return this.activeConfig();
  }

  /** Opens (or reveals) the panel for a config: the one given, the active one, or the one already shown. */
  async openSimulation(target?: unknown): Promise<{ readonly uri?: string; readonly message?: string }> {
    const doc = await this.documentFor(target);
    const p = this.ensurePanel();
    if (doc !== undefined) {
      p.show(doc);
      return { uri: doc.uri.toString() };
    }
    if (p.document !== undefined) return { uri: p.document.uri.toString() };
    const message =
      target instanceof vscode.Uri
        ? `${vscode.workspace.asRelativePath(target, false)} is not a Spark or SnappyData config file. ${NO_CONFIG_MESSAGE}`
        : NO_CONFIG_MESSAGE;
    p.showNoConfig(message);
    this.notify(`Spark Memory: ${message}`);
    return { message };
  }

  async runScenario(arg?: unknown): Promise<string | undefined> {
    const scenario = arg !== undefined ? await scenarioFromArgument(arg) : await pickScenario();
    if (scenario === undefined) {
      if (arg !== undefined)
        this.notify(
          `Spark Memory: ${typeof arg === 'string' ? `there is no built-in scenario "${arg}"` : 'that is not a scenario'}.`,
        );
      return undefined;
    }
    const opened = await this.openSimulation();
    if (opened.uri === undefined)
      this.notify('Spark Memory: the scenario runs once a config file is open in the simulation panel.');
    this.current?.runScenario(scenario);
    return scenario.source === 'preset' ? scenario.id : scenario.fileName;
  }

  async newScenarioFile(): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: scenarioTemplate() });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  async exportReport(format?: unknown): Promise<string | undefined> {
    const p = this.current;
    if (p === undefined) {
      this.notify(
        'Spark Memory: open the simulation first (Spark Memory: Open Simulation), run a scenario, then export its report.',
      );
      return undefined;
    }
    if (p.document === undefined) {
      this.notify(
        'Spark Memory: the simulation has no config yet. Open a config file, run a scenario, then export its report.',
      );
      p.reveal();
      return undefined;
    }
    let f: ExportFormat | undefined;
    if (typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format))
      f = format as ExportFormat;
    else if (format !== undefined) {
      this.notify(`Spark Memory: the report can be exported as ${EXPORT_FORMATS.join(', ')}.`);
      return undefined;
    } else {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'JSON', description: 'the run: settings, summary, series and events', format: 'json' as const },
          { label: 'CSV', description: 'the memory pools over time', format: 'csv' as const },
          { label: 'SVG', description: 'the chart as a vector image', format: 'svg' as const },
          { label: 'PNG', description: 'the chart as an image', format: 'png' as const },
        ],
        { title: 'Spark Memory: Export Simulation Report', placeHolder: 'Export the simulation as…' },
      );
      if (pick === undefined) return undefined;
      f = pick.format;
    }
    p.reveal();
    const saved = await p.requestExport(f);
    return saved?.toString();
  }

  /** The serializer's half: the panel VS Code kept across a reload, with the page's saved state. */
  private async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parsePanelState(rawState);
    if (this.current !== undefined && this.current.panel !== panel) {
      // Only one panel: a second restored one closes (its state lives in the one that is open).
      panel.dispose();
      return;
    }
    const p = this.adopt(panel);
    let doc: vscode.TextDocument | undefined;
    if (state.uri !== undefined) {
      try {
        const uri = vscode.Uri.parse(state.uri, true);
        doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
      } catch {
        doc = undefined;
      }
    }
    if (doc === undefined || documentTypeOf(doc) === undefined) doc = this.activeConfig();
    if (doc !== undefined) p.show(doc);
    else p.showNoConfig();
  }

  dispose(): void {
    if (this.followTimer !== undefined) clearTimeout(this.followTimer);
    this.current?.dispose();
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
    this.outputChannel?.dispose();
    this.outputChannel = undefined;
  }
}
