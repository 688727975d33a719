import * as vscode from 'vscode';
import { registerShowDocumentKind } from './commands/showDocumentKind';

export function activate(context: vscode.ExtensionContext): void {
  registerShowDocumentKind(context);
  // Providers are registered here as the features land.
}

export function deactivate(): void {}
