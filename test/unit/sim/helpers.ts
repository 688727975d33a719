// Shared set-up for the simulator's unit tests, in the style of Spark's suites: tiny numbers.
import { ExactEvictionStore, MemoryManager, SparkVersion, UnifiedMemoryManager } from './api';

/** UnifiedMemoryManagerSuite.createMemoryManager: fraction 1, no reserve, storageFraction 0.5. */
export function makeUnified(
  version: SparkVersion,
  maxMemory = 1000,
  extra: Record<string, string> = {},
): UnifiedMemoryManager {
  return UnifiedMemoryManager.fromConf({
    version,
    conf: {
      'spark.testing': 'true',
      'spark.testing.memory': String(maxMemory),
      'spark.memory.fraction': '1',
      'spark.memory.storageFraction': '0.5',
      ...extra,
    },
    numCores: 1,
  });
}

/** makeMemoryStore: the exact-eviction stub. */
export function withExactStore<T extends MemoryManager>(mm: T): T {
  mm.setMemoryStore(new ExactEvictionStore(mm));
  return mm;
}

/** Runs `fn` then checks the simulator's invariants. */
export function stepOk<T>(mm: MemoryManager, fn: () => T): T {
  const r = fn();
  mm.assertInvariants();
  return r;
}
