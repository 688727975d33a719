// The sizes SnappyUnifiedMemoryManager starts with, derived once (config-formats.md B.6): the member
// layout (snappyLayout.ts) shows them and the simulator's SnappyUnifiedMemoryManager is built from
// them. Source: TIBCOSoftware/snappydata v1.3.1, cluster/src/main/scala/org/apache/spark/memory/
// SnappyUnifiedMemoryManager.scala (getMaxMemory l.1036-1085, getStorageEvictionFraction
// l.1006-1030, setMemorySize l.965-1001, constructor l.60-108), on snappy-spark's 2.x
// UnifiedMemoryManager/MemoryManager (read as Spark 2.4 here). Products of a long and a double are
// truncated toward zero, as Scala's .toLong does.
import { requiredDefault } from '../catalog';
import type { SparkConfView } from '../config/confSource';
import { javaDoubleToString } from '../config/javaParse';
import { readConfDouble, readConfLong } from '../config/typedConf';
import type { ConfValue } from '../parse/confValue';
import { sparkConfGetSizeAs } from '../size';
import { SPARK_2_4 } from '../version';
import type { StartupError } from './startupError';
import { executorRequirementFailed } from './startupError';
import { OffHeapMemorySizes, deriveOffHeapMemory } from './unified';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** GemFire's LocalizedStrings.MemoryThresholds_* (snappy-store MemoryThresholds l.142-155, HeapMemoryMonitor l.493-566). */
export const CRITICAL_PERCENTAGE_RANGE =
  'Critical percentage must be greater than 0.0 and less than or equal to 100.0.';
export const EVICTION_PERCENTAGE_RANGE =
  'Eviction percentage must be greater than 0.0 and less than or equal to 100.0.';
export const CRITICAL_GTE_EVICTION = 'Eviction percentage must be less than the critical percentage.';

/** getMaxMemory l.1059-1063: reserved memory below this stops the member. */
export const SNAPPY_MIN_RESERVED_MEMORY = 25 * MB;

/**
 * getStorageEvictionFraction's fallback when neither threshold is set, which is also the default of
 * spark.testing.maxStorageFraction it reads in local mode (l.1006-1030).
 */
const DEFAULT_EVICTION_FRACTION = 0.8;

/** What the member's manager is built from. */
export interface SnappyMemoryInputs {
  /** The heap monitor's max (tenured + eden + survivor; about the JVM's -Xmx). */
  readonly systemMemory: number;
  /** critical-heap-percentage as the member parsed it (a float); 0 = disabled. */
  readonly criticalHeapPercentage: number;
  /** eviction-heap-percentage (a float); 0 = disabled. */
  readonly evictionHeapPercentage: number;
  /** memory-size in bytes; 0 = no off-heap from SnappyData. */
  readonly memorySize: number;
  /** The executor's Spark conf (the lead's and the member's -spark.* values). */
  readonly conf: SparkConfView;
  /**
   * The manager is built before the store's cache (local mode, SnappyData's MemoryFunSuite): the
   * thresholds come from snappydata.store.critical-heap-percentage / eviction-heap-percentage in the conf.
   */
  readonly localMode?: boolean;
}

/** An error with what caused it: a threshold option, or a Spark value of the conf. */
export interface SnappyMemoryError {
  readonly error: StartupError;
  readonly blame: 'critical-heap-percentage' | 'eviction-heap-percentage' | { readonly from: ConfValue | undefined };
}

export interface SnappyFractionRead {
  readonly value: number;
  /** The conf value it was read from; undefined when it is the catalog default. */
  readonly from?: ConfValue;
}

export interface SnappyMemoryPools {
  readonly memoryFraction: SnappyFractionRead;
  readonly storageFraction: SnappyFractionRead;
  readonly storageMaxFraction: SnappyFractionRead;
  /** The unified region: trunc((systemMemory − reserved) × spark.memory.fraction). */
  readonly maxHeapMemory: number;
  readonly userMemory: number;
  readonly onHeapStorageRegionSize: number;
  readonly onHeapExecutionPoolSize: number;
  /** Storage may not grow past this on heap: trunc(maxHeapMemory × eviction fraction). */
  readonly maxHeapStorageSize: number;
  /** Spark's off-heap pools once setMemorySize has put memory-size into the conf. */
  readonly offHeap: OffHeapMemorySizes;
  /** trunc(maxOffHeapMemory × spark.memory.storageMaxFraction). */
  readonly maxOffHeapStorageSize: number;
}

export interface SnappyMemorySizes {
  /** The thresholds in force (local mode: from the conf). */
  readonly criticalHeapPercentage: number;
  readonly evictionHeapPercentage: number;
  readonly systemMemory: number;
  readonly reservedMemory: number;
  readonly usableMemory: number;
  readonly evictionFraction: number;
  /** MemoryThresholds: (long)(critical × 0.01 × maxMemoryBytes); undefined when disabled. */
  readonly criticalThresholdBytes?: number;
  readonly evictionThresholdBytes?: number;
  /** The pools, when getMaxMemory's and getStorageEvictionFraction's checks pass. */
  readonly pools?: SnappyMemoryPools;
  /** Every error, in the order the member meets them; the first stops it. */
  readonly errors: readonly SnappyMemoryError[];
}

/**
 * Reserved memory with an enabled critical threshold: systemMemory − criticalThresholdBytes, where
 * MemoryThresholds computes criticalThresholdBytes = (long)(critical × 0.01 × maxMemoryBytes).
 */
export function snappyReservedMemory(systemMemory: number, criticalPercent: number): number {
  return systemMemory - thresholdBytes(criticalPercent, systemMemory);
}

/** MemoryThresholds' threshold in bytes: (long)(percent × 0.01 × maxMemoryBytes). */
function thresholdBytes(percent: number, maxMemoryBytes: number): number {
  return Math.trunc(percent * 0.01 * maxMemoryBytes);
}

/** getMaxMemory's second check: system memory must be at least ceil(1.5 × reserved). */
export function snappyMinSystemMemory(reservedMemory: number): number {
  return Math.ceil(reservedMemory * 1.5);
}

/** getMaxMemory without a critical threshold: 5% of the heap, at least 100 MB, at most 5 GB. */
function defaultReservedMemory(heap: number): number {
  return Math.min(5 * GB, Math.max(Math.trunc(heap / 20), 100 * MB));
}

type Collect = (error: StartupError, blame: SnappyMemoryError['blame']) => void;

/** A double of the conf (SparkConf.getDouble), the catalog's SnappyData default when unset; a bad value is reported and the default used. */
function readSnappyDouble(conf: SparkConfView, key: string, collect: Collect): SnappyFractionRead {
  const fallback = requiredDefault(key, SPARK_2_4, 'snappydata');
  const r = readConfDouble(conf, key, SPARK_2_4, fallback);
  if (r.ok) return r.read.from !== undefined ? { value: r.read.value, from: r.read.from } : { value: r.read.value };
  collect(
    { phase: 'snappy-member', exceptionClass: 'NumberFormatException', message: r.error.message },
    { from: r.error.from },
  );
  return { value: Number(fallback) };
}

/** snappydata.store.<name> of the conf (Constant.STORE_PROPERTY_PREFIX) as a double; local mode only. */
function storePercent(conf: SparkConfView, name: string, collect: Collect): number | undefined {
  const key = `snappydata.store.${name}`;
  if (!conf.contains(key)) return undefined;
  const r = readConfDouble(conf, key, SPARK_2_4, '0');
  if (r.ok) return r.read.value;
  collect(
    { phase: 'snappy-member', exceptionClass: 'NumberFormatException', message: r.error.message },
    { from: r.error.from },
  );
  return 0;
}

interface MaxMemory {
  readonly systemMemory: number;
  readonly reservedMemory: number;
  /** False when a check stops the member. */
  readonly ok: boolean;
}

/** getMaxMemory's systemMemory and reservedMemory, with the reserved-memory and system-memory checks. */
function getMaxMemory(i: SnappyMemoryInputs, critical: number, collect: Collect): MaxMemory {
  const conf = i.conf;
  let systemMemory = i.systemMemory;
  let reservedMemory: number;
  const readLong = (key: string, fallback: number): number => {
    const r = readConfLong(conf, key, fallback);
    if (r.ok) return r.read.value;
    collect(
      { phase: 'snappy-member', exceptionClass: 'NumberFormatException', message: r.error.message },
      { from: r.error.from },
    );
    return fallback;
  };
  if (i.localMode === true) {
    // No cache yet: the key's presence decides, not its value (getMaxMemory l.1047-1052), so 0 or a
    // negative percentage reserves the whole heap or more, which the system-memory check below refuses.
    systemMemory = readLong('spark.testing.memory', i.systemMemory);
    reservedMemory = i.conf.contains('snappydata.store.critical-heap-percentage')
      ? Math.trunc(systemMemory * (100 - critical) * 0.01)
      : defaultReservedMemory(i.systemMemory);
  } else if (critical > 0) {
    // With the store's cache: the heap monitor's max, less its critical threshold in bytes.
    reservedMemory = snappyReservedMemory(systemMemory, critical);
  } else {
    systemMemory = readLong('spark.testing.memory', i.systemMemory);
    reservedMemory = defaultReservedMemory(i.systemMemory);
  }
  if (conf.contains('spark.testing.reservedMemory'))
    reservedMemory = readLong('spark.testing.reservedMemory', reservedMemory);
  else if (conf.contains('spark.testing')) reservedMemory = 0;
  else if (reservedMemory < SNAPPY_MIN_RESERVED_MEMORY) {
    collect(
      {
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `Reserved memory ${reservedMemory} must be at least 25MB. Please increase critical-heap-percentage and/or heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
      },
      'critical-heap-percentage',
    );
    return { systemMemory, reservedMemory, ok: false };
  }
  const minSystemMemory = snappyMinSystemMemory(reservedMemory);
  if (systemMemory < minSystemMemory) {
    collect(
      {
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `System memory ${systemMemory} must be at least ${minSystemMemory}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
      },
      'critical-heap-percentage',
    );
    return { systemMemory, reservedMemory, ok: false };
  }
  return { systemMemory, reservedMemory, ok: checkExecutorMemory(conf, minSystemMemory, collect) };
}

/** SPARK-12759 in getMaxMemory: spark.executor.memory, when set, must be at least 1.5 × reserved. */
function checkExecutorMemory(conf: SparkConfView, minSystemMemory: number, collect: Collect): boolean {
  const exec = conf.get('spark.executor.memory');
  if (exec === undefined) return true;
  const r = sparkConfGetSizeAs('spark.executor.memory', exec.value, 'BYTE');
  if (!r.ok) {
    collect({ phase: 'snappy-member', exceptionClass: 'NumberFormatException', message: r.error }, { from: exec });
    return true;
  }
  if (r.value >= minSystemMemory) return true;
  collect(
    {
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message: `Executor memory ${r.value} must be at least ${minSystemMemory}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
    },
    { from: exec },
  );
  return false;
}

/**
 * getStorageEvictionFraction: with the store's cache, eviction % (a float, widened), else 0.9 × critical %,
 * else 0.8; in local mode, snappydata.store.eviction-heap-percentage, else spark.testing.maxStorageFraction
 * (0.8). The caller checks that it lies in [0.1, 0.98].
 */
function getStorageEvictionFraction(
  i: SnappyMemoryInputs,
  critical: number,
  eviction: number,
  collect: Collect,
): number {
  if (i.localMode === true) {
    if (i.conf.contains('snappydata.store.eviction-heap-percentage')) return eviction * 0.01;
    const r = readConfDouble(i.conf, 'spark.testing.maxStorageFraction', SPARK_2_4, String(DEFAULT_EVICTION_FRACTION));
    if (r.ok) return r.read.value;
    collect(
      { phase: 'snappy-member', exceptionClass: 'NumberFormatException', message: r.error.message },
      { from: r.error.from },
    );
    return DEFAULT_EVICTION_FRACTION;
  }
  if (eviction > 0) return eviction * 0.01;
  if (critical > 0) return critical * 0.9 * 0.01;
  return DEFAULT_EVICTION_FRACTION;
}

/** setMemorySize: memory-size > 0 turns Spark's off-heap on with that size; storageFraction is set when missing. */
export function setMemorySize(conf: SparkConfView, memorySize: number, storageFraction: number): SparkConfView {
  const set: Record<string, string> = {};
  if (memorySize > 0) {
    set['spark.memory.offHeap.enabled'] = 'true';
    set['spark.memory.offHeap.size'] = `${memorySize}b`;
  }
  if (!conf.contains('spark.memory.storageFraction')) set['spark.memory.storageFraction'] = String(storageFraction);
  return Object.keys(set).length === 0 ? conf : conf.with(set);
}

/** The thresholds in force: the member's options, or snappydata.store.* of the conf in local mode. */
function thresholds(i: SnappyMemoryInputs, collect: Collect): { critical: number; eviction: number } {
  if (i.localMode === true) {
    return {
      critical: storePercent(i.conf, 'critical-heap-percentage', collect) ?? 0,
      eviction: storePercent(i.conf, 'eviction-heap-percentage', collect) ?? 0,
    };
  }
  // The member parses them with Float.parseFloat: the float's value is what the manager computes with.
  return { critical: Math.fround(i.criticalHeapPercentage), eviction: Math.fround(i.evictionHeapPercentage) };
}

/**
 * The sizes of the member's SnappyUnifiedMemoryManager, and every error it meets on the way (the
 * first one stops the member): getMaxMemory, the fractions, getStorageEvictionFraction and its
 * range check, then the pools of snappy-spark's UnifiedMemoryManager and setMemorySize's off-heap.
 */
export function deriveSnappyMemory(i: SnappyMemoryInputs): SnappyMemorySizes {
  const errors: SnappyMemoryError[] = [];
  const collect: Collect = (error, blame) => errors.push({ error, blame });
  const { critical, eviction } = thresholds(i, collect);
  const max = getMaxMemory(i, critical, collect);
  let ok = max.ok;
  const memoryFraction = readSnappyDouble(i.conf, 'spark.memory.fraction', collect);
  const storageFraction = readSnappyDouble(i.conf, 'spark.memory.storageFraction', collect);
  const storageMaxFraction = readSnappyDouble(i.conf, 'spark.memory.storageMaxFraction', collect);
  const evictionFraction = getStorageEvictionFraction(i, critical, eviction, collect);
  if (evictionFraction < 0.1 || evictionFraction > 0.98) {
    ok = false;
    collect(
      {
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `Eviction fraction ${javaDoubleToString(evictionFraction)} must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.`,
      },
      'eviction-heap-percentage',
    );
  }
  const sizes = {
    criticalHeapPercentage: critical,
    evictionHeapPercentage: eviction,
    systemMemory: max.systemMemory,
    reservedMemory: max.reservedMemory,
    usableMemory: max.systemMemory - max.reservedMemory,
    evictionFraction,
    ...(critical > 0 ? { criticalThresholdBytes: thresholdBytes(critical, i.systemMemory) } : {}),
    ...(eviction > 0 ? { evictionThresholdBytes: thresholdBytes(eviction, i.systemMemory) } : {}),
    errors,
  };
  if (!ok) return sizes;
  const pools = unifiedPools(i, sizes.usableMemory, evictionFraction, memoryFraction, storageFraction, collect);
  if (pools === undefined) return sizes;
  return {
    ...sizes,
    pools: {
      ...pools,
      storageMaxFraction,
      maxOffHeapStorageSize: Math.trunc(pools.offHeap.maxOffHeapMemory * storageMaxFraction.value),
    },
  };
}

/**
 * The pools of snappy-spark's UnifiedMemoryManager and MemoryManager (2.x): the on-heap split (each
 * incrementPoolSize requires a size >= 0), then the off-heap pools from the conf setMemorySize made.
 */
function unifiedPools(
  i: SnappyMemoryInputs,
  usableMemory: number,
  evictionFraction: number,
  memoryFraction: SnappyFractionRead,
  storageFraction: SnappyFractionRead,
  collect: Collect,
): Omit<SnappyMemoryPools, 'storageMaxFraction' | 'maxOffHeapStorageSize'> | undefined {
  const maxHeapMemory = Math.trunc(usableMemory * memoryFraction.value);
  const onHeapStorageRegionSize = Math.trunc(maxHeapMemory * storageFraction.value);
  const onHeapExecutionPoolSize = maxHeapMemory - onHeapStorageRegionSize;
  if (onHeapStorageRegionSize < 0 || onHeapExecutionPoolSize < 0) {
    // MemoryPool.incrementPoolSize: require(delta >= 0); a negative unified region comes from the memory fraction.
    const e = executorRequirementFailed('spark.memory.storageFraction').error;
    collect(
      { phase: 'snappy-member', exceptionClass: e.exceptionClass, message: e.message },
      { from: maxHeapMemory < 0 ? memoryFraction.from : storageFraction.from },
    );
    return undefined;
  }
  const off = deriveOffHeapMemory(
    setMemorySize(i.conf, i.memorySize, storageFraction.value),
    SPARK_2_4,
    storageFraction.value,
  );
  if (!off.ok) {
    collect(
      { phase: 'snappy-member', exceptionClass: off.error.exceptionClass, message: off.error.message },
      { from: off.error.from },
    );
    return undefined;
  }
  return {
    memoryFraction,
    storageFraction,
    maxHeapMemory,
    userMemory: usableMemory - maxHeapMemory,
    onHeapStorageRegionSize,
    onHeapExecutionPoolSize,
    maxHeapStorageSize: Math.trunc(maxHeapMemory * evictionFraction),
    offHeap: off.sizes,
  };
}
