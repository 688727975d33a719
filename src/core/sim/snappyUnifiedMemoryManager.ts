// SnappyUnifiedMemoryManager (TIBCOSoftware/snappydata v1.3.1, cluster/src/main/scala/org/apache/
// spark/memory/SnappyUnifiedMemoryManager.scala; config-formats.md B.6). It extends snappy-spark's
// 2.1-based UnifiedMemoryManager, so the Spark side behaves as the 2.x line does.
//
// Modelled here: reserved memory from critical-heap-percentage, fraction 0.85, the storage caps
// (heap: eviction fraction; off-heap: spark.memory.storageMaxFraction 0.95), borrowing
// min(execution free, numBytes), the GemFire heap monitor (CRITICAL when the heap in use — tracked
// pools plus untracked "user object" memory — reaches the critical threshold), table data evicted
// to disk, and LowMemoryException / CRITICAL_UP recorded as events with SnappyData's texts.
import { SparkVersion, SPARK_2_4 } from '../version';
import { MemoryMode } from './memoryMode';
import { SparkError } from './errors';
import { ConfMap, SimConf } from './sparkConf';
import { UnifiedMemoryManager } from './unifiedMemoryManager';
import { MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
export const SNAPPY_DEFAULT_MEMORY_FRACTION = 0.85;
export const SNAPPY_DEFAULT_EVICTION_FRACTION = 0.8;
export const SNAPPY_DEFAULT_STORAGE_FRACTION = 0.5;
export const SNAPPY_DEFAULT_STORAGE_MAX_FRACTION = 0.95;
/** Owner name of Spark's own cached blocks (SPARK_CACHE). */
export const SPARK_CACHE = '_SPARK_CACHE_';

export interface SnappyMemoryOptions {
  /** Heap monitor's max (tenured + eden + survivor), i.e. the JVM heap. */
  readonly systemMemory: number;
  /** critical-heap-percentage; 0/undefined = disabled. */
  readonly criticalHeapPercentage?: number;
  /** eviction-heap-percentage; 0/undefined = disabled. */
  readonly evictionHeapPercentage?: number;
  /** memory-size (off-heap) in bytes. */
  readonly memorySize?: number;
  readonly conf?: ConfMap;
  readonly numCores?: number;
  /** The boot-time manager never evicts. */
  readonly bootManager?: boolean;
  /** Spark line of snappy-spark (2.x). */
  readonly version?: SparkVersion;
  readonly events?: MemoryManagerOptions['events'];
}

export interface SnappySizes {
  readonly reservedMemory: number;
  readonly maxHeapMemory: number;
  readonly onHeapStorageRegionSize: number;
  readonly evictionFraction: number;
  readonly maxHeapStorageSize: number;
  readonly maxOffHeapMemory: number;
  readonly maxOffHeapStorageSize: number;
  readonly criticalThresholdBytes: number;
}

/** setMemorySize: memory-size > 0 turns Spark's off-heap on with that size; storageFraction defaults to 0.5. */
function snappyConf(o: SnappyMemoryOptions): ConfMap {
  const c: Record<string, string> = { ...(o.conf ?? {}) };
  if ((o.memorySize ?? 0) > 0) {
    c['spark.memory.offHeap.enabled'] = 'true';
    c['spark.memory.offHeap.size'] = `${o.memorySize}b`;
  }
  if (c['spark.memory.storageFraction'] === undefined)
    c['spark.memory.storageFraction'] = String(SNAPPY_DEFAULT_STORAGE_FRACTION);
  return c;
}

/** getStorageEvictionFraction: eviction %, else 0.9 × critical %, else 0.8; must be in [0.1, 0.98]. */
export function snappyEvictionFraction(o: SnappyMemoryOptions, conf: SimConf): number {
  let f: number;
  if ((o.evictionHeapPercentage ?? 0) > 0) f = (o.evictionHeapPercentage as number) * 0.01;
  else if ((o.criticalHeapPercentage ?? 0) > 0) f = (o.criticalHeapPercentage as number) * 0.9 * 0.01;
  else f = conf.getDouble('spark.testing.maxStorageFraction', SNAPPY_DEFAULT_EVICTION_FRACTION);
  if (f < 0.1 || f > 0.98) {
    throw new SparkError(
      'IllegalArgumentException',
      `Eviction fraction ${f} must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.`,
    );
  }
  return f;
}

/** getMaxMemory and the constructor's derived limits. */
export function snappySizes(o: SnappyMemoryOptions): SnappySizes {
  const version = o.version ?? SPARK_2_4;
  const conf = new SimConf(snappyConf(o), version);
  const sys = conf.getLong('spark.testing.memory', o.systemMemory);
  const critical = o.criticalHeapPercentage ?? 0;
  let reserved =
    critical > 0
      ? Math.trunc(sys * (100 - critical) * 0.01)
      : Math.min(5 * GiB, Math.max(Math.trunc(o.systemMemory / 20), 100 * MiB));
  if (conf.contains('spark.testing.reservedMemory')) {
    reserved = conf.getLong('spark.testing.reservedMemory', reserved);
  } else if (conf.contains('spark.testing')) {
    reserved = 0;
  } else if (reserved < 25 * MiB) {
    throw new SparkError(
      'IllegalArgumentException',
      `Reserved memory ${reserved} must be at least 25MB. Please increase critical-heap-percentage and/or heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
    );
  }
  const minSystemMemory = Math.ceil(reserved * 1.5);
  if (sys < minSystemMemory) {
    throw new SparkError(
      'IllegalArgumentException',
      `System memory ${sys} must be at least ${minSystemMemory}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
    );
  }
  if (conf.contains('spark.executor.memory')) {
    const executorMemory = conf.getSizeAsBytes('spark.executor.memory');
    if (executorMemory < minSystemMemory) {
      throw new SparkError(
        'IllegalArgumentException',
        `Executor memory ${executorMemory} must be at least ${minSystemMemory}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
      );
    }
  }
  const maxHeapMemory = Math.trunc(
    (sys - reserved) * conf.getDouble('spark.memory.fraction', SNAPPY_DEFAULT_MEMORY_FRACTION),
  );
  const onHeapStorageRegionSize = Math.trunc(
    maxHeapMemory * conf.getDouble('spark.memory.storageFraction', SNAPPY_DEFAULT_STORAGE_FRACTION),
  );
  const evictionFraction = snappyEvictionFraction(o, conf);
  const maxOffHeapMemory = conf.getBytesEntry('spark.memory.offHeap.size', 0);
  return {
    reservedMemory: reserved,
    maxHeapMemory,
    onHeapStorageRegionSize,
    evictionFraction,
    maxHeapStorageSize: Math.trunc(maxHeapMemory * evictionFraction),
    maxOffHeapMemory,
    maxOffHeapStorageSize: Math.trunc(
      maxOffHeapMemory * conf.getDouble('spark.memory.storageMaxFraction', SNAPPY_DEFAULT_STORAGE_MAX_FRACTION),
    ),
    criticalThresholdBytes: critical > 0 ? Math.trunc(sys * critical * 0.01) : Number.POSITIVE_INFINITY,
  };
}

/** What SnappyData reports when memory cannot be had. */
export interface SnappyEvent {
  readonly kind: 'LowMemoryException' | 'CRITICAL_UP' | 'TableDataEvicted';
  readonly message: string;
  readonly bytes: number;
  readonly mode: MemoryMode;
}

interface TableEntry {
  readonly table: string;
  readonly bytes: number;
  readonly mode: MemoryMode;
}

export class SnappyUnifiedMemoryManager extends UnifiedMemoryManager {
  readonly sizes: SnappySizes;
  readonly bootManager: boolean;
  /** Heap in use that no pool tracks (user objects, GemFire metadata...). */
  untrackedHeapBytes = 0;
  /** Table data in memory (SnappyData column/row store), least recently used first. */
  private readonly tableData: TableEntry[] = [];
  private readonly tableOnDisk = new Map<string, number>();
  readonly memoryForObject = new Map<string, number>();
  readonly snappyEvents: SnappyEvent[] = [];
  private threadsWaitingForStorage = 0;

  constructor(o: SnappyMemoryOptions) {
    const sizes = snappySizes(o);
    const version = o.version ?? SPARK_2_4;
    const base: MemoryManagerOptions = {
      version,
      conf: new SimConf(snappyConf(o), version),
      numCores: o.numCores ?? 1,
    };
    super({
      ...base,
      ...(o.events !== undefined ? { events: o.events } : {}),
      maxHeapMemory: sizes.maxHeapMemory,
      onHeapStorageRegionSize: sizes.onHeapStorageRegionSize,
    });
    this.sizes = sizes;
    this.bootManager = o.bootManager ?? false;
  }

  /** Heap the monitor sees as used. */
  get heapUsed(): number {
    return this.untrackedHeapBytes + this.onHeapStorageMemoryUsed + this.onHeapExecutionMemoryUsed;
  }

  /** SnappyMemoryUtils.isCriticalUp: heap in use at or above critical-heap-percentage. */
  get isCriticalUp(): boolean {
    return this.heapUsed >= this.sizes.criticalThresholdBytes;
  }

  private minHeapEviction(required: number): number {
    const minHeap = Math.min(Math.max(10 * MiB, Math.trunc(this.sizes.maxHeapStorageSize * 0.002)), GiB);
    const waiting = this.threadsWaitingForStorage;
    return Math.max(required * waiting, Math.min(minHeap, required * Math.max(100, waiting + 1)));
  }

  private minOffHeapEviction(required: number): number {
    return Math.max(0, required - this.offHeapStorageMemoryPool.memoryFree + MiB);
  }

  /** handleHeapCriticalUp: evict table data, check again; false (and CRITICAL_UP) if still critical. */
  private handleHeapCriticalUp(numBytes: number, minEviction: number): boolean {
    if (this.isCriticalUp) {
      this.evictRegionData(minEviction, 'ON_HEAP');
      if (this.isCriticalUp) {
        this.snappyEvents.push({
          kind: 'CRITICAL_UP',
          message: 'CRTICAL_UP event raised due to critical heap memory usage. No memory allocated to thread',
          bytes: numBytes,
          mode: 'ON_HEAP',
        });
        return false;
      }
    }
    return true;
  }

  /** SnappyStorageEvictor.evictRegionData: overflow LRU table data of `mode` to disk until `bytes` are freed. */
  evictRegionData(bytes: number, mode: MemoryMode): number {
    if (this.bootManager) return 0;
    let freed = 0;
    for (let i = 0; i < this.tableData.length && freed < bytes;) {
      const e = this.tableData[i] as TableEntry;
      if (e.mode !== mode) {
        i++;
        continue;
      }
      this.tableData.splice(i, 1);
      this.tableOnDisk.set(e.table, (this.tableOnDisk.get(e.table) ?? 0) + e.bytes);
      this.releaseStorageForObject(e.table, e.bytes, mode);
      freed += e.bytes;
    }
    if (freed > 0)
      this.snappyEvents.push({
        kind: 'TableDataEvicted',
        message: `evicted ${freed} bytes of table data to disk`,
        bytes: freed,
        mode,
      });
    return freed;
  }

  private releaseStorageForObject(owner: string, bytes: number, mode: MemoryMode): void {
    const key = `${owner}|${mode}`;
    this.memoryForObject.set(key, Math.max(0, (this.memoryForObject.get(key) ?? 0) - bytes));
    this.storagePool(mode).releaseMemory(bytes);
  }

  override acquireExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): number | ExecutionWait {
    if (mode === 'ON_HEAP' && !this.handleHeapCriticalUp(numBytes, this.minHeapEviction(numBytes))) return 0;
    return super.acquireExecutionMemory(numBytes, taskAttemptId, mode);
  }

  /** Execution reclaims only what storage holds above its region, then evicts table data if short. */
  override maybeGrowExecutionPool(mode: MemoryMode, extraMemoryNeeded: number): void {
    if (extraMemoryNeeded <= 0) return;
    const storagePool = this.storagePool(mode);
    const reclaimable = storagePool.poolSize - this.storageRegionSize(mode);
    if (reclaimable > 0) {
      const spaceToReclaim = storagePool.freeSpaceToShrinkPool(Math.min(extraMemoryNeeded, reclaimable));
      let evicted = 0;
      if (spaceToReclaim < extraMemoryNeeded) {
        const minEviction =
          mode === 'ON_HEAP' ? this.minHeapEviction(extraMemoryNeeded) : this.minOffHeapEviction(extraMemoryNeeded);
        evicted = this.evictRegionData(Math.min(extraMemoryNeeded - spaceToReclaim + minEviction, reclaimable), mode);
      }
      const total = spaceToReclaim + evicted;
      if (storagePool.poolSize - total >= storagePool.memoryUsed) {
        storagePool.decrementPoolSize(total);
        this.executionPool(mode).incrementPoolSize(total);
      }
    }
  }

  override acquireStorageMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    return this.acquireStorageMemoryForObject(SPARK_CACHE, blockId, numBytes, mode, true);
  }

  override acquireUnrollMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    return this.acquireStorageMemory(blockId, numBytes, mode);
  }

  /** acquireStorageMemoryForObject → askStoragePool_. */
  acquireStorageMemoryForObject(
    owner: string,
    blockId: string,
    numBytes: number,
    mode: MemoryMode,
    shouldEvict: boolean,
  ): boolean {
    this.threadsWaitingForStorage++;
    this.enter();
    try {
      return this.askStoragePool(owner, blockId, numBytes, mode, shouldEvict);
    } finally {
      this.exit();
      this.threadsWaitingForStorage--;
    }
  }

  private askStoragePool(
    owner: string,
    blockId: string,
    numBytes: number,
    mode: MemoryMode,
    shouldEvict: boolean,
  ): boolean {
    const offHeap = mode === 'OFF_HEAP';
    const executionPool = this.executionPool(mode);
    const storagePool = this.storagePool(mode);
    const maxMemory = offHeap
      ? this.maxOffHeapMemory - this.offHeapExecutionMemoryPool.memoryUsed
      : this.maxOnHeapStorageMemory;
    const maxStorageSize = offHeap ? this.sizes.maxOffHeapStorageSize : this.sizes.maxHeapStorageSize;
    const minEviction = offHeap ? this.minOffHeapEviction(numBytes) : this.minHeapEviction(numBytes);
    if (!offHeap && !this.handleHeapCriticalUp(numBytes, minEviction)) return false;
    if (numBytes > maxMemory) {
      this.events?.log(
        'WARN',
        `Will not store ${blockId} for ${owner} as the required space (${numBytes} bytes) exceeds our memory limit (${maxMemory} bytes)`,
      );
      return false;
    }
    const offHeapNoEvict = !shouldEvict && offHeap;
    if (numBytes > storagePool.memoryFree && !offHeapNoEvict) {
      // Borrow min(execution free, numBytes), but never past the storage cap.
      const borrowed = Math.min(executionPool.memoryFree, numBytes);
      const actual =
        storagePool.poolSize + borrowed > maxStorageSize ? maxStorageSize - storagePool.poolSize : borrowed;
      if (actual > 0) {
        executionPool.decrementPoolSize(actual);
        storagePool.incrementPoolSize(actual);
      }
    }
    let enough = this.bootManager
      ? storagePool.acquireMemoryFreeing(blockId, numBytes, 0)
      : storagePool.acquireMemory(blockId, numBytes);
    if (!enough && this.bootManager) return false;
    if (!enough) {
      if (offHeapNoEvict || !shouldEvict) return false;
      this.evictRegionData(minEviction, mode);
      enough = storagePool.acquireMemory(blockId, numBytes);
    }
    if (enough) {
      const key = `${owner}|${mode}`;
      this.memoryForObject.set(key, (this.memoryForObject.get(key) ?? 0) + numBytes);
    }
    return enough;
  }

  /**
   * Table data put (column batches, row buffers): storage memory under the table's name; a refusal
   * is the LowMemoryException SnappyData raises ("Could not obtain memory of size <n>").
   */
  putTableData(table: string, bytes: number, mode: MemoryMode = 'ON_HEAP'): SnappyEvent | undefined {
    if (this.acquireStorageMemoryForObject(table, `${table}-data`, bytes, mode, true)) {
      this.tableData.push({ table, bytes, mode });
      return undefined;
    }
    return this.lowMemory(bytes, mode);
  }

  /** StoreUnifiedManager.allocateExecutionMemory: all or nothing, else LowMemoryException. */
  allocateExecutionMemory(task: number, bytes: number, mode: MemoryMode = 'ON_HEAP'): number | SnappyEvent {
    const got = this.acquireExecutionMemory(bytes, task, mode);
    const granted = typeof got === 'number' ? got : 0;
    if (granted >= bytes) return granted;
    if (granted > 0) this.releaseExecutionMemory(granted, task, mode);
    return this.lowMemory(bytes, mode);
  }

  private lowMemory(bytes: number, mode: MemoryMode): SnappyEvent {
    const ev: SnappyEvent = {
      kind: 'LowMemoryException',
      message: `Could not obtain memory of size ${bytes}`,
      bytes,
      mode,
    };
    this.snappyEvents.push(ev);
    return ev;
  }

  tableBytesInMemory(table?: string): number {
    let s = 0;
    for (const e of this.tableData) if (table === undefined || e.table === table) s += e.bytes;
    return s;
  }

  tableBytesOnDisk(table: string): number {
    return this.tableOnDisk.get(table) ?? 0;
  }
}
