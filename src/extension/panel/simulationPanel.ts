// One simulation panel: the webview, the config it shows and every message both ways. The webview
// is an untrusted boundary: each message it sends is validated (parseWebviewMessage), a bad one is
// logged and ignored, and an "apply" only ever edits a document this panel sent, at the version it
// sent. Messages wait until the page says it is ready (it says so again after being hidden and
// shown, since its context is not retained), then the current config and any queued scenario go.
import * as vscode from 'vscode';
import { WHAT_IF_APPLIED_CONTEXT, setContext } from '../walkthrough';
import { settingEdits } from '../../core/edit';
import { memberRoleOf, type DocumentType } from '../../core/document/kind';
import {
  PROTOCOL_VERSION,
  parseWebviewMessage,
  type ConfigPayload,
  type ExportFormat,
  type HostMessage,
  type ScenarioRef,
  type WebviewMessage,
} from '../../shared/protocol';
import { documentTypeOf, leadsUriOf, openDocument } from '../documents';
import { checkApplyTarget } from './applyTarget';
import { clusterPayload } from './configPayload';
import { base64Bytes, panelHtml, webviewOptions } from './html';

/** What the panel needs from the rest of the extension. */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  readonly output: vscode.OutputChannel;
  /** The config message for a document (text, diagnostics, leads file...). */
  payload(doc: vscode.TextDocument, type: DocumentType): Promise<ConfigPayload>;
  /** The Run Scenario quick pick. */
  pickScenario(): Promise<ScenarioRef | undefined>;
  /** Where to save an export (the save dialog; tests replace it). */
  saveTarget(suggested: vscode.Uri, format: ExportFormat): Promise<vscode.Uri | undefined>;
  notify(message: string): void;
}

export const NO_CONFIG_MESSAGE =
  'Open a spark-defaults.conf, a SnappyData conf/servers, leads or locators file, or a SparkApplication YAML to simulate its memory.';

interface ExportRequest {
  readonly format: ExportFormat;
  readonly resolve: (uri: vscode.Uri | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const FILTERS: Readonly<Record<ExportFormat, Record<string, string[]>>> = {
  json: { JSON: ['json'] },
  csv: { CSV: ['csv'] },
  svg: { SVG: ['svg'] },
  png: { PNG: ['png'] },
};

export class SimulationPanel implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private ready = false;
  /** The document shown (undefined until a config was shown). */
  private doc: vscode.TextDocument | undefined;
  /** The config last sent to the page: an apply must name exactly this document and version. */
  private sent: { readonly uri: string; readonly version: number } | undefined;
  private pendingScenario: ScenarioRef | undefined;
  private noConfig: string | undefined = NO_CONFIG_MESSAGE;
  private readonly exports = new Map<number, ExportRequest>();
  private nextRequest = 1;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private sendRun = 0;
  /** The config send in flight: a scenario waits for it so the page has the config first. */
  private sending: Promise<void> = Promise.resolve();
  /** Everything posted, newest last (tests read it; bounded). */
  readonly posted: HostMessage[] = [];
  private disposed = false;
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
  ) {
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.webview.html = panelHtml(panel.webview, host.extensionUri);
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.handleMessage(m)),
      panel.onDidChangeViewState((e) => {
        // Without retainContextWhenHidden the page is torn down when hidden; it says "ready" again when shown.
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Shows `doc` (a config document) now or after `delay` ms, replacing a send still waiting. */
  show(doc: vscode.TextDocument, delay = 0): void {
    this.doc = doc;
    this.noConfig = undefined;
    if (this.sendTimer !== undefined) clearTimeout(this.sendTimer);
    this.sendTimer = undefined;
    if (delay <= 0) this.sending = this.sendConfig();
    else
      this.sendTimer = setTimeout(() => {
        this.sendTimer = undefined;
        this.sending = this.sendConfig();
      }, delay);
  }

  /** Shows the "no config" message (only while no config was shown). */
  showNoConfig(message = NO_CONFIG_MESSAGE): void {
    if (this.doc !== undefined) return;
    this.noConfig = message;
    this.post({ type: 'noConfig', message });
  }

  /** Whether `uri` is the shown config or the leads file it reads. */
  dependsOn(uri: vscode.Uri): boolean {
    if (this.doc === undefined) return false;
    const key = uri.toString();
    if (this.doc.uri.toString() === key) return true;
    const type = documentTypeOf(this.doc);
    if (type?.kind === 'snappy-members' && type.role === 'server' && leadsUriOf(this.doc.uri).toString() === key)
      return true;
    // The cluster view reads the other member files of the folder too.
    return type?.kind === 'snappy-members' && memberRoleOf(uri.path) !== undefined && sameFolder(uri, this.doc.uri);
  }

  runScenario(scenario: ScenarioRef): void {
    if (this.ready) void this.sending.then(() => this.post({ type: 'runScenario', scenario }));
    else this.pendingScenario = scenario;
  }

  /** Asks the page for a report; resolves with the file written, or undefined (cancelled, no answer). */
  requestExport(format: ExportFormat, timeoutMs = 30_000): Promise<vscode.Uri | undefined> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.exports.delete(requestId);
        this.host.notify(
          'Spark Memory: the simulation panel did not produce the report. Run a scenario first, then export again.',
        );
        resolve(undefined);
      }, timeoutMs);
      this.exports.set(requestId, { format, resolve, timer });
      // A hidden page is gone (its context is not retained): the request goes when it is back.
      if (this.ready) this.post({ type: 'requestExport', format, requestId });
    });
  }

  private failExports(reason: string): void {
    for (const r of this.exports.values()) {
      clearTimeout(r.timer);
      r.resolve(undefined);
    }
    this.exports.clear();
    this.host.notify(`Spark Memory: no report was exported: ${reason}`);
  }

  /** Requests the page was not there to receive: sent when it says it is ready. */
  private resendExports(): void {
    for (const [requestId, r] of this.exports) this.post({ type: 'requestExport', format: r.format, requestId });
  }

  private async sendConfig(): Promise<void> {
    const doc = this.doc;
    if (doc === undefined || this.disposed) return;
    const run = ++this.sendRun;
    const type = documentTypeOf(doc);
    if (doc.isClosed || type === undefined) return;
    let config: ConfigPayload;
    try {
      config = await this.host.payload(doc, type);
    } catch (e) {
      this.host.output.appendLine(
        `[host] could not read ${doc.uri.toString()}: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    // The panel may have closed during the await above.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (run !== this.sendRun || this.disposed) return;
    if (config.text.length > 8 * 1024 * 1024) {
      this.post({ type: 'noConfig', message: `${config.fileName} is too large to simulate.` });
      return;
    }
    this.sent = { uri: config.uri, version: config.version };
    this.post({ type: 'config', config });
    // A SnappyData member file brings its cluster: every member side by side in the Cluster view.
    if (type.kind === 'snappy-members') {
      const cluster = await clusterPayload(doc).catch(() => undefined);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the panel may close during the await
      if (cluster !== undefined && run === this.sendRun && !this.disposed) this.post({ type: 'cluster', cluster });
    }
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    this.posted.push(message);
    if (this.posted.length > 200) this.posted.splice(0, this.posted.length - 200);
    if (!this.ready) return;
    void this.panel.webview.postMessage(message);
  }

  /** Validates and handles one message from the page; false when it was rejected. */
  handleMessage(raw: unknown): boolean {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.host.output.appendLine(`[host] ignored a message from the simulation panel: ${parsed.error}`);
      return false;
    }
    void this.handle(parsed.value).catch((e: unknown) => {
      this.host.output.appendLine(
        `[host] handling ${parsed.value.type} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    });
    return true;
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        if (m.protocol !== PROTOCOL_VERSION)
          this.host.output.appendLine(
            `[host] the panel speaks protocol ${m.protocol}, the extension ${PROTOCOL_VERSION}`,
          );
        this.ready = true;
        if (this.doc !== undefined) await (this.sending = this.sendConfig());
        else this.post({ type: 'noConfig', message: this.noConfig ?? NO_CONFIG_MESSAGE });
        const scenario = this.pendingScenario;
        this.pendingScenario = undefined;
        if (scenario !== undefined) this.post({ type: 'runScenario', scenario });
        this.resendExports();
        return;
      }
      case 'apply':
        return this.apply(m);
      case 'export':
        return this.export(m);
      case 'reveal':
        return this.revealLine(m.uri, m.line);
      case 'pickScenario': {
        const scenario = await this.host.pickScenario();
        if (scenario !== undefined) this.runScenario(scenario);
        return;
      }
      case 'log':
        this.host.output.appendLine(`[webview ${m.level}] ${m.message}`);
        // The page reports an error instead of a report it was asked for (nothing run yet, chart
        // not drawn): the Export command ends with the page's reason rather than waiting it out.
        if (m.level === 'error' && this.exports.size > 0) this.failExports(m.message);
        return;
    }
  }

  private async apply(m: Extract<WebviewMessage, { type: 'apply' }>): Promise<void> {
    const refuse = (message: string): void => this.post({ type: 'applied', ok: false, message });
    const sent = this.sent;
    const doc = sent !== undefined && sent.uri === m.uri ? openDocument(vscode.Uri.parse(m.uri)) : undefined;
    const type = doc !== undefined ? documentTypeOf(doc) : undefined;
    const target = checkApplyTarget(sent, m, type !== undefined ? doc?.version : undefined);
    if (doc === undefined || type === undefined || (!target.ok && target.reason === 'not-shown')) {
      refuse('The settings were not applied: that file is not the one the panel shows, or it is no longer open.');
      return;
    }
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    // The page's version must be the one it was sent, and the document must still be at it.
    if (!target.ok) {
      refuse(
        `The settings were not applied: ${name} changed since the simulation read it. Check the new values and apply again.`,
      );
      return;
    }
    const r = settingEdits(type, doc.getText(), m.changes, m.member !== undefined ? { member: m.member } : {});
    if (!r.ok) {
      refuse(`The settings were not applied: ${r.message}`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of r.edits)
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.span.start), doc.positionAt(e.span.end)), e.newText);
    // One WorkspaceEdit: a single undo step in the editor.
    const ok = r.edits.length === 0 || (doc.version === m.version && (await vscode.workspace.applyEdit(edit)));
    const keys = m.changes.map((c) => c.key).join(', ');
    if (ok) {
      setContext(WHAT_IF_APPLIED_CONTEXT);
      this.post({ type: 'applied', ok: true, message: `Applied ${keys} to ${name}.` });
    } else refuse(`The settings were not applied: VS Code could not edit ${name}.`);
  }

  private async export(m: Extract<WebviewMessage, { type: 'export' }>): Promise<void> {
    const request = m.requestId !== undefined ? this.exports.get(m.requestId) : undefined;
    if (request !== undefined && m.requestId !== undefined) {
      clearTimeout(request.timer);
      this.exports.delete(m.requestId);
    }
    let saved: vscode.Uri | undefined;
    try {
      const folder =
        vscode.workspace.workspaceFolders?.[0]?.uri ??
        (this.doc !== undefined ? vscode.Uri.joinPath(this.doc.uri, '..') : undefined);
      const suggested =
        folder !== undefined ? vscode.Uri.joinPath(folder, m.suggestedName) : vscode.Uri.file(m.suggestedName);
      saved = await this.host.saveTarget(suggested, m.format);
      if (saved !== undefined) {
        const bytes = m.encoding === 'base64' ? base64Bytes(m.data) : new TextEncoder().encode(m.data);
        await vscode.workspace.fs.writeFile(saved, bytes);
        this.host.notify(
          `Spark Memory: saved the simulation report to ${vscode.workspace.asRelativePath(saved, false)}.`,
        );
      }
    } catch (e) {
      this.host.notify(`Spark Memory: could not save the report: ${e instanceof Error ? e.message : String(e)}`);
      saved = undefined;
    } finally {
      request?.resolve(saved);
    }
  }

  private async revealLine(uriText: string, line: number): Promise<void> {
    const shown = this.doc;
    const allowed =
      shown !== undefined && (shown.uri.toString() === uriText || this.dependsOn(vscode.Uri.parse(uriText)));
    if (!allowed) {
      this.host.output.appendLine(`[host] not revealing ${uriText}: the panel does not show it`);
      return;
    }
    const uri = vscode.Uri.parse(uriText);
    const doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
    const l = Math.min(line, Math.max(0, doc.lineCount - 1));
    const range = doc.lineAt(l).range;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
      preview: false,
    });
  }

  /** The file filters of the save dialog for a format. */
  static filters(format: ExportFormat): Record<string, string[]> {
    return FILTERS[format];
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.sendTimer !== undefined) clearTimeout(this.sendTimer);
    for (const r of this.exports.values()) {
      clearTimeout(r.timer);
      r.resolve(undefined);
    }
    this.exports.clear();
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
    this.panel.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }
}

function sameFolder(a: vscode.Uri, b: vscode.Uri): boolean {
  const dir = (u: vscode.Uri): string => u.with({ path: u.path.replace(/\/[^/]*$/, '') }).toString();
  return dir(a) === dir(b);
}
