// The seam between the two extension hosts the extension runs in: Node's (desktop VS Code, a VS Code
// server) and the web worker's (vscode.dev, github.dev), where no Node API exists. Everything else
// is shared; only what needs Node, or a replacement for it, is behind this interface.
import type * as vscode from 'vscode';
import type { EventLogFacts } from '../../core/eventlog';
import type { ReadProgress } from '../panel/eventLogRead';

export interface Platform {
  readonly name: 'node' | 'web';
  /** Reads a Spark event log: a file or a rolling log's folder (a Uri), or a History Server URL (a string). */
  readEventLog(source: vscode.Uri | string, progress: ReadProgress): Promise<EventLogFacts>;
  /** How the `spark-memory` lint task runs the bundled command line `cli` with `args`. */
  lintTaskExecution(cli: string, args: readonly string[]): vscode.ProcessExecution | vscode.CustomExecution;
}
