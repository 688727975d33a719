// A human summary of a run (the CLI's text output).
import { formatBytes } from '../size';
import type { SimEvent, SimResult } from './types';

function ms(t: number): string {
  if (t >= 10_000) return `${(t / 1000).toFixed(1)} s`;
  return `${Math.round(t * 10) / 10} ms`;
}

function pct(x: number | undefined): string {
  return x === undefined ? 'n/a (nothing read)' : `${(x * 100).toFixed(1)}%`;
}

/** The summary, then the notable events (at most `maxEvents` lines). */
export function resultText(result: SimResult, maxEvents = 40): string {
  const s = result.summary;
  const x = result.executor;
  const where =
    result.memoryManager === 'SnappyUnifiedMemoryManager'
      ? `SnappyData 1.3.1, Spark ${result.sparkVersion} line`
      : `Spark ${result.sparkVersion}`;
  let out = `Scenario ${result.scenario} on ${result.memoryManager} (${where})\n`;
  if (x !== undefined) {
    const legacy = result.memoryManager === 'StaticMemoryManager';
    out +=
      `  executor: ${formatBytes(x.systemMemory)} heap, ${legacy ? 'storage + execution regions' : 'unified region'} ${formatBytes(x.maxHeapMemory)} ` +
      `(storage ${legacy ? '' : 'region '}${formatBytes(x.onHeapStorageRegionSize)}), ${legacy ? 'rest of the heap' : 'user memory'} ${formatBytes(x.userMemory)}` +
      `${x.maxOffHeapMemory > 0 ? `, off-heap ${formatBytes(x.maxOffHeapMemory)}` : ''}; ${x.slots} task slot(s), ` +
      `Tungsten ${x.tungstenMemoryMode === 'OFF_HEAP' ? 'off heap' : 'on heap'}, page ${formatBytes(x.pageSizeBytes)}\n`;
  }
  if (s.stoppedAt !== undefined) out += `  STOPPED: ${s.stoppedAt.replace(/^stopped: /, '')}\n`;
  out += `  simulated time ${ms(s.durationMs)}, ${s.tasks ?? 0} task(s), ${s.failedTasks} failed${(s.retriedTasks ?? 0) > 0 ? ` (${s.retriedTasks} retried)` : ''}, ${s.events} event(s)\n`;
  out += `  cache: ${s.cacheHits} memory hit(s), ${s.diskHits ?? 0} disk read(s), ${s.cacheMisses} recompute(s); hit ratio ${pct(s.hitRatio)}\n`;
  out +=
    `  storage: peak ${formatBytes(s.peakStorageUsed)} (on + off heap), ${s.evictedBlocks} block(s) evicted, ${s.droppedToDiskBlocks} dropped to disk, ` +
    `${s.diskPuts ?? 0} put straight to disk, ${s.unrollFailures ?? 0} unroll failure(s)\n`;
  out +=
    `  execution: peak ${formatBytes(s.peakExecutionUsed)}, ${s.spillCount} spill(s) of ${formatBytes(s.spilledBytes)}, ` +
    `${s.waits} wait(s) for ${ms(s.waitMs)}\n`;
  if (s.peakOffHeapUsed > 0) out += `  off-heap: peak ${formatBytes(s.peakOffHeapUsed)}\n`;
  if ((s.peakUntracked ?? 0) > 0)
    out += `  untracked (user objects): peak ${formatBytes(s.peakUntracked ?? 0)}, ${s.oomRisks ?? 0} OOM risk(s)\n`;
  if (s.peakStateStore !== undefined) {
    out +=
      `  RocksDB state stores: peak ${formatBytes(s.peakStateStore)} native, ` +
      `${(s.peakPolledUnmanaged ?? 0) > 0 ? `peak ${formatBytes(s.peakPolledUnmanaged ?? 0)} polled as unmanaged off-heap memory` : 'not seen by the memory manager'}\n`;
  }
  if (s.tableBytesEvicted !== undefined) {
    out += `  SnappyData: ${formatBytes(s.tableBytesEvicted)} of table data overflowed to disk, ${s.lowMemoryExceptions} LowMemoryException(s)\n`;
  } else if (s.lowMemoryExceptions > 0) out += `  SnappyData: ${s.lowMemoryExceptions} LowMemoryException(s)\n`;
  out += `  manager calls: ${s.acquires ?? 0} acquire(s), ${s.releases ?? 0} release(s)\n`;
  const notable = result.events.filter(
    (e) => e.kind !== 'acquire' && e.kind !== 'release' && e.kind !== 'taskStart' && e.kind !== 'taskEnd',
  );
  if (notable.length > 0) {
    out += `\nEvents (${Math.min(maxEvents, notable.length)} of ${notable.length} kept):\n`;
    for (const e of notable.slice(0, maxEvents)) out += `  ${eventLine(e)}\n`;
  }
  return out;
}

export function eventLine(e: SimEvent): string {
  return `${ms(e.t).padStart(10)}  ${e.kind.padEnd(13)} ${e.message}`;
}
