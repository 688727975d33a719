// Simulator and workload benchmark:
//  - manager ops/s: a fixed mix of execution acquire/release and storage puts that evict, on the
//    simulator's UnifiedMemoryManager + MemoryStore, against a floor of the same number of bare
//    Map updates (what any per-task bookkeeping costs at least);
//  - every preset's run time (median of several runs after a warm-up);
//  - a scenario of about 1,000,000 events, run to the end.
import { parseDocument } from '../core/analyze';
import { SimConf } from '../core/sim/sparkConf';
import { UnifiedMemoryManager } from '../core/sim/unifiedMemoryManager';
import { MemoryStore } from '../core/sim/store/memoryStore';
import { StorageLevels } from '../core/sim/store/storageLevel';
import {
  ExecutorSource,
  PRESETS,
  executorSourceOfDocument,
  parseScenario,
  presetScenario,
  simulateWorkload,
} from '../core/workload';
import { SPARK_3_5 } from '../core/version';

export interface SimBenchFigures {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly floorOpsPerSecond: number;
  /** floor / manager: how many times slower than bare Map updates. */
  readonly floorRatio: number;
  readonly presetsMs: Record<string, number>;
  readonly bigScenarioMs: number;
  readonly bigScenarioEvents: number;
}

const MiB = 1024 * 1024;

/** The op mix: per round, 4 tasks acquire and release execution memory, and one block is put (evicting an old one) and later removed. */
function managerOps(n: number): number {
  const conf = new SimConf({}, SPARK_3_5);
  const mm = UnifiedMemoryManager.fromConf({ version: SPARK_3_5, conf, systemMemory: 4096 * MiB, numCores: 4 });
  const store = new MemoryStore(mm);
  mm.setMemoryStore(store);
  const blockSize = 64 * MiB;
  let ops = 0;
  let block = 0;
  let check = 0;
  while (ops < n) {
    for (let t = 0; t < 4; t++) {
      const g = mm.acquireExecutionMemory(8 * MiB, t, 'ON_HEAP');
      check += typeof g === 'number' ? g : 0;
      ops++;
    }
    // A put into a full storage region evicts the least recently used block of another RDD.
    store.putBytes(`rdd_${block & 1}_${block}`, blockSize, 'ON_HEAP', StorageLevels.MEMORY_ONLY_SER);
    ops++;
    if (block >= 40) {
      store.remove(`rdd_${(block - 40) & 1}_${block - 40}`);
      ops++;
    }
    block++;
    for (let t = 0; t < 4; t++) {
      mm.releaseExecutionMemory(8 * MiB, t, 'ON_HEAP');
      ops++;
    }
  }
  return check + ops;
}

/** The floor: the same number of updates of a Map keyed by task. */
function floorOps(n: number): number {
  const m = new Map<number, number>();
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 3;
    m.set(k, (m.get(k) ?? 0) + i);
    x += i;
  }
  return x + (m.get(0) ?? 0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function source(text: string, kind: 'spark' | 'snappy'): ExecutorSource {
  const doc = parseDocument(
    kind === 'spark' ? { kind: 'spark-defaults' } : { kind: 'snappy-members', role: 'server' },
    text,
  );
  const r = executorSourceOfDocument(doc);
  if (!r.ok) throw new Error(r.message);
  return r.source;
}

/**
 * About 1,000,000 events: 5,000 tasks that each sort 200m through 1m Tungsten pages
 * (spark.buffer.pageSize=1m: one acquire per page) and cache a block, then 5,000 tasks that re-read
 * the blocks; run to the end (the budget is far away).
 */
export const BIG_SCENARIO = `name: one million events
maxEvents: 5000000
conf:
  spark.buffer.pageSize: 1m
stages:
  - name: sort and cache
    tasks: 5000
    ops:
      - shuffleSort: { size: 200m, recordSize: 100b }
      - cache: { rdd: 1, size: 16m, level: MEMORY_AND_DISK }
  - name: re-read
    tasks: 5000
    ops:
      - read: { rdd: 1 }
      - compute: { ms: 2 }
`;

export function benchSim(opts: { runs?: number } = {}): SimBenchFigures {
  const runs = opts.runs ?? 7;
  const n = 1_000_000;
  // Interleaved, after a warm-up, median of the runs.
  managerOps(n / 10);
  floorOps(n / 10);
  const mgr: number[] = [];
  const flo: number[] = [];
  for (let i = 0; i < runs; i++) {
    flo.push(timeMs(() => floorOps(n)));
    mgr.push(timeMs(() => managerOps(n)));
  }
  const opsPerSecond = Math.round(n / (median(mgr) / 1000));
  const floorOpsPerSecond = Math.round(n / (median(flo) / 1000));

  const spark = source('spark.executor.memory 4g\nspark.executor.cores 4\n', 'spark');
  const snappy = source('node-a -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=85.5\n', 'snappy');
  const presetsMs: Record<string, number> = {};
  for (const p of PRESETS) {
    const scenario = presetScenario(p.id);
    if (scenario === undefined) continue;
    const src = p.id.startsWith('snappy') ? snappy : spark;
    for (let i = 0; i < 2; i++) simulateWorkload(src, scenario);
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) xs.push(timeMs(() => simulateWorkload(src, scenario)));
    presetsMs[p.id] = round(median(xs));
  }

  const big = parseScenario(BIG_SCENARIO, 'big');
  if (!big.ok) throw new Error(big.errors.map((e) => e.message).join('; '));
  let events = 0;
  const bigMs: number[] = [];
  for (let i = 0; i < 3; i++)
    bigMs.push(
      timeMs(() => {
        events = simulateWorkload(spark, big.scenario).summary.events;
      }),
    );
  return {
    ops: n,
    opsPerSecond,
    floorOpsPerSecond,
    floorRatio: Math.round((floorOpsPerSecond / opsPerSecond) * 100) / 100,
    presetsMs,
    bigScenarioMs: round(median(bigMs)),
    bigScenarioEvents: events,
  };
}
