// SnappyUnifiedMemoryManager (TIBCOSoftware/snappydata v1.3.1, cluster/src/main/scala/org/apache/
// spark/memory/SnappyUnifiedMemoryManager.scala; config-formats.md B.6). It extends snappy-spark's
// 2.1-based UnifiedMemoryManager, so the Spark side behaves as the 2.x line does.
//
// Its sizes (reserved memory from critical-heap-percentage, the fractions, the storage caps: heap,
// eviction fraction; off-heap, spark.memory.storageMaxFraction) are the layout's one derivation,
// layout/snappyMemory.ts deriveSnappyMemory. Modelled here: borrowing
// min(execution free, numBytes), the store's heap monitor (./snappy/heapMonitor.ts: CRITICAL_UP
// when the heap in use, tracked pools plus untracked objects, reaches critical-heap-percentage),
// the tables' eviction attributes and SnappyStorageEvictor (./snappy/tables.ts), the per-object
// accounting (memoryForObject), MemoryManagerStatsWrapper's failure counters, and the
// LowMemoryException the store throws when its storage request is refused.
//
// Not modelled: the temporary off-heap pool adjustment for ByteBuffer.allocateDirect
// (UnsafeHolder.getDirectReservedMemory), explicit GC and the old-entries cleaner (they free only
// garbage, which the simulation does not make), the boot-time manager hand-over.
import { SparkVersion, SPARK_2_4 } from '../version';
import { MemoryMode } from './memoryMode';
import { SparkError, sparkErrorOf } from './errors';
import { ConfMap, SimConf } from './sparkConf';
import { UnifiedMemoryManager } from './unifiedMemoryManager';
import { MemoryManagerOptions } from './memoryManager';
import { ExecutionWait } from './pools/executionWait';
import { HeapMemoryEvent, HeapMemoryMonitor } from './snappy/heapMonitor';
import { MemoryThresholds } from './snappy/memoryThresholds';
import { SnappyTable, TableOptions, evictRegionData, tableEvictionAttributes } from './snappy/tables';
import {
  SnappyMemoryInputs,
  SnappyMemoryPools,
  SnappyMemorySizes,
  deriveSnappyMemory,
  setMemorySize,
} from '../layout/snappyMemory';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
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
  /**
   * The manager is built before the store's cache, as in local mode and SnappyData's memory suites
   * (MemoryFunSuite): getMaxMemory and getStorageEvictionFraction read the conf
   * (snappydata.store.critical-heap-percentage, snappydata.store.eviction-heap-percentage,
   * spark.testing.maxStorageFraction) instead of the heap monitor's thresholds.
   */
  readonly localMode?: boolean;
  /** The member as the store names it in its messages. */
  readonly member?: string;
}

/**
 * The manager's sizes: the layout's one derivation (layout/snappyMemory.ts deriveSnappyMemory), with
 * the pools getMaxMemory and the constructor leave.
 */
export type SnappySizes = SnappyMemorySizes & { readonly pools: SnappyMemoryPools };

/** The conf the options describe: the given Spark conf, as a view the layout's derivation reads. */
function snappyInputs(o: SnappyMemoryOptions, conf: SimConf): SnappyMemoryInputs {
  return {
    systemMemory: o.systemMemory,
    criticalHeapPercentage: o.criticalHeapPercentage ?? 0,
    evictionHeapPercentage: o.evictionHeapPercentage ?? 0,
    memorySize: o.memorySize ?? 0,
    conf: conf.view(),
    ...(o.localMode === true ? { localMode: true } : {}),
  };
}

/** The derivation laid out, or its first error thrown as SnappyData throws it. */
function laidOut(d: SnappyMemorySizes): SnappySizes {
  const first = d.errors[0];
  if (first !== undefined) throw sparkErrorOf(first.error);
  // Without an error the derivation has laid out the pools.
  if (d.pools === undefined) throw new SparkError('AssertionError', 'assertion failed');
  return { ...d, pools: d.pools };
}

/** getMaxMemory and the constructor's derived limits, from the layout's derivation; its first error is thrown. */
export function snappySizes(o: SnappyMemoryOptions): SnappySizes {
  return laidOut(deriveSnappyMemory(snappyInputs(o, new SimConf(o.conf ?? {}, o.version ?? SPARK_2_4))));
}

/** What SnappyData reports: memory refused, heap monitor events, table data overflowed. */
export interface SnappyEvent {
  readonly kind: 'LowMemoryException' | 'CRITICAL_UP' | 'CRITICAL_DOWN' | 'MemoryRefused' | 'TableDataEvicted';
  readonly message: string;
  readonly bytes: number;
  readonly mode: MemoryMode;
}

/** BufferAllocator.STORE_DATA_FRAME_OUTPUT: owners whose storage requests evict only a little. */
export const STORE_DATA_FRAME_OUTPUT = 'STORE_DATA_FRAME_OUTPUT';
/** spark.driver.maxResultSize default (1g), read by Utils.getMaxResultSize. */
const DEFAULT_MAX_RESULT_SIZE = GiB;

/** MemoryManagerStatsWrapper's counters the memory suites read, per memory mode. */
export interface SnappyStats {
  numFailedStorageRequest: number;
  numFailedEvictionRequest: number;
}

export class SnappyUnifiedMemoryManager extends UnifiedMemoryManager {
  readonly sizes: SnappySizes;
  readonly bootManager: boolean;
  /** The store's heap monitor; undefined when neither threshold is set. */
  readonly heapMonitor: HeapMemoryMonitor;
  /** Heap in use that no pool tracks (user objects, GemFire metadata, garbage not yet collected). */
  private untracked = 0;
  private readonly tables = new Map<string, SnappyTable>();
  /** memoryForObject: bytes of storage memory per owner, keyed `owner|mode`. */
  readonly memoryForObject = new Map<string, number>();
  readonly snappyEvents: SnappyEvent[] = [];
  readonly stats: Record<MemoryMode, SnappyStats> = {
    ON_HEAP: { numFailedStorageRequest: 0, numFailedEvictionRequest: 0 },
    OFF_HEAP: { numFailedStorageRequest: 0, numFailedEvictionRequest: 0 },
  };
  /** MemoryEventListener.onEviction / onPositiveMemoryIncreaseDueToEviction, summed. */
  evictedByStorageRequests = 0;
  memoryIncreaseDueToEviction = 0;
  private threadsWaitingForStorage = 0;
  /** getMinHeapEviction/getMinOffHeapEviction of the execution request being served. */
  private executionMinEviction = 0;
  private readonly maxPartResultSize: number;

  constructor(o: SnappyMemoryOptions) {
    const version = o.version ?? SPARK_2_4;
    const derived = deriveSnappyMemory(snappyInputs(o, new SimConf(o.conf ?? {}, version)));
    // The store's heap monitor takes its thresholds (the member's options, or snappydata.store.* in local
    // mode) while the cache boots, before the executor's manager exists: its range checks come first.
    const thresholds = new MemoryThresholds(
      o.systemMemory,
      derived.criticalHeapPercentage,
      derived.evictionHeapPercentage,
    );
    const sizes = laidOut(derived);
    // The conf the manager keeps is the one setMemorySize has written memory-size into.
    const given = new SimConf(o.conf ?? {}, version).view();
    const entries = setMemorySize(given, o.memorySize ?? 0, sizes.pools.storageFraction.value).entries();
    const conf = new SimConf(Object.fromEntries([...entries].map((v) => [v.key, v.value])), version);
    super({
      version,
      conf,
      numCores: o.numCores ?? 1,
      ...(o.events !== undefined ? { events: o.events } : {}),
      maxHeapMemory: sizes.pools.maxHeapMemory,
      onHeapStorageRegionSize: sizes.pools.onHeapStorageRegionSize,
      offHeap: sizes.pools.offHeap,
    });
    this.sizes = sizes;
    this.bootManager = o.bootManager ?? false;
    this.heapMonitor = new HeapMemoryMonitor(thresholds, o.member ?? 'this member');
    this.maxPartResultSize = Math.trunc(
      conf.getBytesEntry('spark.driver.maxResultSize', DEFAULT_MAX_RESULT_SIZE) / Math.min(8, o.numCores ?? 1),
    );
    this.updateHeapState();
  }

  /** Heap the monitor sees as used: the on-heap pools plus what no pool tracks. */
  get heapUsed(): number {
    return this.untracked + this.onHeapStorageMemoryUsed + this.onHeapExecutionMemoryUsed;
  }

  get untrackedHeapBytes(): number {
    return this.untracked;
  }

  /** Objects no pool tracks come and go; the heap monitor sees them at once. */
  set untrackedHeapBytes(bytes: number) {
    this.untracked = bytes;
    this.updateHeapState();
  }

  /** HeapMemoryMonitor.updateStateAndSendEvent with the heap in use now; its critical events are recorded. */
  updateHeapState(): HeapMemoryEvent | undefined {
    const ev = this.heapMonitor.updateStateAndSendEvent(this.heapUsed);
    if (ev?.critical !== undefined && ev.message !== undefined) {
      this.snappyEvents.push({ kind: ev.critical, message: ev.message, bytes: ev.bytesUsed, mode: 'ON_HEAP' });
    }
    return ev;
  }

  /** SnappyMemoryUtils.isCriticalUp. */
  get isCriticalUp(): boolean {
    this.updateHeapState();
    return this.heapMonitor.isCriticalUp;
  }

  private minHeapEviction(required: number): number {
    // minHeapEviction: 0.2% of the heap storage cap, between 10 MB and 1 GB; "evict at least 100 entries".
    const minHeap = Math.min(Math.max(10 * MiB, Math.trunc(this.sizes.pools.maxHeapStorageSize * 0.002)), GiB);
    const waiting = this.threadsWaitingForStorage;
    return Math.max(required * waiting, Math.min(minHeap, required * Math.max(100, waiting + 1)));
  }

  private minOffHeapEviction(required: number): number {
    // "bit of padding (1M) to account for inaccuracies in pre-allocation by putAll threads".
    return Math.max(0, required - this.offHeapStorageMemoryPool.memoryFree + MiB);
  }

  private minEviction(required: number, mode: MemoryMode): number {
    return mode === 'ON_HEAP' ? this.minHeapEviction(required) : this.minOffHeapEviction(required);
  }

  /** handleHeapCriticalUp: evict table data, check again; false (no memory for this thread) if still critical. */
  private handleHeapCriticalUp(numBytes: number, minEviction: number): boolean {
    if (!this.isCriticalUp) return true;
    if (this.evictRegionData(minEviction, 'ON_HEAP') === 0) this.stats.ON_HEAP.numFailedEvictionRequest++;
    // The eviction freed memory, so the getter may answer differently now.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (!this.isCriticalUp) return true;
    this.snappyEvents.push({
      kind: 'MemoryRefused',
      // SnappyData's own spelling ("CRTICAL_UP").
      message: 'CRTICAL_UP event raised due to critical heap memory usage. No memory allocated to thread',
      bytes: numBytes,
      mode: 'ON_HEAP',
    });
    return false;
  }

  // ---- tables ----

  /** CREATE TABLE: the table's eviction attributes from its options; SnappyData's refusal as an error. */
  createTable(name: string, options: TableOptions): SnappyTable {
    const key = name.toUpperCase();
    if (this.tables.has(key)) throw new SparkError('AnalysisException', `Table ${key} already exists.`);
    const eviction = tableEvictionAttributes(options);
    if ('error' in eviction) throw new SparkError('AnalysisException', eviction.error);
    const mode: MemoryMode = options.kind === 'column' && this.maxOffHeapMemory > 0 ? 'OFF_HEAP' : 'ON_HEAP';
    const t = new SnappyTable(key, options, eviction, mode);
    this.tables.set(key, t);
    return t;
  }

  table(name: string): SnappyTable | undefined {
    return this.tables.get(name.toUpperCase());
  }

  get allTables(): readonly SnappyTable[] {
    return [...this.tables.values()];
  }

  /**
   * An insert of one entry (a row, or a column batch) of `bytes`: LocalRegion.acquirePoolMemory asks
   * for storage memory under the table's name; a refusal is the store's LowMemoryException. An
   * LRUCOUNT/LRUMEMSIZE table then evicts what is over its limit.
   */
  insert(name: string, bytes: number): SnappyEvent | undefined {
    const t = this.tableFor(name);
    if (!this.acquireStorageMemoryForObject(t.name, `${t.name}-entry`, bytes, t.mode, true)) {
      return this.lowMemory(bytes, t.mode);
    }
    t.add(bytes);
    for (let n = t.overCapacity(); n > 0; n--) {
      const freed = t.evictOne();
      this.releaseStorageMemoryForObject(t.name, freed, t.mode);
      this.recordEviction(freed, t.mode);
    }
    return undefined;
  }

  /** DROP TABLE / TRUNCATE: dropStorageMemoryForObject releases all the table holds. */
  dropTable(name: string, keepDefinition = false): number {
    const t = this.tableFor(name);
    const freed = this.dropStorageMemoryForObject(t.name, t.mode, 0);
    t.clear();
    if (!keepDefinition) this.tables.delete(t.name);
    return freed;
  }

  private tableFor(name: string): SnappyTable {
    const t = this.tables.get(name.toUpperCase());
    if (t === undefined) throw new SparkError('AnalysisException', `Table or view not found: ${name.toUpperCase()}`);
    return t;
  }

  /** Table data put the way the workload does it: creates a default table of that kind on first use. */
  putTableData(table: string, bytes: number, mode: MemoryMode = 'ON_HEAP'): SnappyEvent | undefined {
    if (this.table(table) === undefined) this.createTable(table, { kind: mode === 'OFF_HEAP' ? 'column' : 'row' });
    return this.insert(table, bytes);
  }

  /** SnappyStorageEvictor.evictRegionData(bytes, offHeap): the bytes overflowed to disk. */
  evictRegionData(bytes: number, mode: MemoryMode): number {
    if (this.bootManager) return 0;
    const freed = evictRegionData(this.allTables, bytes, mode === 'OFF_HEAP', this.maxOffHeapMemory > 0, (t, b) =>
      this.releaseStorageMemoryForObject(t.name, b, t.mode),
    );
    this.recordEviction(freed, mode);
    return freed;
  }

  private recordEviction(freed: number, mode: MemoryMode): void {
    if (freed > 0)
      this.snappyEvents.push({
        kind: 'TableDataEvicted',
        message: `evicted ${freed} bytes of table data to disk`,
        bytes: freed,
        mode,
      });
  }

  tableBytesInMemory(table?: string): number {
    let s = 0;
    for (const t of this.tables.values())
      if (table === undefined || t.name === table.toUpperCase()) s += t.bytesInMemory;
    return s;
  }

  tableBytesOnDisk(table: string): number {
    return this.table(table)?.bytesOnDisk ?? 0;
  }

  // ---- execution ----

  override acquireExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): number | ExecutionWait {
    // The minimum eviction comes from the request's size, not from what the pool lacks.
    const minEviction = this.minEviction(numBytes, mode);
    if (mode === 'ON_HEAP' && !this.handleHeapCriticalUp(numBytes, minEviction)) return 0;
    this.executionMinEviction = minEviction;
    const got = super.acquireExecutionMemory(numBytes, taskAttemptId, mode);
    this.updateHeapState();
    return got;
  }

  override releaseExecutionMemory(numBytes: number, taskAttemptId: number, mode: MemoryMode): void {
    super.releaseExecutionMemory(numBytes, taskAttemptId, mode);
    this.updateHeapState();
  }

  /** Execution reclaims only what storage holds above its region, then evicts table data if short. */
  override maybeGrowExecutionPool(mode: MemoryMode, extraMemoryNeeded: number): void {
    if (extraMemoryNeeded <= 0) return;
    const storagePool = this.storagePool(mode);
    const reclaimable = storagePool.poolSize - this.storageRegionSize(mode);
    if (reclaimable <= 0) return;
    const spaceToReclaim = storagePool.freeSpaceToShrinkPool(Math.min(extraMemoryNeeded, reclaimable));
    const evicted =
      spaceToReclaim < extraMemoryNeeded
        ? this.evictRegionData(
            Math.min(extraMemoryNeeded - spaceToReclaim + this.executionMinEviction, reclaimable),
            mode,
          )
        : 0;
    if (evicted === 0) this.stats[mode].numFailedEvictionRequest++;
    const total = spaceToReclaim + evicted;
    // "Some eviction might have increased the storage memory used": resize only if it still fits.
    if (storagePool.poolSize - total >= storagePool.memoryUsed) {
      storagePool.decrementPoolSize(total);
      this.executionPool(mode).incrementPoolSize(total);
    }
  }

  /**
   * MemoryManagerCallback.allocateExecutionMemory for a heap buffer (column batch decompression,
   * compression, scan buffers): storage memory under `owner`, all or nothing, else the store's
   * LowMemoryException. (The execution-pool variant is commented out in SnappyData 1.3.1.)
   */
  allocateExecutionMemory(owner: string, bytes: number, mode: MemoryMode = 'ON_HEAP'): SnappyEvent | undefined {
    // With memory-size the allocator is direct: allocateExecutionMemory skips its own check and the
    // store's managed allocator accounts the buffer as off-heap memory of its owner. (That allocator,
    // ManagedDirectBufferAllocator, is not in the snappy-store snapshot read for this port: its
    // refusal is given LocalRegion's text here.)
    if (this.acquireStorageMemoryForObject(owner, 'SNAPPY_STORAGE_BLOCK_ID', bytes, mode, true)) return undefined;
    return this.lowMemory(bytes, mode);
  }

  /** MemoryManagerCallback.releaseExecutionMemory: the buffer's bytes go back under its owner. */
  releaseAllocatedExecutionMemory(owner: string, bytes: number, mode: MemoryMode = 'ON_HEAP'): void {
    this.releaseStorageMemoryForObject(owner, bytes, mode);
  }

  // ---- storage ----

  override acquireStorageMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    return this.acquireStorageMemoryForObject(SPARK_CACHE, blockId, numBytes, mode, true);
  }

  override acquireUnrollMemory(blockId: string, numBytes: number, mode: MemoryMode): boolean {
    return this.acquireStorageMemory(blockId, numBytes, mode);
  }

  override releaseStorageMemory(numBytes: number, mode: MemoryMode): void {
    this.releaseStorageMemoryForObject(SPARK_CACHE, numBytes, mode);
  }

  /** releaseStorageMemoryForObject_: the pool, then the owner's count (removed at zero). */
  releaseStorageMemoryForObject(owner: string, numBytes: number, mode: MemoryMode): void {
    super.releaseStorageMemory(numBytes, mode);
    const key = `${owner}|${mode}`;
    const left = this.memoryForObject.get(key);
    if (left !== undefined) {
      if (left - numBytes <= 0) this.memoryForObject.delete(key);
      else this.memoryForObject.set(key, left - numBytes);
    }
    this.updateHeapState();
  }

  /** dropStorageMemoryForObject: release all an owner holds beyond `ignoreNumBytes`; what it held. */
  dropStorageMemoryForObject(owner: string, mode: MemoryMode, ignoreNumBytes: number): number {
    const key = `${owner}|${mode}`;
    const held = this.memoryForObject.get(key) ?? 0;
    const numBytes = Math.max(0, held - ignoreNumBytes);
    if (numBytes > 0) {
      super.releaseStorageMemory(numBytes, mode);
      this.memoryForObject.delete(key);
    }
    this.updateHeapState();
    return held;
  }

  /** dropAllObjects (the memory suites' test hook): every owner's storage memory of `mode` released. */
  dropAllObjects(mode: MemoryMode): void {
    for (const [key, bytes] of [...this.memoryForObject]) {
      if (!key.endsWith(`|${mode}`)) continue;
      super.releaseStorageMemory(bytes, mode);
      this.memoryForObject.delete(key);
    }
    this.updateHeapState();
  }

  getMemoryForObject(owner: string, mode: MemoryMode): number {
    return this.memoryForObject.get(`${owner}|${mode}`) ?? 0;
  }

  /** acquireStorageMemoryForObject → askStoragePool (threads waiting counted, stats kept). */
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
      const ok = this.askStoragePool(owner, blockId, numBytes, mode, shouldEvict);
      if (!ok) this.stats[mode].numFailedStorageRequest++;
      return ok;
    } finally {
      this.exit();
      this.threadsWaitingForStorage--;
      this.updateHeapState();
    }
  }

  private askStoragePool(
    owner: string,
    blockId: string,
    numBytes: number,
    mode: MemoryMode,
    shouldEvict: boolean,
  ): boolean {
    if (!shouldEvict) this.memoryIncreaseDueToEviction += numBytes;
    if (!(numBytes >= 0)) throw new SparkError('AssertionError', 'assertion failed');
    const offHeap = mode === 'OFF_HEAP';
    const executionPool = this.executionPool(mode);
    const storagePool = this.storagePool(mode);
    const maxMemory = offHeap
      ? this.maxOffHeapMemory - this.offHeapExecutionMemoryPool.memoryUsed
      : this.maxOnHeapStorageMemory;
    const maxStorageSize = offHeap ? this.sizes.pools.maxOffHeapStorageSize : this.sizes.pools.maxHeapStorageSize;
    const minEviction = this.minEviction(numBytes, mode);
    if (!offHeap && !this.handleHeapCriticalUp(numBytes, minEviction)) return false;
    const memoryFree = storagePool.memoryFree;
    // A partition's result (STORE_DATA_FRAME_OUTPUT) may evict only while it is under 30% of the cap.
    const doEvict =
      shouldEvict && owner.endsWith(STORE_DATA_FRAME_OUTPUT)
        ? numBytes < Math.min(0.3 * maxStorageSize, Math.max(this.maxPartResultSize, memoryFree))
        : shouldEvict;
    if (numBytes > maxMemory) {
      this.events?.log(
        'WARN',
        `Will not store ${blockId} for ${owner} as the required space (${numBytes} bytes) exceeds our memory limit (${maxMemory} bytes)`,
      );
      return false;
    }
    const offHeapNoEvict = !doEvict && offHeap;
    if (numBytes > memoryFree && !offHeapNoEvict) {
      // Borrow min(execution free, numBytes), but never past the storage cap.
      const borrowed = Math.min(executionPool.memoryFree, numBytes);
      const actual =
        storagePool.poolSize + borrowed > maxStorageSize ? maxStorageSize - storagePool.poolSize : borrowed;
      if (actual > 0) {
        executionPool.decrementPoolSize(actual);
        storagePool.incrementPoolSize(actual);
      }
    }
    const enough = this.bootManager
      ? storagePool.acquireMemoryFreeing(blockId, numBytes, 0)
      : storagePool.acquireMemory(blockId, numBytes);
    if (enough) {
      this.addForObject(owner, mode, numBytes);
      return true;
    }
    if (this.bootManager || offHeapNoEvict || !doEvict) return false;
    // "Sufficient memory could not be freed. Time to evict from SnappyData store."
    this.evictedByStorageRequests += this.evictRegionData(minEviction, mode);
    if (!storagePool.acquireMemory(blockId, numBytes)) {
      this.stats[mode].numFailedEvictionRequest++;
      this.events?.log(
        'WARN',
        `Could not allocate memory for ${blockId} of ${owner} size=${numBytes}. Memory pool size ${storagePool.memoryUsed}`,
      );
      return false;
    }
    this.addForObject(owner, mode, numBytes);
    return true;
  }

  private addForObject(owner: string, mode: MemoryMode, bytes: number): void {
    const key = `${owner}|${mode}`;
    this.memoryForObject.set(key, (this.memoryForObject.get(key) ?? 0) + bytes);
  }

  /** LocalRegion.lowMemoryException(null, size): "Could not obtain memory of size <n>". */
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
}
