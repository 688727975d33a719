// SnappyData's side of a run: tables created with their eviction settings, table data loaded
// batch by batch into SnappyUnifiedMemoryManager and scanned back (column batches decompressed
// through SnappyData's all-or-nothing allocation), queries that take execution memory and keep
// their result in it (CachedDataFrame), and the manager's events turned into the run's events.
// On a plain Spark executor a table is a cached MEMORY_AND_DISK_SER block.
import { SparkError } from '../sim/errors';
import type { SnappyEvent, SnappyUnifiedMemoryManager } from '../sim/snappyUnifiedMemoryManager';
import type { SnappyTable } from '../sim/snappy/tables';
import { StorageLevels } from '../sim/store/storageLevel';
import { PendingCall } from '../sim/tmm/pending';
import { formatBytes } from '../size';
import { DefaultMemoryConsumer } from './consumers';
import type { TaskOperations } from './operations';
import type { RunContext } from './runContext';
import type { Task, TaskSteps } from './task';
import type { Scenario, TaskOp } from './types';

const MiB = 1024 * 1024;
/** snappydata.column.batchSize default "24m" (SnappyData 1.3 io.snappydata.Property.ColumnBatchSize): table data is put batch by batch. */
const TABLE_BATCH_BYTES = 24 * MiB;
/** Row size the model assumes for a table cached as a DataFrame on plain Spark (a modelling choice, not a Spark default). */
const TABLE_ROW_BYTES = 100;
/** CompressionUtils.DECOMPRESSION_OWNER (SnappyData 1.3.1 encoders/.../store/CompressionUtils.scala l.46). */
const DECOMPRESSION_OWNER = 'DECOMPRESSOR';

export class SnappyOperations {
  private snappyEventsSeen = 0;

  constructor(
    private readonly run: RunContext,
    private readonly operations: TaskOperations,
  ) {}

  private get tp(): Scenario['throughput'] {
    return this.run.scenario.throughput;
  }

  /** Turns the manager's events since the last call into the run's events (charged to `task`). */
  drainEvents(task: Task | undefined): void {
    const s = this.run.executor.snappy;
    if (s === undefined || s.snappyEvents.length === this.snappyEventsSeen) return;
    for (let i = this.snappyEventsSeen; i < s.snappyEvents.length; i++) {
      const e = s.snappyEvents[i] as SnappyEvent;
      const extra = { bytes: e.bytes, mode: e.mode, ...(task !== undefined ? { task: task.id } : {}) };
      if (e.kind === 'TableDataEvicted') this.run.counters.tableBytesEvicted += e.bytes;
      if (e.kind === 'TableDataEvicted')
        this.run.emit('evict', () => `table data: ${formatBytes(e.bytes)} overflowed to disk`, extra);
      // The task's failure counts it (engine.ts endTask): the event only tells it.
      else if (e.kind === 'LowMemoryException') this.run.emit('lowMemory', `LowMemoryException: ${e.message}`, extra);
      else this.run.emit('lowMemory', e.message, extra);
    }
    this.snappyEventsSeen = s.snappyEvents.length;
  }

  /**
   * SnappyData table data, batch by batch (column-batch-size 24m): row tables live on the heap;
   * column tables off heap when the member has a memory-size. A refused batch is the
   * LowMemoryException that fails the task. On a plain Spark executor a table is a cached
   * MEMORY_AND_DISK_SER block (what a cached DataFrame of it would be).
   */
  *tableLoad(task: Task, table: string, bytes: number, kind: 'row' | 'column'): TaskSteps {
    const s = this.run.executor.snappy;
    if (s === undefined) {
      yield bytes / this.tp.memoryBytesPerMs;
      yield* this.operations.putPartition(
        task,
        `table_${table}_${task.partition}`,
        bytes,
        TABLE_ROW_BYTES,
        StorageLevels.MEMORY_AND_DISK_SER,
      );
      return;
    }
    const t = this.tableOf(s, table, kind);
    let remaining = bytes;
    while (remaining > 0) {
      const b = Math.min(TABLE_BATCH_BYTES, remaining);
      const ev = s.insert(t.name, b);
      this.drainEvents(task);
      if (ev !== undefined) throw new SparkError('LowMemoryException', ev.message);
      this.run.acquired(task, b, t.mode, `table ${t.name} batch`);
      remaining -= b;
      yield b / this.tp.memoryBytesPerMs;
    }
  }

  /** The table, created as SnappyData creates a table without options when no createTable op made it. */
  private tableOf(s: SnappyUnifiedMemoryManager, table: string, kind: 'row' | 'column'): SnappyTable {
    return s.table(table) ?? s.createTable(table, { kind, ...(kind === 'row' ? { replicated: true } : {}) });
  }

  /**
   * CREATE TABLE ... USING row|column OPTIONS (EVICTION_BY ..., OVERFLOW ..., PARTITION_BY ...):
   * the table's eviction attributes (StoreUtils.ddlExtensionString). Every task of the stage runs
   * the op; the first one creates the table and the others find it (IF NOT EXISTS). On plain
   * Spark there is nothing to create.
   */
  createTable(op: Extract<TaskOp, { op: 'createTable' }>): void {
    const s = this.run.executor.snappy;
    if (s === undefined || s.table(op.table) !== undefined) return;
    s.createTable(op.table, {
      kind: op.store,
      ...(op.evictionBy !== undefined ? { evictionBy: op.evictionBy } : {}),
      ...(op.overflow !== undefined ? { overflow: op.overflow } : {}),
      // A row table without PARTITION_BY is replicated (create-table.md).
      ...(op.store === 'row' && op.partitionBy === undefined ? { replicated: true } : {}),
    });
  }

  /**
   * A scan of `bytes` of the table, batch by batch (24m). Batches overflowed to disk are read from
   * disk without being faulted in (ColumnFormatIterator reads them with
   * getValueInVMOrDiskWithoutFaultIn); the share read from disk is the table's share on disk. A
   * column batch is decompressed into a buffer from MemoryManagerCallback.allocateExecutionMemory
   * (CompressionUtils.codecDecompressIfRequired, DECOMPRESSION_OWNER): storage memory, all or
   * nothing, else LowMemoryException; the buffer goes back when the batch has been read. Row
   * tables are read in place.
   */
  *tableScan(task: Task, table: string, bytes: number): TaskSteps {
    const s = this.run.executor.snappy;
    if (s === undefined) {
      // Plain Spark: the cached table block, from memory or disk.
      const store = this.run.store;
      const blockId = `table_${table}_${task.partition}`;
      if (store.access(blockId) !== undefined) this.run.counters.cacheHits++;
      else if (store.isOnDisk(blockId)) {
        this.run.counters.diskHits++;
        yield bytes / this.tp.diskBytesPerMs;
      }
      yield bytes / this.tp.memoryBytesPerMs;
      return;
    }
    const t = s.table(table);
    if (t === undefined) throw new SparkError('AnalysisException', `Table or view not found: ${table}`);
    const total = t.bytesInMemory + t.bytesOnDisk;
    const diskShare = total > 0 ? t.bytesOnDisk / total : 0;
    let remaining = bytes;
    while (remaining > 0) {
      const b = Math.min(TABLE_BATCH_BYTES, remaining);
      remaining -= b;
      const readMs = (b * diskShare) / this.tp.diskBytesPerMs + b / this.tp.memoryBytesPerMs;
      if (t.options.kind === 'row') {
        yield readMs;
        continue;
      }
      const ev = s.allocateExecutionMemory(DECOMPRESSION_OWNER, b, t.mode);
      this.drainEvents(task);
      if (ev !== undefined) throw new SparkError('LowMemoryException', ev.message);
      this.run.acquired(task, b, t.mode, `decompression buffer for a batch of ${t.name}`);
      try {
        yield readMs;
      } finally {
        s.releaseAllocatedExecutionMemory(DECOMPRESSION_OWNER, b, t.mode);
        this.run.released(task, b, t.mode, `decompression buffer for a batch of ${t.name}`);
      }
    }
  }

  /**
   * A query's partition on the server: its operators sort/aggregate `bytes` in Tungsten pages
   * (execution memory under the executor's Spark settings, which the lead sets; spills when a page
   * is refused), then CachedDataFrame keeps the partition's result in execution memory until the
   * task ends: DefaultMemoryConsumer.acquireMemory(size), and when less is granted, SnappyData's
   * LowMemoryException "Could not obtain ON_HEAP memory of size <n> " (core/.../sql/
   * CachedDataFrame.scala l.700-711, trailing space included).
   */
  *query(task: Task, bytes: number, recordBytes: number, resultBytes: number): TaskSteps {
    if (bytes > 0) yield* this.operations.pages(task, bytes, recordBytes, true);
    if (resultBytes <= 0) return;
    if (this.run.executor.snappy === undefined) {
      // Plain Spark sends the result to the driver; the executor keeps no memory for it.
      yield resultBytes / this.tp.memoryBytesPerMs;
      return;
    }
    const consumer = new DefaultMemoryConsumer(task.tmm);
    // The completion listener frees what was granted, whether or not the task then fails.
    task.held.push(consumer);
    const r = consumer.acquireMemory(resultBytes);
    let granted: number;
    if (r instanceof PendingCall) {
      if (!r.done) yield r as PendingCall<unknown>;
      if (r.error !== undefined) throw r.error;
      granted = r.value as number;
    } else granted = r;
    this.drainEvents(task);
    if (granted > 0) this.run.acquired(task, granted, consumer.mode, 'query result (CachedDataFrame)');
    if (granted < resultBytes) {
      throw new SparkError('LowMemoryException', `Could not obtain ${consumer.mode} memory of size ${resultBytes} `);
    }
    yield resultBytes / this.tp.memoryBytesPerMs;
  }
}
