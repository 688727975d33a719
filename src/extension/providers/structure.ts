// Folding ranges, semantic tokens and the spark-defaults.conf formatter (off by default:
// `sparkMemory.format.enable`). The core computes them; here they become VS Code objects.
import * as vscode from 'vscode';
import {
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  foldingRanges,
  formatProperties,
  semanticTokens,
} from '../../core/editor';
import type { Span } from '../../core/text/lineIndex';
import type { DocumentStore, Snapshot } from '../documents';
import { SECTION } from '../settings';

/** The languages whose structure we know; YAML keeps VS Code's own folding and colouring. */
export const STRUCTURE_SELECTOR: vscode.DocumentSelector = [
  { language: 'spark-defaults' },
  { language: 'snappydata-members' },
];
export const SPARK_DEFAULTS_SELECTOR: vscode.DocumentSelector = [{ language: 'spark-defaults' }];

export const SEMANTIC_LEGEND = new vscode.SemanticTokensLegend(
  [...SEMANTIC_TOKEN_TYPES],
  [...SEMANTIC_TOKEN_MODIFIERS],
);

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

/** Registers the formatter while `sparkMemory.format.enable` is on, and follows the setting. */
export function registerFormatter(context: vscode.ExtensionContext, store: DocumentStore): void {
  let registration: vscode.Disposable | undefined;
  const sync = (): void => {
    const on = vscode.workspace.getConfiguration(SECTION).get<unknown>('format.enable') === true;
    if (on && registration === undefined) {
      const f = new SparkDefaultsFormatter(store);
      const a = vscode.languages.registerDocumentFormattingEditProvider(SPARK_DEFAULTS_SELECTOR, f);
      const b = vscode.languages.registerDocumentRangeFormattingEditProvider(SPARK_DEFAULTS_SELECTOR, f);
      registration = vscode.Disposable.from(a, b);
    } else if (!on && registration !== undefined) {
      registration.dispose();
      registration = undefined;
    }
  };
  sync();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.format.enable`)) sync();
    }),
    { dispose: () => void registration?.dispose() },
  );
}
