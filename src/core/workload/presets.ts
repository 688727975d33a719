// Ready-made scenarios, written as scenario YAML (so they go through the same parser as a user's
// file). Sizes are fixed, per task, and chosen for a typical executor of 4g-8g heap and 4-5 cores:
// unified region ≈ 2.2 GiB (4g) to 4.6 GiB (8g), storage region half of that.
import { parseScenario } from './scenario';
import type { Scenario } from './types';

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly yaml: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'iterative-ml',
    title: 'Iterative ML (MEMORY_ONLY cache re-read)',
    description:
      'A training set cached MEMORY_ONLY (16 × 40m ≈ 640m), then read back by five iterations that each aggregate a little. With enough storage every read is a memory hit.',
    yaml: `name: iterative-ml
description: >-
  Cache a 640m training set MEMORY_ONLY, then run five iterations that re-read it and
  aggregate gradients. Enough storage memory gives a hit ratio near 1.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
  recomputeMBps: 100
maxEvents: 200000
stages:
  - name: load training set
    tasks: 16
    ops:
      - cache: { rdd: 1, size: 40m, level: MEMORY_ONLY, elementSize: 400b }
  - name: iteration 1
    tasks: 16
    ops: &iteration
      - read: { rdd: 1 }
      - aggregate: { size: 8m, recordSize: 64b }
      - compute: { ms: 20 }
  - name: iteration 2
    tasks: 16
    ops: *iteration
  - name: iteration 3
    tasks: 16
    ops: *iteration
  - name: iteration 4
    tasks: 16
    ops: *iteration
  - name: iteration 5
    tasks: 16
    ops: *iteration
`,
  },
  {
    id: 'wide-aggregation',
    title: 'Wide aggregation (spills)',
    description:
      "A groupBy over 1.5g per task: each task's ExternalAppendOnlyMap outgrows its 1/N share of execution memory and spills.",
    yaml: `name: wide-aggregation
description: >-
  A wide groupByKey: every task aggregates 1.5g of records in an ExternalAppendOnlyMap,
  more than its share of execution memory, so it spills (and sorts a shuffle output).
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: map side
    tasks: 8
    ops:
      - shuffleSort: { size: 512m, recordSize: 100b }
  - name: reduce side
    tasks: 8
    ops:
      - aggregate: { size: 1536m, recordSize: 100b }
      - compute: { ms: 50 }
`,
  },
  {
    id: 'broadcast-join',
    title: 'Broadcast join (broadcast + hash join build)',
    description:
      'A 200m broadcast table stored once per executor (MEMORY_AND_DISK), a shuffled hash join building a 128m relation per task, and a probe.',
    yaml: `name: broadcast-join
description: >-
  Join a fact table against a 200m broadcast dimension table (stored once per executor,
  MEMORY_AND_DISK), then a shuffled hash join that builds a 128m hash relation per task.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: broadcast hash join
    tasks: 16
    ops:
      - broadcast: { id: 0, size: 200m }
      - compute: { ms: 40 }
  - name: shuffled hash join
    tasks: 16
    ops:
      - broadcast: { id: 0, size: 200m }
      - hashJoinBuild: { size: 128m, recordSize: 120b }
      - compute: { ms: 30 }
`,
  },
  {
    id: 'cache-thrash',
    title: 'Cache thrash (MEMORY_AND_DISK, working set > storage)',
    description:
      'Two datasets of 24 × 128m = 3g each cached MEMORY_AND_DISK — together more than a 4g-8g executor can store — then both re-read: caching the second evicts the first (dropped to disk), and re-reads go to disk.',
    yaml: `name: cache-thrash
description: >-
  Two 3g datasets cached MEMORY_AND_DISK on an executor whose storage holds less than both:
  caching the second one evicts the first one's blocks in LRU order (a block is never evicted
  for another block of its own RDD) and drops them to disk; the re-reads are served from disk.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: cache customers
    tasks: 24
    ops:
      - cache: { rdd: 7, size: 128m, level: MEMORY_AND_DISK, elementSize: 1k }
  - name: cache orders
    tasks: 24
    ops:
      - cache: { rdd: 8, size: 128m, level: MEMORY_AND_DISK, elementSize: 1k }
  - name: join both
    tasks: 24
    ops:
      - read: { rdd: 7 }
      - read: { rdd: 8 }
      - compute: { ms: 10 }
`,
  },
  {
    id: 'offheap-shuffle',
    title: 'Off-heap shuffle (Tungsten pages off heap)',
    description:
      'Turns off-heap on (2g) for the run: Tungsten sort pages come from the off-heap execution pool, leaving the heap to storage.',
    yaml: `name: offheap-shuffle
description: >-
  spark.memory.offHeap.enabled=true with a 2g off-heap size: UnsafeExternalSorter's pages
  come from the off-heap execution pool; a 768m sort per task spills when the pool is shared.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
conf:
  spark.memory.offHeap.enabled: "true"
  spark.memory.offHeap.size: 2g
stages:
  - name: sort-based shuffle
    tasks: 8
    ops:
      - shuffleSort: { size: 768m, recordSize: 100b }
      - compute: { ms: 20 }
`,
  },
  {
    id: 'stateful-streaming',
    title: 'Stateful streaming (RocksDB state, Spark 4.1 unmanaged memory)',
    description:
      'Micro-batches whose tasks keep RocksDB state stores (native memory) open while they sort off heap. Spark 4.1 with spark.memory.unmanagedMemoryPollingInterval set takes the polled stores off the off-heap pools, so the sorts spill; before 4.1, or with polling off, Spark does not see the stores.',
    yaml: `name: stateful-streaming
description: >-
  Three micro-batches of a stateful query: each task opens a 384m RocksDB state store (native
  memory, reported to Spark 4.1 as unmanaged OFF_HEAP memory), lets the poller see it, then sorts
  512m in off-heap Tungsten pages. With the stores polled, off-heap execution may reach only what
  the 2g pools leave after them, so the sorts spill. Run it as Spark 4.1 to see the polling.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
conf:
  spark.memory.offHeap.enabled: "true"
  spark.memory.offHeap.size: 2g
  spark.memory.unmanagedMemoryPollingInterval: 1s
stages:
  - name: micro-batch 1
    tasks: 4
    ops: &batch
      - stateStore: { size: 384m, holdMs: 30000 }   # stays loaded between batches
      - compute: { ms: 1000 }
      - shuffleSort: { size: 512m, recordSize: 100b }
  - name: micro-batch 2
    tasks: 4
    ops: *batch
  - name: micro-batch 3
    tasks: 4
    ops: *batch
`,
  },
  {
    id: 'snappy-column-load',
    title: 'SnappyData table load (overflow, critical heap → LowMemoryException)',
    description:
      "Loads a column table and a row table, both with SnappyData 1.3.1's default eviction (heap LRU, overflow to disk), then scans the column table and loads more rows while query objects SnappyData does not track push the heap past critical-heap-percentage: the row inserts fail with LowMemoryException, every retry too, and the job is aborted.",
    yaml: `name: snappy-column-load
description: >-
  Two tables created without EVICTION_BY, so both get SnappyData 1.3.1's default, heap-LRU
  eviction with overflow to disk (StoreUtils.ddlExtensionString, row tables included since
  SNAP-1501). LINEITEM is a column table: off heap when the member has a memory-size, else on
  the heap, where past the storage cap (eviction-heap-percentage of the unified region) its oldest
  batches overflow to disk. ORDERS is a row table, always on the heap. Then each task makes 550m
  of query objects SnappyData does not track, scans LINEITEM (each column batch decompressed into a
  buffer taken all or nothing) and loads more ORDERS rows: the heap in use crosses
  critical-heap-percentage (CRITICAL_UP), the manager overflows a little table data and still
  refuses the row batch: LowMemoryException "Could not obtain memory of size <n>". A failed
  attempt's objects are garbage, but the retry makes its own and fails the same way: after
  spark.task.maxFailures attempts the job is aborted.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: load tables
    tasks: 4
    ops:
      - createTable: { table: LINEITEM, store: column }
      - createTable: { table: ORDERS, store: row, partitionBy: O_ORDERKEY }
      - tableLoad: { table: LINEITEM, size: 2g }
      - tableLoad: { table: ORDERS, size: 1536m }
  - name: scan and load while querying
    tasks: 4
    ops:
      - userObjects: { size: 550m, holdMs: 60000 }
      - tableScan: { table: LINEITEM, size: 512m }
      - tableLoad: { table: ORDERS, size: 1g }
`,
  },
  {
    id: 'snappy-row-no-eviction',
    title: 'SnappyData row table without eviction (queries → LowMemoryException)',
    description:
      'A row table created with EVICTION_BY \'NONE\' fills the heap up to the storage cap and never overflows; queries then need heap for their objects and results, the heap crosses critical-heap-percentage, and SnappyData refuses the results: LowMemoryException "Could not obtain ON_HEAP memory of size <n> ". The failed queries are retried once others finish.',
    yaml: `name: snappy-row-no-eviction
description: >-
  TRADES is a partitioned row table created with EVICTION_BY 'NONE': its rows stay on the heap
  (5.3g here, just under the storage cap of an 8g server with eviction-heap-percentage 85.5) and
  nothing can overflow them. Sixteen queries then run, eight at a time: each holds 150m of objects
  SnappyData does not track while CachedDataFrame keeps its 192m result in execution memory. Once
  the heap in use crosses critical-heap-percentage, SnappyData grants no more heap execution
  memory and the next results fail: LowMemoryException "Could not obtain ON_HEAP memory of size
  <n> ". The failed attempts are retried when earlier queries have finished and their memory is
  back.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: load TRADES
    tasks: 8
    ops:
      - createTable: { table: TRADES, store: row, evictionBy: NONE, partitionBy: TRADE_ID }
      - tableLoad: { table: TRADES, size: 680m }
  - name: queries
    tasks: 16
    ops:
      - userObjects: { size: 150m, holdMs: 200 }
      - query: { resultSize: 192m }
      - compute: { ms: 50 }
`,
  },
];

/** The preset's scenario (parsed from its YAML), or undefined for an unknown id. */
export function presetScenario(id: string): Scenario | undefined {
  const p = PRESETS.find((x) => x.id === id);
  if (p === undefined) return undefined;
  const r = parseScenario(p.yaml, `preset ${p.id}`);
  if (!r.ok) throw new Error(`preset ${id} does not parse: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.scenario;
}
