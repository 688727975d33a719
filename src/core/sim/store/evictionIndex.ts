// The blocks of a MemoryStore grouped the way evictBlocksToFreeSpace looks at them: by memory mode
// and by RDD (blocks of the requester's RDD are never evicted for it). Spark walks its one
// LinkedHashMap in access order and skips those blocks one by one, which costs nothing there but
// made a put of a cache of 1,000,000 small blocks of one RDD walk all of them (quadratic). Here each
// group keeps its own access order, stamped with one counter, and the walk merges the groups other
// than the requester's: the cost is the blocks it selects (times log of the number of RDDs in
// memory) plus one step per RDD, never the blocks it skips.
import type { MemoryMode } from '../memoryMode';

interface Slot<E> {
  readonly entry: E;
  stamp: number;
}

interface Group<E> {
  readonly blocks: Map<string, Slot<E>>;
  bytes: number;
}

export interface Indexed {
  readonly blockId: string;
  readonly size: number;
  readonly memoryMode: MemoryMode;
}

export class EvictionIndex<E extends Indexed> {
  private readonly groups: Record<MemoryMode, Map<number, Group<E>>> = { ON_HEAP: new Map(), OFF_HEAP: new Map() };
  private readonly bytes: Record<MemoryMode, number> = { ON_HEAP: 0, OFF_HEAP: 0 };
  private readonly slots = new Map<string, { readonly group: Group<E>; readonly slot: Slot<E> }>();
  private stamp = 0;
  /** Blocks the eviction walks have looked at so far (the work they did). */
  visited = 0;

  constructor(private readonly rddIdOf: (blockId: string) => number) {}

  /** A new block, most recently used. */
  add(entry: E): void {
    const byRdd = this.groups[entry.memoryMode];
    const rdd = this.rddIdOf(entry.blockId);
    let group = byRdd.get(rdd);
    if (group === undefined) {
      group = { blocks: new Map(), bytes: 0 };
      byRdd.set(rdd, group);
    }
    const slot = { entry, stamp: this.stamp++ };
    group.blocks.set(entry.blockId, slot);
    group.bytes += entry.size;
    this.bytes[entry.memoryMode] += entry.size;
    this.slots.set(entry.blockId, { group, slot });
  }

  /** An access: the block becomes the most recently used. */
  touch(blockId: string): void {
    const s = this.slots.get(blockId);
    if (s === undefined) return;
    s.group.blocks.delete(blockId);
    s.slot.stamp = this.stamp++;
    s.group.blocks.set(blockId, s.slot);
  }

  remove(blockId: string): void {
    const s = this.slots.get(blockId);
    if (s === undefined) return;
    this.slots.delete(blockId);
    const e = s.slot.entry;
    s.group.blocks.delete(blockId);
    s.group.bytes -= e.size;
    this.bytes[e.memoryMode] -= e.size;
    if (s.group.blocks.size === 0) this.groups[e.memoryMode].delete(this.rddIdOf(blockId));
  }

  clear(): void {
    this.groups.ON_HEAP.clear();
    this.groups.OFF_HEAP.clear();
    this.bytes.ON_HEAP = 0;
    this.bytes.OFF_HEAP = 0;
    this.slots.clear();
  }

  /** Bytes of `mode` blocks that are not of RDD `exceptRdd` (-1: none excluded). */
  bytesExcept(mode: MemoryMode, exceptRdd: number): number {
    const own = exceptRdd >= 0 ? (this.groups[mode].get(exceptRdd)?.bytes ?? 0) : 0;
    return this.bytes[mode] - own;
  }

  /** Blocks of `mode` not of RDD `exceptRdd` (-1: none excluded), least recently used first. */
  *leastRecentlyUsed(mode: MemoryMode, exceptRdd: number): Generator<E, void, void> {
    const heads: Array<{ slot: Slot<E>; rest: Iterator<Slot<E>> }> = [];
    for (const [rdd, group] of this.groups[mode]) {
      if (exceptRdd >= 0 && rdd === exceptRdd) continue;
      const rest = group.blocks.values();
      const first = rest.next();
      if (first.done !== true) heads.push({ slot: first.value, rest });
    }
    // A binary min-heap on each group's oldest stamp.
    for (let i = (heads.length >> 1) - 1; i >= 0; i--) siftDown(heads, i);
    while (heads.length > 0) {
      const top = heads[0] as { slot: Slot<E>; rest: Iterator<Slot<E>> };
      this.visited++;
      yield top.slot.entry;
      const next = top.rest.next();
      if (next.done === true) {
        const last = heads.pop() as { slot: Slot<E>; rest: Iterator<Slot<E>> };
        if (heads.length === 0) break;
        heads[0] = last;
      } else top.slot = next.value;
      siftDown(heads, 0);
    }
  }
}

function siftDown<E>(h: Array<{ slot: Slot<E> }>, i: number): void {
  const x = h[i] as { slot: Slot<E> };
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const r = l + 1;
    const c = r < h.length && (h[r] as { slot: Slot<E> }).slot.stamp < (h[l] as { slot: Slot<E> }).slot.stamp ? r : l;
    if (x.slot.stamp <= (h[c] as { slot: Slot<E> }).slot.stamp) break;
    h[i] = h[c] as { slot: Slot<E> };
    i = c;
  }
  h[i] = x;
}
