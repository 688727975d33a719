// The "Spark Memory" output channel: a log channel, so the user sets its level with
// "Developer: Set Log Level…" (or the channel's own gear) and VS Code filters the lines.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Spark Memory', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
