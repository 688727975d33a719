// SnappyData tables as the memory manager sees them: each table's eviction attributes (from its
// CREATE TABLE options), its entries in LRU order, and SnappyStorageEvictor, which overflows the
// least recently used entries of heap-LRU tables to disk when the memory manager asks for room.
//
// Sources (TIBCOSoftware/snappydata v1.3.1 and its store):
// - core/.../sql/store/StoreUtils.scala ddlExtensionString (lines 413-425): without EVICTION_BY a
//   table gets "EVICTION BY LRUHEAPPERCENT EVICTACTION OVERFLOW" unless OVERFLOW 'false'; this is
//   the same for row and column tables since SNAP-1501 (commit 353e8d54ac, "By default, column and
//   row tables will have heap-based eviction enabled with overflow-to-disk as evict action").
//   EVICTION_BY 'NONE' turns eviction off; OVERFLOW 'false' with an EVICTION_BY is refused.
//   (docs/reference/sql_reference/create-table.md still says row tables get no default.)
// - cluster/.../memory/SnappyStorageEvictor.scala: only regions whose algorithm is LRU heap take
//   part (not LRUCOUNT/LRUMEMSIZE, not a column table's row buffer); with off-heap memory,
//   column tables are evicted for off-heap requests and row tables for on-heap ones. Regions are
//   visited round-robin, one LRU entry each per round (AbstractLRURegionMap
//   .centralizedLruUpdateCallback evicts until it has evicted something), until enough is freed.
//   SnappyData shuffles the regions (Random.shuffle); here they are visited in creation order,
//   oldest table first, so that a run is reproducible.
// - LRUCOUNT n / LRUMEMSIZE n tables evict their own LRU entries as soon as an insert takes them
//   past n entries / n megabytes (the region's capacity controller), whatever the heap does.
import { MemoryMode } from '../memoryMode';

export type EvictionAlgorithm = 'LRUHEAPPERCENT' | 'LRUCOUNT' | 'LRUMEMSIZE' | 'NONE';

export interface EvictionAttributes {
  readonly algorithm: EvictionAlgorithm;
  /** LRUCOUNT: entries; LRUMEMSIZE: megabytes. */
  readonly maximum?: number;
}

export interface TableOptions {
  readonly kind: 'row' | 'column';
  /** The EVICTION_BY option as written, e.g. "LRUHEAPPERCENT", "LRUCOUNT 3", "NONE". */
  readonly evictionBy?: string;
  /** The OVERFLOW option as written ("true" / "false"). */
  readonly overflow?: string;
  /** A row table without PARTITION_BY is replicated. */
  readonly replicated?: boolean;
  /**
   * Bytes of each entry that stay in memory when it overflows (key and region entry; SnappyData's
   * memory suites count 88 bytes of entry overhead per row): only the value goes to disk.
   */
  readonly entryOverhead?: number;
}

/** The eviction attributes StoreUtils.ddlExtensionString gives a table, or SnappyData's refusal. */
export function tableEvictionAttributes(o: TableOptions): EvictionAttributes | { readonly error: string } {
  let overflow = true;
  if (o.overflow !== undefined) {
    // Scala's String.toBoolean.
    const t = o.overflow.toLowerCase();
    if (t !== 'true' && t !== 'false') return { error: `For input string: "${o.overflow}"` };
    overflow = t === 'true';
  }
  if (o.evictionBy === undefined) return { algorithm: overflow ? 'LRUHEAPPERCENT' : 'NONE' };
  const v = o.evictionBy.trim();
  if (v.toUpperCase() === 'NONE') return { algorithm: 'NONE' };
  if (!overflow) return { error: "overflow 'FALSE' is not supported when eviction is configured." };
  const m = /^(LRUHEAPPERCENT|LRUCOUNT|LRUMEMSIZE)(?:\s+(\d+))?$/i.exec(v);
  const alg = m?.[1]?.toUpperCase() as EvictionAlgorithm | undefined;
  if (m === null || alg === undefined || (alg === 'LRUHEAPPERCENT') !== (m[2] === undefined)) {
    return {
      error: `EVICTION_BY '${o.evictionBy}' is not LRUHEAPPERCENT, LRUCOUNT <entries>, LRUMEMSIZE <MB> or NONE`,
    };
  }
  return alg === 'LRUHEAPPERCENT' ? { algorithm: alg } : { algorithm: alg, maximum: Number(m[2]) };
}

interface Entry {
  readonly bytes: number;
}

export class SnappyTable {
  /** Entries in memory, least recently used first. */
  readonly lru: Entry[] = [];
  bytesInMemory = 0;
  bytesOnDisk = 0;
  entriesOnDisk = 0;

  constructor(
    readonly name: string,
    readonly options: TableOptions,
    readonly eviction: EvictionAttributes,
    /** Where its data lives: column tables off heap when the member has a memory-size. */
    readonly mode: MemoryMode,
  ) {}

  get isLruHeap(): boolean {
    return this.eviction.algorithm === 'LRUHEAPPERCENT';
  }

  add(bytes: number): void {
    this.lru.push({ bytes });
    this.bytesInMemory += bytes;
  }

  /**
   * Overflow the least recently used entry's value to disk; the bytes freed, or 0 when no entry
   * has a value in memory (its entry overhead stays in memory).
   */
  evictOne(): number {
    const e = this.lru.shift();
    if (e === undefined) return 0;
    const value = Math.max(0, e.bytes - (this.options.entryOverhead ?? 0));
    this.bytesInMemory -= value;
    this.bytesOnDisk += value;
    this.entriesOnDisk++;
    return value;
  }

  /** The capacity controller of an LRUCOUNT / LRUMEMSIZE table: the entries it evicts now. */
  overCapacity(): number {
    const max = this.eviction.maximum ?? Number.POSITIVE_INFINITY;
    if (this.eviction.algorithm === 'LRUCOUNT') return Math.max(0, this.lru.length - max);
    if (this.eviction.algorithm === 'LRUMEMSIZE') {
      let n = 0;
      let bytes = this.bytesInMemory;
      for (const e of this.lru) {
        if (bytes <= max * 1024 * 1024) break;
        bytes -= e.bytes;
        n++;
      }
      return n;
    }
    return 0;
  }

  clear(): number {
    const freed = this.bytesInMemory;
    this.lru.length = 0;
    this.bytesInMemory = 0;
    this.bytesOnDisk = 0;
    this.entriesOnDisk = 0;
    return freed;
  }
}

/**
 * SnappyStorageEvictor.evictRegionData(bytesRequired, offHeap): overflow LRU entries of the heap-LRU
 * tables of that memory until `bytesRequired` are freed; `release` gives the bytes back to the
 * storage pool under the table's name, as the region's accounting does when an entry is evicted.
 */
export function evictRegionData(
  tables: readonly SnappyTable[],
  bytesRequired: number,
  offHeap: boolean,
  hasOffHeap: boolean,
  release: (t: SnappyTable, bytes: number) => void,
): number {
  if (!hasOffHeap && offHeap) return 0;
  const regions = tables.filter(
    (t) =>
      t.isLruHeap &&
      (hasOffHeap ? offHeap === (t.options.kind === 'column') : true) &&
      (!offHeap || !(t.options.replicated ?? false)),
  );
  let total = 0;
  while (regions.length > 0) {
    for (let i = 0; i < regions.length;) {
      const t = regions[i] as SnappyTable;
      const bytes = t.evictOne();
      if (bytes === 0) {
        regions.splice(i, 1);
        continue;
      }
      release(t, bytes);
      total += bytes;
      if (total >= bytesRequired) return total;
      i++;
    }
  }
  return total;
}
