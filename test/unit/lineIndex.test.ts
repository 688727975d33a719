import * as assert from 'assert';
import { LineIndex } from '../../src/core/text/lineIndex';

describe('core/text/lineIndex', () => {
  it('treats \\n, \\r\\n and a lone \\r as line ends', () => {
    const idx = new LineIndex('a\nbb\r\nccc\rd');
    assert.strictEqual(idx.lineCount, 4);
    assert.deepStrictEqual(
      [0, 1, 2, 3].map((l) => [idx.lineStart(l), idx.lineEnd(l)]),
      [
        [0, 1],
        [2, 4],
        [6, 9],
        [10, 11],
      ],
    );
  });

  it('converts offsets to positions and back', () => {
    const text = 'spark.a 1g\r\nspark.b 2g\n';
    const idx = new LineIndex(text);
    const at = text.indexOf('2g');
    assert.deepStrictEqual(idx.positionAt(at), { line: 1, character: 8 });
    assert.strictEqual(idx.offsetAt({ line: 1, character: 8 }), at);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      // An offset inside a \r\n pair maps to the end of its line, like VS Code does.
      const back = idx.offsetAt(p);
      assert.ok(
        back === o || (text[o - 1] === '\r' && text[o] === '\n' && back === o - 1),
        `offset ${o} -> ${JSON.stringify(p)} -> ${back}`,
      );
    }
  });

  it('clamps out-of-range input', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepStrictEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepStrictEqual(idx.positionAt(99), { line: 1, character: 2 });
    assert.strictEqual(idx.offsetAt({ line: 0, character: 99 }), 2, 'column past the end stops before the newline');
    assert.strictEqual(idx.offsetAt({ line: 7, character: 0 }), 5);
    assert.strictEqual(idx.offsetAt({ line: -1, character: 3 }), 0);
  });

  it('counts UTF-16 code units, as VS Code positions do', () => {
    const idx = new LineIndex('😀=1\nx');
    assert.deepStrictEqual(idx.positionAt(3), { line: 0, character: 3 });
    assert.strictEqual(idx.lineEnd(0), 4);
  });

  it('has one empty line for empty text and a last empty line after a final newline', () => {
    assert.strictEqual(new LineIndex('').lineCount, 1);
    const idx = new LineIndex('x\n');
    assert.strictEqual(idx.lineCount, 2);
    assert.strictEqual(idx.lineStart(1), 2);
    assert.strictEqual(idx.lineEnd(1), 2);
  });
});
