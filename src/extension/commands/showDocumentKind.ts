import * as vscode from 'vscode';
import { detectDocumentType, type DocumentType } from '../../core/document/kind';

export const SHOW_DOCUMENT_KIND = 'sparkMemory.showDocumentKind';

/** The kind of config file a document is, by its path and (for YAML) its content. */
export function documentTypeOf(document: vscode.TextDocument): DocumentType | undefined {
  return detectDocumentType(document.uri.path, document.getText());
}

function describe(type: DocumentType | undefined): string {
  if (type === undefined) return 'not a Spark or SnappyData config file';
  switch (type.kind) {
    case 'spark-defaults':
      return 'spark-defaults.conf';
    case 'snappy-members':
      return `SnappyData ${type.role ?? 'member'} list`;
    case 'spark-application':
      return 'spark-operator SparkApplication';
  }
}

/**
 * `sparkMemory.showDocumentKind`: returns the detected kind of the active editor's document
 * (undefined when there is none or it is not ours) and shows it briefly in the status bar.
 */
export function registerShowDocumentKind(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_DOCUMENT_KIND, (): DocumentType | undefined => {
      const editor = vscode.window.activeTextEditor;
      const type = editor ? documentTypeOf(editor.document) : undefined;
      vscode.window.setStatusBarMessage(`Spark Memory: ${editor ? describe(type) : 'no active editor'}`, 5000);
      return type;
    }),
  );
}
