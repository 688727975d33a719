// The Run view's host side: the page (eventLogHtml.ts, with the what-if script dist/runView.js), the
// replays it shows, and the messages from its what-if controls. A what-if is replayed here, where
// the log's facts are (core/eventlog/whatIf.ts: the layout's executor with the what-if on top);
// Apply writes the what-if into the config the run is replayed on as the simulation panel's Apply
// does (checkApplyTarget, settingEdits, one WorkspaceEdit). When that file changes (an Apply, or
// typing in it) the view is built again from its new text. The page is an untrusted boundary:
// every message is validated (parseRunViewMessage) and a bad one is logged and ignored.
import * as vscode from 'vscode';
import { type ParsedDocument, parseDocument } from '../../core/analyze';
import { settingEdits } from '../../core/edit';
import {
  type EventLogFacts,
  type ReplayBase,
  type ReplayOutcome,
  analyzeRun,
  baseSettings,
  deriveWorkload,
  replayOn,
  replayOnOwnConfig,
} from '../../core/eventlog';
import {
  PROTOCOL_VERSION,
  type RunBase,
  type RunHostMessage,
  type RunResult,
  type RunViewMessage,
  parseRunViewMessage,
} from '../../shared/protocol';
import { RUN_CONTROLS, runEffectiveValues } from '../../webview/whatIf';
import { documentTypeOf } from '../documents';
import { checkApplyTarget } from './applyTarget';
import { type ReplayView, runViewHtml } from './eventLogHtml';
import { nonce } from './html';

/** What in-host tests reach (the command's result carries it; not a public API). */
export interface RunViewTestHandle {
  readonly panel: vscode.WebviewPanel;
  /** Validates and handles a message as if the page sent it; false when rejected. */
  handleMessage(raw: unknown): boolean;
  /** Every message posted to the page, oldest first. */
  lastPosted(): readonly RunHostMessage[];
  /** The config the what-ifs change and Apply writes (undefined: the log's own config). */
  readonly target: vscode.TextDocument | undefined;
}

const REBUILD_DELAY_MS = 250;
const KEYS = RUN_CONTROLS.map((c) => c.key);

/** The Spark config the run is replayed on: the active editor's, else the workspace's first spark-defaults.conf. */
export async function replayTarget(): Promise<vscode.TextDocument | undefined> {
  const isSpark = (d: vscode.TextDocument) => {
    const k = documentTypeOf(d)?.kind;
    return k === 'spark-defaults' || k === 'spark-application';
  };
  const active = vscode.window.activeTextEditor?.document;
  if (active !== undefined && isSpark(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isSpark);
  if (visible !== undefined) return visible;
  const [conf] = await vscode.workspace.findFiles('**/spark-defaults.conf', '**/node_modules/**', 1);
  if (conf === undefined) return undefined;
  try {
    const doc = await vscode.workspace.openTextDocument(conf);
    return isSpark(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

function parsedOf(doc: vscode.TextDocument): ParsedDocument | undefined {
  const type = documentTypeOf(doc);
  if (type === undefined) return undefined;
  const parsed = parseDocument(type, doc.getText());
  return parsed.kind === 'snappy-members' ? undefined : parsed;
}

/** The outcome as the page shows it. */
function resultOf(r: ReplayOutcome | { readonly error: string }): RunResult {
  if ('error' in r) return { ok: false, error: r.error };
  const s = r.summary;
  return {
    ok: true,
    outcome: {
      spilledBytes: s.spilledBytes,
      spills: s.spillCount,
      evictions: s.evictedBlocks + s.droppedToDiskBlocks,
      failedTasks: s.failedTasks,
      cachedPartitions: r.calibration.cachedPartitions.predicted,
      peakExecutionBytes: s.peakExecutionUsed,
      peakStorageBytes: s.peakStorageUsed,
      peakOffHeapBytes: s.peakOffHeapUsed,
      durationMs: s.durationMs,
      heapBytes: r.heapBytes,
      ...(r.container !== undefined ? { containerMiB: r.container.totalMiB } : {}),
      ...(s.stoppedAt !== undefined ? { stoppedAt: s.stoppedAt } : {}),
      spilledStages: r.calibration.stages
        .filter((x) => x.predictedSpilledBytes > 0)
        .map((x) => ({ stageId: x.stageId, bytes: x.predictedSpilledBytes })),
    },
  };
}

export class RunView implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private readonly workload;
  private base: ReplayBase = { kind: 'log' };
  private sent: RunBase | undefined;
  private lastApplied: RunHostMessage | undefined;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  readonly posted: RunHostMessage[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly facts: EventLogFacts,
    readonly target: vscode.TextDocument | undefined,
    private readonly saveCommand: string,
    /** The extension's log channel (passed in: this module is in the lazily loaded bundle). */
    private readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>,
  ) {
    this.workload = deriveWorkload(facts);
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.handleMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.target && e.contentChanges.length > 0) this.scheduleRebuild();
      }),
    );
    panel.onDidDispose(() => this.dispose());
  }

  /** The replays and the page, from the target's current text. */
  build(): { readonly replays: readonly ReplayView[] } {
    const replays: ReplayView[] = [];
    const own = replayOnOwnConfig(this.facts);
    const ownLabel = "Replay on the log's own config (calibration)";
    replays.push(
      'error' in own
        ? { label: ownLabel, notRun: own.error }
        : { label: ownLabel, calibration: own.calibration, observed: true },
    );
    this.base = { kind: 'log' };
    const t = this.target;
    if (t !== undefined) {
      const name = vscode.workspace.asRelativePath(t.uri);
      const doc = parsedOf(t);
      const label = `Replay on ${name}`;
      if (doc === undefined) replays.push({ label, notRun: `${name} is not a Spark config` });
      else {
        this.base = { kind: 'document', doc, label: name };
        const r = replayOn(this.facts, this.base, {}, this.workload);
        replays.push(
          'error' in r ? { label, notRun: r.error } : { label, calibration: r.calibration, observed: false },
        );
      }
    }
    const w = this.panel.webview;
    const n = nonce();
    w.html = runViewHtml(w.cspSource, n, this.facts, analyzeRun(this.facts), replays, this.saveCommand, {
      script: w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'runView.js')).toString(),
      style: w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'style.css')).toString(),
    });
    return { replays };
  }

  private scheduleRebuild(): void {
    if (this.rebuildTimer !== undefined) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      this.build();
    }, REBUILD_DELAY_MS);
  }

  handleMessage(raw: unknown): boolean {
    const m = parseRunViewMessage(raw);
    if (!m.ok) {
      this.log.warn(`Run view: ignored a message: ${m.error}`);
      return false;
    }
    void this.handle(m.value).catch((e: unknown) =>
      this.log.error(`Run view: ${m.value.type} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    return true;
  }

  private post(m: RunHostMessage): void {
    this.posted.push(m);
    if (this.posted.length > 200) this.posted.shift();
    void this.panel.webview.postMessage(m);
  }

  private async handle(m: RunViewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (m.protocol !== PROTOCOL_VERSION)
          this.log.warn(`the Run view speaks protocol ${m.protocol}, the extension ${PROTOCOL_VERSION}`);
        this.sendBase();
        if (this.lastApplied !== undefined) this.post(this.lastApplied);
        return;
      case 'whatIf':
        this.post({
          type: 'runOutcome',
          seq: m.seq,
          result: resultOf(replayOn(this.facts, this.base, m.values, this.workload)),
        });
        return;
      case 'apply':
        return this.apply(m);
      case 'log':
        if (m.level === 'error') this.log.error(`Run view: ${m.message}`);
        else this.log.info(`Run view: ${m.message}`);
        return;
    }
  }

  private sendBase(): void {
    const { values, layout } = baseSettings(this.facts, this.base, KEYS);
    const effective: Record<string, string> = {};
    if (layout !== undefined)
      for (const [k, v] of Object.entries(runEffectiveValues(layout))) if (v !== undefined) effective[k] = v;
    const t = this.base.kind === 'document' ? this.target : undefined;
    this.sent = {
      label: this.base.kind === 'document' ? this.base.label : "the log's own config",
      ...(t !== undefined ? { target: { uri: t.uri.toString(), version: t.version } } : {}),
      fileValues: values,
      effective,
      baseline: resultOf(replayOn(this.facts, this.base, {}, this.workload)),
    };
    this.post({ type: 'runBase', base: this.sent });
  }

  private async apply(m: Extract<RunViewMessage, { type: 'apply' }>): Promise<void> {
    const answer = (ok: boolean, message: string): void => {
      this.lastApplied = { type: 'applied', ok, message };
      this.post(this.lastApplied);
    };
    const doc = this.target;
    const type = doc !== undefined ? documentTypeOf(doc) : undefined;
    const check = checkApplyTarget(this.sent?.target, m, doc !== undefined && !doc.isClosed ? doc.version : undefined);
    if (doc === undefined || type === undefined || (!check.ok && check.reason === 'not-shown')) {
      answer(false, 'The settings were not applied: that file is not the one this run is replayed on.');
      return;
    }
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    if (!check.ok) {
      answer(
        false,
        `The settings were not applied: ${name} changed since the replay read it. Check the new values and apply again.`,
      );
      return;
    }
    const r = settingEdits(type, doc.getText(), m.changes);
    if (!r.ok) {
      answer(false, `The settings were not applied: ${r.message}`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of r.edits)
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.span.start), doc.positionAt(e.span.end)), e.newText);
    // One WorkspaceEdit: one undo step; the document must still be at the version the page saw.
    const ok = r.edits.length === 0 || (doc.version === m.version && (await vscode.workspace.applyEdit(edit)));
    if (ok) answer(true, `Applied ${m.changes.map((c) => c.key).join(', ')} to ${name}.`);
    else answer(false, `The settings were not applied: VS Code could not edit ${name}.`);
  }

  testHandle(): RunViewTestHandle {
    return {
      panel: this.panel,
      handleMessage: (raw) => this.handleMessage(raw),
      lastPosted: () => [...this.posted],
      target: this.target,
    };
  }

  dispose(): void {
    if (this.rebuildTimer !== undefined) clearTimeout(this.rebuildTimer);
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
  }
}
