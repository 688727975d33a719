// Default Tungsten page size (spark-memory.md 8.3). Source: MemoryManager.scala `pageSizeBytes`
// (2.4.4) / `defaultPageSizeBytes` (3.3.1, 4.1.1).
import { MemoryMode } from './memoryMode';
import { SparkVersion, atLeast } from '../version';

/** The JVM's garbage collector, as far as the page size cares. */
export type GcKind = 'G1' | 'ZGC' | 'Shenandoah' | 'Parallel' | 'CMS' | 'Serial' | 'other';

/** Platform.LONG_ARRAY_OFFSET on a 64-bit JVM. */
export const LONG_ARRAY_OFFSET = 16;
const MIN_PAGE_SIZE = 1024 * 1024;
const MAX_PAGE_SIZE = 64 * MIN_PAGE_SIZE;
const SAFETY_FACTOR = 16;

/** ByteArrayMethods.nextPowerOf2: the same number if it is a power of two (0 stays 0). */
export function nextPowerOf2(num: number): number {
  if (num <= 0) return 0;
  let high = 1;
  while (high * 2 <= num) high *= 2;
  return high === num ? num : high * 2;
}

/** Whether this release subtracts LONG_ARRAY_OFFSET for the collector (SPARK-37593, SPARK-54059). */
export function gcShrinksPage(version: SparkVersion, gc: GcKind): boolean {
  if (gc === 'G1') return atLeast(version, 3, 3, 0);
  if (gc === 'ZGC' || gc === 'Shenandoah') return atLeast(version, 4, 1, 1);
  return false;
}

/**
 * The page size Spark picks when `spark.buffer.pageSize` is unset: the next power of two of
 * pool / cores / 16, clamped to [1 MiB, 64 MiB]; minus 16 bytes on-heap under G1 (3.3+) or
 * ZGC/Shenandoah (4.1.1). `tungstenPoolSize` is the initial execution pool of the tungsten mode.
 */
export function defaultPageSizeBytes(
  tungstenPoolSize: number,
  cores: number,
  tungstenMode: MemoryMode,
  version: SparkVersion,
  gc: GcKind,
): number {
  const size = nextPowerOf2(Math.trunc(Math.trunc(tungstenPoolSize / cores) / SAFETY_FACTOR));
  const chosen = Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, size));
  return tungstenMode === 'ON_HEAP' && gcShrinksPage(version, gc) ? chosen - LONG_ARRAY_OFFSET : chosen;
}
