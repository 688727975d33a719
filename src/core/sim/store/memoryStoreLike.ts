// What a MemoryManager needs from the MemoryStore it is given with `setMemoryStore` (Spark's
// MemoryManager.setMemoryStore, 2.4.4 – 4.1.1). Tests substitute their own, as Spark's suites do.
import { MemoryMode } from '../memoryMode';

export interface MemoryStoreLike {
  /**
   * MemoryStore.evictBlocksToFreeSpace(blockId?, space, mode): frees at least `space` bytes of
   * storage memory of `mode` by dropping blocks (all or nothing) and returns the bytes freed.
   * `requester` is the block being stored, or null for execution-triggered eviction.
   */
  evictBlocksToFreeSpace(requester: string | null, space: number, mode: MemoryMode): number;
  /** MemoryStore.currentUnrollMemory: unroll memory reserved by all tasks, both modes. */
  readonly currentUnrollMemory: number;
}
