// MemoryStore (core/src/main/scala/org/apache/spark/storage/memory/MemoryStore.scala, 2.4.4,
// 3.3.1, 4.1.1) with BlockManager.dropFromMemory's disk fallback: blocks in access order, LRU
// eviction that is all-or-nothing, and the unroll protocol of putIterator*.
import { MemoryMode } from '../memoryMode';
import { assertionFailed, requirementFailed } from '../errors';
import { MemoryManager } from '../memoryManager';
import { MemoryStoreLike } from './memoryStoreLike';
import { BlockInfoManager } from './blockInfo';
import { EvictionIndex } from './evictionIndex';
import { StorageLevel, StorageLevels, levelIsValid } from './storageLevel';

export interface MemoryEntry {
  readonly blockId: string;
  readonly size: number;
  readonly memoryMode: MemoryMode;
  readonly level: StorageLevel;
  /** DeserializedMemoryEntry (values) or SerializedMemoryEntry (bytes). */
  readonly deserialized: boolean;
}

/** How a put's values grow: the holder's estimated size after k values, and the built size. */
export interface UnrollSource {
  readonly count: number;
  estimatedSize(valuesStored: number): number;
  readonly preciseSize: number;
}

/** A linear size model: after k values the size is k × elementSize. */
export function linearSource(count: number, elementSize: number, preciseSize?: number): UnrollSource {
  return { count, estimatedSize: (k: number) => k * elementSize, preciseSize: preciseSize ?? count * elementSize };
}

export type PutIteratorResult =
  | { readonly stored: true; readonly size: number }
  | {
      readonly stored: false;
      /** Unroll memory this block still holds (PartiallyUnrolledIterator / PartiallySerializedBlock). */
      readonly unrollMemory: number;
      readonly elementsUnrolled: number;
      /** close() / discard() / full consumption: releases the unroll memory. */
      close(): void;
    };

export interface MemoryStoreListener {
  onBlockDropped?(blockId: string, writtenToDisk: boolean): void;
  onEvictionRequest?(requester: string | null, space: number, mode: MemoryMode, freed: number): void;
}

export interface MemoryStoreOptions {
  readonly blockInfoManager?: BlockInfoManager;
  readonly listener?: MemoryStoreListener;
}

/**
 * RDDBlockId's name form `rdd_<rddId>_<splitIndex>`: the RDD id, or -1 for any other block id.
 * Read character by character (no regular expression): eviction calls it for every cached block.
 */
export function rddIdOf(blockId: string): number {
  const n = blockId.length;
  if (
    n < 7 ||
    blockId.charCodeAt(0) !== 114 ||
    blockId.charCodeAt(1) !== 100 ||
    blockId.charCodeAt(2) !== 100 ||
    blockId.charCodeAt(3) !== 95
  )
    return -1;
  let i = 4;
  let id = 0;
  while (i < n) {
    const c = blockId.charCodeAt(i);
    if (c < 48 || c > 57) break;
    id = id * 10 + (c - 48);
    i++;
  }
  if (i === 4 || i >= n - 1 || blockId.charCodeAt(i) !== 95) return -1;
  for (let j = i + 1; j < n; j++) {
    const c = blockId.charCodeAt(j);
    if (c < 48 || c > 57) return -1;
  }
  return id;
}

export class MemoryStore implements MemoryStoreLike {
  /** LinkedHashMap(accessOrder = true): iteration is least recently used first. */
  private readonly entries = new Map<string, MemoryEntry>();
  /** The same blocks by mode and RDD, so that eviction never walks the requester's own blocks. */
  private readonly lru = new EvictionIndex<MemoryEntry>(rddIdOf);
  private readonly disk = new Set<string>();
  private readonly onHeapUnrollMemoryMap = new Map<number, number>();
  private readonly offHeapUnrollMemoryMap = new Map<number, number>();
  readonly blockInfoManager: BlockInfoManager;
  listener: MemoryStoreListener | undefined;
  /** spark.storage.unrollMemoryThreshold, unrollMemoryCheckPeriod, unrollMemoryGrowthFactor. */
  readonly unrollMemoryThreshold: number;
  readonly memoryCheckPeriod: number;
  readonly memoryGrowthFactor: number;

  constructor(
    readonly memoryManager: MemoryManager,
    opts: MemoryStoreOptions = {},
  ) {
    this.blockInfoManager = opts.blockInfoManager ?? new BlockInfoManager();
    this.listener = opts.listener;
    const conf = memoryManager.conf;
    this.unrollMemoryThreshold = conf.getLong('spark.storage.unrollMemoryThreshold', 1024 * 1024);
    this.memoryCheckPeriod = conf.getLong('spark.storage.unrollMemoryCheckPeriod', 16);
    this.memoryGrowthFactor = conf.getDouble('spark.storage.unrollMemoryGrowthFactor', 1.5);
  }

  // ---- queries -------------------------------------------------------------------------------------

  /** maxOnHeapStorageMemory + maxOffHeapStorageMemory ("MemoryStore started with capacity"). */
  get maxMemory(): number {
    return this.memoryManager.maxOnHeapStorageMemory + this.memoryManager.maxOffHeapStorageMemory;
  }

  get currentUnrollMemory(): number {
    return sumValues(this.onHeapUnrollMemoryMap) + sumValues(this.offHeapUnrollMemoryMap);
  }

  currentUnrollMemoryForTask(task: number): number {
    return (this.onHeapUnrollMemoryMap.get(task) ?? 0) + (this.offHeapUnrollMemoryMap.get(task) ?? 0);
  }

  /** Unroll bytes per task, both modes. */
  unrollMemoryByTask(): Map<number, number> {
    const m = new Map<number, number>();
    for (const map of [this.onHeapUnrollMemoryMap, this.offHeapUnrollMemoryMap]) {
      map.forEach((b, t) => m.set(t, (m.get(t) ?? 0) + b));
    }
    return m;
  }

  /** Storage memory used by cached blocks (storage used minus unroll memory). */
  get blocksMemoryUsed(): number {
    return this.memoryManager.storageMemoryUsed - this.currentUnrollMemory;
  }

  /** contains(): no access-order effect. */
  contains(blockId: string): boolean {
    return this.entries.has(blockId);
  }

  /** Blocks eviction has looked at so far: proportional to the blocks it dropped, never to the blocks it skipped. */
  get evictionWork(): number {
    return this.lru.visited;
  }

  /** Distinct blocks in memory or on disk. */
  get trackedBlocks(): number {
    return this.entries.size + this.disk.size;
  }

  /** Block ids in memory, least recently used first. */
  blockIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Block ids written to disk by eviction (or by putBlock's fallback), sorted. */
  diskBlockIds(): string[] {
    return [...this.disk].sort();
  }

  isOnDisk(blockId: string): boolean {
    return this.disk.has(blockId);
  }

  peekEntry(blockId: string): MemoryEntry | undefined {
    return this.entries.get(blockId);
  }

  /** getSize / getValues / getBytes: an access, which moves the block to most-recently-used. */
  access(blockId: string): MemoryEntry | undefined {
    const e = this.entries.get(blockId);
    if (e !== undefined) {
      this.entries.delete(blockId);
      this.entries.set(blockId, e);
      this.lru.touch(blockId);
    }
    return e;
  }

  getSize(blockId: string): number | undefined {
    return this.access(blockId)?.size;
  }

  // ---- puts ------------------------------------------------------------------------------------------

  /** putBytes: acquire storage memory first (may evict), only then materialise and insert. */
  putBytes(
    blockId: string,
    size: number,
    mode: MemoryMode,
    level: StorageLevel = StorageLevels.MEMORY_ONLY_SER,
  ): boolean {
    if (this.entries.has(blockId)) throw requirementFailed(`Block ${blockId} is already present in the MemoryStore`);
    if (!this.memoryManager.acquireStorageMemory(blockId, size, mode)) return false;
    this.insert({ blockId, size, memoryMode: mode, level, deserialized: false });
    return true;
  }

  private insert(entry: MemoryEntry): void {
    this.entries.set(entry.blockId, entry);
    this.lru.add(entry);
  }

  /** putIteratorAsValues (DeserializedValuesHolder). */
  putIteratorAsValues(
    blockId: string,
    values: UnrollSource,
    mode: MemoryMode,
    task: number,
    level: StorageLevel = StorageLevels.MEMORY_ONLY,
    requestLog?: number[],
  ): PutIteratorResult {
    return this.putIterator(blockId, values, mode, task, level, true, requestLog);
  }

  /** putIteratorAsBytes (SerializedValuesHolder; off-heap caching always goes through bytes). */
  putIteratorAsBytes(
    blockId: string,
    values: UnrollSource,
    mode: MemoryMode,
    task: number,
    level: StorageLevel = StorageLevels.MEMORY_ONLY_SER,
    requestLog?: number[],
  ): PutIteratorResult {
    return this.putIterator(blockId, values, mode, task, level, false, requestLog);
  }

  private putIterator(
    blockId: string,
    values: UnrollSource,
    mode: MemoryMode,
    task: number,
    level: StorageLevel,
    deserialized: boolean,
    requestLog: number[] | undefined,
  ): PutIteratorResult {
    if (this.entries.has(blockId)) throw requirementFailed(`Block ${blockId} is already present in the MemoryStore`);
    let elementsUnrolled = 0;
    const initialMemoryThreshold = this.unrollMemoryThreshold;
    let memoryThreshold = initialMemoryThreshold;
    let unrollMemoryUsedByThisBlock = 0;
    requestLog?.push(initialMemoryThreshold);
    let keepUnrolling = this.reserveUnrollMemoryForThisTask(blockId, initialMemoryThreshold, mode, task);
    if (keepUnrolling) unrollMemoryUsedByThisBlock += initialMemoryThreshold;
    while (elementsUnrolled < values.count && keepUnrolling) {
      // storeValue(next) — then, every `memoryCheckPeriod` values (after values 1, 17, 33, ...):
      if (elementsUnrolled % this.memoryCheckPeriod === 0) {
        const currentSize = values.estimatedSize(elementsUnrolled + 1);
        if (currentSize >= memoryThreshold) {
          const amountToRequest = Math.trunc(currentSize * this.memoryGrowthFactor - memoryThreshold);
          requestLog?.push(amountToRequest);
          keepUnrolling = this.reserveUnrollMemoryForThisTask(blockId, amountToRequest, mode, task);
          if (keepUnrolling) unrollMemoryUsedByThisBlock += amountToRequest;
          // The threshold grows whether or not the request was granted.
          memoryThreshold += amountToRequest;
        }
      }
      elementsUnrolled += 1;
    }
    if (keepUnrolling) {
      // One last top-up to the built entry's precise size.
      const size = values.preciseSize;
      if (size > unrollMemoryUsedByThisBlock) {
        const amountToRequest = size - unrollMemoryUsedByThisBlock;
        requestLog?.push(amountToRequest);
        keepUnrolling = this.reserveUnrollMemoryForThisTask(blockId, amountToRequest, mode, task);
        if (keepUnrolling) unrollMemoryUsedByThisBlock += amountToRequest;
      }
      if (keepUnrolling) {
        // Transfer unroll memory to storage memory atomically.
        this.releaseUnrollMemoryForThisTask(mode, task, unrollMemoryUsedByThisBlock);
        const success = this.memoryManager.acquireStorageMemory(blockId, size, mode);
        if (!success) throw assertionFailed('transferring unroll memory to storage memory failed');
        this.insert({ blockId, size, memoryMode: mode, level, deserialized });
        return { stored: true, size };
      }
    }
    const held = unrollMemoryUsedByThisBlock;
    let closed = false;
    return {
      stored: false,
      unrollMemory: held,
      elementsUnrolled,
      close: () => {
        if (closed) return;
        closed = true;
        this.releaseUnrollMemoryForThisTask(mode, task, held);
      },
    };
  }

  /**
   * BlockManager-level put of a block of `size` bytes at `level` (BlockManager.doPutBytes): in
   * memory if it fits, else to disk when the level uses disk ("Persisting block ... to disk instead").
   */
  putBlock(blockId: string, size: number, level: StorageLevel): 'memory' | 'disk' | 'none' {
    const mode: MemoryMode = level.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
    if (level.useMemory && this.putBytes(blockId, size, mode, level)) return 'memory';
    if (level.useDisk) {
      this.disk.add(blockId);
      return 'disk';
    }
    return 'none';
  }

  // ---- removal and eviction -------------------------------------------------------------------------

  /** remove(blockId): drop from memory and release its storage memory. */
  remove(blockId: string): boolean {
    const e = this.entries.get(blockId);
    if (e === undefined) return false;
    this.entries.delete(blockId);
    this.lru.remove(blockId);
    this.memoryManager.releaseStorageMemory(e.size, e.memoryMode);
    return true;
  }

  /** clear(): every block and every unroll reservation goes; all storage memory is released. */
  clear(): void {
    this.entries.clear();
    this.lru.clear();
    this.onHeapUnrollMemoryMap.clear();
    this.offHeapUnrollMemoryMap.clear();
    this.memoryManager.releaseAllStorageMemory();
  }

  /**
   * evictBlocksToFreeSpace(blockId?, space, mode): LRU walk over blocks of `mode`, skipping blocks
   * of the requester's RDD and blocks that cannot be write-locked now; all or nothing.
   */
  evictBlocksToFreeSpace(requester: string | null, space: number, mode: MemoryMode): number {
    if (!(space > 0)) throw assertionFailed();
    const rddToAdd = requester === null ? -1 : rddIdOf(requester);
    const selected: MemoryEntry[] = [];
    let freedMemory = 0;
    const bim = this.blockInfoManager;
    // Not enough in the other blocks even if all could be dropped: the walk would select and unlock them all.
    if (this.lru.bytesExcept(mode, rddToAdd) < space) {
      this.listener?.onEvictionRequest?.(requester, space, mode, 0);
      return 0;
    }
    for (const entry of this.lru.leastRecentlyUsed(mode, rddToAdd)) {
      if (freedMemory >= space) break;
      if (bim.tryLockForWriting(entry.blockId, -1024)) {
        selected.push(entry);
        freedMemory += entry.size;
      }
    }
    if (freedMemory >= space) {
      for (const entry of selected) this.dropBlock(entry);
    } else {
      for (const entry of selected) bim.unlock(entry.blockId);
      freedMemory = 0;
    }
    this.listener?.onEvictionRequest?.(requester, space, mode, freedMemory);
    return freedMemory;
  }

  /** BlockManager.dropFromMemory: to disk if the level uses disk and it is not there yet; then remove. */
  private dropBlock(entry: MemoryEntry): void {
    const id = entry.blockId;
    let toDisk = false;
    if (entry.level.useDisk && !this.disk.has(id)) {
      this.disk.add(id);
      toDisk = true;
    }
    this.remove(id);
    const stillValid = this.disk.has(id) && levelIsValid(entry.level);
    if (stillValid) this.blockInfoManager.unlock(id);
    else this.blockInfoManager.removeBlock(id);
    this.listener?.onBlockDropped?.(id, toDisk);
  }

  // ---- unroll bookkeeping -----------------------------------------------------------------------------

  private unrollMap(mode: MemoryMode): Map<number, number> {
    return mode === 'ON_HEAP' ? this.onHeapUnrollMemoryMap : this.offHeapUnrollMemoryMap;
  }

  /** reserveUnrollMemoryForThisTask: acquireUnrollMemory and, if granted, book it to the task (-1 = no TaskContext). */
  reserveUnrollMemoryForThisTask(blockId: string, memory: number, mode: MemoryMode, task: number): boolean {
    const success = this.memoryManager.acquireUnrollMemory(blockId, memory, mode);
    if (success) {
      const m = this.unrollMap(mode);
      m.set(task, (m.get(task) ?? 0) + memory);
    }
    return success;
  }

  /** releaseUnrollMemoryForThisTask(mode, memory = all): min(memory, held); entry dropped at 0. */
  releaseUnrollMemoryForThisTask(mode: MemoryMode, task: number, memory = Number.POSITIVE_INFINITY): void {
    const m = this.unrollMap(mode);
    const held = m.get(task);
    if (held === undefined) return;
    const toRelease = Math.min(memory, held);
    let left = held;
    if (toRelease > 0) {
      left = held - toRelease;
      m.set(task, left);
      this.memoryManager.releaseUnrollMemory(toRelease, mode);
    }
    if (left === 0) m.delete(task);
  }

  /** Task.run's end: release the task's unroll memory in both modes and notify waiters. */
  releaseAllUnrollMemoryForTask(task: number): void {
    this.releaseUnrollMemoryForThisTask('ON_HEAP', task);
    this.releaseUnrollMemoryForThisTask('OFF_HEAP', task);
    this.memoryManager.notifyWaiters();
  }
}

function sumValues(m: Map<number, number>): number {
  let s = 0;
  m.forEach((v) => {
    s += v;
  });
  return s;
}
