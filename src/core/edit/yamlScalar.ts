// Replacing a YAML scalar's text. The yaml parser's range of a block scalar (`|`, `>`, with
// chomping and indentation indicators) runs from its header to the end of its content, the line
// break after the last content line included (yaml's CST: the block scalar owns its trailing
// newlines). Writing a value over that range would join the next key onto the value's line, so an
// edit keeps that break, and a comment on the header line (`memory: | # note`) stays after the value.
import type { Span } from '../text/lineIndex';
import { lineEndOf } from '../text/lines';
import type { TextEdit } from './textEdit';

/** Whether `span` starts at a block scalar header and holds more than that header's line. */
function isBlockScalar(text: string, span: Span): boolean {
  const c = text.charAt(span.start);
  return (c === '|' || c === '>') && span.end > lineEndOf(text, span.start);
}

/** The edit that replaces the scalar at `span` by `value` (a block scalar keeps its line break and header comment). */
export function replaceScalar(text: string, span: Span, value: string): TextEdit {
  if (!isBlockScalar(text, span)) return { span, newText: value };
  const headerEnd = lineEndOf(text, span.start);
  const header = text.slice(span.start, headerEnd);
  const hash = header.search(/[ \t]#/);
  let end = span.end;
  while (end > headerEnd && /\s/.test(text.charAt(end - 1))) end--;
  return {
    span: { start: span.start, end: Math.max(end, headerEnd) },
    newText: value + (hash >= 0 ? header.slice(hash) : ''),
  };
}

/**
 * A quick fix's edit of a YAML document made safe for block scalars: an edit that replaces a block
 * scalar (it starts at the header and reaches into the content) goes through replaceScalar; any
 * other edit is returned as it is.
 */
export function yamlValueEdit(text: string, edit: TextEdit): TextEdit {
  return isBlockScalar(text, edit.span) ? replaceScalar(text, edit.span, edit.newText) : edit;
}
