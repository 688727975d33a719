// The `main` entry: the Node extension host of desktop VS Code and of a VS Code server.
import type * as vscode from 'vscode';
import { type SparkMemoryApi, activateOn } from './activate';
import { nodePlatform } from './platform/node';

export type { SparkMemoryApi } from './activate';

export function activate(context: vscode.ExtensionContext): SparkMemoryApi | undefined {
  return activateOn(context, nodePlatform);
}

export function deactivate(): void {}
