// Completion from the catalog (the core decides what to offer at the cursor). Only the lines
// around the cursor are handed over, so a long file costs no more than a short one.
import * as vscode from 'vscode';
import { CompletionKind, completionsAt } from '../../core/editor/completion';
import { MAX_COMPLETION_SCAN_LINES } from '../../core/editor/limits';
import { DEFAULT_SPARK_VERSION } from '../../core/version';
import type { DocumentStore } from '../documents';
import { documentTypeOf } from '../documentFiles';
import { readSettings } from '../settings';

const KIND: Readonly<Record<CompletionKind, vscode.CompletionItemKind>> = {
  key: vscode.CompletionItemKind.Property,
  option: vscode.CompletionItemKind.Property,
  unit: vscode.CompletionItemKind.Unit,
  value: vscode.CompletionItemKind.Value,
};

export class SparkMemoryCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly store: DocumentStore) {}

  async provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const type = documentTypeOf(doc);
    if (type === undefined) return undefined;
    // The version in force: the setting, else what the last analysis of this file found (spec.sparkVersion).
    let version = readSettings(doc.uri).options.sparkVersion;
    if (version === undefined) {
      const last = await this.store.last(doc.uri)?.catch(() => undefined);
      version = last !== undefined && last.result.ok ? last.result.analysis.version : DEFAULT_SPARK_VERSION;
    }
    const firstLine = Math.max(0, pos.line - MAX_COMPLETION_SCAN_LINES);
    const window = new vscode.Range(firstLine, 0, pos.line, doc.lineAt(pos.line).text.length);
    const text = doc.getText(window);
    const base = doc.offsetAt(window.start);
    const c = completionsAt(type, text, doc.offsetAt(pos) - base, version);
    if (c === undefined) return undefined;
    const range = new vscode.Range(doc.positionAt(base + c.replace.start), doc.positionAt(base + c.replace.end));
    return c.items.map((i) => {
      const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
      item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
      item.range = range;
      item.detail = i.detail;
      item.sortText = i.sortText;
      if (i.filterText !== undefined) item.filterText = i.filterText;
      if (i.documentation !== undefined) item.documentation = new vscode.MarkdownString(i.documentation);
      if (i.deprecated === true) item.tags = [vscode.CompletionItemTag.Deprecated];
      return item;
    });
  }
}
