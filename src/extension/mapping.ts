// Core spans <-> editor ranges. The core reads the text Spark reads: when the file on disk starts
// with a UTF-8 byte-order mark, VS Code has stripped it from the document but the core's text
// starts with U+FEFF, so every core offset is one more than the document's. The BOM sits on line 0,
// so only line 0's columns move; other lines keep their columns.
import * as vscode from 'vscode';
import type { Span } from '../core/text/lineIndex';
import { LineIndex } from '../core/text/lineIndex';

export class TextMapper {
  /**
   * @param lines line index of the core text (with the BOM, when there is one)
   * @param shift 1 when the core text starts with a BOM that the document does not have, else 0
   */
  constructor(
    private readonly lines: LineIndex,
    readonly shift: number,
  ) {}

  static of(coreText: string, shift: number): TextMapper {
    return new TextMapper(new LineIndex(coreText), shift);
  }

  position(offset: number): vscode.Position {
    const p = this.lines.positionAt(offset);
    return new vscode.Position(p.line, p.line === 0 ? Math.max(0, p.character - this.shift) : p.character);
  }

  range(span: Span): vscode.Range {
    return new vscode.Range(this.position(span.start), this.position(Math.max(span.start, span.end)));
  }

  /** The core offset of a document position. */
  offset(pos: vscode.Position): number {
    return this.lines.offsetAt({
      line: pos.line,
      character: pos.line === 0 ? pos.character + this.shift : pos.character,
    });
  }

  /** A core span starts inside the BOM the document does not show (an edit there cannot be made as text). */
  touchesBom(span: Span): boolean {
    return this.shift > 0 && span.start < this.shift;
  }
}
