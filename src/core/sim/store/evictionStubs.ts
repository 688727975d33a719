// The MemoryStore stand-ins of Spark's MemoryManagerSuite (core/src/test/scala/org/apache/spark/
// memory/MemoryManagerSuite.scala, 2.4.4 – 4.1.1): `makeMemoryStore` frees exactly the requested
// bytes if that much storage is used, `makeBadMemoryStore` throws.
import { MemoryMode } from '../memoryMode';
import { SparkError, assertionFailed } from '../errors';
import { MemoryStoreLike } from './memoryStoreLike';

/** The bits of a manager the stub touches. */
export interface StorageReleaser {
  readonly storageMemoryUsed: number;
  releaseStorageMemory(numBytes: number, mode: MemoryMode): void;
}

/**
 * evictionModel "exact": if space <= total storage used, release exactly `space` bytes from the
 * storage pool of the mode being evicted and return it; else free nothing and return 0. (Spark's
 * stub releases from `mm.tungstenMemoryMode`, which is the same pool in every suite that uses it.)
 */
export class ExactEvictionStore implements MemoryStoreLike {
  /** MemoryStore.currentUnrollMemory as a test stubs it (`when(ms.currentUnrollMemory)`). */
  currentUnrollMemory = 0;

  constructor(private readonly mm: StorageReleaser) {}

  evictBlocksToFreeSpace(_requester: string | null, space: number, mode: MemoryMode): number {
    if (!(space > 0)) throw assertionFailed();
    if (space <= this.mm.storageMemoryUsed) {
      this.mm.releaseStorageMemory(space, mode);
      return space;
    }
    return 0;
  }
}

/** evictionModel "throw": every eviction throws RuntimeException("bad memory store!"). */
export class ThrowingEvictionStore implements MemoryStoreLike {
  currentUnrollMemory = 0;

  evictBlocksToFreeSpace(): number {
    throw new SparkError('RuntimeException', 'bad memory store!');
  }
}
