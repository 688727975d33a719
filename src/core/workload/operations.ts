// The operations a task runs (src/core/workload/types.ts TaskOp) on plain Spark's classes: a
// cache put and read (BlockManager / MemoryStore), Tungsten pages (sort, hash join), an
// aggregation map (Spillable), a broadcast, and untracked user objects. Each is a generator of
// delays and waits that the run (engine.ts) resumes; every memory decision is the manager's,
// MemoryStore's or TaskMemoryManager's own. RocksDB state stores are in stateStore.ts and
// SnappyData's table data in snappyOps.ts.
import { SparkError } from '../sim/errors';
import type { MemoryMode } from '../sim/memoryMode';
import type { MemoryConsumer } from '../sim/tmm/memoryConsumer';
import { UnrollSource, linearSource } from '../sim/store/memoryStore';
import { StorageLevel, StorageLevels } from '../sim/store/storageLevel';
import { PendingCall } from '../sim/tmm/pending';
import { Spillable } from '../sim/tmm/spillable';
import type { Page } from '../sim/tmm/taskMemoryManager';
import { byteStringAs, formatBytes } from '../size';
import { type SparkVersion, atLeast } from '../version';
import { evictionCause, shareCause } from './causes';
import { HashMapConsumer, SortConsumer } from './consumers';
import type { RunContext } from './runContext';
import type { Task, TaskSteps, UntrackedObjects } from './task';
import { WorkLimitReached, blocksMessage } from './workBudget';
import type { Scenario, TaskOp } from './types';

/** Values a put unrolls at most: bigger partitions are unrolled in groups of records (see groupedSource). */
const MAX_UNROLL_VALUES = 1024;
/** Aggregation input is fed to Spillable in at most this many steps per op (plus 32-record minimums). */
const AGGREGATE_STEPS = 64;
/** Serialized size / object size when a scenario does not say (Kryo on typical rows). */
export const DEFAULT_SERIALIZED_RATIO = 0.5;
/** Serializer speed when a scenario does not say: 1000 MiB/s. */
export const DEFAULT_SERDE_BYTES_PER_MS = (1000 * 1024 * 1024) / 1000;

/**
 * The records of a partition as an UnrollSource. Up to MAX_UNROLL_VALUES records are unrolled one
 * by one, exactly as MemoryStore.putIterator does; a partition with more records is unrolled in
 * equal groups of records (the size estimate after k groups is k/groups of the partition), so a
 * billion tiny records cost the same as 1024 — the unroll requests then grow in coarser steps.
 */
export function groupedSource(bytes: number, elementBytes: number): UnrollSource {
  const count = Math.max(1, Math.ceil(bytes / Math.max(1, elementBytes)));
  if (count <= MAX_UNROLL_VALUES) return linearSource(count, elementBytes, bytes);
  const groups = MAX_UNROLL_VALUES;
  return { count: groups, estimatedSize: (k: number) => Math.floor((k * bytes) / groups), preciseSize: bytes };
}

/**
 * A hash build that cannot get a page: BytesToBytesMap.acquireNewPage catches the refusal and
 * append returns false; UnsafeHashedRelation.apply then frees the map and throws. From 2.3
 * (SPARK-21907) a SparkOutOfMemoryError "There is not enough memory to build hash map"
 * (QueryExecutionErrors.cannotAcquireMemoryToBuildUnsafeHashedRelationError; since 3.4 as
 * _LEGACY_ERROR_TEMP_2107, whose message carries no error-class prefix); before 2.3, and so on
 * SnappyData's Spark 2.1 line, a SparkException "There is no enough memory to build hash map".
 */
function hashBuildError(e: unknown, v: SparkVersion): unknown {
  if (!(e instanceof SparkError) || e.sparkClass !== 'SparkOutOfMemoryError') return e;
  return atLeast(v, 2, 3)
    ? new SparkError('SparkOutOfMemoryError', 'There is not enough memory to build hash map')
    : new SparkError('SparkException', 'There is no enough memory to build hash map');
}

export class TaskOperations {
  private readonly broadcastFetching = new Set<number>();
  /** Serialized size of every block put in memory (what a drop to disk writes). */
  private readonly diskSize = new Map<string, number>();
  /** Size in memory of every block put there (for eviction events). */
  private readonly memSize = new Map<string, number>();
  /** Whether untracked objects are past the user region now (one oomRisk per crossing). */
  private overUserRegion = false;

  constructor(private readonly run: RunContext) {}

  private get tp(): Scenario['throughput'] {
    return this.run.scenario.throughput;
  }

  /** MemoryStore's listener: a block was evicted (and written to disk when its level allows). */
  blockDropped(blockId: string, writtenToDisk: boolean): void {
    const counters = this.run.counters;
    counters.evictedBlocks++;
    const task = this.run.currentTask?.id;
    const bytes = this.memSize.get(blockId);
    const cause = evictionCause(this.run.currentTask, this.run.executor);
    this.run.emit(
      'evict',
      () =>
        `evicted ${blockId}${bytes !== undefined ? ` (${formatBytes(bytes)})` : ''} from memory` +
        (cause !== undefined ? ` for ${cause.request}` : ''),
      {
        blockId,
        ...(bytes !== undefined ? { bytes } : {}),
        ...(task !== undefined ? { task } : {}),
        ...(cause !== undefined ? { cause } : {}),
      },
    );
    if (writtenToDisk) {
      counters.droppedToDisk++;
      const t = this.run.currentTask;
      if (t !== undefined) t.owedMs += (this.diskSize.get(blockId) ?? 0) / this.tp.diskBytesPerMs;
      this.run.emit('dropToDisk', `dropped ${blockId} to disk`, { blockId, ...(task !== undefined ? { task } : {}) });
    }
    // Only blocks in memory keep their sizes: the maps stay as small as the store.
    this.memSize.delete(blockId);
    this.diskSize.delete(blockId);
  }

  /** Serialized size of `bytes` of objects (scenario serialization.ratio, default 0.5). */
  private serialized(bytes: number): number {
    return Math.max(1, Math.round(bytes * (this.run.scenario.serialization?.ratio ?? DEFAULT_SERIALIZED_RATIO)));
  }

  /** Time to serialize or deserialize `bytes` of objects. */
  private serdeMs(bytes: number): number {
    return bytes / (this.run.scenario.serialization?.bytesPerMs ?? DEFAULT_SERDE_BYTES_PER_MS);
  }

  /**
   * BlockManager.doPutIterator for one partition at `level`, with the disk fallback. `bytes` is the
   * partition as objects; serialized levels (and anything on disk) hold serialization.ratio of it
   * and pay the serializer's time.
   */
  *putPartition(task: Task, blockId: string, bytes: number, elementBytes: number, level: StorageLevel): TaskSteps {
    const store = this.run.store;
    if (store.contains(blockId)) return;
    if (store.trackedBlocks >= this.run.maxTrackedBlocks && !store.isOnDisk(blockId))
      throw new WorkLimitReached(blocksMessage(this.run.maxTrackedBlocks));
    const onDisk = this.serialized(bytes);
    if (!level.useMemory) {
      if (!store.isOnDisk(blockId)) {
        store.putBlock(blockId, onDisk, level);
        yield this.serdeMs(bytes) + onDisk / this.tp.diskBytesPerMs;
      }
      return;
    }
    const mode: MemoryMode = level.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
    // Off-heap caching always goes through bytes (MemoryStore.putIteratorAsBytes).
    const values = level.deserialized && !level.useOffHeap;
    const src = values
      ? groupedSource(bytes, elementBytes)
      : groupedSource(onDisk, Math.max(1, Math.round((elementBytes * onDisk) / bytes)));
    const r = values
      ? store.putIteratorAsValues(blockId, src, mode, task.id, level)
      : store.putIteratorAsBytes(blockId, src, mode, task.id, level);
    if (!values) yield this.serdeMs(bytes);
    if (r.stored) {
      this.diskSize.set(blockId, onDisk);
      this.memSize.set(blockId, r.size);
      this.run.acquired(task, r.size, mode, `cached ${blockId} (${level.name})`);
      return;
    }
    this.run.counters.unrollFailures++;
    this.run.emit(
      'unrollFailure',
      () =>
        `not enough storage memory to unroll ${blockId} (${formatBytes(src.preciseSize)}, ${level.name}; ${formatBytes(r.unrollMemory)} unrolled)`,
      { task: task.id, blockId, bytes: src.preciseSize, mode },
    );
    if (level.useDisk) {
      // "Persisting block ... to disk instead": the partially unrolled values go to disk.
      store.putBlock(blockId, onDisk, StorageLevels.DISK_ONLY);
      this.run.counters.diskPuts++;
      r.close();
      yield (values ? this.serdeMs(bytes) : 0) + onDisk / this.tp.diskBytesPerMs;
    } else {
      // The task consumes the partially unrolled iterator; its unroll memory goes when it is done.
      yield 0;
      r.close();
    }
  }

  *read(task: Task, op: Extract<TaskOp, { op: 'read' }>): TaskSteps {
    const store = this.run.store;
    const blockId = `rdd_${op.rdd}_${task.partition}`;
    const entry = store.access(blockId);
    if (entry !== undefined) {
      this.run.counters.cacheHits++;
      this.holdReadLock(task, blockId);
      // Values are scanned as they are; bytes are deserialized first.
      yield entry.deserialized
        ? op.bytes / this.tp.memoryBytesPerMs
        : this.serdeMs(op.bytes) + op.bytes / this.tp.memoryBytesPerMs;
      return;
    }
    if (store.isOnDisk(blockId)) {
      this.run.counters.diskHits++;
      const onDisk = this.serialized(op.bytes);
      yield onDisk / this.tp.diskBytesPerMs + this.serdeMs(op.bytes);
      // BlockManager.getLocalValues: a block read from disk at a level that uses memory is cached
      // in memory again if it fits (maybeCacheDiskValuesInMemory / maybeCacheDiskBytesInMemory).
      const level = StorageLevels[op.level];
      if (level.useMemory && !store.contains(blockId)) {
        const mode: MemoryMode = level.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
        if (level.deserialized && !level.useOffHeap) {
          const r = store.putIteratorAsValues(blockId, groupedSource(op.bytes, op.elementBytes), mode, task.id, level);
          if (r.stored) {
            this.memSize.set(blockId, r.size);
            this.run.acquired(task, r.size, mode, `cached ${blockId} again from disk`);
          } else r.close();
        } else if (store.putBytes(blockId, onDisk, mode, level)) {
          this.memSize.set(blockId, onDisk);
          this.run.acquired(task, onDisk, mode, `cached ${blockId} again from disk`);
        }
        this.holdReadLock(task, blockId);
      }
      return;
    }
    // Gone (never cached, or evicted at a level without disk): recompute, then getOrElseUpdate caches it again.
    this.run.counters.cacheMisses++;
    yield op.bytes / (this.tp.recomputeBytesPerMs ?? this.tp.memoryBytesPerMs / 4);
    yield* this.cache(task, blockId, op.bytes, op.elementBytes, StorageLevels[op.level]);
  }

  /**
   * RDD.getOrCompute → BlockManager.getOrElseUpdate: the partition is put (putPartition) and the
   * task goes on reading it under the read lock doPutIterator keeps (keepReadLock = true).
   */
  *cache(task: Task, blockId: string, bytes: number, elementBytes: number, level: StorageLevel): TaskSteps {
    yield* this.putPartition(task, blockId, bytes, elementBytes, level);
    this.holdReadLock(task, blockId);
  }

  /**
   * The read lock a task holds on a cached block it reads (BlockInfoManager.lockForReading): held
   * until the task has consumed the block (its later ops), so the task's own execution memory
   * cannot evict it (evictBlocksToFreeSpace skips blocks it cannot write-lock); only blocks in
   * memory are locked, as only those can be evicted.
   */
  private holdReadLock(task: Task, blockId: string): void {
    if (!this.run.store.contains(blockId) || task.readLocks.includes(blockId)) return;
    if (this.run.store.blockInfoManager.lockForReading(blockId)) task.readLocks.push(blockId);
  }

  /** The task's end (Executor.TaskRunner): releaseAllLocksForTask drops the read locks it still holds. */
  releaseReadLocks(task: Task): void {
    for (const blockId of task.readLocks) this.run.store.blockInfoManager.unlock(blockId);
    task.readLocks.length = 0;
  }

  /** Waits for a blocked call; returns its value or throws its error (resumed in the task). */
  private *await<T>(r: T | PendingCall<T>): TaskSteps<T> {
    if (r instanceof PendingCall) {
      if (!r.done) yield r as PendingCall<unknown>;
      if (r.error !== undefined) throw r.error;
      return r.value as T;
    }
    return r;
  }

  /**
   * Tungsten pages: shuffleSort (UnsafeExternalSorter: self-spill when a page is refused; pages
   * freed when the op is done) or hashJoinBuild (BytesToBytesMap: cannot spill, so a refused page
   * fails the task; the relation is held until the task ends, as the probe reads it). Each page
   * is asked for with the record size as the minimum (acquireNewPageIfNecessary(required)).
   */
  *pages(task: Task, bytes: number, recordBytes: number, sort: boolean, keep = false): TaskSteps {
    const mm = this.run.executor.mm;
    const mode = mm.tungstenMemoryMode;
    const consumer = sort ? new SortConsumer(task.tmm, mode) : new HashMapConsumer(task.tmm, mode);
    const what = sort ? 'sort page' : 'hash map page';
    let remaining = bytes;
    let spilled = 0;
    try {
      while (remaining > 0) {
        let page: Page;
        try {
          const got = consumer.allocatePage(Math.min(recordBytes, remaining));
          if (got instanceof PendingCall) {
            if (!got.done) yield got as PendingCall<unknown>;
            if (got.error !== undefined) throw got.error;
            page = got.value as Page;
          } else page = got;
        } catch (e) {
          throw consumer instanceof HashMapConsumer ? hashBuildError(e, task.tmm.memoryManager.version) : e;
        }
        consumer.pages.push(page);
        this.run.acquired(task, page.size, mode, what);
        if (consumer instanceof SortConsumer) spilled += yield* this.sortSpills(task, consumer, mode, what);
        yield* this.keptSpills(task, consumer, what);
        const used = Math.min(page.size, remaining);
        remaining -= used;
        yield used / this.tp.memoryBytesPerMs;
      }
      // Spill files are merged back (read once from disk).
      if (spilled > 0) yield spilled / this.tp.diskBytesPerMs;
    } finally {
      if (consumer instanceof HashMapConsumer) task.held.push(consumer);
      else if (keep) {
        // The sorted output is read by the task's later ops: its pages stay until it is read or spilled.
        consumer.reading = true;
        task.held.push(consumer);
      } else {
        // The sorted output has been handed on (written or merged): the sorter frees its pages.
        const freed = consumer.freeAll();
        if (freed > 0) this.run.released(task, freed, mode, 'sorter frees its pages');
      }
    }
  }

  /** What a sorter's spill wrote since the last look: counted, its pages released, the time to write it; returns the bytes. */
  private *sortSpills(task: Task, sorter: SortConsumer, mode: MemoryMode, what: string): TaskSteps<number> {
    const s = sorter.spilledNow;
    if (s <= 0) return 0;
    sorter.spilledNow = 0;
    this.run.counters.spillCount++;
    this.run.counters.spilledBytes += s;
    this.run.released(task, s, mode, 'spill frees sort pages');
    const cause = shareCause(this.run.executor.mm, task, mode, what, false);
    this.run.emit('spill', () => `task ${task.id} spilled ${formatBytes(s)} of sorted records`, {
      task: task.id,
      bytes: s,
      mode,
      ...(cause !== undefined ? { cause } : {}),
    });
    yield s / this.tp.spillBytesPerMs;
    return s;
  }

  /**
   * Kept consumers TaskMemoryManager spilled for another consumer's request (`requester`): it asks
   * the other consumers first (acquireExecutionMemory's spill policy). A sorter being read gives up
   * all but its current page; an aggregation map being read spills what it holds above its initial
   * threshold (Spillable.spill with forceSpill). Their records are read back from the spill file later.
   */
  private *keptSpills(task: Task, requester: MemoryConsumer, what: string): TaskSteps {
    for (const h of task.held) {
      if (h === requester) continue;
      let s = 0;
      if (h instanceof SortConsumer && h.spilledNow > 0)
        s = yield* this.sortSpills(task, h, h.mode, `${what} (it spilled the kept sort)`);
      else if (h instanceof Spillable && h.spilledNow > 0) s = yield* this.mapSpill(task, h);
      if (s > 0) yield s / this.tp.diskBytesPerMs;
    }
  }

  /** A kept aggregation map's forced spill: counted, released, shown; returns the bytes. */
  private *mapSpill(task: Task, map: Spillable): TaskSteps<number> {
    const s = map.spilledNow;
    map.spilledNow = 0;
    this.run.counters.spillCount++;
    this.run.counters.spilledBytes += s;
    this.run.released(task, s, 'ON_HEAP', 'spill frees the kept aggregation map');
    this.run.emit('spill', () => `task ${task.id} spilled ${formatBytes(s)} of its kept aggregation map`, {
      task: task.id,
      bytes: s,
      mode: 'ON_HEAP',
    });
    yield s / this.tp.spillBytesPerMs;
    return s;
  }

  /** ExternalAppendOnlyMap: Spillable.maybeSpill every 32 records as the map grows (on heap). */
  *aggregate(task: Task, bytes: number, recordBytes: number, keep = false): TaskSteps {
    const sp = new Spillable(task.tmm, 'ExternalAppendOnlyMap');
    const chunk = Math.max(32 * recordBytes, Math.ceil(bytes / AGGREGATE_STEPS));
    let remaining = bytes;
    let current = 0;
    let spilled = 0;
    try {
      while (remaining > 0) {
        const c = Math.min(chunk, remaining);
        remaining -= c;
        current += c;
        // Records read since the last spill; maybeSpill looks at memory only on multiples of 32.
        const records = Math.ceil(c / recordBytes);
        sp.elementsRead += Math.ceil(records / 32) * 32;
        const before = sp.myMemoryThreshold;
        const r = yield* this.await(sp.maybeSpill(current));
        if (r.granted > 0) this.run.acquired(task, r.granted, 'ON_HEAP', 'aggregation map grows');
        yield* this.keptSpills(task, sp, 'aggregation map');
        if (r.spilled) {
          this.run.counters.spillCount++;
          this.run.counters.spilledBytes += current;
          spilled += current;
          const freed = Math.max(before + r.granted - sp.initialMemoryThreshold, 0);
          if (freed > 0) this.run.released(task, freed, 'ON_HEAP', 'spill frees the aggregation map');
          const s = current;
          // What the map held when it spilled (before the spill released it).
          const cause = shareCause(this.run.executor.mm, task, 'ON_HEAP', 'aggregation map', false, before + r.granted);
          this.run.emit('spill', () => `task ${task.id} spilled ${formatBytes(s)} of its aggregation map`, {
            task: task.id,
            bytes: s,
            mode: 'ON_HEAP',
            ...(cause !== undefined ? { cause } : {}),
          });
          yield current / this.tp.spillBytesPerMs;
          current = 0;
        }
        yield c / this.tp.memoryBytesPerMs;
      }
      if (spilled > 0) yield spilled / this.tp.diskBytesPerMs;
    } finally {
      const held = sp.myMemoryThreshold - sp.initialMemoryThreshold;
      // Kept: the later ops read the map (its SpillableIterator), so it lives until the task ends.
      if (keep) task.held.push(sp);
      else if (held > 0) {
        sp.releaseMemory();
        this.run.released(task, held, 'ON_HEAP', 'aggregation map freed');
      }
    }
  }

  /**
   * TorrentBroadcast.readBroadcastBlock: fetch once per executor. readBlocks stores each fetched
   * piece (spark.broadcast.blockSize of the serialized value) with putBytes(MEMORY_AND_DISK_SER),
   * where other executors can fetch it; the value is then stored with putSingle(MEMORY_AND_DISK).
   */
  *broadcast(task: Task, id: number, bytes: number): TaskSteps {
    const store = this.run.store;
    const blockId = `broadcast_${id}`;
    const fetchMs = bytes / this.tp.memoryBytesPerMs;
    for (;;) {
      if (store.access(blockId) !== undefined) return;
      if (store.isOnDisk(blockId)) {
        yield bytes / this.tp.diskBytesPerMs;
        return;
      }
      if (!this.broadcastFetching.has(id)) break;
      // Another task of this executor is fetching it: TorrentBroadcast's lock makes this one wait.
      yield Math.max(1, fetchMs / 8);
    }
    this.broadcastFetching.add(id);
    try {
      yield fetchMs;
      yield* this.putBroadcastPieces(task, id, this.serialized(bytes));
      yield* this.putPartition(task, blockId, bytes, bytes, StorageLevels.MEMORY_AND_DISK);
    } finally {
      this.broadcastFetching.delete(id);
    }
  }

  /** The pieces of a broadcast's serialized value, each a MEMORY_AND_DISK_SER block (BlockManager.doPutBytes). */
  private *putBroadcastPieces(task: Task, id: number, serializedBytes: number): TaskSteps {
    const store = this.run.store;
    const level = StorageLevels.MEMORY_AND_DISK_SER;
    const pieceSize = this.broadcastBlockSize();
    for (let i = 0, left = serializedBytes; left > 0; i++, left -= pieceSize) {
      const pieceId = `broadcast_${id}_piece${i}`;
      const size = Math.min(pieceSize, left);
      if (store.contains(pieceId) || store.isOnDisk(pieceId)) continue;
      if (store.trackedBlocks >= this.run.maxTrackedBlocks)
        throw new WorkLimitReached(blocksMessage(this.run.maxTrackedBlocks));
      if (store.putBlock(pieceId, size, level) === 'memory') {
        this.memSize.set(pieceId, size);
        this.diskSize.set(pieceId, size);
        this.run.acquired(task, size, 'ON_HEAP', `stored ${pieceId} (${level.name})`);
      } else {
        this.run.counters.diskPuts++;
        yield size / this.tp.diskBytesPerMs;
      }
    }
  }

  /**
   * TorrentBroadcast.setConf: blockSize = spark.broadcast.blockSize (config BROADCAST_BLOCKSIZE,
   * a KiB size, default "4m" in 2.4-4.1) × 1024. A value Spark cannot read fails the task as
   * ConfigEntry's conversion does.
   */
  private broadcastBlockSize(): number {
    const text =
      this.run.scenario.conf?.['spark.broadcast.blockSize'] ?? this.run.source.conf['spark.broadcast.blockSize'];
    if (text === undefined) return 4 * 1024 * 1024;
    const r = byteStringAs(text, 'KiB');
    if (!r.ok) throw new SparkError('NumberFormatException', r.error);
    return Math.max(1, r.value * 1024);
  }

  private setUntracked(v: number): void {
    this.run.counters.untracked = v;
    if (this.run.executor.snappy !== undefined) this.run.executor.snappy.untrackedHeapBytes = v;
    if (v > this.run.counters.peakUntracked) this.run.counters.peakUntracked = v;
    const user = this.run.executor.info.userMemory;
    if (v > user && !this.overUserRegion) {
      this.overUserRegion = true;
      this.run.counters.oomRisks++;
      const task = this.run.currentTask?.id;
      this.run.emit(
        'oomRisk',
        `untracked objects (${formatBytes(v)}) outgrow the user region (${formatBytes(user)}): the heap may run out (OutOfMemoryError)`,
        { bytes: v, ...(task !== undefined ? { task } : {}) },
      );
    } else if (v <= user) this.overUserRegion = false;
  }

  *userObjects(task: Task, bytes: number, holdMs: number): TaskSteps {
    // The heap itself is the hard limit: objects that do not fit beside what the pools hold on
    // heap are the JVM's OutOfMemoryError, which fails the task (and, in Spark, often the executor).
    const mm = this.run.executor.mm;
    const heap = this.run.executor.info.systemMemory;
    const inUse = this.run.counters.untracked + mm.onHeapStorageMemoryUsed + mm.onHeapExecutionMemoryUsed;
    if (inUse + bytes > heap) {
      throw new SparkError(
        'OutOfMemoryError',
        `Java heap space (${formatBytes(bytes)} of objects beside ${formatBytes(inUse)} in use on a ${formatBytes(heap)} heap)`,
      );
    }
    this.setUntracked(this.run.counters.untracked + bytes);
    // The objects live for holdMs whatever the task does next (e.g. a per-executor cache or a big
    // collect), unless the attempt fails first (releaseObjectsOf).
    const objects: UntrackedObjects = { bytes, alive: true };
    task.objects.push(objects);
    this.run.schedule(this.run.now + holdMs, undefined, () => this.free(objects));
    yield bytes / this.tp.memoryBytesPerMs;
  }

  private free(objects: UntrackedObjects): void {
    if (!objects.alive) return;
    objects.alive = false;
    this.setUntracked(this.run.counters.untracked - objects.bytes);
  }

  /** A failed attempt's objects are garbage at once: its retry starts without them on the heap. */
  releaseObjectsOf(task: Task): number {
    let freed = 0;
    for (const o of task.objects) {
      if (o.alive) freed += o.bytes;
      this.free(o);
    }
    task.objects.length = 0;
    return freed;
  }
}
