// The run's story in words: the (at most) three things that cost this run most — failures, memory
// the JVM does not track, spills, waits for execution memory, evictions and recomputes — each
// with its cause in Spark's terms and the settings that would change it. Those settings are
// FOUND, not guessed: each candidate (fewer cores, a larger spark.memory.fraction, a larger heap,
// …) is run through the engine on the same scenario, and only what the re-run shows is said.
import type { DocumentLayout, ParsedDocument } from '../analyze';
import { formatBytes } from '../size/format';
import { SimulateOptions, simulateWorkload } from './engine';
import { ExecutorSourceOptions, executorSourceOfDocument } from './executor';
import type { Scenario, SimEvent, SimResult } from './types';

export type StoryKind = 'failure' | 'oomRisk' | 'spill' | 'wait' | 'eviction';

/** One what-if the story tried, with the measure it gave. */
export interface StoryWhatIf {
  /** Settings in the file's own names (`spark.executor.cores` → `3`; `-heap-size` → `12g`). */
  readonly settings: Readonly<Record<string, string>>;
  /** "3 cores", "spark.memory.fraction 0.8". */
  readonly label: string;
  /** The item's measure in the re-run (bytes spilled, ms waited, blocks evicted, …). */
  readonly after: number;
  /** The re-run has none of it. */
  readonly removes: boolean;
}

export interface StoryItem {
  readonly kind: StoryKind;
  /** Simulated time the item cost (ms); failures and OOM risks rank first whatever it is. */
  readonly costMs: number;
  /** What happened: "Tasks spilled 6.20 GiB in 12 spills". */
  readonly headline: string;
  /** Why, in Spark's terms. */
  readonly cause: string;
  /** What would change it, as the re-runs showed ("with 3 cores or spark.memory.fraction 0.8 they would not"). */
  readonly change: string;
  /** Removing what-ifs first (mildest first), else the best improvement; empty when none helped. */
  readonly whatIfs: readonly StoryWhatIf[];
  /** The item's measure in this run (compare with StoryWhatIf.after). */
  readonly measure: number;
}

export interface RunStory {
  readonly items: readonly StoryItem[];
  /** Runs of the engine the story made. */
  readonly reruns: number;
}

/** The settings a story may try, as the file spells them, with the values in force now. */
export interface StoryKnobs {
  readonly flavour: 'spark' | 'snappydata';
  /** Heap (spark.executor.memory, or a member's -heap-size), bytes. */
  readonly memoryBytes: number;
  readonly cores: number;
  readonly taskCpus: number;
  /** spark.memory.fraction in force (Spark files). */
  readonly memoryFraction?: number;
  /** spark.memory.offHeap.size in force when Tungsten pages are off heap, bytes. */
  readonly offHeapBytes?: number;
}

export interface StoryOptions {
  readonly knobs: StoryKnobs;
  /** The scenario run again with `settings` on top of the current ones; undefined when that executor does not start. */
  readonly rerun: (settings: Readonly<Record<string, string>>) => SimResult | undefined;
  /** Engine runs the story may make (default 12): each candidate setting is one run, shared by every item. */
  readonly maxReruns?: number;
}

const MiB = 2 ** 20;
const GiB = 2 ** 30;
/** Where a larger-heap candidate stops (the memory slider's end): 64 GiB. */
const MAX_HEAP = 64 * GiB;

interface Candidate {
  readonly knob: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly label: string;
}

interface Draft {
  readonly kind: StoryKind;
  readonly costMs: number;
  readonly headline: string;
  readonly cause: string;
  readonly measure: (r: SimResult) => number;
  /** How to word "the re-run has none of it". */
  readonly gone: string;
  readonly unit: (v: number) => string;
  /** The knobs worth trying for this kind. */
  readonly knobs: readonly string[];
}

/** A size as a setting is written: whole GiB, else MiB. */
function sizeSetting(bytes: number): string {
  const mib = Math.round(bytes / MiB);
  return mib % 1024 === 0 ? `${mib / 1024}g` : `${mib}m`;
}

/** Heap candidates: ×1.5, ×2, ×4, rounded to 256 MiB below 8 GiB and to whole GiB above. */
function heapCandidates(bytes: number): number[] {
  const out: number[] = [];
  for (const f of [1.5, 2, 4]) {
    const unit = bytes * f >= 8 * GiB ? GiB : 256 * MiB;
    const b = Math.ceil((bytes * f) / unit) * unit;
    if (b <= MAX_HEAP && b > bytes && !out.includes(b)) out.push(b);
  }
  return out;
}

/** Every candidate per knob, mildest change first. */
function candidates(k: StoryKnobs): Map<string, Candidate[]> {
  const m = new Map<string, Candidate[]>();
  const heapKey = k.flavour === 'spark' ? 'spark.executor.memory' : '-heap-size';
  m.set(
    'memory',
    heapCandidates(k.memoryBytes).map((b) => ({
      knob: 'memory',
      settings: { [heapKey]: sizeSetting(b) },
      label: `${heapKey} ${sizeSetting(b)}`,
    })),
  );
  if (k.flavour === 'spark') {
    const cores: number[] = [];
    for (const c of [k.cores - k.taskCpus, Math.ceil(k.cores / 2), Math.ceil(k.cores / 4)])
      if (c >= k.taskCpus && c < k.cores && !cores.includes(c)) cores.push(c);
    m.set(
      'cores',
      cores.map((c) => ({
        knob: 'cores',
        settings: { 'spark.executor.cores': String(c) },
        label: `spark.executor.cores ${c}`,
      })),
    );
    const f = k.memoryFraction;
    if (f !== undefined) {
      // Spark requires 0 < fraction < 1 (UnifiedMemoryManager); 0.9 leaves a tenth of the usable heap to user objects.
      const up = [0.7, 0.8, 0.9].filter((x) => x > f + 1e-9);
      m.set(
        'fractionUp',
        up.map((x) => ({
          knob: 'fractionUp',
          settings: { 'spark.memory.fraction': String(x) },
          label: `spark.memory.fraction ${x}`,
        })),
      );
      const down = [f - 0.1, f - 0.2].map((x) => Math.round(x * 100) / 100).filter((x) => x >= 0.3);
      m.set(
        'fractionDown',
        down.map((x) => ({
          knob: 'fractionDown',
          settings: { 'spark.memory.fraction': String(x) },
          label: `spark.memory.fraction ${x}`,
        })),
      );
    }
    if (k.offHeapBytes !== undefined && k.offHeapBytes > 0)
      m.set(
        'offHeap',
        heapCandidates(k.offHeapBytes).map((b) => ({
          knob: 'offHeap',
          settings: { 'spark.memory.offHeap.size': sizeSetting(b) },
          label: `spark.memory.offHeap.size ${sizeSetting(b)}`,
        })),
      );
  }
  return m;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const msText = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * The event of `kind` that tells its cause best: the one that ran against the tightest cap (most
 * tasks sharing the pool), the largest of those; the first of the kind when none carries a cause.
 */
function telling(events: readonly SimEvent[], kind: SimEvent['kind']): SimEvent | undefined {
  let best: SimEvent | undefined;
  for (const e of events) {
    if (e.kind !== kind || e.cause === undefined) continue;
    const b = best?.cause;
    if (
      b === undefined ||
      e.cause.capBytes < b.capBytes ||
      (e.cause.capBytes === b.capBytes && (e.bytes ?? 0) > (best?.bytes ?? 0))
    )
      best = e;
  }
  return best ?? events.find((e) => e.kind === kind);
}

/** The average size of a cached partition the scenario reads (what a recompute or disk read costs). */
function cachedPartitionBytes(s: Scenario): number {
  let bytes = 0;
  let n = 0;
  for (const st of s.stages)
    for (const op of st.ops)
      if (op.op === 'cache') {
        bytes += op.bytes;
        n++;
      }
  return n > 0 ? bytes / n : 0;
}

/** The items this run has, with their cost and cause, before any re-run: failures and OOM risks first, then by simulated time lost. */
function drafts(r: SimResult, scenario: Scenario, k: StoryKnobs): Draft[] {
  const out = [
    failureDraft(r),
    oomRiskDraft(r),
    spillDraft(r, scenario, k),
    waitDraft(r),
    evictionDraft(r, scenario),
  ].filter((d): d is Draft => d !== undefined);
  const rank = (d: Draft) => (d.kind === 'failure' ? 2 : d.kind === 'oomRisk' ? 1 : 0);
  return out.sort((a, b) => rank(b) - rank(a) || b.costMs - a.costMs).slice(0, 3);
}

/** Failed task attempts, or a run that stopped for another reason than the event budget. */
function failureDraft(r: SimResult): Draft | undefined {
  const s = r.summary;
  if (!(s.failedTasks > 0 || (s.stoppedAt !== undefined && !s.stoppedAt.startsWith('event budget')))) return undefined;
  const failed = r.events.find((e) => e.kind === 'taskFailed');
  return {
    kind: 'failure',
    costMs: s.durationMs,
    headline:
      s.failedTasks > 0
        ? `${plural(s.failedTasks, 'task attempt')} failed${s.stoppedAt !== undefined ? ' and the job was aborted' : ''}`
        : `The run stopped: ${s.stoppedAt ?? ''}`,
    cause: failed !== undefined ? failed.message : (s.stoppedAt ?? 'a task failed'),
    measure: (q) => q.summary.failedTasks + (q.summary.stoppedAt !== undefined ? 1 : 0),
    gone: 'no task would fail',
    unit: (v) => plural(v, 'failure'),
    knobs: ['memory', 'fractionUp', 'cores', 'offHeap'],
  };
}

/** User objects beyond user memory: the heap outside spark.memory.fraction, which Spark does not track. */
function oomRiskDraft(r: SimResult): Draft | undefined {
  const s = r.summary;
  const x = r.executor;
  if (!((s.oomRisks ?? 0) > 0 && x !== undefined)) return undefined;
  return {
    kind: 'oomRisk',
    costMs: s.durationMs,
    headline: `User objects reached ${formatBytes(s.peakUntracked ?? 0)}, more than the ${formatBytes(x.userMemory)} of user memory`,
    cause:
      `Spark does not track objects a task makes itself: they live in user memory, the heap left outside spark.memory.fraction ` +
      `(${formatBytes(x.userMemory)} here). Beyond it the JVM runs out of heap (OutOfMemoryError) whatever the unified region holds.`,
    measure: (q) => q.summary.oomRisks ?? 0,
    gone: 'user objects would fit',
    unit: (v) => plural(v, 'OOM risk'),
    knobs: ['fractionDown', 'memory'],
  };
}

/** Spills: a task's execution memory reached its share of the pool (ExecutionMemoryPool, 1/(2N) .. 1/N). */
function spillDraft(r: SimResult, scenario: Scenario, k: StoryKnobs): Draft | undefined {
  const s = r.summary;
  if (!(s.spillCount > 0)) return undefined;
  const x = r.executor;
  const tp = scenario.throughput;
  const slots = x?.slots ?? k.cores;
  const c = telling(r.events, 'spill')?.cause;
  const per =
    c !== undefined
      ? `${c.request} held ${formatBytes(c.heldBytes ?? 0)} against its cap: ${formatBytes(c.capBytes)}, ${c.cap}`
      : x !== undefined
        ? `with ${slots} tasks at once each may hold at most 1/${slots} of ${formatBytes(x.maxHeapMemory)} (${formatBytes(x.maxHeapMemory / slots)}) and is sure of 1/(2×${slots}) (${formatBytes(x.maxHeapMemory / (2 * slots))})`
        : 'a task could not get the execution memory it asked for';
  return {
    kind: 'spill',
    costMs: s.spilledBytes / tp.spillBytesPerMs + s.spilledBytes / tp.diskBytesPerMs,
    headline: `Tasks spilled ${formatBytes(s.spilledBytes)} in ${plural(s.spillCount, 'spill')}`,
    cause:
      `A task spills when its execution memory (sort pages, aggregation maps) reaches its share of the execution pool: ` +
      `at most 1/N, at least 1/(2N), N being the tasks running at once (ExecutionMemoryPool). For example ${per}.`,
    measure: (q) => q.summary.spilledBytes,
    gone: 'they would not spill',
    unit: (v) => formatBytes(v),
    knobs: ['cores', 'fractionUp', 'memory', 'offHeap'],
  };
}

/** Waits: a task below its guaranteed 1/(2N) blocks in ExecutionMemoryPool.acquireMemory. */
function waitDraft(r: SimResult): Draft | undefined {
  const s = r.summary;
  if (!(s.waits > 0)) return undefined;
  const c = r.events.find((q) => q.kind === 'wait' && q.cause !== undefined)?.cause;
  return {
    kind: 'wait',
    costMs: s.waitMs,
    headline: `Tasks waited ${msText(s.waitMs)} for execution memory (${plural(s.waits, 'wait')})`,
    cause:
      `A task that cannot get its guaranteed 1/(2N) of the execution pool blocks until another task releases memory (ExecutionMemoryPool.acquireMemory).` +
      (c !== undefined
        ? ` First: ${c.request} held ${formatBytes(c.heldBytes ?? 0)}, below ${formatBytes(c.capBytes)}, ${c.cap}.`
        : ''),
    measure: (q) => q.summary.waitMs,
    gone: 'no task would wait',
    unit: msText,
    knobs: ['cores', 'fractionUp', 'memory'],
  };
}

/** Evictions and what they cost: cached partitions recomputed or read back from disk (MemoryStore.evictBlocksToFreeSpace). */
function evictionDraft(r: SimResult, scenario: Scenario): Draft | undefined {
  const s = r.summary;
  const x = r.executor;
  const tp = scenario.throughput;
  if (!(s.evictedBlocks + s.cacheMisses + (s.unrollFailures ?? 0) > 0)) return undefined;
  const part = cachedPartitionBytes(scenario);
  const recompute = tp.recomputeBytesPerMs ?? tp.memoryBytesPerMs / 4;
  const e = telling(r.events, 'evict');
  const c = e?.cause;
  const reads = [
    s.cacheMisses > 0 ? `${plural(s.cacheMisses, 'read')} recomputed` : '',
    (s.diskHits ?? 0) > 0 ? `${plural(s.diskHits ?? 0, 'read')} from disk` : '',
  ].filter((t) => t !== '');
  return {
    kind: 'eviction',
    costMs: (s.cacheMisses * part) / recompute + ((s.diskHits ?? 0) * part) / tp.diskBytesPerMs,
    headline:
      s.evictedBlocks > 0
        ? `${plural(s.evictedBlocks, 'cached block')} evicted${reads.length > 0 ? `: ${reads.join(', ')}` : ''}`
        : `Cached blocks did not stay in memory${reads.length > 0 ? `: ${reads.join(', ')}` : ''}`,
    cause:
      `The MemoryStore evicts cached blocks (least recently used, never of the same RDD) when a put or execution needs the room.` +
      (c !== undefined
        ? ` For example ${e?.blockId ?? 'a block'} went for ${c.request}, within ${formatBytes(c.capBytes)}: ${c.cap}.`
        : x !== undefined
          ? ` Storage may fill the ${formatBytes(x.maxHeapMemory)} unified region; execution takes it back down to the ${formatBytes(x.onHeapStorageRegionSize)} storage region.`
          : ''),
    measure: (q) => q.summary.evictedBlocks + q.summary.cacheMisses,
    gone: 'every cached block would stay in memory',
    unit: (v) => plural(v, 'eviction or recompute', 'evictions and recomputes'),
    knobs: ['memory', 'fractionUp'],
  };
}

/** "a, b or c". */
function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1] ?? ''}`;
}

/**
 * The story of `result` (a run of `scenario`): up to three items, costliest first, each with the
 * what-ifs that the engine showed would remove it (mildest change per setting), or the one that
 * helped most.
 */
export function runStory(result: SimResult, scenario: Scenario, opts: StoryOptions): RunStory {
  const items = drafts(result, scenario, opts.knobs);
  const all = candidates(opts.knobs);
  const budget = Math.max(0, opts.maxReruns ?? 12);
  const runs = new Map<string, SimResult | undefined>();
  const run = (c: Candidate): SimResult | undefined | 'budget' => {
    const key = JSON.stringify(c.settings);
    if (runs.has(key)) return runs.get(key);
    if (runs.size >= budget) return 'budget';
    const r = opts.rerun(c.settings);
    runs.set(key, r);
    return r;
  };
  const tried = items.map(() => [] as StoryWhatIf[]);
  // Knob by knob, mildest candidate first; a knob stops once every item that wants it is removed.
  const knobOrder = ['cores', 'fractionUp', 'fractionDown', 'memory', 'offHeap'];
  for (const knob of knobOrder) {
    const list = all.get(knob) ?? [];
    const want = items.map((d) => d.knobs.includes(knob));
    const done = items.map(() => false);
    for (const c of list) {
      if (want.every((w, i) => !w || done[i])) break;
      const r = run(c);
      if (r === 'budget') break;
      if (r === undefined) continue;
      items.forEach((d, i) => {
        if (!want[i] || done[i]) return;
        const after = d.measure(r);
        const removes = after === 0;
        tried[i]?.push({ settings: c.settings, label: c.label, after, removes });
        if (removes) done[i] = true;
      });
    }
  }
  const out = items.map((d, i): StoryItem => {
    const list = tried[i] ?? [];
    const removing = list.filter((w) => w.removes);
    const now = d.measure(result);
    let whatIfs: StoryWhatIf[];
    let change: string;
    if (removing.length > 0) {
      whatIfs = removing;
      change = `With ${orList(removing.map((w) => w.label))} ${d.gone} (each re-run through the simulation).`;
    } else {
      const best = list.filter((w) => w.after < now).sort((a, b) => a.after - b.after)[0];
      whatIfs = best !== undefined ? [best] : [];
      change =
        best !== undefined
          ? `None of the settings tried removes it; ${best.label} brings it from ${d.unit(now)} to ${d.unit(best.after)}.`
          : list.length > 0
            ? `None of the settings tried (${list.map((w) => w.label).join(', ')}) makes it smaller: the scenario itself needs changing.`
            : 'No what-if was tried (none applies to this config).';
    }
    return {
      kind: d.kind,
      costMs: d.costMs,
      headline: d.headline,
      cause: d.cause,
      change,
      whatIfs,
      measure: now,
    };
  });
  return { items: out, reruns: [...runs.values()].length };
}

/** Engine options for a story's re-runs: the totals matter, not the series or the events. */
const RERUN: SimulateOptions = { maxPoints: 16, maxKeptEvents: 16 };

/**
 * The story of a config document's run: knobs from its layout, re-runs through
 * executorSourceOfDocument with the what-if settings on top of `opts.overrides`. What-if keys are
 * the file's names (`spark.*`, or `-heap-size` for a SnappyData member).
 */
export function storyOfDocument(
  doc: ParsedDocument,
  opts: ExecutorSourceOptions,
  scenario: Scenario,
  result: SimResult,
  maxReruns?: number,
): RunStory {
  const base = executorSourceOfDocument(doc, opts);
  if (!base.ok) return { items: [], reruns: 0 };
  const knobs = knobsOf(base.layout);
  if (knobs === undefined) return { items: [], reruns: 0 };
  return runStory(result, scenario, {
    knobs,
    ...(maxReruns !== undefined ? { maxReruns } : {}),
    rerun: (settings) => {
      const overrides: Record<string, string | undefined> = { ...(opts.overrides ?? {}) };
      for (const [k, v] of Object.entries(settings)) overrides[k === '-heap-size' ? 'heapSize' : k] = v;
      const src = executorSourceOfDocument(doc, { ...opts, overrides });
      return src.ok ? simulateWorkload(src.source, scenario, RERUN) : undefined;
    },
  });
}

function knobsOf(layout: DocumentLayout): StoryKnobs | undefined {
  if (layout.kind === 'spark') {
    const l = layout.layout;
    const u = l.unified;
    return {
      flavour: 'spark',
      memoryBytes: l.executorMemory,
      cores: l.executorCores,
      taskCpus: l.taskCpus,
      ...(u !== undefined ? { memoryFraction: u.memoryFraction } : {}),
      ...(u !== undefined && u.tungstenMemoryMode === 'OFF_HEAP' ? { offHeapBytes: u.maxOffHeapMemory } : {}),
    };
  }
  const m = layout.members[0];
  if (m === undefined || m.heapBytes === undefined) return undefined;
  return { flavour: 'snappydata', memoryBytes: m.heapBytes, cores: m.executorCores?.value ?? 1, taskCpus: 1 };
}
