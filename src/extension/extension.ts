import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Providers are registered here as the features land.
}

export function deactivate(): void {}
