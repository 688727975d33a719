// The web worker extension host (vscode.dev, github.dev, a browser on a VS Code server with
// extensionKind web): no Node API. Event logs are read through workspace.fs; what needs Node says so.
import * as vscode from 'vscode';
import { readEventLogFiles, workspaceLogFiles } from '../panel/eventLogRead';
import type { Platform } from './types';

export const NO_HISTORY_SERVER =
  'reading a History Server URL needs the desktop VS Code or a VS Code server (the web extension host cannot reach it): download the event log and open its file or folder instead.';

export const NO_LINT_TASK =
  'the lint task runs the Spark Memory command line, which needs Node: in a browser use "Spark Memory: Lint Workspace", which checks the same files and lists the findings in Problems.';

/** A task that only explains why it cannot run here, and fails (exit code 1). */
function explain(message: string): vscode.CustomExecution {
  return new vscode.CustomExecution(() => {
    const close = new vscode.EventEmitter<number>();
    const write = new vscode.EventEmitter<string>();
    return Promise.resolve<vscode.Pseudoterminal>({
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        write.fire(`Spark Memory: ${message}\r\n`);
        close.fire(1);
      },
      close: () => {
        write.dispose();
        close.dispose();
      },
    });
  });
}

export const webPlatform: Platform = {
  name: 'web',
  readEventLog: (source, progress) => {
    if (typeof source === 'string') return Promise.reject(new Error(NO_HISTORY_SERVER));
    return readEventLogFiles(workspaceLogFiles, source, progress);
  },
  lintTaskExecution: () => explain(NO_LINT_TASK),
};
