// UnifiedMemoryManager.apply / getMaxMemory and the MemoryManager constructor (spark-memory.md
// section 1), from Spark's own inputs: the JVM's Runtime.maxMemory and the conf strings.
// Products of a long and a double are truncated toward zero, as Scala's .toLong does.
import type { SparkConfView } from '../config/confSource';
import {
  Read,
  readConfDouble,
  readConfLong,
  readTypedBoolean,
  readTypedBytes,
  readTypedDouble,
  readTypedLong,
} from '../config/typedConf';
import { lookupKey, rangeFor } from '../catalog';
import { byteSuffixesFor, sparkConfGetSizeAs } from '../size';
import { javaDoubleToString } from '../config/javaParse';
import { SparkVersion, atLeast } from '../version';
import { StartupError, checkValueError, executorRequirementFailed, memoryTooSmallError } from './startupError';

/** RESERVED_SYSTEM_MEMORY_BYTES (UnifiedMemoryManager, since 1.6.0, SPARK-12081). */
export const RESERVED_SYSTEM_MEMORY_BYTES = 300 * 1024 * 1024;

export interface UnifiedMemorySizes {
  readonly systemMemory: number;
  readonly reservedMemory: number;
  /** systemMemory − reservedMemory. */
  readonly usableMemory: number;
  /** The unified region: trunc(usable × spark.memory.fraction). */
  readonly maxHeapMemory: number;
  /** Memory outside the unified region: usable − maxHeapMemory. */
  readonly userMemory: number;
  readonly onHeapStorageRegionSize: number;
  /** The initial on-heap execution pool: maxHeapMemory − region (an odd byte goes to execution). */
  readonly onHeapExecutionPoolSize: number;
  /** At start-up, maxHeapMemory (no execution memory is used yet). */
  readonly maxOnHeapStorageMemory: number;
  readonly maxOffHeapMemory: number;
  readonly offHeapStorageRegionSize: number;
  readonly offHeapExecutionPoolSize: number;
  readonly maxOffHeapStorageMemory: number;
  readonly memoryFraction: number;
  readonly storageFraction: number;
  readonly offHeapEnabled: boolean;
  readonly tungstenMemoryMode: 'ON_HEAP' | 'OFF_HEAP';
}

export type Derived<T> =
  { readonly ok: true; readonly sizes: T } | { readonly ok: false; readonly error: StartupError };

export function readError(r: Extract<Read<unknown>, { ok: false }>, phase: StartupError['phase']): StartupError {
  // A size that does not parse and SparkConf.catchIllegalValue's wrapper are NumberFormatExceptions; a
  // typed entry's conversion (ConfigHelpers.toNumber/toBoolean: "should be int") is an IllegalArgumentException.
  const isNumberFormat = /^Size must be specified|For input string|^Illegal value for config key/.test(r.error.message);
  return {
    phase,
    exceptionClass: r.error.message.startsWith('[INVALID_CONF_VALUE')
      ? 'SparkIllegalArgumentException'
      : isNumberFormat
        ? 'NumberFormatException'
        : 'IllegalArgumentException',
    message: r.error.message,
    key: r.error.key,
    ...(r.error.from !== undefined ? { from: r.error.from } : {}),
  };
}

/** The requirement of a checkValue entry, from the catalog's range message for the release. */
function checkError(
  key: string,
  value: number,
  shown: string,
  v: SparkVersion,
  conf: SparkConfView,
): StartupError | undefined {
  const entry = lookupKey(key);
  const range = entry === undefined ? undefined : rangeFor(entry, v);
  if (range === undefined || range.message === undefined) return undefined;
  const min = range.min ?? -Infinity;
  const max = range.max ?? Infinity;
  const okMin = range.minExclusive ? value > min : value >= min;
  const okMax = range.maxExclusive ? value < max : value <= max;
  if (okMin && okMax) return undefined;
  // The catalog words the 3.x message ("'{value}' in <key> is invalid. <requirement>"); the requirement is its tail.
  const requirement = range.message.replace(/^'\{value\}' in \S+ is invalid\. /, '');
  return checkValueError(key, shown, requirement, v, conf.get(key));
}

/**
 * UnifiedMemoryManager.getMaxMemory up to its checks: systemMemory (spark.testing.memory when set:
 * typed longConf from 3.0, getLong in 2.4), the reserve (spark.testing.reservedMemory, 0 under
 * spark.testing, else RESERVED_SYSTEM_MEMORY_BYTES), then the system-memory and (SPARK-12759)
 * executor-memory minimums of 1.5 × the reserve.
 */
function getMaxMemoryChecked(
  systemMemoryFromJvm: number,
  conf: SparkConfView,
  v: SparkVersion,
): Derived<{ readonly systemMemory: number; readonly reservedMemory: number }> {
  let systemMemory = systemMemoryFromJvm;
  if (conf.contains('spark.testing.memory')) {
    const r = atLeast(v, 3)
      ? readTypedLong(conf, 'spark.testing.memory', v, String(systemMemoryFromJvm))
      : readConfLong(conf, 'spark.testing.memory', systemMemoryFromJvm);
    if (!r.ok) return { ok: false, error: readError(r, 'executor') };
    systemMemory = r.read.value;
  }
  const reservedR = readConfLong(
    conf,
    'spark.testing.reservedMemory',
    conf.contains('spark.testing') ? 0 : RESERVED_SYSTEM_MEMORY_BYTES,
  );
  if (!reservedR.ok) return { ok: false, error: readError(reservedR, 'executor') };
  const reservedMemory = reservedR.read.value;
  const minSystemMemory = Math.ceil(reservedMemory * 1.5);
  if (systemMemory < minSystemMemory) {
    return { ok: false, error: memoryTooSmallError('system', systemMemory, minSystemMemory, v) };
  }
  const execError = executorMemoryError(conf, minSystemMemory, v);
  if (execError !== undefined) return { ok: false, error: execError };
  return { ok: true, sizes: { systemMemory, reservedMemory } };
}

/** SPARK-12759: only when the conf contains spark.executor.memory, read with a bytes default, it must reach the minimum. */
function executorMemoryError(conf: SparkConfView, minSystemMemory: number, v: SparkVersion): StartupError | undefined {
  const exec = conf.get('spark.executor.memory');
  if (exec === undefined) return undefined;
  const r = sparkConfGetSizeAs('spark.executor.memory', exec.value, 'BYTE', byteSuffixesFor(v));
  if (!r.ok) {
    return {
      phase: 'driver',
      exceptionClass: r.kind === 'overflow' ? 'IllegalArgumentException' : 'NumberFormatException',
      message: r.error,
      key: 'spark.executor.memory',
      from: exec,
    };
  }
  return r.value < minSystemMemory ? memoryTooSmallError('executor', r.value, minSystemMemory, v, exec) : undefined;
}

/**
 * The sizes a UnifiedMemoryManager starts with in a JVM whose Runtime.maxMemory is
 * `systemMemory`, or the first error Spark raises while building it.
 */
export function deriveUnifiedMemory(
  systemMemoryFromJvm: number,
  conf: SparkConfView,
  v: SparkVersion,
): Derived<UnifiedMemorySizes> {
  const typed = atLeast(v, 3);
  const maxR = getMaxMemoryChecked(systemMemoryFromJvm, conf, v);
  if (!maxR.ok) return maxR;
  const { systemMemory, reservedMemory } = maxR.sizes;
  const usableMemory = systemMemory - reservedMemory;
  const fractionR = typed
    ? readTypedDouble(conf, 'spark.memory.fraction', v)
    : readConfDouble(conf, 'spark.memory.fraction', v);
  if (!fractionR.ok) return { ok: false, error: readError(fractionR, 'driver') };
  const memoryFraction = fractionR.read.value;
  const maxHeapMemory = Math.trunc(usableMemory * memoryFraction);
  const regionR = deriveStorageRegion(maxHeapMemory, conf, v);
  if (!regionR.ok) return regionR;
  const { storageFraction, onHeapStorageRegionSize } = regionR.sizes;
  const onHeapExecutionPoolSize = maxHeapMemory - onHeapStorageRegionSize;
  if (onHeapStorageRegionSize < 0 || onHeapExecutionPoolSize < 0)
    return executorRequirementFailed('spark.memory.storageFraction');
  if (atLeast(v, 3, 3) && !(onHeapExecutionPoolSize > 0))
    return executorRequirementFailed('spark.memory.fraction', 'onHeapExecutionMemory must be > 0');
  const offR = deriveOffHeapMemory(conf, v, storageFraction);
  if (!offR.ok) return offR;
  const off = offR.sizes;
  return {
    ok: true,
    sizes: {
      systemMemory,
      reservedMemory,
      usableMemory,
      maxHeapMemory,
      userMemory: usableMemory - maxHeapMemory,
      onHeapStorageRegionSize,
      onHeapExecutionPoolSize,
      maxOnHeapStorageMemory: maxHeapMemory,
      maxOffHeapMemory: off.maxOffHeapMemory,
      offHeapStorageRegionSize: off.offHeapStorageRegionSize,
      offHeapExecutionPoolSize: off.offHeapExecutionPoolSize,
      maxOffHeapStorageMemory: off.maxOffHeapMemory,
      memoryFraction,
      storageFraction,
      offHeapEnabled: off.offHeapEnabled,
      tungstenMemoryMode: off.tungstenMemoryMode,
    },
  };
}

/**
 * spark.memory.storageFraction as MemoryManager and UnifiedMemoryManager.apply read it: a typed doubleConf with
 * MEMORY_STORAGE_FRACTION.checkValue([0,1), SPARK-26462) from 3.0, SparkConf.getDouble in 2.4.
 */
export function readStorageFraction(conf: SparkConfView, v: SparkVersion): Derived<number> {
  const typed = atLeast(v, 3);
  const r = typed
    ? readTypedDouble(conf, 'spark.memory.storageFraction', v)
    : readConfDouble(conf, 'spark.memory.storageFraction', v);
  if (!r.ok) return { ok: false, error: readError(r, 'driver') };
  const storageFraction = r.read.value;
  if (typed) {
    // checkValue quotes the parsed value ('1.0' for "1"; Spark 3.5.9 through the oracle).
    const err = checkError(
      'spark.memory.storageFraction',
      storageFraction,
      javaDoubleToString(storageFraction),
      v,
      conf,
    );
    if (err !== undefined) return { ok: false, error: err };
  }
  return { ok: true, sizes: storageFraction };
}

/** The off-heap half of MemoryManager's constructor (spark-memory.md 1.3), the same for every manager. */
export interface OffHeapMemorySizes {
  /** spark.memory.offHeap.size, read whether or not off-heap is enabled. */
  readonly maxOffHeapMemory: number;
  /** trunc(maxOffHeapMemory × spark.memory.storageFraction): the initial off-heap storage pool. */
  readonly offHeapStorageRegionSize: number;
  readonly offHeapExecutionPoolSize: number;
  readonly offHeapEnabled: boolean;
  /** MemoryManager.tungstenMemoryMode: OFF_HEAP iff enabled, which requires a size > 0. */
  readonly tungstenMemoryMode: 'ON_HEAP' | 'OFF_HEAP';
}

/**
 * SparkConf.get(MEMORY_OFFHEAP_SIZE): bytesConf with checkValue(_ >= 0), as MemoryManager's constructor and
 * Utils.executorOffHeapMemorySizeAsMb (3.1+) read it; `phase` is the reader's.
 */
export function readOffHeapSize(conf: SparkConfView, v: SparkVersion, phase: StartupError['phase']): Derived<number> {
  const offSizeR = readTypedBytes(conf, 'spark.memory.offHeap.size', 'BYTE', v);
  if (!offSizeR.ok) return { ok: false, error: readError(offSizeR, phase) };
  const size = offSizeR.read.value;
  // checkValue quotes the parsed bytes ('-1073741824' for "-1g"; 4.1+ adds the unit: '-1073741824b').
  const shown = atLeast(v, 4, 1) ? `${size}b` : String(size);
  const offErr = checkError('spark.memory.offHeap.size', size, shown, v, conf);
  if (offErr !== undefined) return { ok: false, error: { ...offErr, phase } };
  return { ok: true, sizes: size };
}

/**
 * MemoryManager's constructor after the on-heap pools (2.4.4, 3.3.1, 4.1.1): MEMORY_OFFHEAP_SIZE (bytesConf,
 * checkValue >= 0), split by the storage fraction (read again when not given), then tungstenMemoryMode.
 */
export function deriveOffHeapMemory(
  conf: SparkConfView,
  v: SparkVersion,
  storageFraction?: number,
): Derived<OffHeapMemorySizes> {
  const offSizeR = readOffHeapSize(conf, v, 'driver');
  if (!offSizeR.ok) return offSizeR;
  const maxOffHeapMemory = offSizeR.sizes;
  let fraction = storageFraction;
  if (fraction === undefined) {
    const r = readStorageFraction(conf, v);
    if (!r.ok) return r;
    fraction = r.sizes;
  }
  const offHeapStorageRegionSize = Math.trunc(maxOffHeapMemory * fraction);
  const offHeapExecutionPoolSize = maxOffHeapMemory - offHeapStorageRegionSize;
  // MemoryPool.incrementPoolSize require(delta >= 0), execution first: a storage fraction outside [0,1] (2.4 reads
  // it unchecked) makes one of the two off-heap pools negative.
  if (offHeapExecutionPoolSize < 0 || offHeapStorageRegionSize < 0)
    return executorRequirementFailed('spark.memory.storageFraction');
  const enabledR = readTypedBoolean(conf, 'spark.memory.offHeap.enabled', v);
  if (!enabledR.ok) return { ok: false, error: readError(enabledR, 'driver') };
  const offHeapEnabled = enabledR.read.value;
  if (offHeapEnabled && !(maxOffHeapMemory > 0))
    return executorRequirementFailed(
      'spark.memory.offHeap.size',
      'spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
      conf.get('spark.memory.offHeap.size'),
    );
  return {
    ok: true,
    sizes: {
      maxOffHeapMemory,
      offHeapStorageRegionSize,
      offHeapExecutionPoolSize,
      offHeapEnabled,
      tungstenMemoryMode: offHeapEnabled ? 'OFF_HEAP' : 'ON_HEAP',
    },
  };
}

/** UnifiedMemoryManager.apply: onHeapStorageRegionSize = trunc(maxMemory × spark.memory.storageFraction). */
export function deriveStorageRegion(
  maxHeapMemory: number,
  conf: SparkConfView,
  v: SparkVersion,
): Derived<{ readonly storageFraction: number; readonly onHeapStorageRegionSize: number }> {
  const r = readStorageFraction(conf, v);
  if (!r.ok) return r;
  return {
    ok: true,
    sizes: { storageFraction: r.sizes, onHeapStorageRegionSize: Math.trunc(maxHeapMemory * r.sizes) },
  };
}
