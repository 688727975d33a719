// The outline: settings grouped by prefix, one entry per SnappyData member, the sections of a
// SparkApplication (built by the core; mapped to ranges here).
import * as vscode from 'vscode';
import { OutlineKind, OutlineSymbol, outline } from '../../core/editor/outline';
import type { DocumentStore } from '../documents';
import type { TextMapper } from '../mapping';

const KIND: Readonly<Record<OutlineKind, vscode.SymbolKind>> = {
  group: vscode.SymbolKind.Namespace,
  setting: vscode.SymbolKind.Property,
  member: vscode.SymbolKind.Object,
  argument: vscode.SymbolKind.Property,
  section: vscode.SymbolKind.Module,
  field: vscode.SymbolKind.Field,
};

function toSymbol(s: OutlineSymbol, m: TextMapper): vscode.DocumentSymbol {
  const range = m.range(s.span);
  let selection = m.range(s.selectionSpan);
  if (!range.contains(selection)) selection = new vscode.Range(range.start, range.start);
  const sym = new vscode.DocumentSymbol(
    s.name.length > 0 ? s.name : '(unnamed)',
    s.detail,
    KIND[s.kind],
    range,
    selection,
  );
  sym.children = s.children.map((c) => toSymbol(c, m));
  return sym;
}

export class SparkMemorySymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly store: DocumentStore) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[] | undefined> {
    const snap = await this.store.forDocument(doc);
    if (snap === undefined || !snap.result.ok || snap.version !== doc.version) return undefined;
    return outline(snap.result.analysis.doc).map((s) => toSymbol(s, snap.mapper));
  }
}
