// Folding ranges of spark-defaults.conf and SnappyData member files: blocks of comment lines,
// runs of adjacent settings of one group (spark.memory.*), and logical lines that continue over
// several physical lines. YAML keeps VS Code's indentation folding (no provider is registered).
import type { MembersDocument } from '../parse/members';
import type { PropertiesDocument } from '../parse/properties';
import { LineIndex, type Span } from '../text/lineIndex';
import { keyGroup } from './outline';

export interface FoldingRange {
  /** 0-based lines, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

/** Consecutive one-line comments fold as one block. */
function commentBlocks(comments: readonly Span[], lines: LineIndex): FoldingRange[] {
  const out: FoldingRange[] = [];
  let start = -1;
  let prev = -2;
  const flush = (): void => {
    if (start >= 0 && prev > start) out.push({ startLine: start, endLine: prev, kind: 'comment' });
  };
  for (const c of comments) {
    const line = lines.positionAt(c.start).line;
    if (line !== prev + 1) {
      flush();
      start = line;
    }
    prev = lines.positionAt(Math.max(c.start, c.end - 1)).line;
  }
  flush();
  return out;
}

const lastLine = (lines: LineIndex, span: Span): number => lines.positionAt(Math.max(span.start, span.end - 1)).line;

function propertiesFolding(doc: PropertiesDocument, lines: LineIndex): FoldingRange[] {
  const out = commentBlocks(doc.comments, lines);
  let runGroup: string | undefined;
  let runStart = 0;
  let runEnd = 0;
  const flush = (): void => {
    if (runGroup !== undefined && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'region' });
  };
  for (const e of doc.entries) {
    const end = lastLine(lines, e.lineSpan);
    if (end > e.line) out.push({ startLine: e.line, endLine: end });
    const g = keyGroup(e.key);
    if (g === undefined || g !== runGroup) {
      flush();
      runGroup = g;
      runStart = e.line;
    }
    runEnd = end;
  }
  flush();
  return out;
}

function membersFolding(doc: MembersDocument, lines: LineIndex): FoldingRange[] {
  const out = commentBlocks(doc.comments, lines);
  for (const m of doc.members) {
    const start = lines.positionAt(m.lineSpan.start).line;
    const end = lastLine(lines, m.lineSpan);
    if (end > start) out.push({ startLine: start, endLine: end });
  }
  return out;
}

export function foldingRanges(doc: PropertiesDocument | MembersDocument): FoldingRange[] {
  const lines = new LineIndex(doc.text);
  const out = doc.kind === 'spark-defaults' ? propertiesFolding(doc, lines) : membersFolding(doc, lines);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
