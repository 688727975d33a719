// The seeded generator of random programs for differential fuzzing. It is guided by the simulator:
// each op is run on the simulator as it is generated, so the generator knows which blocks are in
// memory, which locks are held and which call waits. While a call waits (its task is below 1/(2N) of
// the pool), only releases of execution memory by other tasks follow, so the outcome never depends on
// thread timing (see Waiters.java): at most one waiter, and it re-evaluates when Spark would notify.
import { CaseRelease, ConsumerDecl, JsonObject, SpillableDecl } from '../conformance/runner';
import { Program, ProgramStep } from './program';
import { SimProgram } from './snapshot';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function config(r: Rand, legacy: boolean): JsonObject {
  const memory = int(r, 10_000, 4_000_000);
  const c: JsonObject = { 'spark.testing': 'true', 'spark.testing.memory': String(memory), numCores: int(r, 1, 8) };
  if (legacy) {
    c['manager'] = 'static';
    if (r() < 0.5) c['spark.shuffle.memoryFraction'] = String(pick(r, [0.2, 0.4, 0.6]));
    if (r() < 0.5) c['spark.storage.memoryFraction'] = String(pick(r, [0.3, 0.6, 0.8]));
    if (r() < 0.5) c['spark.storage.unrollFraction'] = String(pick(r, [0.1, 0.2, 0.5]));
  } else if (r() < 0.25) {
    const max = int(r, 1_000, 2_000_000);
    c['construct'] = 'direct';
    c['maxHeapMemory'] = max;
    c['onHeapStorageRegionSize'] = Math.floor(max * pick(r, [0, 0.3, 0.5, 0.8, 1]));
  } else {
    c['spark.memory.fraction'] = String(pick(r, [0.6, 0.5, 0.75, 1]));
    c['spark.memory.storageFraction'] = String(pick(r, [0.5, 0.3, 0.8, 0, 1]));
  }
  if (r() < 0.5) {
    c['spark.memory.offHeap.enabled'] = 'true';
    c['spark.memory.offHeap.size'] = String(int(r, 1_000, 2_000_000));
  }
  // putIterator's knobs, scaled to the pool: spark.storage.unrollMemoryThreshold (1 MiB by default would
  // refuse most fuzz puts at once), and the internal check period and growth factor (2.3+).
  if (r() < 0.8) c['spark.storage.unrollMemoryThreshold'] = String(int(r, 0, Math.floor(memory / 20)));
  if (r() < 0.2) c['spark.storage.unrollMemoryCheckPeriod'] = String(pick(r, [1, 4, 7, 32]));
  if (r() < 0.2) c['spark.storage.unrollMemoryGrowthFactor'] = String(pick(r, [1.1, 2, 3.7]));
  return c;
}

interface GenState {
  readonly r: Rand;
  readonly sim: SimProgram;
  readonly scale: number;
  readonly tasks: number[];
  readonly consumers: ConsumerDecl[];
  readonly spillables: SpillableDecl[];
  readonly locks: Map<string, number>;
  readonly waiting: Set<number>;
  nextBlock: number;
}

function bytes(g: GenState): number {
  // Mostly small against the pool, sometimes large: both the easy and the evicting paths.
  const f = g.r() < 0.8 ? g.r() * 0.3 : g.r() * 1.2;
  return Math.max(1, Math.floor(g.scale * f));
}

const mode = (r: Rand): string => (r() < 0.7 ? 'ON_HEAP' : 'OFF_HEAP');

/**
 * MemoryStore.putIterator with the linear size model: a new block of `count` values whose size grows
 * to about bytes(g), sometimes built larger or smaller than the estimate (the final top-up, or the
 * excess released), sometimes at a serialized or disk level, sometimes without a TaskContext (task -1).
 */
function putIterator(g: GenState, free: readonly number[]): ProgramStep {
  const { r } = g;
  const count = int(r, 0, 120);
  const elementSize = Math.max(1, Math.floor(bytes(g) / Math.max(1, count)));
  const a: JsonObject = {
    task: r() < 0.1 ? -1 : pick(r, free),
    blockId: `rdd_${int(r, 0, 3)}_${g.nextBlock++}`,
    mode: mode(r),
    count,
    elementSize,
  };
  if (r() < 0.3) a['preciseSize'] = Math.floor(count * elementSize * pick(r, [0.5, 0.9, 1.1, 1.6]));
  if (r() < 0.3) a['level'] = pick(r, ['MEMORY_ONLY_SER', 'MEMORY_AND_DISK', 'MEMORY_AND_DISK_SER']);
  return { op: 'putIterator', args: a };
}

/** Spillable.maybeSpill at an element count on and off the 32-element check, near the thresholds. */
function maybeSpill(g: GenState, s: SpillableDecl): ProgramStep {
  const { r } = g;
  const elementsRead = r() < 0.6 ? pick(r, [32, 64, 96, 0]) : int(r, 1, 200);
  const currentMemory = Math.floor(bytes(g) * pick(r, [0.5, 1, 2]));
  return { op: 'maybeSpill', args: { spillable: s.name, elementsRead, currentMemory } };
}

/** One op: any op when nothing waits, only releases of other tasks' execution memory while a call waits. */
function nextOp(g: GenState): ProgramStep {
  const { r, sim } = g;
  const free = g.tasks.filter((t) => !g.waiting.has(t));
  const freeConsumers = g.consumers.filter((c) => !g.waiting.has(c.task));
  if (g.waiting.size > 0) {
    const withUse = freeConsumers.filter((c) => (sim.run.consumers.get(c.name)?.used ?? 0) > 0);
    const x = r();
    if (withUse.length > 0 && x < 0.3) {
      const c = pick(r, withUse);
      return { op: 'consumerFree', args: { consumer: c.name, bytes: sim.run.consumers.get(c.name)?.used ?? 0 } };
    }
    if (x < 0.7) return { op: 'releaseAllExecutionForTask', args: { task: pick(r, free) } };
    return { op: 'releaseExecution', args: { task: pick(r, free), bytes: bytes(g), mode: mode(r) } };
  }
  const freeSpillables = g.spillables.filter((s) => !g.waiting.has(s.task));
  const y = r();
  if (y < 0.08) return putIterator(g, free);
  if (y < 0.14 && freeSpillables.length > 0) return maybeSpill(g, pick(r, freeSpillables));
  const inMemory = sim.run.store.blockIds();
  const held = [...g.locks.entries()].filter(([, n]) => n > 0).map(([b]) => b);
  const x = r() * 100;
  if (x < 20) return { op: 'acquireExecution', args: { task: pick(r, free), bytes: bytes(g), mode: mode(r) } };
  if (x < 27) return { op: 'releaseExecution', args: { task: pick(r, free), bytes: bytes(g), mode: mode(r) } };
  if (x < 29) return { op: 'releaseAllExecutionForTask', args: { task: pick(r, free) } };
  if (x < 44) {
    const id = `rdd_${int(r, 0, 3)}_${g.nextBlock++}`;
    const level = r() < 0.6 ? 'MEMORY_ONLY' : 'MEMORY_AND_DISK';
    return { op: 'putBytes', args: { blockId: id, bytes: bytes(g), mode: mode(r), level } };
  }
  if (x < 49)
    return { op: 'acquireStorage', args: { blockId: `broadcast_${g.nextBlock++}`, bytes: bytes(g), mode: mode(r) } };
  if (x < 51) return { op: 'releaseStorage', args: { bytes: bytes(g), mode: mode(r) } };
  if (x < 52) return { op: 'releaseAllStorage', args: {} };
  if (x < 55)
    return {
      op: 'acquireUnroll',
      args: { blockId: `rdd_${int(r, 0, 3)}_${g.nextBlock++}`, bytes: bytes(g), mode: mode(r) },
    };
  if (x < 57) return { op: 'releaseUnroll', args: { bytes: bytes(g), mode: mode(r) } };
  if (x < 62 && inMemory.length > 0) return { op: 'getBlock', args: { blockId: pick(r, inMemory) } };
  if (x < 66 && inMemory.length > 0) {
    const b = pick(r, inMemory);
    g.locks.set(b, (g.locks.get(b) ?? 0) + 1);
    return { op: 'lockForRead', args: { blockId: b } };
  }
  if (x < 70 && held.length > 0) {
    const b = pick(r, held);
    g.locks.set(b, (g.locks.get(b) ?? 0) - 1);
    return { op: 'unlock', args: { blockId: b } };
  }
  if (x < 74) {
    const t = pick(r, free);
    return {
      op: 'reserveUnrollForTask',
      args: { task: t, blockId: `rdd_${int(r, 0, 3)}_${g.nextBlock++}`, bytes: bytes(g), mode: mode(r) },
    };
  }
  if (x < 77) {
    const a: JsonObject = { task: pick(r, free), mode: mode(r) };
    if (r() < 0.5) a['bytes'] = bytes(g);
    return { op: 'releaseUnrollForTask', args: a };
  }
  if (x < 90 && freeConsumers.length > 0)
    return { op: 'consumerAcquire', args: { consumer: pick(r, freeConsumers).name, bytes: bytes(g) } };
  if (x < 96 && freeConsumers.length > 0) {
    const c = pick(r, freeConsumers);
    const used = sim.run.consumers.get(c.name)?.used ?? 0;
    if (used > 0) return { op: 'consumerFree', args: { consumer: c.name, bytes: int(r, 1, used) } };
  }
  if (x < 98 && freeConsumers.length > 0) {
    // Spark's cleanUpAllAllocatedMemory forgets the consumers; later ops on them are not generated.
    return { op: 'tmmCleanUp', args: { task: pick(r, free) } };
  }
  return { op: 'acquireExecution', args: { task: pick(r, free), bytes: bytes(g), mode: mode(r) } };
}

/** A random program and the simulator's run of it. */
export function generate(seed: number, rel: CaseRelease, legacy: boolean): { program: Program; sim: SimProgram } {
  const r = rng(seed);
  const cfg = config(r, legacy);
  const taskCount = int(r, 1, 4);
  const tasks = Array.from({ length: taskCount }, (_, i) => i + 1);
  const consumers: ConsumerDecl[] = [];
  const cc = int(r, 0, 3);
  for (let i = 0; i < cc; i++)
    consumers.push({
      name: `c${i}`,
      task: pick(r, tasks),
      mode: r() < 0.7 ? 'ON_HEAP' : 'OFF_HEAP',
      spill: r() < 0.6 ? 'all' : 'partial',
    });
  const scale = Number(cfg['maxHeapMemory'] ?? cfg['spark.testing.memory']);
  const spillables = spillablesOf(r, cfg, tasks, scale);
  const steps: ProgramStep[] = [];
  const sim = new SimProgram({ config: cfg, consumers, spillables, steps: [] }, rel);
  const g: GenState = {
    r,
    sim,
    scale,
    tasks,
    consumers,
    spillables,
    locks: new Map(),
    waiting: new Set(),
    nextBlock: 0,
  };
  if (sim.construct !== undefined) return { program: { config: cfg, consumers, spillables, steps }, sim };
  const n = int(r, 5, 40);
  const cleaned = new Set<number>();
  for (let i = 0; i < n; i++) {
    const s = nextOp(g);
    const consumerTask = memberTask(s, consumers, spillables);
    if (consumerTask !== undefined && cleaned.has(consumerTask)) continue;
    if (s.op === 'tmmCleanUp') cleaned.add(Number(s.args['task']));
    steps.push(s);
    const res = sim.step(s.op, s.args);
    const task = consumerTask ?? (typeof s.args['task'] === 'number' ? s.args['task'] : undefined);
    if (res['blocked'] === true) s.simBlocks = true;
    if (res['blocked'] === true && task !== undefined) g.waiting.add(task);
    for (const t of [...g.waiting])
      if (!sim.run.outstanding.some((o) => o.task === t && isWaiting(o.handle))) g.waiting.delete(t);
    if (g.waiting.size > 0 && g.tasks.every((t) => g.waiting.has(t))) break;
  }
  return { program: { config: cfg, consumers, spillables, steps }, sim };
}

/**
 * Up to two Spillables (Spark's own class in the harness), with the spill thresholds scaled to the
 * pool: the initial 5 MiB (spark.shuffle.spill.initialMemoryThreshold) would dwarf most fuzz pools.
 */
function spillablesOf(r: Rand, cfg: JsonObject, tasks: readonly number[], scale: number): SpillableDecl[] {
  const n = r() < 0.5 ? 0 : int(r, 1, 2);
  const out: SpillableDecl[] = [];
  for (let i = 0; i < n; i++) out.push({ name: `s${i}`, task: pick(r, tasks), canForceSpill: r() < 0.8 });
  if (n === 0) return out;
  if (r() < 0.9)
    cfg['spark.shuffle.spill.initialMemoryThreshold'] = String(int(r, 1, Math.max(1, Math.floor(scale / 8))));
  if (r() < 0.2) cfg['spark.shuffle.spill.numElementsForceSpillThreshold'] = String(int(r, 10, 150));
  // Read from 4.1 only; earlier lines ignore it, on both sides.
  if (r() < 0.2) cfg['spark.shuffle.spill.maxSizeInBytesForSpillThreshold'] = String(int(r, 1, scale));
  return out;
}

/** The task of the consumer or Spillable a step names, if it names one. */
function memberTask(
  s: ProgramStep,
  consumers: readonly ConsumerDecl[],
  spillables: readonly SpillableDecl[],
): number | undefined {
  const c = s.args['consumer'];
  if (typeof c === 'string') return consumers.find((x) => x.name === c)?.task;
  const sp = s.args['spillable'];
  if (typeof sp === 'string') return spillables.find((x) => x.name === sp)?.task;
  return undefined;
}

function isWaiting(h: unknown): boolean {
  const o = h as { state?: string; done?: boolean };
  return o.state !== undefined ? o.state === 'waiting' : o.done === false;
}

/** Whether a (shrunk) program keeps the rules the harness needs: ops on a waiting task, or anything but execution releases while a call waits, would hang or race. */
export function replayIfSafe(p: Program, rel: CaseRelease): SimProgram | undefined {
  // Each step's simBlocks flag is set anew from this replay (a shrunk program waits elsewhere).
  p = { ...p, steps: p.steps.map((s) => ({ op: s.op, args: s.args })) };
  return replaySteps(p, rel);
}

export function replaySteps(p: Program, rel: CaseRelease): SimProgram | undefined {
  const sim = new SimProgram({ ...p, steps: [] }, rel);
  if (sim.construct !== undefined) return sim;
  const waiting = new Set<number>();
  const released = new Set(['releaseExecution', 'releaseAllExecutionForTask', 'consumerFree']);
  for (const s of p.steps) {
    const consumerTask = memberTask(s, p.consumers, p.spillables ?? []);
    const task = consumerTask ?? (typeof s.args['task'] === 'number' ? s.args['task'] : undefined);
    if (waiting.size > 0 && (!released.has(s.op) || (task !== undefined && waiting.has(task)))) return undefined;
    if (s.op === 'unlock') {
      // Unlocking a block this run does not hold is a harness error in Spark (an assertion), not a divergence.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- block ids are JSON strings
      const b = String(s.args['blockId']);
      const before = p.steps.slice(0, p.steps.indexOf(s));
      const n =
        before.filter((x) => x.op === 'lockForRead' && x.args['blockId'] === b).length -
        before.filter((x) => x.op === 'unlock' && x.args['blockId'] === b).length;
      if (n <= 0) return undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- block ids are JSON strings
    if (s.op === 'lockForRead' && !sim.run.store.blockIds().includes(String(s.args['blockId']))) return undefined;
    const res = sim.step(s.op, s.args);
    s.simBlocks = res['blocked'] === true;
    if (res['blocked'] === true && task !== undefined) {
      if (waiting.size > 0) return undefined;
      waiting.add(task);
    }
    for (const t of [...waiting])
      if (!sim.run.outstanding.some((o) => o.task === t && isWaiting(o.handle))) waiting.delete(t);
  }
  return sim;
}
