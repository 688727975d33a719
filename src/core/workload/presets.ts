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
    title: 'SnappyData table load (eviction → LowMemoryException)',
    description:
      'Loads row-table data on the heap past the eviction threshold (table data overflows to disk) while query objects push the heap past critical-heap-percentage: SnappyData refuses memory with LowMemoryException.',
    yaml: `name: snappy-column-load
description: >-
  Load table data into a SnappyData server: row-table batches live on the heap, so they reach
  the eviction threshold (older batches overflow to disk); meanwhile query objects SnappyData
  does not track fill the heap past critical-heap-percentage and the next batch fails with
  LowMemoryException; the retries fail too, and the job is aborted. Column data goes off heap
  when the member has a memory-size.
throughput:
  memoryMBps: 2000
  diskMBps: 200
  spillMBps: 150
maxEvents: 200000
stages:
  - name: load row table
    tasks: 4
    ops:
      - tableLoad: { table: ORDERS, size: 2g, store: row }
  - name: load while querying
    tasks: 4
    ops:
      - userObjects: { size: 550m, holdMs: 60000 }
      - tableLoad: { table: ORDERS, size: 1g, store: row }
      - tableLoad: { table: LINEITEM, size: 1g, store: column }
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
