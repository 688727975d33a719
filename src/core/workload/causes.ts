// Why an eviction, a spill or a wait happened, in the words of the request and the cap it ran
// against (EventCause): the run's story and the panel show these beside the event.
import type { MemoryManager } from '../sim/memoryManager';
import type { MemoryMode } from '../sim/memoryMode';
import { UnifiedMemoryManager } from '../sim/unifiedMemoryManager';
import { formatBytes } from '../size';
import type { BuiltExecutor } from './buildExecutor';
import type { Task } from './task';
import type { EventCause, TaskOp } from './types';

/** An op as the request it makes, for the cause of an eviction or a wait. */
export function opRequest(op: TaskOp, partition: number): string {
  switch (op.op) {
    case 'cache':
      return `caching rdd_${op.rdd}_${partition} (${formatBytes(op.bytes)}, ${op.level})`;
    case 'read':
      return `reading rdd_${op.rdd}_${partition}`;
    case 'shuffleSort':
      return 'sort pages (shuffle)';
    case 'hashJoinBuild':
      return 'hash join build pages';
    case 'aggregate':
      return 'aggregation map';
    case 'broadcast':
      return `fetching broadcast_${op.id}`;
    case 'userObjects':
      return 'user objects';
    case 'stateStore':
      return 'a RocksDB state store';
    case 'compute':
      return 'computing';
    case 'tableLoad':
      return `loading table ${op.table}`;
    case 'createTable':
      return `creating table ${op.table}`;
    case 'tableScan':
      return `scanning table ${op.table}`;
    case 'query':
      return 'query pages and result';
  }
}

/**
 * Who an eviction makes room for: a storage put may fill the whole unified region, while execution
 * takes back storage only above the storage region (UnifiedMemoryManager.acquireExecutionMemory).
 */
export function evictionCause(t: Task | undefined, b: BuiltExecutor | undefined): EventCause | undefined {
  if (t === undefined || b === undefined) return undefined;
  const storagePut = t.doing.startsWith('caching') || t.doing.startsWith('reading');
  const region = b.info.onHeapStorageRegionSize;
  return storagePut || !(b.mm instanceof UnifiedMemoryManager)
    ? {
        request: `task ${t.id} ${t.doing}`,
        task: t.id,
        cap: 'the unified region (spark.memory.fraction of the usable heap), shared with execution',
        capBytes: b.info.maxHeapMemory,
      }
    : {
        request: `task ${t.id} ${t.doing}`,
        task: t.id,
        cap: 'the storage region (spark.memory.storageFraction): execution evicts cached blocks above it',
        capBytes: region,
      };
}

/** A task's execution share when it spills or waits: at most 1/N of what execution can reach, at least 1/(2N) of the pool (ExecutionMemoryPool.acquireMemory). */
export function shareCause(
  mm: MemoryManager | undefined,
  task: Task,
  mode: MemoryMode,
  what: string,
  floor: boolean,
  held?: number,
): EventCause | undefined {
  if (mm === undefined) return undefined;
  const pool = mm.executionPool(mode);
  const n = Math.max(1, pool.numActiveTasks);
  const capBytes = floor ? Math.trunc(pool.poolSize / (2 * n)) : Math.trunc(mm.computeMaxExecutionPoolSize(mode) / n);
  return {
    request: `task ${task.id}'s ${what}`,
    task: task.id,
    cap: floor
      ? `1/(2×${n}) of the ${formatBytes(pool.poolSize)} execution pool (${n} active task${n === 1 ? '' : 's'}): the share a task waits for`
      : `1/${n} of the ${formatBytes(mm.computeMaxExecutionPoolSize(mode))} execution memory can reach (${n} active task${n === 1 ? '' : 's'})`,
    capBytes,
    heldBytes: held ?? pool.getMemoryUsageForTask(task.id),
  };
}
