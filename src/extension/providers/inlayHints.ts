// Inlay hints with the sizes a memory setting produces (the core chooses and words them), off with
// sparkMemory.inlayHints.enabled = false. VS Code cuts the hints of a line after
// editor.inlayHints.maximumLength characters (43); package.json lifts that limit for our two
// languages (configurationDefaults), YAML keeps the user's setting.
import * as vscode from 'vscode';
import { inlayHints } from '../../core/editor/inlayHints';
import type { DocumentStore } from '../documents';
import { readSettings } from '../settings';

export class SparkMemoryInlayHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly store: DocumentStore) {}

  /** Ask the editor for new hints (settings changed, or a file a document depends on did). */
  refresh(): void {
    this.changed.fire();
  }

  async provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[] | undefined> {
    if (!readSettings(doc.uri).inlayHints) return [];
    const snap = await this.store.forDocument(doc);
    if (snap === undefined || !snap.result.ok || snap.version !== doc.version) return undefined;
    const m = snap.mapper;
    return inlayHints(snap.result.analysis, { start: m.offset(range.start), end: m.offset(range.end) }).map((h) => {
      const hint = new vscode.InlayHint(m.position(h.offset), h.label);
      hint.paddingLeft = true;
      hint.tooltip = 'Spark Memory: what this setting gives (hover the key for the exact bytes)';
      return hint;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
