// What a run counts as it goes (the summary is made from these), shared by the run and its
// operations.
export class RunCounters {
  spilledBytes = 0;
  spillCount = 0;
  evictedBlocks = 0;
  droppedToDisk = 0;
  cacheHits = 0;
  cacheMisses = 0;
  diskHits = 0;
  diskPuts = 0;
  unrollFailures = 0;
  waitMs = 0;
  waits = 0;
  failedTasks = 0;
  retriedTasks = 0;
  lowMemoryExceptions = 0;
  tableBytesEvicted = 0;
  peakStorage = 0;
  peakExecution = 0;
  peakOffHeap = 0;
  peakUntracked = 0;
  oomRisks = 0;
  tasksRun = 0;
  acquires = 0;
  releases = 0;
  /** Heap held by objects Spark does not track (userObjects), now. */
  untracked = 0;
  peakStateStore = 0;
  peakPolledUnmanaged = 0;
}
