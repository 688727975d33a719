// SnappyData's side of a run: table data loaded batch by batch into SnappyUnifiedMemoryManager
// (untracked heap, table data, LowMemoryException), and the manager's events turned into the
// run's events.
import { SparkError } from '../sim/errors';
import type { MemoryMode } from '../sim/memoryMode';
import type { SnappyEvent } from '../sim/snappyUnifiedMemoryManager';
import { StorageLevels } from '../sim/store/storageLevel';
import { formatBytes } from '../size';
import type { TaskOperations } from './operations';
import type { RunContext } from './runContext';
import type { Task, TaskSteps } from './task';
import type { Scenario } from './types';

const MiB = 1024 * 1024;
/** snappydata.column.batchSize default "24m" (SnappyData 1.3 io.snappydata.Property.ColumnBatchSize): table data is put batch by batch. */
const TABLE_BATCH_BYTES = 24 * MiB;
/** Row size the model assumes for a table cached as a DataFrame on plain Spark (a modelling choice, not a Spark default). */
const TABLE_ROW_BYTES = 100;

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
      else if (e.kind === 'LowMemoryException') {
        this.run.counters.lowMemoryExceptions++;
        this.run.emit('lowMemory', `LowMemoryException: ${e.message}`, extra);
      } else this.run.emit('lowMemory', e.message, extra);
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
    const mode: MemoryMode = kind === 'column' && s.maxOffHeapMemory > 0 ? 'OFF_HEAP' : 'ON_HEAP';
    let remaining = bytes;
    while (remaining > 0) {
      const b = Math.min(TABLE_BATCH_BYTES, remaining);
      const ev = s.putTableData(table, b, mode);
      this.drainEvents(task);
      if (ev !== undefined) throw new SparkError('LowMemoryException', ev.message);
      this.run.acquired(task, b, mode, `table ${table} batch`);
      remaining -= b;
      yield b / this.tp.memoryBytesPerMs;
    }
  }
}
