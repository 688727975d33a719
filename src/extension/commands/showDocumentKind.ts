import * as vscode from 'vscode';
import type { DocumentType } from '../../core/document/kind';
import { documentTypeOf } from '../documents';

export const SHOW_DOCUMENT_KIND = 'sparkMemory.showDocumentKind';

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
