// Folding ranges, semantic tokens and the spark-defaults.conf formatter (off by default:
// `sparkMemory.format.enable`). The core computes them; here they become VS Code objects.
import * as vscode from 'vscode';
import { foldingRanges } from '../../core/editor/folding';
import { formatProperties } from '../../core/editor/format';
import { semanticTokens } from '../../core/editor/semanticTokens';
import type { Span } from '../../core/text/lineIndex';
import type { DocumentStore, Snapshot } from '../documents';
import { SEMANTIC_LEGEND } from './kinds';

async function analysed(store: DocumentStore, doc: vscode.TextDocument): Promise<Snapshot | undefined> {
  const snap = await store.forDocument(doc);
  return snap !== undefined && snap.result.ok && snap.version === doc.version ? snap : undefined;
}

const FOLDING_KIND = { comment: vscode.FoldingRangeKind.Comment, region: vscode.FoldingRangeKind.Region };

export class SparkMemoryStructure implements vscode.FoldingRangeProvider, vscode.DocumentSemanticTokensProvider {
  constructor(private readonly store: DocumentStore) {}

  async provideFoldingRanges(doc: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
    const snap = await analysed(this.store, doc);
    if (snap === undefined || !snap.result.ok) return [];
    const parsed = snap.result.analysis.doc;
    if (parsed.kind === 'spark-application') return [];
    return foldingRanges(parsed).map(
      (r) => new vscode.FoldingRange(r.startLine, r.endLine, r.kind !== undefined ? FOLDING_KIND[r.kind] : undefined),
    );
  }

  async provideDocumentSemanticTokens(doc: vscode.TextDocument): Promise<vscode.SemanticTokens | undefined> {
    const snap = await analysed(this.store, doc);
    if (snap === undefined || !snap.result.ok) return undefined;
    const a = snap.result.analysis;
    if (a.doc.kind === 'spark-application') return undefined;
    const builder = new vscode.SemanticTokensBuilder(SEMANTIC_LEGEND);
    for (const t of semanticTokens(a.doc, a.version)) {
      const range = snap.mapper.range(t.span);
      if (range.isEmpty || !range.isSingleLine) continue;
      builder.push(range, t.type, [...t.modifiers]);
    }
    return builder.build();
  }
}

export class SparkDefaultsFormatter
  implements vscode.DocumentFormattingEditProvider, vscode.DocumentRangeFormattingEditProvider
{
  constructor(private readonly store: DocumentStore) {}

  provideDocumentFormattingEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
    return this.edits(doc, undefined);
  }

  provideDocumentRangeFormattingEdits(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.TextEdit[]> {
    return this.edits(doc, range);
  }

  private async edits(doc: vscode.TextDocument, range: vscode.Range | undefined): Promise<vscode.TextEdit[]> {
    const snap = await analysed(this.store, doc);
    if (snap === undefined || !snap.result.ok) return [];
    const parsed = snap.result.analysis.doc;
    if (parsed.kind !== 'spark-defaults') return [];
    const span: Span | undefined =
      range !== undefined ? { start: snap.mapper.offset(range.start), end: snap.mapper.offset(range.end) } : undefined;
    return formatProperties(parsed, span)
      .filter((e) => !snap.mapper.touchesBom(e.span))
      .map((e) => vscode.TextEdit.replace(snap.mapper.range(e.span), e.newText));
  }
}
