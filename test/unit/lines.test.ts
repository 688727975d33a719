import * as assert from 'assert';
import fc from 'fast-check';
import { LineIndex } from '../../src/core/text/lineIndex';
import { lineEndOf, lineStartOf, nextLineStartOf, wholeLinesOf } from '../../src/core/text/lines';

describe('core/text/lines', () => {
  it('finds a line around an offset with \\n, \\r\\n and a lone \\r', () => {
    const text = 'a\nbb\r\nccc\rd';
    assert.deepStrictEqual(
      [0, 2, 3, 6, 8, 10].map((o) => lineStartOf(text, o)),
      [0, 2, 2, 6, 6, 10],
    );
    assert.deepStrictEqual(
      [0, 2, 6, 10].map((o) => lineEndOf(text, o)),
      [1, 4, 9, 11],
    );
    assert.deepStrictEqual(
      [0, 2, 6, 10].map((o) => nextLineStartOf(text, o)),
      [2, 6, 10, 11],
    );
    assert.deepStrictEqual(wholeLinesOf(text, { start: 3, end: 7 }), { start: 2, end: 10 });
  });

  it('does not take a terminator at offset 0 for the line before the first', () => {
    assert.strictEqual(lineStartOf('\nx', 0), 0);
    assert.strictEqual(lineStartOf('\nx', 1), 1);
  });

  it('agrees with LineIndex on every offset of any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n'), { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          const idx = new LineIndex(text);
          for (let o = 0; o <= text.length; o++) {
            // Inside a \r\n pair the line is the one the pair ends; the scan starts afresh there.
            if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) continue;
            const line = idx.positionAt(o).line;
            assert.strictEqual(lineStartOf(text, o), idx.lineStart(line), `start at ${o} of ${JSON.stringify(text)}`);
            assert.strictEqual(lineEndOf(text, o), idx.lineEnd(line), `end at ${o} of ${JSON.stringify(text)}`);
            const next = line + 1 < idx.lineCount ? idx.lineStart(line + 1) : text.length;
            assert.strictEqual(nextLineStartOf(text, o), next, `next at ${o} of ${JSON.stringify(text)}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
