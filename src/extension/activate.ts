// Activation shared by the desktop/server entry (extension.ts) and the web worker entry (extension.web.ts):
// everything that needs Node or only exists in a browser is behind the Platform it is given.
import * as vscode from 'vscode';
import { registerEditorCommands } from './commands/editorCommands';
import { registerShowDocumentKind } from './commands/showDocumentKind';
import { Linter } from './diagnostics';
import { PanelController, type SparkMemoryTestApi } from './panel/controller';
import { registerEventLog } from './panel/eventLogPanel';
import { DocumentStore, documentTypeOf } from './documents';
import { VERSION_STATUS_COMMAND, VersionStatusItem } from './languageStatus';
import { LeadsPoller } from './leadsPoller';
import { SparkMemoryInlayHints } from './providers/inlayHints';
import { registerProviders } from './providers/register';
import { ExecutorStatusBar } from './executorStatusBar';
import { disposeLog, log } from './log';
import { SECTION } from './settings';
import { registerWalkthrough } from './walkthrough';
import { registerTasks } from './tasks';
import type { Platform } from './platform/types';

const WATCHED =
  '**/{spark-defaults.conf,spark-defaults.conf.template,servers,leads,locators,servers.template,leads.template,locators.template,*.yaml,*.yml}';

/** What activate returns: hooks for the in-host tests, in test mode only (they bypass the save dialog and inject panel messages). */
export type SparkMemoryApi = SparkMemoryTestApi;

/** A test run: VS Code started with extensionTestsPath, or SPARK_MEMORY_TEST_HOOKS=1 for a test host that cannot say so. */
function inTestMode(context: vscode.ExtensionContext): boolean {
  if (context.extensionMode === vscode.ExtensionMode.Test) return true;
  // A browser's process shim may have no env.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  return typeof process !== 'undefined' && process.env?.['SPARK_MEMORY_TEST_HOOKS'] === '1';
}

export function activateOn(context: vscode.ExtensionContext, platform: Platform): SparkMemoryApi | undefined {
  const started = Date.now();
  const subs = context.subscriptions;
  registerShowDocumentKind(context);

  const store = new DocumentStore();
  const linter = new Linter(store, context.extensionUri);
  const hints = new SparkMemoryInlayHints(store);
  const status = new VersionStatusItem(store);
  const executor = new ExecutorStatusBar(store);
  subs.push(store, linter, hints, status, executor, { dispose: disposeLog });
  registerWalkthrough(context);

  registerProviders(context, store, hints);
  registerTasks(context, platform);
  registerEditorCommands(context, store, linter);
  registerEventLog(context, platform);
  subs.push(
    vscode.commands.registerCommand(VERSION_STATUS_COMMAND, () =>
      status.statusOf(vscode.window.activeTextEditor?.document),
    ),
  );

  subs.push(
    vscode.workspace.onDidOpenTextDocument((d) => linter.onDidOpen(d)),
    vscode.workspace.onDidChangeTextDocument((e) => linter.onDidChange(e)),
    vscode.workspace.onDidCloseTextDocument((d) => linter.onDidClose(d)),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (documentTypeOf(d) === undefined) return;
      linter.onDiskChange(d.uri, false);
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      void status.update(e);
      void executor.update(e);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      store.invalidateAll();
      linter.relintAll();
      hints.refresh();
      void status.update();
    }),
    linter.onDidLint((uri) => {
      // After a servers file is linted with a new leads file its hints change too; the status
      // follows the active file's content (spec.sparkVersion) once it has been linted.
      hints.refresh();
      if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) {
        void status.update();
        void executor.update();
      }
    }),
  );

  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  subs.push(
    watcher,
    watcher.onDidChange((u) => linter.onDiskChange(u, false)),
    watcher.onDidCreate((u) => linter.onDiskChange(u, false)),
    watcher.onDidDelete((u) => linter.onDiskChange(u, true)),
    new LeadsPoller((u, deleted) => linter.onDiskChange(u, deleted)),
  );

  const panels = new PanelController(context.extensionUri, linter);
  panels.register(context);

  for (const doc of vscode.workspace.textDocuments) linter.onDidOpen(doc);
  void status.update();
  void executor.update();
  log().info(
    `activated in ${Date.now() - started} ms (${vscode.env.appName} ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, ${platform.name} extension host)`,
  );
  return inTestMode(context) ? panels.testApi() : undefined;
}
