// org.apache.spark.memory.MemoryMode (core/src/main/java/org/apache/spark/memory/MemoryMode.java,
// 2.4.4 – 4.1.1): where a pool's bytes live.
export type MemoryMode = 'ON_HEAP' | 'OFF_HEAP';

export const ON_HEAP: MemoryMode = 'ON_HEAP';
export const OFF_HEAP: MemoryMode = 'OFF_HEAP';

export function isMemoryMode(x: unknown): x is MemoryMode {
  return x === 'ON_HEAP' || x === 'OFF_HEAP';
}
