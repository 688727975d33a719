// Hover on keys and values: the core writes the Markdown (catalog facts and derived sizes).
import * as vscode from 'vscode';
import { hoverAt } from '../../core/editor/hover';
import type { DocumentStore } from '../documents';

export class SparkMemoryHover implements vscode.HoverProvider {
  constructor(private readonly store: DocumentStore) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const snap = await this.store.forDocument(doc);
    if (snap === undefined || !snap.result.ok || snap.version !== doc.version) return undefined;
    const h = hoverAt(snap.result.analysis, snap.mapper.offset(pos));
    if (h === undefined) return undefined;
    const md = new vscode.MarkdownString(h.markdown);
    md.supportHtml = false;
    md.isTrusted = false;
    return new vscode.Hover(md, snap.mapper.range(h.span));
  }
}
