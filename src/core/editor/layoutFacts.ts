// The derived numbers a memory setting produces, as labelled rows (for hovers) and short phrases
// (for inlay hints). The rows are the layout's own (layout/rows.ts, which the CLI and the panel show
// too); this file chooses which of them belong to which key and adds the facts that are not sizes.
import type { SnappyMemberLayout } from '../layout/snappyLayout';
import { collectorText } from '../layout/jvmMaxMemory';
import {
  LayoutRow,
  ORIGIN_WORDS,
  SparkAspect,
  memberLayoutRows,
  rowHoverLabel,
  rowsIn,
  sparkLayoutRows,
} from '../layout/rows';
import type { SparkLayout } from '../layout/sparkLayout';
import { formatBytes } from '../size/format';
import { bytesExact, groupDigits, mibExact } from './numbers';

export type { SparkAspect } from '../layout/rows';

export interface FactRow {
  readonly label: string;
  readonly value: string;
}

const ASPECTS: Readonly<Record<string, readonly SparkAspect[]>> = {
  'spark.executor.memory': ['heap', 'container'],
  'spark.memory.fraction': ['heap'],
  'spark.memory.storageFraction': ['heap', 'off-heap'],
  'spark.testing.memory': ['heap'],
  'spark.testing.reservedMemory': ['heap'],
  'spark.memory.useLegacyMode': ['legacy'],
  'spark.storage.memoryFraction': ['legacy'],
  'spark.storage.safetyFraction': ['legacy'],
  'spark.storage.unrollFraction': ['legacy'],
  'spark.shuffle.memoryFraction': ['legacy'],
  'spark.shuffle.safetyFraction': ['legacy'],
  'spark.memory.offHeap.enabled': ['off-heap', 'container'],
  'spark.memory.offHeap.size': ['off-heap', 'container'],
  'spark.unsafe.offHeap': ['off-heap'],
  'spark.executor.memoryOverhead': ['container'],
  'spark.yarn.executor.memoryOverhead': ['container'],
  'spark.executor.memoryOverheadFactor': ['container'],
  'spark.kubernetes.memoryOverheadFactor': ['container'],
  'spark.executor.minMemoryOverhead': ['container'],
  'spark.executor.pyspark.memory': ['container'],
  'spark.master': ['container'],
  'spark.executor.cores': ['tasks', 'page'],
  'spark.task.cpus': ['tasks'],
  'spark.buffer.pageSize': ['page'],
  'spark.driver.memory': ['driver'],
};

export function sparkAspects(key: string): readonly SparkAspect[] {
  return Object.prototype.hasOwnProperty.call(ASPECTS, key) ? ASPECTS[key]! : [];
}

const fraction = (x: number): string => String(x);

/** A layout row (layout/rows.ts) as a hover's fact. */
const fact = (r: LayoutRow): FactRow => ({ label: rowHoverLabel(r), value: bytesExact(r.bytes) });

export function sparkRows(layout: SparkLayout, aspects: readonly SparkAspect[]): FactRow[] {
  const has = (a: SparkAspect): boolean => aspects.includes(a);
  const rows: FactRow[] = rowsIn(sparkLayoutRows(layout), 'hover')
    .filter((r) => r.aspects.some(has))
    .map(fact);
  const u = layout.unified;
  if (has('heap') && u !== undefined && layout.executorJvm.maxMemory === undefined) {
    rows.splice(1, 0, { label: `Runtime.maxMemory, ${collectorText(layout.executorJvm)}`, value: 'not modelled' });
  }
  // Off-heap left at 0: the rows leave it out, the hover on an off-heap key still says so.
  if (has('off-heap') && u !== undefined && u.maxOffHeapMemory === 0) {
    rows.push({
      label: `Off-heap (spark.memory.offHeap.size), ${u.offHeapEnabled ? 'enabled' : 'not enabled: Tungsten stays on heap'}`,
      value: bytesExact(0),
    });
  }
  if (has('container') && layout.container !== undefined) {
    const c = layout.container;
    const where = c.clusterManager === 'kubernetes' ? 'Kubernetes pod' : 'YARN container';
    const origin =
      c.memoryOverheadOrigin === 'set'
        ? 'set'
        : c.memoryOverheadOrigin === 'factor'
          ? `heap × ${fraction(c.memoryOverheadFactor)}`
          : 'the minimum';
    rows.push(
      { label: `${where}: heap`, value: mibExact(c.executorMemoryMiB) },
      { label: `${where}: overhead (${origin})`, value: mibExact(c.memoryOverheadMiB) },
    );
    if (c.offHeapMiB > 0) rows.push({ label: `${where}: off-heap`, value: mibExact(c.offHeapMiB) });
    if (c.pysparkMemoryMiB > 0) rows.push({ label: `${where}: PySpark`, value: mibExact(c.pysparkMemoryMiB) });
    rows.push({ label: `${where} request`, value: mibExact(c.totalMiB) });
  }
  if (has('tasks') && layout.executionPerTask !== undefined) {
    const t = layout.executionPerTask;
    // Before the per-task bounds (the rows' 1/N and 1/(2N)), which it explains.
    const at = rows.findIndex((r) => r.label.startsWith('Execution per task'));
    rows.splice(at < 0 ? rows.length : at, 0, {
      label: 'Tasks at once (cores / task cpus)',
      value: `${t.concurrentTasks} (${layout.executorCores} / ${layout.taskCpus})`,
    });
  }
  if (has('driver') && layout.driverMemory !== undefined)
    rows.push({ label: 'Driver heap', value: bytesExact(layout.driverMemory) });
  return rows;
}

/** The inlay-hint phrases for a Spark key, or undefined when it drives no size we show inline. */
export function sparkHint(layout: SparkLayout, key: string): string[] | undefined {
  const u = layout.unified;
  const c = layout.container;
  switch (key) {
    case 'spark.executor.memory':
      if (u === undefined) return undefined;
      return [
        `unified ${formatBytes(u.maxHeapMemory)}`,
        `storage ${formatBytes(u.onHeapStorageRegionSize)}`,
        `user ${formatBytes(u.userMemory)}`,
      ];
    case 'spark.memory.fraction':
      if (u === undefined) return undefined;
      return [`unified ${formatBytes(u.maxHeapMemory)}`, `user ${formatBytes(u.userMemory)}`];
    case 'spark.memory.storageFraction':
      if (u === undefined) return undefined;
      return [
        `storage ${formatBytes(u.onHeapStorageRegionSize)}`,
        `execution ${formatBytes(u.onHeapExecutionPoolSize)}`,
      ];
    case 'spark.memory.offHeap.size':
      if (u === undefined) return undefined;
      return [
        `off-heap storage ${formatBytes(u.offHeapStorageRegionSize)}`,
        `execution ${formatBytes(u.offHeapExecutionPoolSize)}`,
        ...(u.offHeapEnabled ? [] : ['not enabled']),
      ];
    case 'spark.executor.memoryOverhead':
    case 'spark.yarn.executor.memoryOverhead':
    case 'spark.executor.memoryOverheadFactor':
    case 'spark.kubernetes.memoryOverheadFactor':
    case 'spark.executor.pyspark.memory':
      if (c === undefined) return undefined;
      return [
        `overhead ${groupDigits(c.memoryOverheadMiB)} MiB`,
        `${c.clusterManager === 'kubernetes' ? 'pod' : 'container'} ${formatBytes(c.totalMiB * 1024 * 1024)}`,
      ];
    case 'spark.executor.cores':
    case 'spark.task.cpus': {
      const t = layout.executionPerTask;
      if (t === undefined) return undefined;
      return [
        `${t.concurrentTasks} task${t.concurrentTasks === 1 ? '' : 's'}`,
        `${formatBytes(t.minPerTask)}–${formatBytes(t.maxPerTask)} execution each`,
      ];
    }
    default:
      return undefined;
  }
}

const pct = (x: number): string => `${Number(x.toFixed(2))} %`;

export function memberRows(l: SnappyMemberLayout): FactRow[] {
  const rows = rowsIn(memberLayoutRows(l), 'hover').map(fact);
  // The heap when the rows have none: no -Xmx, or one the JVM refuses.
  if (l.heapBytes === undefined) {
    rows.unshift(
      l.maxHeapSize !== undefined
        ? {
            label: `Heap (-Xmx${l.maxHeapSize.value}, ${ORIGIN_WORDS[l.maxHeapSize.origin]})`,
            value: 'not a valid -Xmx',
          }
        : { label: 'Heap', value: 'the JVM default (no -Xmx)' },
    );
  }
  rows.splice(
    1,
    0,
    {
      label: `critical-heap-percentage (${ORIGIN_WORDS[l.criticalHeapPercentage.origin]})`,
      value: l.criticalHeapPercentage.origin === 'disabled' ? 'off' : pct(l.criticalHeapPercentage.value),
    },
    {
      label: `eviction-heap-percentage (${ORIGIN_WORDS[l.evictionHeapPercentage.origin]})`,
      value: l.evictionHeapPercentage.origin === 'disabled' ? 'off' : pct(l.evictionHeapPercentage.value),
    },
  );
  if (l.role === 'server') {
    if (!rows.some((r) => r.label.startsWith('Off-heap (memory-size'))) {
      rows.push({ label: `Off-heap (memory-size, ${l.memorySize.origin})`, value: bytesExact(l.memorySize.value) });
    }
    if (l.executorCores !== undefined)
      rows.push({
        label: `Executor cores (${ORIGIN_WORDS[l.executorCores.origin]})`,
        value: String(l.executorCores.value),
      });
  }
  return rows;
}

/** The inlay-hint phrases for a member line. */
export function memberHint(l: SnappyMemberLayout): string[] | undefined {
  if (l.startupErrors.some((e) => e.phase === 'snappy-launcher') && l.heapBytes === undefined)
    return ['does not start'];
  const parts: string[] = [];
  if (l.heapBytes !== undefined) parts.push(`heap ${formatBytes(l.heapBytes)}`);
  if (l.reservedMemory !== undefined) parts.push(`reserved ${formatBytes(l.reservedMemory)}`);
  if (l.maxHeapMemory !== undefined) parts.push(`unified ${formatBytes(l.maxHeapMemory)}`);
  if (l.maxHeapStorageSize !== undefined) parts.push(`max storage ${formatBytes(l.maxHeapStorageSize)}`);
  if (l.role === 'server') parts.push(`off-heap ${formatBytes(l.memorySize.value)}`);
  return parts.length > 0 ? parts : undefined;
}
