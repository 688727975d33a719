// The executor a run drives, built from its source (executor.ts): the memory manager Spark would
// create for the configuration, with the scenario's what-ifs on top. Sizes come from the layout
// (sparkLayout), never from a second derivation here.
import { SparkConfView } from '../config/confSource';
import { sparkLayout } from '../layout/sparkLayout';
import { SparkError } from '../sim/errors';
import { MemoryManager } from '../sim/memoryManager';
import { SnappyUnifiedMemoryManager } from '../sim/snappyUnifiedMemoryManager';
import { SimConf } from '../sim/sparkConf';
import { StaticMemoryManager } from '../sim/staticMemoryManager';
import { UnifiedMemoryManager } from '../sim/unifiedMemoryManager';
import { formatVersion } from '../version';
import type { ExecutorSource, Scenario, SimExecutorInfo } from './types';
import { MAX_TASK_SLOTS, slotsMessage } from './workBudget';

export interface BuiltExecutor {
  readonly mm: MemoryManager;
  readonly snappy: SnappyUnifiedMemoryManager | undefined;
  readonly info: SimExecutorInfo;
  readonly managerName: string;
  readonly versionText: string;
}

/** The executor's manager from the source; the scenario's conf what-ifs go on top (re-laid out if they change sizes). */
export function buildExecutor(
  source: ExecutorSource,
  scenario: Scenario,
): BuiltExecutor | string | { readonly limit: string } {
  const conf: Record<string, string> = { ...source.conf, ...(scenario.conf ?? {}) };
  const version = source.version;
  let systemMemory = source.systemMemory;
  let userMemory = source.userMemory;
  let cores = source.executorCores ?? 1;
  let taskCpus = source.taskCpus ?? 1;
  let managerKind = source.memoryManager ?? 'UnifiedMemoryManager';
  const changed = Object.entries(scenario.conf ?? {}).some(([k, v]) => source.conf[k] !== v);
  if (source.snappy === undefined && (changed || systemMemory === undefined)) {
    // The what-ifs may change the heap, the cores or the manager: ask the layout again (one layout function).
    const view = new SparkConfView(
      Object.entries(conf).map(([key, value]) => ({ key, value, origin: 'override' as const })),
    );
    const l = sparkLayout(view, { version });
    const first = l.startupErrors[0];
    if (first !== undefined)
      return `${first.exceptionClass === 'JVM' ? '' : `${first.exceptionClass}: `}${first.message}`;
    systemMemory = l.unified?.systemMemory ?? l.legacy?.systemMemory ?? systemMemory;
    userMemory =
      l.unified !== undefined
        ? l.unified.userMemory
        : l.legacy !== undefined
          ? Math.max(0, l.legacy.systemMemory - l.legacy.maxOnHeapStorageMemory - l.legacy.maxOnHeapExecutionMemory)
          : userMemory;
    cores = l.executorCores;
    taskCpus = l.taskCpus;
    managerKind = l.memoryManager;
  }
  const slots = Math.max(1, Math.floor(cores / Math.max(1, taskCpus)));
  if (slots > MAX_TASK_SLOTS) return { limit: slotsMessage(slots, cores, taskCpus) };
  try {
    let mm: MemoryManager;
    let snappy: SnappyUnifiedMemoryManager | undefined;
    let managerName: string;
    let versionText: string;
    if (source.snappy !== undefined) {
      const s = source.snappy;
      snappy = new SnappyUnifiedMemoryManager({
        systemMemory: systemMemory ?? s.heapBytes,
        ...(s.criticalHeapPercentage > 0 ? { criticalHeapPercentage: s.criticalHeapPercentage } : {}),
        ...(s.evictionHeapPercentage > 0 ? { evictionHeapPercentage: s.evictionHeapPercentage } : {}),
        memorySize: s.memorySize,
        conf,
        numCores: cores,
        version,
      });
      mm = snappy;
      managerName = 'SnappyUnifiedMemoryManager';
      versionText = formatVersion(version);
      systemMemory = systemMemory ?? s.heapBytes;
    } else {
      if (systemMemory === undefined) return 'the executor heap is not known';
      const opts = { version, conf: new SimConf(conf, version), systemMemory, numCores: cores, gc: 'G1' as const };
      mm =
        managerKind === 'StaticMemoryManager'
          ? StaticMemoryManager.fromConf(opts)
          : UnifiedMemoryManager.fromConf(opts);
      managerName = managerKind === 'StaticMemoryManager' ? 'StaticMemoryManager' : 'UnifiedMemoryManager';
      versionText = formatVersion(version);
    }
    const info: SimExecutorInfo = {
      ...(source.label !== undefined ? { label: source.label } : {}),
      systemMemory,
      maxHeapMemory: mm.onHeapStorageMemoryPool.poolSize + mm.onHeapExecutionMemoryPool.poolSize,
      maxOffHeapMemory: mm.maxOffHeapMemory,
      onHeapStorageRegionSize:
        mm instanceof UnifiedMemoryManager ? mm.onHeapStorageRegionSize : mm.onHeapStorageMemoryPool.poolSize,
      userMemory: userMemory ?? 0,
      slots,
      pageSizeBytes: mm.pageSizeBytes,
      tungstenMemoryMode: mm.tungstenMemoryMode,
    };
    return { mm, snappy, info, managerName, versionText };
  } catch (e) {
    return e instanceof SparkError ? `${e.sparkClass}: ${e.message}` : String(e);
  }
}
