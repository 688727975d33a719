// Spark Memory: Open Event Log… — a file, a folder (rolling log) or a History Server URL, also from
// the Explorer's context menu; the run's memory story opens in a Run view of its own.
import * as vscode from 'vscode';
import { parseDocument } from '../../core/analyze';
import {
  type EventLogFacts,
  analyzeRun,
  calibrate,
  deriveWorkload,
  notAnEventLog,
  replayOnOwnConfig,
  scenarioYaml,
} from '../../core/eventlog';
import { executorSourceOfDocument, simulateWorkload } from '../../core/workload';
import { ReadCancelled } from './eventLogRead';
import { nonce } from './html';
import type { Platform } from '../platform/types';
import { type ReplayView, runViewHtml } from './eventLogHtml';

export const OPEN_EVENT_LOG = 'sparkMemory.openEventLog';
export const SAVE_EVENT_LOG_SCENARIO = 'sparkMemory.saveEventLogScenario';
const VIEW_TYPE = 'sparkMemory.run';

/** The source to read: the Explorer's resource, or the person's pick (file, folder, or a URL string). */
async function pickSource(uri: vscode.Uri | undefined): Promise<vscode.Uri | string | undefined> {
  if (uri !== undefined) return uri;
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'File…', description: 'app-…, application_…, local-…, .inprogress, .lz4/.lzf/.snappy/.zstd' },
      { label: 'Folder…', description: 'a rolling log: eventlog_v2_<appId>/' },
      { label: 'History Server URL…', description: 'http://host:18080/api/v1/applications/<app-id>/logs' },
    ],
    { title: 'Open a Spark event log' },
  );
  if (choice === undefined) return undefined;
  if (choice.label === 'History Server URL…') {
    return vscode.window.showInputBox({
      title: 'History Server URL',
      prompt: 'The REST API logs endpoint of an application (or its /api/v1/applications/<id> URL)',
      placeHolder: 'http://localhost:18080/api/v1/applications/app-20240101000000-0000/logs',
      validateInput: (v) => (/^https?:\/\/.+/i.test(v.trim()) ? undefined : 'an http:// or https:// URL'),
    });
  }
  const folder = choice.label === 'Folder…';
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: !folder,
    canSelectFolders: folder,
    canSelectMany: false,
    title: folder ? 'Open a rolling event log folder' : 'Open a Spark event log',
  });
  return picked?.[0];
}

/** The workspace's spark-defaults.conf, when there is one, to replay the run on. */
async function workspaceReplay(facts: EventLogFacts): Promise<ReplayView | undefined> {
  const [conf] = await vscode.workspace.findFiles('**/spark-defaults.conf', '**/node_modules/**', 1);
  if (conf === undefined) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(conf));
  const src = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, text), {
    label: vscode.workspace.asRelativePath(conf),
  });
  if (!src.ok) return { label: `Replay on ${vscode.workspace.asRelativePath(conf)}`, notRun: src.message };
  const w = deriveWorkload(facts);
  const result = simulateWorkload(src.source, w.scenario, { maxKeptEvents: 200_000 });
  return {
    label: `Replay on ${vscode.workspace.asRelativePath(conf)}`,
    calibration: calibrate(facts, w, result),
    observed: false,
  };
}

/** The run replayed on its own config (the calibration), then on the workspace's spark-defaults.conf. */
async function replaysOf(facts: EventLogFacts): Promise<ReplayView[]> {
  const replays: ReplayView[] = [];
  const own = replayOnOwnConfig(facts);
  const ownLabel = "Replay on the log's own config (calibration)";
  replays.push(
    'error' in own
      ? { label: ownLabel, notRun: own.error }
      : { label: ownLabel, calibration: own.calibration, observed: true },
  );
  const ws = await workspaceReplay(facts);
  if (ws !== undefined) replays.push(ws);
  return replays;
}

export function registerEventLog(context: vscode.ExtensionContext, platform: Platform): void {
  let last: EventLogFacts | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_EVENT_LOG, async (uri?: vscode.Uri) => {
      const source = await pickSource(uri instanceof vscode.Uri ? uri : undefined);
      if (source === undefined || (typeof source === 'string' && source.trim() === '')) return undefined;
      let facts: EventLogFacts;
      try {
        facts = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Reading the event log', cancellable: true },
          (progress, token) => {
            let read = 0;
            let shown = 0;
            return platform.readEventLog(typeof source === 'string' ? source.trim() : source, {
              cancelled: () => token.isCancellationRequested,
              report: (bytes, file) => {
                read += bytes;
                if (read - shown >= 32 << 20) {
                  shown = read;
                  progress.report({ message: `${file}: ${Math.round(read / 2 ** 20)} MiB` });
                }
              },
            });
          },
        );
      } catch (e) {
        if (e instanceof ReadCancelled) return undefined;
        void vscode.window.showErrorMessage(`Spark Memory: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      const not = notAnEventLog(facts);
      if (not !== undefined) {
        const name = typeof source === 'string' ? source.trim() : source.path.split('/').pop();
        void vscode.window.showErrorMessage(`Spark Memory: ${name ?? 'the event log'}: ${not}`);
        return undefined;
      }
      last = facts;
      const analysis = analyzeRun(facts);
      const replays = await replaysOf(facts);
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        `Spark Run: ${facts.application.name ?? facts.application.id ?? 'event log'}`,
        vscode.ViewColumn.Active,
        { enableScripts: false, enableCommandUris: [SAVE_EVENT_LOG_SCENARIO], localResourceRoots: [] },
      );
      panel.webview.html = runViewHtml(
        panel.webview.cspSource,
        nonce(),
        facts,
        analysis,
        replays,
        `command:${SAVE_EVENT_LOG_SCENARIO}`,
      );
      return {
        application: facts.application,
        counts: analysis.counts,
        findings: analysis.findings.length,
        replays: replays.map((r) => ('notRun' in r ? `${r.label}: not replayed: ${r.notRun}` : r.label)),
      };
    }),
    vscode.commands.registerCommand(SAVE_EVENT_LOG_SCENARIO, async () => {
      if (last === undefined) {
        void vscode.window.showInformationMessage('Spark Memory: open an event log first (Open Event Log…).');
        return;
      }
      const target = await vscode.window.showSaveDialog({
        filters: { 'Scenario YAML': ['yaml', 'yml'] },
        title: 'Save the derived workload as a scenario',
        ...(vscode.workspace.workspaceFolders?.[0] !== undefined
          ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'replay.scenario.yaml') }
          : {}),
      });
      if (target === undefined) return;
      await vscode.workspace.fs.writeFile(
        target,
        new TextEncoder().encode(scenarioYaml(deriveWorkload(last).scenario)),
      );
      void vscode.window.showInformationMessage(
        `Saved ${vscode.workspace.asRelativePath(target)}: run it with Run Scenario…`,
      );
    }),
  );
}
