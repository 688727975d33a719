// A status bar item with the active config's executor in one line (heap, unified region, tasks and
// each task's execution share), or that Spark refuses it; a click opens the simulation panel.
import * as vscode from 'vscode';
import { executorStatus } from '../core/editor/executorStatus';
import { type DocumentStore, documentTypeOf } from './documents';
import { OPEN_SIMULATION_COMMAND } from './panel/controller';

export class ExecutorStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'sparkMemory.executor',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private run = 0;

  constructor(private readonly store: DocumentStore) {
    this.item.name = 'Spark Memory executor';
    this.item.command = { command: OPEN_SIMULATION_COMMAND, title: 'Open Simulation' };
  }

  /** What the item shows now (tests read it). */
  get text(): string {
    return this.item.text;
  }

  async update(editor = vscode.window.activeTextEditor): Promise<void> {
    const run = ++this.run;
    const doc = editor?.document;
    if (doc === undefined || documentTypeOf(doc) === undefined) {
      this.item.hide();
      return;
    }
    const snap = await this.store.forDocument(doc).catch(() => undefined);
    if (run !== this.run) return;
    const status = snap !== undefined && snap.result.ok ? executorStatus(snap.result.analysis) : undefined;
    if (status === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = `${status.refused ? '$(error)' : '$(server-process)'} ${status.text}`;
    this.item.tooltip = `${status.tooltip}\n\nClick to open the simulation.`;
    this.item.backgroundColor = status.refused ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
