// editDistance against the textbook optimal-string-alignment table, with no shortcut: the common
// prefix it skips and the rows it stops early must never change an answer of at most `max`.
import * as assert from 'assert';
import fc from 'fast-check';
import { closestKey } from '../../../src/core/rules/properties/unknownKey';
import { editDistance } from '../../../src/core/text/editDistance';

function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_v, i) =>
    Array.from({ length: b.length + 1 }, (_w, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance (optimal string alignment, capped)', () => {
  it('agrees with the full table up to the cap, and says max + 1 beyond it', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'c', '.'), { maxLength: 12 }).map((x) => x.join(''));
    fc.assert(
      fc.property(word, word, word, fc.integer({ min: 0, max: 5 }), (prefix, x, y, max) => {
        const a = prefix + x;
        const b = prefix + y;
        const exact = osa(a, b);
        assert.strictEqual(
          editDistance(a, b, max),
          exact <= max ? exact : max + 1,
          `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}`,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a swap of neighbours as one edit', () => {
    assert.strictEqual(editDistance('spark.memory.fraciton', 'spark.memory.fraction'), 1);
    assert.strictEqual(editDistance('spark.memory.fraction', 'spark.memory.fraction'), 0);
  });

  it('suggests the nearest catalog key of the same family, and nothing when none is near', () => {
    assert.deepStrictEqual(closestKey('spark.memory.fractoin'), { key: 'spark.memory.fraction', distance: 1 });
    assert.deepStrictEqual(closestKey('spark.memory.storagefraction'), {
      key: 'spark.memory.storageFraction',
      distance: 0,
    });
    assert.strictEqual(closestKey('spark.memory.tuning4'), undefined);
  });
});
