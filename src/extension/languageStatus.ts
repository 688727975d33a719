// The language status item: the flavour and version the analysis of the active file uses
// ("Spark 3.5 (default)", "Spark 3.5.1 (from spec.sparkVersion)", "SnappyData 1.3 (Spark 2.1
// fork)"), with "Choose Spark Version" as its command. YAML files only show it once their content
// makes them a SparkApplication.
import * as vscode from 'vscode';
import { VersionStatus, versionStatus } from '../core/editor/versionStatus';
import { DocumentStore, documentTypeOf } from './documents';
import { log } from './log';

export const CHOOSE_VERSION_COMMAND = 'sparkMemory.chooseSparkVersion';
/** Internal (not in the palette): the status shown for the active editor, for tests. */
export const VERSION_STATUS_COMMAND = 'sparkMemory.internal.versionStatus';

function escapeGlob(name: string): string {
  return name.replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
}

export class VersionStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly yamlApps = new Map<string, vscode.Uri>();
  private updating = 0;

  constructor(private readonly store: DocumentStore) {
    this.item = vscode.languages.createLanguageStatusItem('sparkMemory.version', this.selector());
    this.item.name = 'Spark Memory version';
    this.item.command = {
      command: CHOOSE_VERSION_COMMAND,
      title: 'Choose Version',
      tooltip: 'Choose the Spark version Spark Memory uses',
    };
    this.item.text = 'Spark Memory';
  }

  private selector(): vscode.DocumentSelector {
    const yaml = [...this.yamlApps.values()].map((uri) => ({
      language: 'yaml',
      pattern: new vscode.RelativePattern(
        vscode.Uri.joinPath(uri, '..'),
        escapeGlob(uri.path.slice(uri.path.lastIndexOf('/') + 1)),
      ),
    }));
    return [{ language: 'spark-defaults' }, { language: 'snappydata-members' }, ...yaml];
  }

  /** The status for a document: undefined when it is not a config file. */
  async statusOf(doc: vscode.TextDocument | undefined): Promise<VersionStatus | undefined> {
    if (doc === undefined || documentTypeOf(doc) === undefined) return undefined;
    const snap = await this.store.forDocument(doc).catch(() => undefined);
    if (snap === undefined) return undefined;
    if (!snap.result.ok) return { text: 'Spark Memory: file too large', detail: snap.result.tooLarge.message };
    const a = snap.result.analysis;
    return versionStatus(a.type.kind, a.version, a.versionSource);
  }

  /** Shows the status of the active editor's document (and keeps the YAML selector in step with the content). */
  async update(editor = vscode.window.activeTextEditor): Promise<void> {
    const run = ++this.updating;
    const doc = editor?.document;
    if (doc?.languageId === 'yaml') {
      const key = doc.uri.toString();
      const isApp = documentTypeOf(doc) !== undefined;
      const had = this.yamlApps.has(key);
      if (isApp && !had) this.yamlApps.set(key, doc.uri);
      if (!isApp && had) this.yamlApps.delete(key);
      if (isApp !== had) this.item.selector = this.selector();
    }
    const status = await this.statusOf(doc);
    // A later update (another editor, a newer version) has the last word.
    if (run !== this.updating || status === undefined) return;
    if (this.item.text !== status.text && doc !== undefined)
      log().info(
        `${vscode.workspace.asRelativePath(doc.uri)}: ${status.text}${status.detail ? ` (${status.detail})` : ''}`,
      );
    this.item.text = status.text;
    this.item.detail = status.detail;
    this.item.severity = status.text.endsWith('file too large')
      ? vscode.LanguageStatusSeverity.Warning
      : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}
