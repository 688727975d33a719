// The one turn of a memory layout into rows: what the CLI's text (`spark-memory layout`), the panel's
// layout table (webview/layoutModel.ts) and the hovers (editor/layoutFacts.ts) list, in that order,
// under the same names. Each row names Spark's or SnappyData's field (its id is the CLI's JSON field),
// the bytes, the setting it comes from and how Spark derives it. The front ends only render these:
// none of them picks a number or a label of its own. Every number is the layout's (sparkLayout.ts,
// snappyLayout.ts); nothing here computes a size.
import { collectorText } from './jvmMaxMemory';
import type { Origin, SnappyMemberLayout } from './snappyLayout';
import type { SparkLayout } from './sparkLayout';

/** Which part of the executor layout a row shows (a hover on a key shows the parts the key drives). */
export type SparkAspect = 'heap' | 'off-heap' | 'container' | 'tasks' | 'page' | 'driver' | 'legacy';

/** Where a row is shown. The CLI's text prints some facts as one sentence instead of rows. */
export type LayoutView = 'text' | 'panel' | 'hover';

export interface LayoutRow {
  /** The CLI's JSON field (a dotted path for nested ones); the panel's cell is `layout-<id>`. */
  readonly id: string;
  /** Spark's or SnappyData's words, as the CLI prints them: "unified region". */
  readonly name: string;
  /** What the name stands for in the code or the command line: "maxHeapMemory", "-Xmx, spark.executor.memory". */
  readonly qualifier?: string;
  readonly bytes: number;
  /** Where the number comes from: the setting and its value, or its share. */
  readonly note?: string;
  /** How Spark derives it from the rows above: "usable × 0.6". */
  readonly formula?: string;
  /** A part of the row above it (indented in the CLI's text). */
  readonly sub?: boolean;
  /** The parts of the layout it belongs to (for a key's hover). */
  readonly aspects: readonly SparkAspect[];
  /** Only in these views; everywhere when unset. */
  readonly views?: readonly LayoutView[];
}

type Draft = Omit<LayoutRow, 'bytes' | 'aspects'> & { readonly aspects?: readonly SparkAspect[] };

function sized(bytes: number | undefined, draft: Draft, aspects: readonly SparkAspect[]): LayoutRow[] {
  return bytes === undefined ? [] : [{ ...draft, bytes, aspects: draft.aspects ?? aspects }];
}

/** "unified region (maxHeapMemory)": the row's name as the CLI prints it. */
export function rowLabel(r: LayoutRow): string {
  return r.qualifier !== undefined ? `${r.name} (${r.qualifier})` : r.name;
}

/** The same, starting with a capital, for the panel and the hovers ("Runtime.maxMemory" stays). */
export function rowTitle(r: LayoutRow): string {
  const s = rowLabel(r);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The hover's label: the derivation when there is one ("Unified region (usable × 0.6)"), else the note. */
export function rowHoverLabel(r: LayoutRow): string {
  if (r.formula !== undefined) {
    const name = r.name.charAt(0).toUpperCase() + r.name.slice(1);
    return `${name} (${r.formula})`;
  }
  return r.note !== undefined ? `${rowTitle(r)}, ${r.note}` : rowTitle(r);
}

export function rowsIn(rows: readonly LayoutRow[], view: LayoutView): LayoutRow[] {
  return rows.filter((r) => r.views === undefined || r.views.includes(view));
}

/** The rows of a Spark executor (UnifiedMemoryManager.getMaxMemory, StaticMemoryManager, page size, tasks). */
export function sparkLayoutRows(l: SparkLayout): LayoutRow[] {
  const u = l.unified;
  const jvm = l.executorJvm;
  // The JVM's rows belong to the heap, and to the legacy settings when the static manager lays it out.
  const jvmAspects: readonly SparkAspect[] = l.legacy !== undefined ? ['heap', 'legacy'] : u ? ['heap'] : [];
  const rows: LayoutRow[] = [
    ...sized(
      l.executorMemory,
      { id: 'executorMemory', name: 'heap', qualifier: '-Xmx, spark.executor.memory' },
      jvmAspects,
    ),
    ...sized(
      jvm.maxMemory,
      { id: 'executorJvm.maxMemory', name: 'Runtime.maxMemory', note: collectorText(jvm) },
      jvmAspects,
    ),
  ];
  if (u !== undefined) {
    rows.push(...sparkHeapRows(u));
    if (u.maxOffHeapMemory > 0) rows.push(...sparkOffHeapRows(u));
  }
  if (l.legacy !== undefined) {
    const s = l.legacy;
    const legacy: readonly SparkAspect[] = ['heap', 'legacy'];
    rows.push(
      ...sized(s.systemMemory, { id: 'legacy.systemMemory', name: 'system memory' }, legacy),
      ...sized(
        s.maxOnHeapStorageMemory,
        { id: 'legacy.maxOnHeapStorageMemory', name: 'storage', qualifier: 'legacy, fixed' },
        legacy,
      ),
      ...sized(s.maxUnrollMemory, { id: 'legacy.maxUnrollMemory', name: 'unroll eviction cap', sub: true }, legacy),
      ...sized(
        s.maxOnHeapExecutionMemory,
        { id: 'legacy.maxOnHeapExecutionMemory', name: 'execution', qualifier: 'legacy, fixed' },
        legacy,
      ),
    );
    // StaticMemoryManager gives all of spark.memory.offHeap.size to off-heap execution (2.4).
    if (s.maxOffHeapMemory > 0)
      rows.push(
        ...sized(
          s.offHeapExecutionPoolSize,
          {
            id: 'legacy.offHeapExecutionPoolSize',
            name: 'off-heap execution pool',
            qualifier: 'legacy: all of spark.memory.offHeap.size',
            note: s.tungstenMemoryMode === 'OFF_HEAP' ? 'used by Tungsten' : 'sized, but off-heap is disabled',
          },
          ['off-heap', 'legacy'],
        ),
      );
  }
  rows.push(...sized(l.pageSizeBytes, { id: 'pageSizeBytes', name: 'Tungsten page size' }, ['page']));
  if (l.executionPerTask !== undefined) rows.push(...perTaskRows(l.executionPerTask));
  return rows;
}

/** UnifiedMemoryManager.getMaxMemory and its two regions (the sources are named in sparkLayout.ts and unified.ts). */
function sparkHeapRows(u: NonNullable<SparkLayout['unified']>): LayoutRow[] {
  const heap: readonly SparkAspect[] = ['heap'];
  return [
    ...sized(u.systemMemory, { id: 'systemMemory', name: 'system memory' }, heap),
    ...sized(u.reservedMemory, { id: 'reservedMemory', name: 'reserved memory' }, heap),
    ...sized(u.usableMemory, { id: 'usableMemory', name: 'usable memory', formula: 'system − reserved' }, heap),
    ...sized(
      u.userMemory,
      {
        id: 'userMemory',
        name: 'user memory',
        note: `${((1 - u.memoryFraction) * 100).toFixed(0)}% of usable`,
        formula: 'usable − unified',
      },
      heap,
    ),
    ...sized(
      u.maxHeapMemory,
      {
        id: 'maxHeapMemory',
        name: 'unified region',
        qualifier: 'maxHeapMemory',
        note: `spark.memory.fraction ${u.memoryFraction}`,
        formula: `usable × ${u.memoryFraction}`,
      },
      heap,
    ),
    ...sized(
      u.onHeapStorageRegionSize,
      {
        id: 'onHeapStorageRegionSize',
        name: 'storage region',
        note: `spark.memory.storageFraction ${u.storageFraction}`,
        formula: `unified × ${u.storageFraction}`,
        sub: true,
      },
      heap,
    ),
    ...sized(
      u.onHeapExecutionPoolSize,
      { id: 'onHeapExecutionPoolSize', name: 'execution pool', qualifier: 'initial', sub: true },
      heap,
    ),
  ];
}

function sparkOffHeapRows(u: NonNullable<SparkLayout['unified']>): LayoutRow[] {
  const offHeap: readonly SparkAspect[] = ['off-heap'];
  return [
    ...sized(
      u.maxOffHeapMemory,
      {
        id: 'maxOffHeapMemory',
        name: 'off-heap',
        qualifier: 'spark.memory.offHeap.size',
        note: u.offHeapEnabled ? 'used by Tungsten' : 'sized, but off-heap is disabled',
      },
      offHeap,
    ),
    ...sized(
      u.offHeapStorageRegionSize,
      {
        id: 'offHeapStorageRegionSize',
        name: 'off-heap storage region',
        formula: `off-heap × ${u.storageFraction}`,
        sub: true,
      },
      offHeap,
    ),
    ...sized(
      u.offHeapExecutionPoolSize,
      { id: 'offHeapExecutionPoolSize', name: 'off-heap execution pool', sub: true },
      offHeap,
    ),
  ];
}

function perTaskRows(t: NonNullable<SparkLayout['executionPerTask']>): LayoutRow[] {
  // ExecutionMemoryPool.acquireMemory: a task waits below 1/(2N) of the pool and may grow to 1/N.
  // The CLI's text says both in one sentence (perTaskSentence).
  const views: readonly LayoutView[] = ['panel', 'hover'];
  return [
    ...sized(
      t.minPerTask,
      {
        id: 'executionPerTask.minPerTask',
        name: 'execution per task: waits below',
        note: `${t.concurrentTasks} concurrent task(s): 1/(2N) of the execution pool`,
        formula: '1/(2N) of the execution pool',
        views,
      },
      ['tasks'],
    ),
    ...sized(
      t.maxPerTask,
      {
        id: 'executionPerTask.maxPerTask',
        name: 'execution per task: may grow to',
        note: '1/N of the largest execution pool',
        formula: '1/N of the largest execution pool',
        views,
      },
      ['tasks'],
    ),
  ];
}

/** The CLI's one line for the per-task bounds (ExecutionMemoryPool). */
export function perTaskSentence(
  t: NonNullable<SparkLayout['executionPerTask']>,
  format: (n: number) => string,
): string {
  return `${t.concurrentTasks} concurrent task(s): each waits below ${format(t.minPerTask)} and may grow to ${format(t.maxPerTask)} of execution memory`;
}

/** Where a member's value came from, in words. */
export const ORIGIN_WORDS: Readonly<Record<Origin, string>> = {
  set: 'set',
  lead: 'from the lead',
  default: 'default',
  disabled: 'off',
  forced: 'forced by snappy-nodes.sh',
};

/** A float percentage as people read it (95.12000274658203 → 95.12). */
const percent = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * The rows of a SnappyData member (SnappyUnifiedMemoryManager.getMaxMemory, GemFire's thresholds).
 * The CLI's text prints the two heap percentages as one sentence, and leaves out usable memory and
 * the thresholds' bytes.
 */
export function memberLayoutRows(m: SnappyMemberLayout): LayoutRow[] {
  const notText: readonly LayoutView[] = ['panel', 'hover'];
  const heap: readonly SparkAspect[] = ['heap'];
  const rows: LayoutRow[] = [
    ...sized(
      m.heapBytes,
      {
        id: 'heapBytes',
        name: 'heap',
        qualifier: `-Xmx${m.maxHeapSize?.value ?? '?'}, ${m.maxHeapSize?.origin ?? 'none'}`,
      },
      heap,
    ),
    ...sized(m.systemMemory, { id: 'systemMemory', name: 'system memory' }, heap),
    ...sized(m.reservedMemory, { id: 'reservedMemory', name: 'reserved memory', qualifier: 'above critical' }, heap),
    ...sized(
      m.usableMemory,
      { id: 'usableMemory', name: 'usable memory', formula: 'system − reserved', views: notText },
      heap,
    ),
    ...sized(m.userMemory, { id: 'userMemory', name: 'user memory', formula: 'usable − unified' }, heap),
    ...sized(
      m.maxHeapMemory,
      {
        id: 'maxHeapMemory',
        name: 'unified region',
        qualifier: 'maxHeapMemory',
        ...(m.memoryFraction !== undefined
          ? {
              note: `spark.memory.fraction ${m.memoryFraction.value} (${m.memoryFraction.origin})`,
              formula: `usable × ${m.memoryFraction.value}, ${ORIGIN_WORDS[m.memoryFraction.origin]}`,
            }
          : {}),
      },
      heap,
    ),
    ...sized(
      m.onHeapStorageRegionSize,
      {
        id: 'onHeapStorageRegionSize',
        name: 'storage region',
        sub: true,
        ...(m.storageFraction !== undefined
          ? { formula: `unified × ${m.storageFraction.value}, ${ORIGIN_WORDS[m.storageFraction.origin]}` }
          : {}),
      },
      heap,
    ),
    ...sized(
      m.onHeapExecutionPoolSize,
      { id: 'onHeapExecutionPoolSize', name: 'execution pool', qualifier: 'initial', sub: true },
      heap,
    ),
    ...sized(
      m.maxHeapStorageSize,
      {
        id: 'maxHeapStorageSize',
        name: 'max heap storage',
        qualifier: 'eviction cap',
        sub: true,
        ...(m.evictionFraction !== undefined
          ? {
              note: `eviction fraction ${m.evictionFraction}`,
              formula: `unified × ${Number(m.evictionFraction.toFixed(4))}`,
            }
          : {}),
      },
      heap,
    ),
    ...thresholdRows(m),
  ];
  // -memory-size=0 is no off-heap at all, unless snappy-nodes.sh forced it.
  if (m.memorySize.value > 0 || m.memorySize.origin === 'forced') rows.push(...memberOffHeapRows(m));
  return rows;
}

/** GemFire's critical and eviction thresholds in bytes (HeapMemoryMonitor): the panel and hovers show them. */
function thresholdRows(m: SnappyMemberLayout): LayoutRow[] {
  const notText: readonly LayoutView[] = ['panel', 'hover'];
  const heap: readonly SparkAspect[] = ['heap'];
  return [
    ...sized(
      m.criticalThresholdBytes,
      {
        id: 'criticalThresholdBytes',
        name: 'critical threshold',
        qualifier: `${percent(m.criticalHeapPercentage.value)}%, ${m.criticalHeapPercentage.origin}`,
        views: notText,
      },
      heap,
    ),
    ...sized(
      m.evictionThresholdBytes,
      {
        id: 'evictionThresholdBytes',
        name: 'eviction threshold',
        qualifier: `${percent(m.evictionHeapPercentage.value)}%, ${m.evictionHeapPercentage.origin}`,
        views: notText,
      },
      heap,
    ),
  ];
}

function memberOffHeapRows(m: SnappyMemberLayout): LayoutRow[] {
  const offHeap: readonly SparkAspect[] = ['off-heap'];
  return [
    ...sized(
      m.memorySize.value,
      { id: 'memorySize', name: 'off-heap', qualifier: `memory-size, ${m.memorySize.origin}` },
      offHeap,
    ),
    ...sized(
      m.offHeapStorageRegionSize,
      { id: 'offHeapStorageRegionSize', name: 'off-heap storage region', sub: true },
      offHeap,
    ),
    ...sized(
      m.offHeapExecutionPoolSize,
      { id: 'offHeapExecutionPoolSize', name: 'off-heap execution pool', sub: true },
      offHeap,
    ),
    ...sized(
      m.maxOffHeapStorageSize,
      {
        id: 'maxOffHeapStorageSize',
        name: 'max off-heap storage',
        sub: true,
        ...(m.storageMaxFraction !== undefined ? { formula: `× ${m.storageMaxFraction.value}` } : {}),
      },
      offHeap,
    ),
  ];
}
