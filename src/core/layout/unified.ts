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
import { sparkConfGetSizeAs } from '../size';
import { javaDoubleToString } from '../config/javaParse';
import { SparkVersion, atLeast } from '../version';
import { StartupError, memoryTooSmallError } from './startupError';

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
  const isNumberFormat = /^Size must be specified|For input string|should be (int|long|double)/.test(r.error.message);
  return {
    phase,
    exceptionClass: isNumberFormat ? 'NumberFormatException' : 'IllegalArgumentException',
    message: r.error.message,
    key: r.error.key,
    ...(r.error.from !== undefined ? { from: r.error.from } : {}),
  };
}

function checkError(
  key: string,
  value: number,
  text: string,
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
  const from = conf.get(key);
  return {
    phase: 'driver',
    exceptionClass: 'IllegalArgumentException',
    message: range.message.replace('{key}', key).replace('{value}', text),
    key,
    ...(from !== undefined ? { from } : {}),
  };
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
  // systemMemory: spark.testing.memory when set (typed longConf from 3.0, getLong in 2.4).
  let systemMemory = systemMemoryFromJvm;
  if (conf.contains('spark.testing.memory')) {
    const r = typed
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
  // SPARK-12759: only when the conf contains spark.executor.memory, read with a bytes default.
  const exec = conf.get('spark.executor.memory');
  if (exec !== undefined) {
    const r = sparkConfGetSizeAs('spark.executor.memory', exec.value, 'BYTE');
    if (!r.ok) {
      return {
        ok: false,
        error: {
          phase: 'driver',
          exceptionClass: r.kind === 'overflow' ? 'IllegalArgumentException' : 'NumberFormatException',
          message: r.error,
          key: 'spark.executor.memory',
          from: exec,
        },
      };
    }
    if (r.value < minSystemMemory) {
      return { ok: false, error: memoryTooSmallError('executor', r.value, minSystemMemory, v, exec) };
    }
  }
  const usableMemory = systemMemory - reservedMemory;
  const fractionR = typed
    ? readTypedDouble(conf, 'spark.memory.fraction', v)
    : readConfDouble(conf, 'spark.memory.fraction', v);
  if (!fractionR.ok) return { ok: false, error: readError(fractionR, 'driver') };
  const memoryFraction = fractionR.read.value;
  const maxHeapMemory = Math.trunc(usableMemory * memoryFraction);
  const storageR = typed
    ? readTypedDouble(conf, 'spark.memory.storageFraction', v)
    : readConfDouble(conf, 'spark.memory.storageFraction', v);
  if (!storageR.ok) return { ok: false, error: readError(storageR, 'driver') };
  const storageFraction = storageR.read.value;
  if (typed) {
    // MEMORY_STORAGE_FRACTION.checkValue, applied when the entry is read (3.0+).
    const err = checkError(
      'spark.memory.storageFraction',
      storageFraction,
      javaDoubleToString(storageFraction), // checkValue quotes the parsed value ('1.0' for "1")
      v,
      conf,
    );
    if (err !== undefined) return { ok: false, error: err };
  }
  const onHeapStorageRegionSize = Math.trunc(maxHeapMemory * storageFraction);
  const onHeapExecutionPoolSize = maxHeapMemory - onHeapStorageRegionSize;
  if (onHeapStorageRegionSize < 0 || onHeapExecutionPoolSize < 0) {
    return {
      ok: false,
      error: {
        phase: 'executor',
        exceptionClass: 'IllegalArgumentException',
        message: 'requirement failed',
        key: 'spark.memory.storageFraction',
      },
    };
  }
  if (atLeast(v, 3, 3) && !(onHeapExecutionPoolSize > 0)) {
    return {
      ok: false,
      error: {
        phase: 'executor',
        exceptionClass: 'IllegalArgumentException',
        message: 'requirement failed: onHeapExecutionMemory must be > 0',
        key: 'spark.memory.fraction',
      },
    };
  }
  const offSizeR = readTypedBytes(conf, 'spark.memory.offHeap.size', 'BYTE', v);
  if (!offSizeR.ok) return { ok: false, error: readError(offSizeR, 'driver') };
  const maxOffHeapMemory = offSizeR.read.value;
  const offErr = checkError(
    'spark.memory.offHeap.size',
    maxOffHeapMemory,
    String(maxOffHeapMemory), // the parsed bytes ('-1073741824' for "-1g")
    v,
    conf,
  );
  if (offErr !== undefined) return { ok: false, error: offErr };
  const offHeapStorageRegionSize = Math.trunc(maxOffHeapMemory * storageFraction);
  const offHeapExecutionPoolSize = maxOffHeapMemory - offHeapStorageRegionSize;
  const enabledR = readTypedBoolean(conf, 'spark.memory.offHeap.enabled', v);
  if (!enabledR.ok) return { ok: false, error: readError(enabledR, 'driver') };
  const offHeapEnabled = enabledR.read.value;
  if (offHeapEnabled && !(maxOffHeapMemory > 0)) {
    return {
      ok: false,
      error: {
        phase: 'executor',
        exceptionClass: 'IllegalArgumentException',
        message: 'requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
        key: 'spark.memory.offHeap.size',
        ...(conf.get('spark.memory.offHeap.size') !== undefined
          ? { from: conf.get('spark.memory.offHeap.size')! }
          : {}),
      },
    };
  }
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
      maxOffHeapMemory,
      offHeapStorageRegionSize,
      offHeapExecutionPoolSize,
      maxOffHeapStorageMemory: maxOffHeapMemory,
      memoryFraction,
      storageFraction,
      offHeapEnabled,
      tungstenMemoryMode: offHeapEnabled ? 'OFF_HEAP' : 'ON_HEAP',
    },
  };
}
