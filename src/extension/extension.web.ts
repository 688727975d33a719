// The `browser` entry: the web worker extension host of vscode.dev, github.dev and of a browser on a
// VS Code server (bundled by scripts/build.mjs for platform browser, with no Node built-in).
import type * as vscode from 'vscode';
import { type SparkMemoryApi, activateOn } from './activate';
import { webPlatform } from './platform/web';

export type { SparkMemoryApi } from './activate';

export function activate(context: vscode.ExtensionContext): SparkMemoryApi | undefined {
  return activateOn(context, webPlatform);
}

export function deactivate(): void {}
