// The default Tungsten page size: MemoryManager.pageSizeBytes (2.4.4) / defaultPageSizeBytes
// (3.3.1, 4.1.1), spark-memory.md 8.3.
import { SparkVersion, atLeast, compareVersions, sparkVersion } from '../version';

export type GarbageCollector = 'G1' | 'Parallel' | 'CMS' | 'Serial' | 'ZGC' | 'Shenandoah';

/** Platform.LONG_ARRAY_OFFSET on a 64-bit JVM with compressed oops. */
const LONG_ARRAY_OFFSET = 16;
const MIN_PAGE_SIZE = 1024 * 1024;
const MAX_PAGE_SIZE = 64 * 1024 * 1024;

/** ByteArrayMethods.nextPowerOf2: 0 stays 0. */
export function nextPowerOf2(n: number): number {
  if (n <= 0) return 0;
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function defaultPageSizeBytes(
  tungstenPoolSize: number,
  cores: number,
  tungstenMode: 'ON_HEAP' | 'OFF_HEAP',
  /** 'other': a collector the release makes no adjustment for (the simulator when none is named). */
  gc: GarbageCollector | 'other',
  v: SparkVersion,
): number {
  const size = nextPowerOf2(Math.trunc(Math.trunc(tungstenPoolSize / cores) / 16));
  let page = Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, size));
  if (tungstenMode === 'ON_HEAP') {
    // SPARK-37593 (3.3.0): G1 humongous-object rounding; SPARK-54059 (4.1.1): ZGC and Shenandoah.
    const adjusted =
      (gc === 'G1' && atLeast(v, 3, 3)) ||
      ((gc === 'ZGC' || gc === 'Shenandoah') && compareVersions(v, sparkVersion(4, 1, 1)) >= 0);
    if (adjusted) page -= LONG_ARRAY_OFFSET;
  }
  return page;
}
