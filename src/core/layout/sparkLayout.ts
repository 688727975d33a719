// The memory layout of one Spark executor for a configuration, with the start-up errors Spark would
// raise for it. Composes the exact derivations (unified.ts, static.ts, pageSize.ts, container.ts);
// nothing here re-derives a size.
import type { SparkConfView } from '../config/confSource';
import type { ConfValue } from '../parse/confValue';
import { readConfSize, readTypedBoolean, readTypedBytes, readTypedInt, readConfDouble } from '../config/typedConf';
import { byteStringAs, byteSuffixesFor, javaTrim, parseJvmHeapSize } from '../size';
import { SparkVersion, atLeast, formatVersion } from '../version';
import {
  ClusterManager,
  ContainerRequest,
  clusterManagerOf,
  defaultProfileErrors,
  deriveContainerRequest,
} from './container';
import { allocationManagerErrors } from './allocationManager';
import { launcherErrors } from './launcher';
import { JavaVersion, ResolvedJvm, collectorText, resolveJvm } from './jvmMaxMemory';
import { GarbageCollector, defaultPageSizeBytes } from './pageSize';
import { StartupError, invalidSparkConfig } from './startupError';
import { StaticMemorySizes, deriveStaticMemory } from './static';
import { javaDoubleToString } from '../config/javaParse';
import { UnifiedMemorySizes, deriveUnifiedMemory, readError } from './unified';

export interface SparkLayoutOptions {
  readonly version: SparkVersion;
  /** The executor JVM's Runtime.maxMemory, when known exactly; otherwise derived from the heap. */
  readonly systemMemory?: number;
  /**
   * Share of -Xmx the JVM does not report as Runtime.maxMemory, overriding the collector's model
   * (jvmMaxMemory.ts). Unset: Runtime.maxMemory follows the collector.
   */
  readonly jvmMaxMemoryShortfall?: number;
  /** The collector, chosen outright; else -XX:+Use…GC in the JVM's extraJavaOptions, else the JVM default. */
  readonly gc?: GarbageCollector;
  /** The Java version whose default collector applies (17 when unset). */
  readonly javaVersion?: JavaVersion;
  /** Whether the JVM sees a server-class machine (2+ processors, 1792 MiB+): G1, else Serial, from JDK 9. */
  readonly serverClassMachine?: boolean;
  readonly clusterManager?: ClusterManager;
  readonly pythonApp?: boolean;
}

export interface ExecutionPerTask {
  /** Tasks that run at once: spark.executor.cores / spark.task.cpus. */
  readonly concurrentTasks: number;
  /** 1/(2N) of the initial execution pool: below this a task waits (ExecutionMemoryPool). */
  readonly minPerTask: number;
  /** 1/N of the largest pool execution can reach by evicting storage. */
  readonly maxPerTask: number;
}

export interface SparkLayout {
  readonly flavour: 'spark';
  readonly sparkVersion: string;
  readonly memoryManager: 'UnifiedMemoryManager' | 'StaticMemoryManager';
  /** spark.executor.memory in bytes (the -Xmx of the executor). */
  readonly executorMemory: number;
  readonly executorMemorySource?: ConfValue;
  readonly unified?: UnifiedMemorySizes;
  readonly legacy?: StaticMemorySizes;
  readonly pageSizeBytes?: number;
  readonly executionPerTask?: ExecutionPerTask;
  readonly executorCores: number;
  readonly taskCpus: number;
  readonly container?: ContainerRequest;
  readonly clusterManager: ClusterManager;
  /** spark.driver.memory in bytes, when it parses. */
  readonly driverMemory?: number;
  /** The executor JVM: its -Xmx, collector and Runtime.maxMemory. */
  readonly executorJvm: ResolvedJvm;
  readonly assumptions: readonly string[];
  /** In the order Spark meets them; the first is what a run prints. */
  readonly startupErrors: readonly StartupError[];
}

const MiB = 1024 * 1024;

function positiveSize(conf: SparkConfView, key: string, message: string, v: SparkVersion): StartupError | undefined {
  const from = conf.get(key);
  if (from === undefined) return undefined;
  // SparkSubmitArguments.validateSubmitArguments: Try(JavaUtils.byteStringAsBytes(v)).getOrElse(-1L) <= 0
  const r = byteStringAs(from.value, 'BYTE', byteSuffixesFor(v));
  if (r.ok && r.value > 0) return undefined;
  return { phase: 'submit', exceptionClass: 'SparkException', message, key, from };
}

function positiveInt(conf: SparkConfView, key: string, message: string): StartupError | undefined {
  const from = conf.get(key);
  if (from === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(from.value) ? Number(from.value) : -1;
  if (n > 0 && n <= 2147483647) return undefined;
  return { phase: 'submit', exceptionClass: 'SparkException', message, key, from };
}

/** The Tungsten mode's initial execution pool and the most execution can reach (by evicting storage, unified only). */
function tungstenPools(
  unified: UnifiedMemorySizes | undefined,
  legacy: StaticMemorySizes | undefined,
): { mode: 'ON_HEAP' | 'OFF_HEAP'; pool: number; reachable: number; pagePool: number } | undefined {
  if (unified !== undefined) {
    const off = unified.tungstenMemoryMode === 'OFF_HEAP';
    return {
      mode: unified.tungstenMemoryMode,
      pool: off ? unified.offHeapExecutionPoolSize : unified.onHeapExecutionPoolSize,
      reachable: off ? unified.maxOffHeapMemory : unified.maxHeapMemory,
      pagePool: off ? unified.offHeapExecutionPoolSize : unified.onHeapExecutionPoolSize,
    };
  }
  if (legacy !== undefined) {
    // 2.4's pageSizeBytes is a val of MemoryManager, computed before StaticMemoryManager's constructor moves
    // the off-heap storage share to execution: the page follows the unified split of the off-heap size.
    const off = legacy.tungstenMemoryMode === 'OFF_HEAP';
    const pool = off ? legacy.offHeapExecutionPoolSize : legacy.maxOnHeapExecutionMemory;
    const pagePool = off ? legacy.offHeapExecutionPoolSize - legacy.offHeapStorageShareAtStart : pool;
    return { mode: legacy.tungstenMemoryMode, pool, reachable: pool, pagePool };
  }
  return undefined;
}

function pushUnique(list: StartupError[], e: StartupError | undefined): void {
  if (e !== undefined && !list.some((x) => x.message === e.message)) list.push(e);
}

/** SparkSubmitArguments.validateSubmitArguments: sizes and counts must be positive, before anything starts. */
function validateSubmitArguments(
  conf: SparkConfView,
  deployMode: string,
  v: SparkVersion,
): (StartupError | undefined)[] {
  return [
    positiveSize(conf, 'spark.driver.memory', 'Driver memory must be a positive number', v),
    positiveSize(conf, 'spark.executor.memory', 'Executor memory must be a positive number', v),
    positiveInt(conf, 'spark.executor.cores', 'Executor cores must be a positive number'),
    deployMode === 'cluster'
      ? positiveInt(conf, 'spark.driver.cores', 'Driver cores must be a positive number')
      : undefined,
    positiveInt(conf, 'spark.executor.instances', 'Number of executors must be a positive number'),
  ];
}

/**
 * The driver's heap (SparkSubmitCommandBuilder): a client-mode driver JVM (also a Kubernetes driver pod) gets
 * -Xmx<spark.driver.memory> verbatim (its java options may not set -Xmx: launcher.ts).
 */
function driverHeap(
  conf: SparkConfView,
  v: SparkVersion,
  deployMode: string,
  clusterManager: ClusterManager,
): { driverMemory: number | undefined; errors: StartupError[] } {
  const errors: StartupError[] = [];
  const driverFrom = conf.get('spark.driver.memory');
  let driverMemory: number | undefined;
  const driverText = javaTrim(driverFrom?.value ?? '1g');
  const driverParsed = byteStringAs(driverText, 'MiB', byteSuffixesFor(v));
  if (driverParsed.ok) driverMemory = driverParsed.value * MiB;
  if (deployMode !== 'cluster' || clusterManager === 'kubernetes') {
    const jvm = parseJvmHeapSize(driverText);
    if (!jvm.ok)
      errors.push({
        phase: 'jvm',
        exceptionClass: 'JVM',
        message: jvm.error,
        key: 'spark.driver.memory',
        ...(driverFrom !== undefined ? { from: driverFrom } : {}),
      });
    else driverMemory = jvm.bytes;
  }
  return { driverMemory, errors };
}

/** SparkConf.validateSettings on the driver: executor java options, and every memory fraction in [0, 1]. */
function validateSettings(conf: SparkConfView, v: SparkVersion): { errors: StartupError[]; fractionRefused: boolean } {
  const errors: StartupError[] = [];
  const execOpts = conf.get('spark.executor.extraJavaOptions');
  if (execOpts !== undefined) {
    if (execOpts.value.includes('-Dspark')) {
      errors.push({
        phase: 'driver',
        exceptionClass: atLeast(v, 4, 0) ? 'SparkException' : 'Exception',
        message: invalidSparkConfig(
          'INVALID_EXECUTOR_SPARK_OPTIONS',
          `spark.executor.extraJavaOptions is not allowed to set Spark options (was '${execOpts.value}'). Set them directly on a SparkConf or in a properties file when using ./bin/spark-submit.`,
          v,
        ),
        key: 'spark.executor.extraJavaOptions',
        from: execOpts,
      });
    }
    if (execOpts.value.includes('-Xmx')) {
      errors.push({
        phase: 'driver',
        exceptionClass: atLeast(v, 4, 0) ? 'SparkException' : 'Exception',
        message: invalidSparkConfig(
          'INVALID_EXECUTOR_MEMORY_OPTIONS',
          `spark.executor.extraJavaOptions is not allowed to specify max heap memory settings (was '${execOpts.value}'). Use spark.executor.memory instead.`,
          v,
        ),
        key: 'spark.executor.extraJavaOptions',
        from: execOpts,
      });
    }
  }
  const fractionKeys = ['spark.memory.fraction', 'spark.memory.storageFraction'];
  if (!atLeast(v, 3))
    fractionKeys.push(
      'spark.shuffle.memoryFraction',
      'spark.shuffle.safetyFraction',
      'spark.storage.unrollFraction',
      'spark.storage.safetyFraction',
      'spark.storage.memoryFraction',
    );
  // A fraction validateSettings refuses stops SparkContext before any memory manager exists: nothing to lay out.
  let fractionRefused = false;
  for (const key of fractionKeys) {
    if (!conf.contains(key)) continue;
    const r = readConfDouble(conf, key, v, '0.5');
    if (!r.ok) {
      errors.push(readError(r, 'driver'));
      fractionRefused = true;
      continue;
    }
    // `value > 1 || value < 0` (IllegalArgumentException), which NaN passes; 4.0 adds a check that
    // refuses NaN with the error class INVALID_SPARK_CONFIG.INVALID_MEMORY_FRACTION (seen through the
    // oracle on 4.0.2, 4.1.3 and 4.2.0; 3.5.9 lets NaN through).
    const x = r.read.value;
    const nan = Number.isNaN(x) && atLeast(v, 4, 0);
    if (x > 1 || x < 0 || nan) {
      fractionRefused = true;
      const text = `${key} should be between 0 and 1 (was '${javaDoubleToString(x)}').`;
      errors.push({
        phase: 'driver',
        exceptionClass: nan ? 'SparkIllegalArgumentException' : 'IllegalArgumentException',
        message: nan ? invalidSparkConfig('INVALID_MEMORY_FRACTION', text, v) : text,
        key,
        ...(r.read.from !== undefined ? { from: r.read.from } : {}),
      });
    }
  }
  return { errors, fractionRefused };
}

/** Task slots: spark.executor.cores / spark.task.cpus, with SparkContext's check that a task fits an executor. */
function taskSlots(
  conf: SparkConfView,
  v: SparkVersion,
): { executorCores: number; taskCpus: number; errors: StartupError[] } {
  const coresR = readTypedInt(conf, 'spark.executor.cores', v);
  const executorCores = coresR.ok && coresR.read.value > 0 ? coresR.read.value : 1;
  const cpusR = readTypedInt(conf, 'spark.task.cpus', v);
  const taskCpus = cpusR.ok && cpusR.read.value > 0 ? cpusR.read.value : 1;
  const errors: StartupError[] = [];
  // SparkContext reads CPUS_PER_TASK (an intConf) before it checks the cores against it.
  if (!cpusR.ok) errors.push(readError(cpusR, 'driver'));
  if (executorCores < taskCpus) {
    if (atLeast(v, 3)) {
      const from = conf.get('spark.executor.cores');
      errors.push({
        phase: 'driver',
        exceptionClass: 'SparkException',
        message: `The number of cores per executor (=${executorCores}) has to be >= the number of cpus per task = ${taskCpus}.`,
        key: 'spark.executor.cores',
        ...(from !== undefined ? { from } : {}),
      });
    }
    // 2.4 checks them only in its ExecutorAllocationManager (allocationManager.ts).
  }
  return { executorCores, taskCpus, errors };
}

interface JvmChoice {
  readonly gc?: GarbageCollector;
  readonly javaVersion?: JavaVersion;
  readonly serverClassMachine?: boolean;
}

/**
 * getMaxMemory's systemMemory: the executor JVM's Runtime.maxMemory for -Xmx<spark.executor.memory in MiB>
 * (ExecutorRunnable / KubernetesUtils), as the collector reports it, or as the options say.
 */
function executorSystemMemory(
  conf: SparkConfView,
  opts: SparkLayoutOptions,
  jvmChoice: JvmChoice,
): {
  executorMemory: number;
  executorJvm: ResolvedJvm;
  systemMemory: number;
  maxMemoryOf: (jvm: ResolvedJvm) => number;
  assumption: string | undefined;
} {
  const execR = readTypedBytes(conf, 'spark.executor.memory', 'MiB', opts.version);
  const executorMemory = execR.ok ? execR.read.value * MiB : 1024 * MiB;
  const executorJvm = resolveJvm(executorMemory, conf.getString('spark.executor.extraJavaOptions'), jvmChoice);
  const shortfall = opts.jvmMaxMemoryShortfall;
  const maxMemoryOf = (jvm: ResolvedJvm): number =>
    shortfall !== undefined ? Math.trunc(jvm.heap * (1 - shortfall)) : (jvm.maxMemory ?? jvm.heap);
  const systemMemory = opts.systemMemory ?? maxMemoryOf(executorJvm);
  const assumption =
    opts.systemMemory !== undefined
      ? undefined
      : shortfall !== undefined
        ? `System memory = spark.executor.memory × ${1 - shortfall} (JVM max-memory shortfall ${shortfall}).`
        : executorJvm.maxMemory === undefined
          ? `System memory = -Xmx: Runtime.maxMemory under ${executorJvm.collector} is not modelled.`
          : `System memory = Runtime.maxMemory of -Xmx${executorMemory / MiB}m under ${collectorText(executorJvm)}.`;
  return { executorMemory, executorJvm, systemMemory, maxMemoryOf, assumption };
}

/**
 * The memory manager each JVM builds (SparkEnv.create): StaticMemoryManager in 2.4's legacy mode, else
 * UnifiedMemoryManager, first in the driver (it fails fast on the executor size), then in the executor.
 */
function memoryManagers(
  conf: SparkConfView,
  v: SparkVersion,
  systemMemory: number,
  driverSystemMemory: number | undefined,
  fractionRefused: boolean,
): {
  legacyMode: boolean;
  unified: UnifiedMemorySizes | undefined;
  legacy: StaticMemorySizes | undefined;
  errors: StartupError[];
} {
  const legacyR = !atLeast(v, 3) ? readTypedBoolean(conf, 'spark.memory.useLegacyMode', v) : undefined;
  const legacyMode = legacyR !== undefined && legacyR.ok && legacyR.read.value;
  const errors: StartupError[] = [];
  if (legacyR !== undefined && !legacyR.ok) {
    // 2.4's validateSettings reads it with getBoolean (SparkConf.catchIllegalValue wraps toBoolean's error).
    const raw = conf.getString('spark.memory.useLegacyMode') ?? '';
    errors.push({
      phase: 'driver',
      exceptionClass: 'IllegalArgumentException',
      message: `Illegal value for config key spark.memory.useLegacyMode: For input string: "${raw}"`,
      key: 'spark.memory.useLegacyMode',
      ...(legacyR.error.from !== undefined ? { from: legacyR.error.from } : {}),
    });
  }
  // SparkEnv.createDriverEnv builds the same memory manager in the driver JVM before any executor
  // starts, so a refusal there is the driver's (its text names spark.driver.memory for a small heap).
  if (driverSystemMemory !== undefined) {
    const driverSide = legacyMode
      ? deriveStaticMemory(driverSystemMemory, conf, v)
      : deriveUnifiedMemory(driverSystemMemory, conf, v);
    if (!driverSide.ok) errors.push({ ...driverSide.error, phase: 'driver' });
  }
  // A fraction validateSettings refused stops SparkContext before any memory manager exists: no sizes.
  if (legacyMode) {
    const d = deriveStaticMemory(systemMemory, conf, v);
    if (!d.ok) errors.push(d.error);
    return { legacyMode, unified: undefined, legacy: d.ok && !fractionRefused ? d.sizes : undefined, errors };
  }
  const d = deriveUnifiedMemory(systemMemory, conf, v);
  if (!d.ok) errors.push(d.error);
  return { legacyMode, unified: d.ok && !fractionRefused ? d.sizes : undefined, legacy: undefined, errors };
}

/**
 * MemoryManager.pageSizeBytes (spark.buffer.pageSize, else the default from the Tungsten pool) and the per-task
 * shares of ExecutionMemoryPool: 1/(2N) of the pool to wait below, 1/N of what execution can reach.
 */
function tungstenPageAndTaskShares(
  conf: SparkConfView,
  v: SparkVersion,
  tungsten: NonNullable<ReturnType<typeof tungstenPools>>,
  executorCores: number,
  taskCpus: number,
  gc: GarbageCollector,
): { pageSizeBytes: number; executionPerTask: ExecutionPerTask; error: StartupError | undefined } {
  // A typed entry from 3.0; 2.4's MemoryManager reads it with getSizeAsBytes (catchIllegalValue's wrapper).
  const explicit = !conf.contains('spark.buffer.pageSize')
    ? undefined
    : atLeast(v, 3)
      ? readTypedBytes(conf, 'spark.buffer.pageSize', 'BYTE', v)
      : readConfSize(conf, 'spark.buffer.pageSize', 'BYTE');
  // BUFFER_PAGESIZE is read by MemoryManager's pageSizeBytes val, so the driver's manager fails first.
  const error = explicit !== undefined && !explicit.ok ? readError(explicit, 'driver') : undefined;
  const pageSizeBytes =
    explicit !== undefined && explicit.ok
      ? explicit.read.value
      : defaultPageSizeBytes(tungsten.pagePool, executorCores, tungsten.mode, gc, v);
  const n = Math.max(1, Math.floor(executorCores / taskCpus));
  const executionPerTask = {
    concurrentTasks: n,
    minPerTask: Math.trunc(tungsten.pool / (2 * n)),
    maxPerTask: Math.trunc(tungsten.reachable / n),
  };
  return { pageSizeBytes, executionPerTask, error };
}

/** The stages in the order Spark meets them; each stage's errors are kept once, in that order. */
export function sparkLayout(conf: SparkConfView, opts: SparkLayoutOptions): SparkLayout {
  const v = opts.version;
  const errors: StartupError[] = [];
  const push = (...es: (StartupError | undefined)[]): void => {
    for (const e of es) pushUnique(errors, e);
  };
  const assumptions: string[] = [];
  const clusterManager = opts.clusterManager ?? clusterManagerOf(conf.getString('spark.master')) ?? 'yarn';
  if (opts.clusterManager === undefined && clusterManagerOf(conf.getString('spark.master')) === undefined) {
    assumptions.push('Cluster manager: YARN (spark.master is not set).');
  }
  const deployMode = javaTrim(conf.getString('spark.submit.deployMode') ?? 'client');

  // The launcher runs before the JVM that validates the submit arguments.
  push(launcherErrors(conf, v));
  push(...validateSubmitArguments(conf, deployMode, v));
  const driver = driverHeap(conf, v, deployMode, clusterManager);
  push(...driver.errors);
  const settings = validateSettings(conf, v);
  push(...settings.errors);
  const slots = taskSlots(conf, v);
  push(...slots.errors);
  const { executorCores, taskCpus } = slots;

  const jvmChoice: JvmChoice = {
    ...(opts.gc !== undefined ? { gc: opts.gc } : {}),
    ...(opts.javaVersion !== undefined ? { javaVersion: opts.javaVersion } : {}),
    ...(opts.serverClassMachine !== undefined ? { serverClassMachine: opts.serverClassMachine } : {}),
  };
  const heap = executorSystemMemory(conf, opts, jvmChoice);
  if (heap.assumption !== undefined) assumptions.push(heap.assumption);
  const driverSystemMemory =
    driver.driverMemory === undefined
      ? undefined
      : heap.maxMemoryOf(resolveJvm(driver.driverMemory, conf.getString('spark.driver.extraJavaOptions'), jvmChoice));
  const managers = memoryManagers(conf, v, heap.systemMemory, driverSystemMemory, settings.fractionRefused);
  // SparkContext builds its ResourceProfileManager (the default profile's reads) before SparkEnv's memory
  // manager up to 4.0 and after it from 4.1 (SparkContext's constructor, 3.5.9 / 4.0.2 against 4.1.3 / 4.2.0).
  const profile = defaultProfileErrors(conf, v);
  if (atLeast(v, 4, 1)) push(...managers.errors.filter((e) => e.phase === 'driver'), ...profile, ...managers.errors);
  else push(...profile, ...managers.errors);
  const { unified, legacy } = managers;
  // 2.4's dynamic allocation manager, which SparkContext builds after SparkEnv.
  push(allocationManagerErrors(conf, v, executorCores, taskCpus));

  // Container sizing on YARN and Kubernetes (container.ts).
  let container: ContainerRequest | undefined;
  if (clusterManager === 'yarn' || clusterManager === 'kubernetes') {
    const c = deriveContainerRequest(conf, v, {
      clusterManager,
      ...(opts.pythonApp !== undefined ? { pythonApp: opts.pythonApp } : {}),
    });
    if (c.ok) container = c.request;
    else push(c.error);
  }

  const tungsten = tungstenPools(unified, legacy);
  const shares =
    tungsten === undefined
      ? undefined
      : tungstenPageAndTaskShares(conf, v, tungsten, executorCores, taskCpus, heap.executorJvm.collector);
  push(shares?.error);
  const execFrom = conf.get('spark.executor.memory');
  const driverMemory = driver.driverMemory;

  return {
    flavour: 'spark',
    sparkVersion: formatVersion(v),
    memoryManager: managers.legacyMode ? 'StaticMemoryManager' : 'UnifiedMemoryManager',
    executorMemory: heap.executorMemory,
    ...(execFrom !== undefined ? { executorMemorySource: execFrom } : {}),
    ...(unified !== undefined ? { unified } : {}),
    ...(legacy !== undefined ? { legacy } : {}),
    ...(shares !== undefined ? { pageSizeBytes: shares.pageSizeBytes, executionPerTask: shares.executionPerTask } : {}),
    executorCores,
    taskCpus,
    ...(container !== undefined ? { container } : {}),
    clusterManager,
    ...(driverMemory !== undefined ? { driverMemory } : {}),
    executorJvm: heap.executorJvm,
    assumptions,
    startupErrors: errors,
  };
}
