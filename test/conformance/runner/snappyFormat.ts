// The names the SnappyData part of the conformance format adds (docs/conformance-snappydata.md);
// kept apart from the runner so the schema can list them without an import cycle.

/** Ops only a `snappydata` manager runs, with the args they require. */
export const SNAPPY_OPS: Readonly<Record<string, readonly string[]>> = {
  createTable: ['table', 'kind'],
  insert: ['table', 'bytes'],
  dropTable: ['table'],
  truncateTable: ['table'],
  setUntracked: ['bytes'],
  acquireStorageForObject: ['owner', 'bytes', 'mode'],
  releaseStorageForObject: ['owner', 'bytes', 'mode'],
  dropAllObjects: ['mode'],
  allocateBuffer: ['owner', 'bytes'],
};

/** Expectation keys a `snappydata` manager answers (state after the step, or the step's result). */
export const SNAPPY_EXPECT_KEYS: readonly string[] = [
  'lowMemory',
  'criticalUp',
  'memoryState',
  'heapUsed',
  'reservedMemory',
  'maxStorageSize',
  'criticalThresholdBytes',
  'tableInMemory',
  'tableOnDisk',
  'memoryForObject',
  'failedStorageRequests',
  'failedEvictionRequests',
  'evictedByStorageRequests',
  'memoryIncreaseDueToEviction',
  'events',
];

/** State keys answered as `{name: number}` maps, compared on the names the case gives. */
export const SNAPPY_MAP_KEYS: ReadonlySet<string> = new Set([
  'maxStorageSize',
  'tableInMemory',
  'tableOnDisk',
  'memoryForObject',
  'failedStorageRequests',
  'failedEvictionRequests',
]);

/** config keys of a `snappydata` manager that are numbers. */
export const SNAPPY_NUMBER_CONFIG = ['criticalHeapPercentage', 'evictionHeapPercentage', 'memorySize'];
