// The derived numbers a memory setting produces, as labelled rows (for hovers) and short phrases
// (for inlay hints). Every number comes from the layout modules (layout/sparkLayout.ts,
// layout/snappyLayout.ts); this file only chooses which of them belong to which key and names them.
import type { SnappyMemberLayout } from '../layout/snappyLayout';
import { collectorText } from '../layout/jvmMaxMemory';
import type { SparkLayout } from '../layout/sparkLayout';
import { formatBytes } from '../size/format';
import { bytesExact, groupDigits, mibExact } from './numbers';

export interface FactRow {
  readonly label: string;
  readonly value: string;
}

/** Which part of the executor layout a Spark key drives. */
export type SparkAspect = 'heap' | 'off-heap' | 'container' | 'tasks' | 'page' | 'driver' | 'legacy';

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

export function sparkRows(layout: SparkLayout, aspects: readonly SparkAspect[]): FactRow[] {
  const rows: FactRow[] = [];
  const u = layout.unified;
  const has = (a: SparkAspect): boolean => aspects.includes(a);
  const jvm = layout.executorJvm;
  const jvmRows: FactRow[] = [
    { label: 'Heap (-Xmx)', value: bytesExact(jvm.heap) },
    {
      label: `Runtime.maxMemory, ${collectorText(jvm)}`,
      value: jvm.maxMemory !== undefined ? bytesExact(jvm.maxMemory) : 'not modelled',
    },
  ];
  if (has('heap') && u !== undefined) {
    rows.push(
      ...jvmRows,
      { label: 'System memory', value: bytesExact(u.systemMemory) },
      { label: 'Reserved', value: bytesExact(u.reservedMemory) },
      { label: 'Usable (heap − reserved)', value: bytesExact(u.usableMemory) },
      { label: `Unified region (usable × ${fraction(u.memoryFraction)})`, value: bytesExact(u.maxHeapMemory) },
      {
        label: `Storage region (unified × ${fraction(u.storageFraction)})`,
        value: bytesExact(u.onHeapStorageRegionSize),
      },
      { label: 'Execution pool at start', value: bytesExact(u.onHeapExecutionPoolSize) },
      { label: 'User memory (usable − unified)', value: bytesExact(u.userMemory) },
    );
  }
  if ((has('heap') || has('legacy')) && layout.legacy !== undefined) {
    const l = layout.legacy;
    rows.push(
      ...jvmRows,
      { label: 'System memory', value: bytesExact(l.systemMemory) },
      { label: 'Storage (StaticMemoryManager)', value: bytesExact(l.maxOnHeapStorageMemory) },
      { label: 'Execution (StaticMemoryManager)', value: bytesExact(l.maxOnHeapExecutionMemory) },
      { label: 'Unroll limit', value: bytesExact(l.maxUnrollMemory) },
    );
  }
  if (has('off-heap') && u !== undefined) {
    rows.push(
      {
        label: `Off-heap (${u.offHeapEnabled ? 'enabled' : 'not enabled: Tungsten stays on heap'})`,
        value: bytesExact(u.maxOffHeapMemory),
      },
      {
        label: `Off-heap storage region (× ${fraction(u.storageFraction)})`,
        value: bytesExact(u.offHeapStorageRegionSize),
      },
      { label: 'Off-heap execution pool at start', value: bytesExact(u.offHeapExecutionPoolSize) },
    );
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
    rows.push(
      {
        label: 'Tasks at once (cores / task cpus)',
        value: `${t.concurrentTasks} (${layout.executorCores} / ${layout.taskCpus})`,
      },
      { label: 'Execution per task: guaranteed (1/2N)', value: bytesExact(t.minPerTask) },
      { label: 'Execution per task: at most (1/N)', value: bytesExact(t.maxPerTask) },
    );
  }
  if (has('page') && layout.pageSizeBytes !== undefined)
    rows.push({ label: 'Tungsten page size', value: bytesExact(layout.pageSizeBytes) });
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

const ORIGIN: Readonly<Record<string, string>> = {
  set: 'set',
  lead: 'from the lead',
  default: 'default',
  disabled: 'off',
  forced: 'forced by snappy-nodes.sh',
};

const pct = (x: number): string => `${Number(x.toFixed(2))} %`;

export function memberRows(l: SnappyMemberLayout): FactRow[] {
  const rows: FactRow[] = [];
  if (l.maxHeapSize !== undefined) {
    rows.push({
      label: `Heap -Xmx${l.maxHeapSize.value} (${ORIGIN[l.maxHeapSize.origin]})`,
      value: l.heapBytes !== undefined ? bytesExact(l.heapBytes) : 'not a valid -Xmx',
    });
  } else rows.push({ label: 'Heap', value: 'the JVM default (no -Xmx)' });
  rows.push({
    label: `critical-heap-percentage (${ORIGIN[l.criticalHeapPercentage.origin]})`,
    value: l.criticalHeapPercentage.origin === 'disabled' ? 'off' : pct(l.criticalHeapPercentage.value),
  });
  rows.push({
    label: `eviction-heap-percentage (${ORIGIN[l.evictionHeapPercentage.origin]})`,
    value: l.evictionHeapPercentage.origin === 'disabled' ? 'off' : pct(l.evictionHeapPercentage.value),
  });
  if (l.reservedMemory !== undefined)
    rows.push({ label: 'Reserved (heap above the critical threshold)', value: bytesExact(l.reservedMemory) });
  if (l.usableMemory !== undefined) rows.push({ label: 'Usable (heap − reserved)', value: bytesExact(l.usableMemory) });
  if (l.maxHeapMemory !== undefined && l.memoryFraction !== undefined) {
    rows.push({
      label: `Unified region (usable × ${l.memoryFraction.value}, ${ORIGIN[l.memoryFraction.origin]})`,
      value: bytesExact(l.maxHeapMemory),
    });
  }
  if (l.onHeapStorageRegionSize !== undefined && l.storageFraction !== undefined) {
    rows.push({
      label: `Storage region (unified × ${l.storageFraction.value}, ${ORIGIN[l.storageFraction.origin]})`,
      value: bytesExact(l.onHeapStorageRegionSize),
    });
  }
  if (l.onHeapExecutionPoolSize !== undefined)
    rows.push({ label: 'Execution pool at start', value: bytesExact(l.onHeapExecutionPoolSize) });
  if (l.maxHeapStorageSize !== undefined && l.evictionFraction !== undefined) {
    rows.push({
      label: `Max heap storage (unified × ${Number(l.evictionFraction.toFixed(4))})`,
      value: bytesExact(l.maxHeapStorageSize),
    });
  }
  if (l.userMemory !== undefined)
    rows.push({ label: 'User memory (usable − unified)', value: bytesExact(l.userMemory) });
  if (l.role === 'server') {
    rows.push({
      label: `Off-heap memory-size (${ORIGIN[l.memorySize.origin]})`,
      value: bytesExact(l.memorySize.value),
    });
    if (l.memorySize.value > 0) {
      if (l.offHeapStorageRegionSize !== undefined)
        rows.push({ label: 'Off-heap storage region', value: bytesExact(l.offHeapStorageRegionSize) });
      if (l.offHeapExecutionPoolSize !== undefined)
        rows.push({ label: 'Off-heap execution pool at start', value: bytesExact(l.offHeapExecutionPoolSize) });
      if (l.maxOffHeapStorageSize !== undefined && l.storageMaxFraction !== undefined) {
        rows.push({
          label: `Max off-heap storage (× ${l.storageMaxFraction.value})`,
          value: bytesExact(l.maxOffHeapStorageSize),
        });
      }
    }
    if (l.executorCores !== undefined)
      rows.push({ label: `Executor cores (${ORIGIN[l.executorCores.origin]})`, value: String(l.executorCores.value) });
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
