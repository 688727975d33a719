// StaticMemoryManager, the legacy manager of Spark 1.6-2.4 (spark.memory.useLegacyMode=true),
// restated from core/src/main/scala/org/apache/spark/memory/StaticMemoryManager.scala @2.4.4
// (spark-memory.md section 7). Removed in 3.0.0 (SPARK-26539).
import type { SparkConfView } from '../config/confSource';
import { readConfDouble, readConfLong } from '../config/typedConf';
import { sparkConfGetSizeAs } from '../size';
import type { SparkVersion } from '../version';
import { executorRequirementFailed, memoryTooSmallError } from './startupError';
import { Derived, deriveOffHeapMemory, readError } from './unified';

/** StaticMemoryManager.MIN_MEMORY_BYTES (SPARK-14636, 2.0+). */
export const STATIC_MIN_MEMORY_BYTES = 32 * 1024 * 1024;

export interface StaticMemorySizes {
  readonly systemMemory: number;
  readonly maxOnHeapStorageMemory: number;
  readonly maxOnHeapExecutionMemory: number;
  /** Caps how much unrolling may evict (not a region of its own). */
  readonly maxUnrollMemory: number;
  readonly maxOffHeapMemory: number;
  /** The static manager moves all off-heap memory to execution. */
  readonly offHeapExecutionPoolSize: number;
  readonly offHeapStorageRegionSize: 0;
  readonly maxOffHeapStorageMemory: 0;
  /** trunc(off-heap size × spark.memory.storageFraction): the storage share MemoryManager starts with, then moved. */
  readonly offHeapStorageShareAtStart: number;
  /** MemoryManager.tungstenMemoryMode: OFF_HEAP iff spark.memory.offHeap.enabled (both managers). */
  readonly tungstenMemoryMode: 'ON_HEAP' | 'OFF_HEAP';
}

export function deriveStaticMemory(
  systemMemoryFromJvm: number,
  conf: SparkConfView,
  v: SparkVersion,
): Derived<StaticMemorySizes> {
  const sysR = readConfLong(conf, 'spark.testing.memory', systemMemoryFromJvm);
  if (!sysR.ok) return { ok: false, error: readError(sysR, 'executor') };
  const systemMemory = sysR.read.value;
  // getMaxExecutionMemory is evaluated first (its checks run before the storage size).
  if (systemMemory < STATIC_MIN_MEMORY_BYTES)
    return { ok: false, error: memoryTooSmallError('system', systemMemory, STATIC_MIN_MEMORY_BYTES, v) };
  const exec = conf.get('spark.executor.memory');
  if (exec !== undefined) {
    const r = sparkConfGetSizeAs('spark.executor.memory', exec.value, 'BYTE');
    if (!r.ok)
      return {
        ok: false,
        error: {
          phase: 'driver',
          exceptionClass: 'NumberFormatException',
          message: r.error,
          key: 'spark.executor.memory',
          from: exec,
        },
      };
    if (r.value < STATIC_MIN_MEMORY_BYTES)
      return { ok: false, error: memoryTooSmallError('executor', r.value, STATIC_MIN_MEMORY_BYTES, v, exec) };
  }
  const fr = (key: string) => readConfDouble(conf, key, v);
  const shuffleFraction = fr('spark.shuffle.memoryFraction');
  if (!shuffleFraction.ok) return { ok: false, error: readError(shuffleFraction, 'executor') };
  const shuffleSafety = fr('spark.shuffle.safetyFraction');
  if (!shuffleSafety.ok) return { ok: false, error: readError(shuffleSafety, 'executor') };
  const maxOnHeapExecutionMemory = Math.trunc(systemMemory * shuffleFraction.read.value * shuffleSafety.read.value);
  const storageFraction = fr('spark.storage.memoryFraction');
  if (!storageFraction.ok) return { ok: false, error: readError(storageFraction, 'executor') };
  const storageSafety = fr('spark.storage.safetyFraction');
  if (!storageSafety.ok) return { ok: false, error: readError(storageSafety, 'executor') };
  const maxOnHeapStorageMemory = Math.trunc(systemMemory * storageFraction.read.value * storageSafety.read.value);
  // MemoryManager's constructor adds them to the on-heap pools, storage first: MemoryPool.incrementPoolSize
  // require(delta >= 0) (2.4.4) fails for a negative fraction.
  if (maxOnHeapStorageMemory < 0 || maxOnHeapExecutionMemory < 0)
    return executorRequirementFailed(
      maxOnHeapStorageMemory < 0 ? 'spark.storage.memoryFraction' : 'spark.shuffle.memoryFraction',
    );
  // MemoryManager's constructor sizes the off-heap pools as for the unified manager (the storage share is moved
  // later), before StaticMemoryManager's own vals such as maxUnrollMemory.
  const offR = deriveOffHeapMemory(conf, v);
  if (!offR.ok) return offR;
  const off = offR.sizes;
  const unrollR = deriveMaxUnrollMemory(maxOnHeapStorageMemory, conf, v);
  if (!unrollR.ok) return unrollR;
  const maxUnrollMemory = unrollR.sizes;
  return {
    ok: true,
    sizes: {
      systemMemory,
      maxOnHeapStorageMemory,
      maxOnHeapExecutionMemory,
      maxUnrollMemory,
      maxOffHeapMemory: off.maxOffHeapMemory,
      offHeapExecutionPoolSize: off.maxOffHeapMemory,
      offHeapStorageRegionSize: 0,
      maxOffHeapStorageMemory: 0,
      offHeapStorageShareAtStart: off.offHeapStorageRegionSize,
      tungstenMemoryMode: off.tungstenMemoryMode,
    },
  };
}

/** StaticMemoryManager's constructor: maxUnrollMemory = trunc(maxOnHeapStorageMemory × spark.storage.unrollFraction). */
export function deriveMaxUnrollMemory(
  maxOnHeapStorageMemory: number,
  conf: SparkConfView,
  v: SparkVersion,
): Derived<number> {
  const unroll = readConfDouble(conf, 'spark.storage.unrollFraction', v);
  if (!unroll.ok) return { ok: false, error: readError(unroll, 'executor') };
  return { ok: true, sizes: Math.trunc(maxOnHeapStorageMemory * unroll.read.value) };
}
