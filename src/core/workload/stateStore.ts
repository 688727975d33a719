// RocksDB state stores (the stateStore operation): native memory outside the heap and Spark's
// pools, which Spark 4.1's UnifiedMemoryManager polls as unmanaged OFF_HEAP memory
// (RocksDBMemoryManager) when spark.memory.unmanagedMemoryPollingInterval is set.
import { UnifiedMemoryManager } from '../sim/unifiedMemoryManager';
import { formatBytes } from '../size';
import { atLeast } from '../version';
import type { RunContext } from './runContext';
import type { Task, TaskSteps } from './task';
import type { Scenario } from './types';

export class StateStores {
  /** Open RocksDB state stores by partition (RocksDBMemoryManager's instance map), and their sum. */
  private readonly stateStores = new Map<number, { readonly bytes: number; readonly gen: number }>();
  private stateStoreGen = 0;
  private stateStoreBytes = 0;
  /** When the next unmanaged-memory poll is scheduled, or -1. */
  private pollAt = -1;
  private unmanagedUncountedSaid = false;

  constructor(private readonly run: RunContext) {}

  private get tp(): Scenario['throughput'] {
    return this.run.scenario.throughput;
  }

  /**
   * The task's partition's RocksDB state store, open for holdMs. Its memory is native, outside
   * the heap and Spark's pools. Spark 4.1 reports it through RocksDBMemoryManager, an
   * UnmanagedMemoryConsumer whose memoryMode is OFF_HEAP: instances are keyed by their id (here
   * the partition, so a later batch's store replaces the figure) and summed (bounded memory usage,
   * which shares one cache, is not modelled). UnifiedMemoryManager polls it every
   * spark.memory.unmanagedMemoryPollingInterval (default 0: never) and takes the last poll off
   * what off-heap storage and execution may reach.
   */
  *open(task: Task, bytes: number, holdMs: number): TaskSteps {
    const partition = task.partition;
    const gen = ++this.stateStoreGen;
    // The sum follows each change (never a walk over every open store).
    this.stateStoreBytes += bytes - (this.stateStores.get(partition)?.bytes ?? 0);
    this.stateStores.set(partition, { bytes, gen });
    this.setStateStore();
    // Closed after holdMs unless a later op of the partition reopened it.
    this.run.schedule(this.run.now + holdMs, undefined, () => {
      const open = this.stateStores.get(partition);
      if (open?.gen !== gen) return;
      this.stateStores.delete(partition);
      this.stateStoreBytes -= open.bytes;
      this.setStateStore();
    });
    yield bytes / this.tp.memoryBytesPerMs;
  }

  private setStateStore(): void {
    const v = this.stateStoreBytes;
    if (v > this.run.counters.peakStateStore) this.run.counters.peakStateStore = v;
    const mm = this.run.executor.mm;
    const interval = mm instanceof UnifiedMemoryManager ? mm.unmanagedMemoryPollingIntervalMs : 0;
    if (!(mm instanceof UnifiedMemoryManager) || !(interval > 0)) {
      if (!this.unmanagedUncountedSaid && v > 0) {
        this.unmanagedUncountedSaid = true;
        const why = !(mm instanceof UnifiedMemoryManager)
          ? `${this.run.executor.managerName} does not poll unmanaged memory`
          : !atLeast(this.run.source.version, 4, 1)
            ? 'unmanaged memory is polled from Spark 4.1'
            : 'spark.memory.unmanagedMemoryPollingInterval is 0 (the default), so it is never polled';
        this.run.emit(
          'unmanaged',
          `RocksDB state stores hold ${formatBytes(v)} of native memory that Spark's pools do not see: ${why}. It still counts against the container (memoryOverhead).`,
          { bytes: v, mode: 'OFF_HEAP' },
        );
      }
      return;
    }
    // The poller runs every interval, so the pools see a change at the next poll, not at once.
    const next = (Math.floor(this.run.now / interval) + 1) * interval;
    if (this.pollAt >= this.run.now && this.pollAt <= next) return;
    this.pollAt = next;
    this.run.schedule(next, undefined, () => this.pollUnmanaged(mm));
  }

  /**
   * MemoryStore asserts that a fully unrolled block moves to storage memory. With polled unmanaged
   * memory (4.1) that can fail: each unroll step fits under the storage limit minus unmanaged, but
   * the whole block, asked for at once, does not.
   */
  whyTransferFailed(msg: string): string {
    const mm = this.run.executor.mm;
    if (!msg.includes('transferring unroll memory to storage memory failed') || !(mm instanceof UnifiedMemoryManager))
      return '';
    const unmanaged = mm.getUnmanagedMemoryUsed('OFF_HEAP') + mm.getUnmanagedMemoryUsed('ON_HEAP');
    return unmanaged > 0
      ? ` (the block unrolled in steps that each fitted, but as one request it exceeds what storage may reach once the ${formatBytes(unmanaged)} of polled unmanaged memory is taken off)`
      : '';
  }

  private pollUnmanaged(mm: UnifiedMemoryManager): void {
    this.pollAt = -1;
    const before = mm.getUnmanagedMemoryUsed('OFF_HEAP');
    mm.setUnmanagedMemory('OFF_HEAP', this.stateStoreBytes);
    if (this.stateStoreBytes > this.run.counters.peakPolledUnmanaged)
      this.run.counters.peakPolledUnmanaged = this.stateStoreBytes;
    if (before === this.stateStoreBytes) return;
    const maxOff = mm.maxOffHeapMemory;
    this.run.emit(
      'unmanaged',
      () =>
        maxOff > 0
          ? `poll: RocksDB holds ${formatBytes(this.stateStoreBytes)} off heap; off-heap storage and execution together may now reach ` +
            `${formatBytes(Math.max(0, maxOff - this.stateStoreBytes))} of ${formatBytes(maxOff)}`
          : `poll: RocksDB holds ${formatBytes(this.stateStoreBytes)} off heap, but the off-heap pools are empty (spark.memory.offHeap.enabled is off), ` +
            'so no pool shrinks; the memory still counts against the container (memoryOverhead)',
      { bytes: this.stateStoreBytes, mode: 'OFF_HEAP' },
    );
  }
}
