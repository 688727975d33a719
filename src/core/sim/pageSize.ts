// The default Tungsten page size the simulator's MemoryManager picks is the layout's one formula
// (layout/pageSize.ts: MemoryManager.pageSizeBytes 2.4.4 / defaultPageSizeBytes 3.3.1, 4.1.1).
import { GarbageCollector, defaultPageSizeBytes as layoutDefaultPageSizeBytes } from '../layout/pageSize';
import { MemoryMode } from './memoryMode';
import { SparkVersion } from '../version';

/** The JVM's garbage collector, as far as the page size cares; 'other' when none is named (no adjustment). */
export type GcKind = GarbageCollector | 'other';

/** MemoryManager.defaultPageSizeBytes for the initial execution pool of the Tungsten mode (layout/pageSize.ts). */
export function defaultPageSizeBytes(
  tungstenPoolSize: number,
  cores: number,
  tungstenMode: MemoryMode,
  version: SparkVersion,
  gc: GcKind,
): number {
  return layoutDefaultPageSizeBytes(tungstenPoolSize, cores, tungstenMode, gc, version);
}
