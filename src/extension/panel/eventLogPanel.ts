// Spark Memory: Open Event Log… — a file, a folder (rolling log) or a History Server URL, also from
// the Explorer's context menu; the run's memory story opens in a Run view of its own.
import * as vscode from 'vscode';
import { type EventLogFacts, analyzeRun, deriveWorkload, notAnEventLog, scenarioYaml } from '../../core/eventlog';
import { log } from '../log';
import type { Platform } from '../platform/types';
import { ReadCancelled } from './eventLogRead';
import { RunView, replayTarget } from './runView';

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

/** Reads the log with a cancellable progress notification; undefined when cancelled or refused (said why). */
async function readWithProgress(platform: Platform, source: vscode.Uri | string): Promise<EventLogFacts | undefined> {
  try {
    return await vscode.window.withProgress(
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
    if (!(e instanceof ReadCancelled))
      void vscode.window.showErrorMessage(`Spark Memory: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

export function registerEventLog(context: vscode.ExtensionContext, platform: Platform): void {
  let last: EventLogFacts | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_EVENT_LOG, async (uri?: vscode.Uri) => {
      const source = await pickSource(uri instanceof vscode.Uri ? uri : undefined);
      if (source === undefined || (typeof source === 'string' && source.trim() === '')) return undefined;
      const facts = await readWithProgress(platform, source);
      if (facts === undefined) return undefined;
      const not = notAnEventLog(facts);
      if (not !== undefined) {
        const name = typeof source === 'string' ? source.trim() : source.path.split('/').pop();
        void vscode.window.showErrorMessage(`Spark Memory: ${name ?? 'the event log'}: ${not}`);
        return undefined;
      }
      last = facts;
      const analysis = analyzeRun(facts);
      const target = await replayTarget();
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        `Spark Run: ${facts.application.name ?? facts.application.id ?? 'event log'}`,
        vscode.ViewColumn.Active,
        {
          // One script, the what-if controls (dist/runView.js), under a nonce-only CSP (eventLogHtml.ts).
          enableScripts: true,
          enableCommandUris: [SAVE_EVENT_LOG_SCENARIO],
          localResourceRoots: [
            vscode.Uri.joinPath(context.extensionUri, 'dist'),
            vscode.Uri.joinPath(context.extensionUri, 'media'),
          ],
        },
      );
      const view = new RunView(panel, context.extensionUri, facts, target, `command:${SAVE_EVENT_LOG_SCENARIO}`, log());
      const { replays } = view.build();
      return {
        application: facts.application,
        counts: analysis.counts,
        findings: analysis.findings.length,
        replays: replays.map((r) => ('notRun' in r ? `${r.label}: not replayed: ${r.notRun}` : r.label)),
        view: view.testHandle(),
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
