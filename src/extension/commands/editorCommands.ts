// The editor commands, all in the command palette (category "Spark Memory"), each with a plain
// message when there is nothing to work on: Lint Workspace, Choose Spark Version, Fix All Problems
// in This File, Show Rule Documentation, Remove Byte-Order Mark.
import * as vscode from 'vscode';
import { AUTO_VERSION, type VersionChoice, versionChoices, versionSetting } from '../../core/editor/versionStatus';
import { RULES } from '../../core/rules';
import { DocumentStore, documentTypeOf, hasUtf8Bom } from '../documents';
import { Linter, WorkspaceLintResult, ruleDocUri } from '../diagnostics';
import { CHOOSE_VERSION_COMMAND } from '../languageStatus';
import { fixAllEdit } from '../providers/codeActions';
import { REMOVE_BOM_COMMAND, SHOW_RULE_COMMAND } from '../providers/kinds';
import { SECTION } from '../settings';

export const LINT_WORKSPACE_COMMAND = 'sparkMemory.lintWorkspace';
export const FIX_ALL_COMMAND = 'sparkMemory.fixAll';

const NOT_OURS =
  'Spark Memory: open a spark-defaults.conf, a SnappyData conf/servers, leads or locators file, or a SparkApplication YAML first.';

function info(message: string): void {
  // Not awaited: a notification must never hold up the command's result.
  void vscode.window.showInformationMessage(message);
}

/**
 * Auto removes the setting; VS Code then leaves `{}` in the folder's .vscode/settings.json (and
 * the folder it made). A file that holds nothing else goes, so choosing a version and going back
 * to Auto leaves the workspace as it was.
 */
async function dropEmptySettings(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders[0];
  if (folders.length !== 1 || folder === undefined || vscode.workspace.workspaceFile !== undefined) return;
  const dir = vscode.Uri.joinPath(folder.uri, '.vscode');
  const file = vscode.Uri.joinPath(dir, 'settings.json');
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    if (!/^\s*\{\s*\}\s*$/.test(text)) return;
    await vscode.workspace.fs.delete(file);
    if ((await vscode.workspace.fs.readDirectory(dir)).length === 0) await vscode.workspace.fs.delete(dir);
  } catch {
    /* no settings file, or one we may not touch: nothing to tidy */
  }
}

/** Lint Workspace: every config file of the workspace, open or not, into the Problems view. */
async function lintWorkspace(linter: Linter): Promise<WorkspaceLintResult | undefined> {
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    info('Spark Memory: open a folder to lint the Spark and SnappyData config files in it.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Spark Memory: linting the workspace', cancellable: true },
    (progress, token) => linter.lintWorkspace(token, progress),
  );
  if (result.files.length === 0)
    info(
      'Spark Memory: no spark-defaults.conf, conf/servers|leads|locators or SparkApplication YAML in this workspace.',
    );
  else {
    info(
      `Spark Memory: ${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.files.length} config file${result.files.length === 1 ? '' : 's'}${result.cancelled ? ' (cancelled)' : ''}; see the Problems view.`,
    );
  }
  return result;
}

/** The version a Choose Spark Version argument names ('auto' or a modelled version), or undefined after saying why not. */
function versionArgument(value: string, choices: readonly VersionChoice[]): string | undefined {
  if (value.toLowerCase() !== AUTO_VERSION && versionSetting(value) === undefined) {
    info(
      `Spark Memory: ${value} is not a Spark version it models (${choices
        .slice(1)
        .map((c) => c.value)
        .join(', ')}).`,
    );
    return undefined;
  }
  return value.toLowerCase() === AUTO_VERSION ? AUTO_VERSION : value;
}

/** Choose Spark Version: the `sparkMemory.sparkVersion` setting, from the argument or a pick. */
async function chooseSparkVersion(value?: unknown): Promise<string | undefined> {
  const choices = versionChoices();
  const config = vscode.workspace.getConfiguration(SECTION);
  let chosen: string | undefined;
  if (typeof value === 'string') {
    chosen = versionArgument(value, choices);
    if (chosen === undefined) return undefined;
  } else {
    const now = config.get<string>('sparkVersion') ?? AUTO_VERSION;
    const pick = await vscode.window.showQuickPick(
      choices.map((c) => ({
        label: c.label,
        description: `${c.description}${c.value === now ? ' · current' : ''}`,
        value: c.value,
      })),
      { title: 'Spark version for Spark Memory', placeHolder: 'Which Spark version do your configs run on?' },
    );
    if (pick === undefined) return undefined;
    chosen = pick.value;
  }
  const target =
    (vscode.workspace.workspaceFolders ?? []).length > 0
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update('sparkVersion', chosen === AUTO_VERSION ? undefined : chosen, target);
  if (chosen === AUTO_VERSION && target === vscode.ConfigurationTarget.Workspace) await dropEmptySettings();
  return chosen;
}

/** Fix All Problems in This File: the preferred fixes of the active file, as one edit; how many it applied. */
async function fixAll(store: DocumentStore): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || documentTypeOf(editor.document) === undefined) {
    info(NOT_OURS);
    return 0;
  }
  const snap = await store.forDocument(editor.document);
  const all = snap !== undefined && snap.version === editor.document.version ? await fixAllEdit(snap) : undefined;
  if (all === undefined) {
    // Ctrl+. may still offer fixes that are a choice (not preferred): say so rather than "nothing".
    const offered =
      snap !== undefined && snap.result.ok
        ? snap.result.analysis.findings.filter((f) => (f.fixes ?? []).some((x) => x.edits.length > 0)).length
        : 0;
    info(
      offered > 0
        ? `Spark Memory: no fix here is safe to apply without a choice; ${offered} problem${offered === 1 ? ' has' : 's have'} fixes to choose from in the Quick Fix menu (Ctrl+.).`
        : 'Spark Memory: nothing in this file has an automatic fix.',
    );
    return 0;
  }
  // A large file's Fix all is built in slices: the document may have changed meanwhile.
  if (editor.document.version !== snap?.version) return 0;
  return (await vscode.workspace.applyEdit(all.edit)) ? all.count : 0;
}

/** Show Rule Documentation: a rule's page (docs/rules/CODE.md in the extension), from the argument or a pick. */
async function showRuleDocumentation(extensionUri: vscode.Uri, code?: unknown): Promise<string | undefined> {
  let c = typeof code === 'string' ? code.toUpperCase() : undefined;
  if (c === undefined) {
    const pick = await vscode.window.showQuickPick(
      [...RULES]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((r) => ({ label: r.code, description: r.defaultSeverity, detail: r.title })),
      { title: 'Spark Memory rules', placeHolder: 'Which rule?', matchOnDetail: true },
    );
    if (pick === undefined) return undefined;
    c = pick.label;
  }
  if (!RULES.some((r) => r.code === c)) {
    info(`Spark Memory: there is no rule ${c}.`);
    return undefined;
  }
  const uri = ruleDocUri(extensionUri, c);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  return uri.toString();
}

/** Remove Byte-Order Mark: rewrites the file without its first three bytes and lints it again. */
async function removeByteOrderMark(store: DocumentStore, linter: Linter, target?: unknown): Promise<boolean> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  if (uri === undefined) {
    info(NOT_OURS);
    return false;
  }
  // Any file system VS Code can write: a local disk, a VS Code server's (vscode-remote, as the web
  // worker host sees it), github.dev's. Not an untitled editor, whose text has no bytes yet.
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== true) {
    info('Spark Memory: only a saved file on a writable file system can have its byte-order mark removed.');
    return false;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) await doc.save();
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (!hasUtf8Bom(bytes)) {
    info('Spark Memory: this file has no byte-order mark.');
    return false;
  }
  await vscode.workspace.fs.writeFile(uri, bytes.subarray(3));
  store.invalidate(uri);
  // The editor remembers the file as "UTF-8 with BOM" and would write the mark back on the next save.
  if (doc !== undefined)
    await vscode.workspace.openTextDocument(uri, { encoding: 'utf8' }).then(undefined, () => undefined);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open !== undefined) await linter.lintDocument(open);
  return true;
}

export function registerEditorCommands(context: vscode.ExtensionContext, store: DocumentStore, linter: Linter): void {
  const reg = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg(LINT_WORKSPACE_COMMAND, () => lintWorkspace(linter));
  reg(CHOOSE_VERSION_COMMAND, (value?: unknown) => chooseSparkVersion(value));
  reg(FIX_ALL_COMMAND, () => fixAll(store));
  reg(SHOW_RULE_COMMAND, (code?: unknown) => showRuleDocumentation(context.extensionUri, code));
  reg(REMOVE_BOM_COMMAND, (target?: unknown) => removeByteOrderMark(store, linter, target));
}
