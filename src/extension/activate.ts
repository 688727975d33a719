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

/** What follows the open documents and the settings: the store, the linter and what shows their results. */
interface Editors {
  readonly store: DocumentStore;
  readonly linter: Linter;
  readonly hints: SparkMemoryInlayHints;
  readonly status: VersionStatusItem;
  readonly executor: ExecutorStatusBar;
}

function createEditors(context: vscode.ExtensionContext): Editors {
  const store = new DocumentStore();
  const linter = new Linter(store, context.extensionUri);
  const hints = new SparkMemoryInlayHints(store);
  const status = new VersionStatusItem(store);
  const executor = new ExecutorStatusBar(store);
  context.subscriptions.push(store, linter, hints, status, executor, { dispose: disposeLog });
  return { store, linter, hints, status, executor };
}

/** Relints and refreshes as documents open, change, close and save, the active editor moves, or the settings change. */
function followEditors(context: vscode.ExtensionContext, { store, linter, hints, status, executor }: Editors): void {
  context.subscriptions.push(
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
}

/** Relints when a config file changes on disk: the workspace watcher, and the poller for leads files it misses. */
function watchDisk(context: vscode.ExtensionContext, linter: Linter): void {
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  context.subscriptions.push(
    watcher,
    watcher.onDidChange((u) => linter.onDiskChange(u, false)),
    watcher.onDidCreate((u) => linter.onDiskChange(u, false)),
    watcher.onDidDelete((u) => linter.onDiskChange(u, true)),
    new LeadsPoller((u, deleted) => linter.onDiskChange(u, deleted)),
  );
}

export function activateOn(context: vscode.ExtensionContext, platform: Platform): SparkMemoryApi | undefined {
  const started = Date.now();
  registerShowDocumentKind(context);
  const editors = createEditors(context);
  const { store, linter, status } = editors;
  registerWalkthrough(context);
  registerProviders(context, store, editors.hints);
  registerTasks(context, platform);
  registerEditorCommands(context, store, linter);
  registerEventLog(context, platform);
  context.subscriptions.push(
    vscode.commands.registerCommand(VERSION_STATUS_COMMAND, () =>
      status.statusOf(vscode.window.activeTextEditor?.document),
    ),
  );
  followEditors(context, editors);
  watchDisk(context, linter);
  const panels = new PanelController(context.extensionUri, linter);
  panels.register(context);

  const activatedMs = Date.now() - started;
  setTimeout(() => {
    afterActivation(editors, `${activatedMs} ms (${platformText(platform)})`);
  }, 0);
  return inTestMode(context) ? panels.testApi() : undefined;
}

function platformText(platform: Platform): string {
  const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  return `${vscode.env.appName} ${vscode.version}, ${ui} UI, ${platform.name} extension host`;
}

/**
 * What activation leaves for right after it has returned: the first lint of the documents already
 * open (which loads dist/analysis.js, the rules, catalogs and layout: scripts/build.mjs), the status
 * items, and the log channel (made on its first line). Everything the user does before this runs is
 * queued behind it by the linter's own timers and events, so no open or edit is missed.
 *
 * What VS Code counts as activation (VS Code 1.100, src/vs/workbench/api/common/extHostExtensionService.ts
 * and extHostExtensionActivator.ts; the Running Extensions view, runtimeExtensionsEditor.ts, shows
 * codeLoadingTime + activateCallTime):
 * - codeLoadingTime: loading dist/extension.js (require() and its module code; the host also reads the
 *   extension's localized messages inside this span);
 * - activateCallTime: the activate() call itself, up to its return;
 * - activateResolvedTime: until the value activate() returned settles. activate() returns no promise,
 *   so this is about 0; had it returned one, VS Code (and Extension.activate()) would wait for it.
 * Not counted: this function, scheduled with setTimeout after activate() has returned. Its cost shows
 * as the time to the first findings, which test/suite/activation.test.ts records beside the marks.
 */
function afterActivation({ linter, status, executor }: Editors, activated: string): void {
  for (const doc of vscode.workspace.textDocuments) linter.onDidOpen(doc);
  void status.update();
  void executor.update();
  log().info(`activated in ${activated}`);
}
