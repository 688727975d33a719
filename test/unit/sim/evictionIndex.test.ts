// The eviction walk by RDD groups: the same blocks in the same order as Spark's one access-ordered
// walk that skips the requester's RDD, and work proportional to what it selects.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { MemoryMode } from '../../../src/core/sim/memoryMode';
import { EvictionIndex } from '../../../src/core/sim/store/evictionIndex';
import { rddIdOf } from '../../../src/core/sim/store/memoryStore';

interface E {
  readonly blockId: string;
  readonly size: number;
  readonly memoryMode: MemoryMode;
}

type Op =
  | { readonly k: 'add'; readonly id: string; readonly size: number; readonly mode: MemoryMode }
  | { readonly k: 'touch' | 'remove'; readonly id: string };

const blockId = fc.oneof(
  fc.tuple(fc.nat(3), fc.nat(6)).map(([r, p]) => `rdd_${r}_${p}`),
  fc.nat(3).map((b) => `broadcast_${b}`),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    k: fc.constant('add' as const),
    id: blockId,
    size: fc.integer({ min: 1, max: 100 }),
    mode: fc.constantFrom<MemoryMode>('ON_HEAP', 'OFF_HEAP'),
  }),
  fc.record({ k: fc.constantFrom('touch' as const, 'remove' as const), id: blockId }),
);

describe('EvictionIndex', () => {
  it('walks the blocks in the order of an access-ordered map that skips the requester RDD', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: -1, max: 3 }), (ops, except) => {
        const index = new EvictionIndex<E>(rddIdOf);
        const reference = new Map<string, E>();
        for (const o of ops) {
          if (o.k === 'add') {
            if (reference.has(o.id)) continue;
            const e = { blockId: o.id, size: o.size, memoryMode: o.mode };
            reference.set(o.id, e);
            index.add(e);
          } else if (o.k === 'touch') {
            const e = reference.get(o.id);
            if (e === undefined) continue;
            reference.delete(o.id);
            reference.set(o.id, e);
            index.touch(o.id);
          } else if (reference.delete(o.id)) index.remove(o.id);
        }
        for (const mode of ['ON_HEAP', 'OFF_HEAP'] as const) {
          const expected = [...reference.values()].filter(
            (e) => e.memoryMode === mode && !(except >= 0 && rddIdOf(e.blockId) === except),
          );
          assert.deepEqual(
            [...index.leastRecentlyUsed(mode, except)].map((e) => e.blockId),
            expected.map((e) => e.blockId),
          );
          assert.equal(
            index.bytesExcept(mode, except),
            expected.reduce((s, e) => s + e.size, 0),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('looks only at the blocks it takes, however many blocks of the requester RDD come first', () => {
    const index = new EvictionIndex<E>(rddIdOf);
    for (let p = 0; p < 50_000; p++) index.add({ blockId: `rdd_1_${p}`, size: 1, memoryMode: 'ON_HEAP' });
    for (let p = 0; p < 10; p++) index.add({ blockId: `rdd_2_${p}`, size: 1, memoryMode: 'ON_HEAP' });
    const taken: string[] = [];
    for (const e of index.leastRecentlyUsed('ON_HEAP', 1)) {
      taken.push(e.blockId);
      if (taken.length === 3) break;
    }
    assert.deepEqual(taken, ['rdd_2_0', 'rdd_2_1', 'rdd_2_2']);
    assert.equal(index.visited, 3);
  });
});
