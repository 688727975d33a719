// What YARN or Kubernetes is asked for per executor (spark-memory.md section 10, config-formats.md
// A.6): YarnAllocator (2.4.4), ResourceProfile.getResourcesForClusterManager (3.3.1, 3.5.0, 4.1.1),
// BasicExecutorFeatureStep (Kubernetes).
import type { SparkConfView } from '../config/confSource';
import { Read, readTypedBoolean, readTypedBytes, readTypedDouble } from '../config/typedConf';
import { SparkVersion, atLeast } from '../version';
import { StartupError, checkValueFailure } from './startupError';
import { javaDoubleToString } from '../config/javaParse';
import { readError, readOffHeapSize } from './unified';

export type ClusterManager = 'yarn' | 'kubernetes' | 'standalone' | 'local';

/** ResourceProfile.MEMORY_OVERHEAD_MIN_MIB / YarnSparkHadoopUtil.MEMORY_OVERHEAD_MIN (384 MiB before 4.0). */
export const MEMORY_OVERHEAD_MIN_MIB = 384;
const MiB = 1024 * 1024;

export interface ContainerRequest {
  readonly clusterManager: ClusterManager;
  readonly executorMemoryMiB: number;
  readonly memoryOverheadMiB: number;
  /** Whether the overhead was given (spark.executor.memoryOverhead) or derived from the factor. */
  readonly memoryOverheadOrigin: 'set' | 'factor' | 'minimum';
  readonly memoryOverheadFactor: number;
  readonly offHeapMiB: number;
  readonly pysparkMemoryMiB: number;
  readonly totalMiB: number;
}

export function clusterManagerOf(master: string | undefined): ClusterManager | undefined {
  if (master === undefined) return undefined;
  const m = master.trim();
  if (m === 'yarn' || m.startsWith('yarn-')) return 'yarn';
  if (m.startsWith('k8s://')) return 'kubernetes';
  if (m.startsWith('spark://')) return 'standalone';
  if (m === 'local' || m.startsWith('local[') || m.startsWith('local-cluster')) return 'local';
  return undefined;
}

function fail(r: Extract<Read<unknown>, { ok: false }>): { ok: false; error: StartupError } {
  return { ok: false, error: readError(r, 'container') };
}

type Step<T> = { ok: true; value: T } | { ok: false; error: StartupError };

/**
 * Config.MEMORY_OVERHEAD_FACTOR's checkValue in spark-kubernetes: [0, 1) up to 3.2 ("between 0 --> 1.0"), then
 * only >= 0 from 3.3 (SPARK-37611; spark-kubernetes 3.5.6 and 4.2.0 bytecode, the oracle's
 * k8s-overhead-factor-negative case). 2.4's TypedConfigBuilder.checkValue throws the bare text. The template
 * Spark refuses the factor with, or undefined.
 */
function kubernetesFactorRefused(factor: number, v: SparkVersion): string | undefined {
  const head = atLeast(v, 3) ? "'{value}' in {key} is invalid. " : '';
  if (atLeast(v, 3, 3)) return factor >= 0 ? undefined : `${head}Ensure that memory overhead is non-negative`;
  return factor >= 0 && factor < 1 ? undefined : `${head}Ensure that memory overhead is a double between 0 --> 1.0`;
}

/**
 * The overhead factor: 0.1 fixed on YARN before 3.3; Kubernetes reads spark.kubernetes.memoryOverheadFactor
 * (0.4 for non-JVM apps); from 3.3 spark.executor.memoryOverheadFactor wins when it is set.
 */
function memoryOverheadFactor(
  conf: SparkConfView,
  v: SparkVersion,
  clusterManager: ClusterManager,
  pythonApp: boolean,
): Step<number> {
  let factor = 0.1;
  if (clusterManager === 'kubernetes') {
    const r = readTypedDouble(conf, 'spark.kubernetes.memoryOverheadFactor', v, pythonApp ? '0.4' : '0.1');
    if (!r.ok) return fail(r);
    factor = r.read.value;
    const refused = kubernetesFactorRefused(factor, v);
    if (refused !== undefined)
      return {
        ok: false,
        error: {
          phase: 'container',
          ...checkValueFailure(refused, 'spark.kubernetes.memoryOverheadFactor', javaDoubleToString(factor), v),
          key: 'spark.kubernetes.memoryOverheadFactor',
          from: conf.get('spark.kubernetes.memoryOverheadFactor')!,
        },
      };
  }
  if (!atLeast(v, 3, 3) || !conf.contains('spark.executor.memoryOverheadFactor')) return { ok: true, value: factor };
  const r = readTypedDouble(conf, 'spark.executor.memoryOverheadFactor', v);
  if (!r.ok) return fail(r);
  factor = r.read.value;
  if (factor > 0) return { ok: true, value: factor };
  return {
    ok: false,
    error: {
      phase: 'container',
      // EXECUTOR_MEMORY_OVERHEAD_FACTOR.checkValue (3.3+): the parsed double is quoted.
      ...checkValueFailure(
        "'{value}' in {key} is invalid. Ensure that memory overhead is a double greater than 0",
        'spark.executor.memoryOverheadFactor',
        javaDoubleToString(factor),
        v,
      ),
      key: 'spark.executor.memoryOverheadFactor',
      from: conf.get('spark.executor.memoryOverheadFactor')!,
    },
  };
}

/**
 * Utils.executorOffHeapMemorySizeAsMb: the off-heap size added to the container, from 3.0 on YARN
 * (SPARK-28577) and from 3.1 on Kubernetes (SPARK-32661); it must be > 0 when off-heap is enabled. From 3.1
 * (Utils, 3.5.9 and 4.2.0 bytecode) it reads MEMORY_OFFHEAP_SIZE (with its checkValue >= 0) before asking whether
 * off-heap is enabled (checkOffHeapEnabled), so a negative size fails even with off-heap disabled; 3.0's
 * YarnSparkHadoopUtil asked first.
 */
function executorOffHeapMemorySizeAsMb(
  conf: SparkConfView,
  v: SparkVersion,
  clusterManager: ClusterManager,
): Step<number> {
  const offHeapAdded = clusterManager === 'kubernetes' ? atLeast(v, 3, 1) : atLeast(v, 3);
  if (!offHeapAdded) return { ok: true, value: 0 };
  let size = atLeast(v, 3, 1) ? readOffHeapSize(conf, v, 'container') : undefined;
  if (size !== undefined && !size.ok) return size;
  const en = readTypedBoolean(conf, 'spark.memory.offHeap.enabled', v);
  if (!en.ok) return fail(en);
  if (!en.read.value) return { ok: true, value: 0 };
  size ??= readOffHeapSize(conf, v, 'container');
  if (!size.ok) return size;
  // Utils.memoryStringToMb: bytes / 1024 / 1024, truncated.
  const offHeapMiB = Math.trunc(size.sizes / MiB);
  if (offHeapMiB > 0) return { ok: true, value: offHeapMiB };
  const from = conf.get('spark.memory.offHeap.size');
  return {
    ok: false,
    error: {
      phase: 'container',
      exceptionClass: 'IllegalArgumentException',
      // Utils.checkOffHeapEnabled (3.5.9 and 4.2.0 bytecode) checks it with Scala's require, whose text starts
      // "requirement failed: " (YarnAllocator and BasicExecutorFeatureStep print it so: test/oracle/checks/containers.ts).
      message: 'requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
      key: 'spark.memory.offHeap.size',
      ...(from !== undefined ? { from } : {}),
    },
  };
}

/**
 * SparkContext's default ResourceProfile (3.1+: ResourceProfileManager -> ResourceProfile.getOrCreateDefaultProfile
 * -> getDefaultExecutorResources, 3.5.9 and 4.2.0 bytecode) reads the executors' memory overhead, PySpark memory
 * and off-heap size (Utils.executorOffHeapMemorySizeAsMb, with its > 0 check) on the driver, whatever the cluster
 * manager and whether or not the application is Python's: a bad value there stops the driver.
 */
export function defaultProfileErrors(conf: SparkConfView, v: SparkVersion): StartupError[] {
  if (!atLeast(v, 3, 1)) return [];
  const errors: StartupError[] = [];
  const asDriver = (e: StartupError): StartupError => ({ ...e, phase: 'driver' });
  if (conf.getFirst('spark.executor.memoryOverhead', 'spark.yarn.executor.memoryOverhead') !== undefined) {
    const r = readTypedBytes(conf, 'spark.executor.memoryOverhead', 'MiB', v);
    if (!r.ok) errors.push(fail(r).error);
  }
  if (conf.contains('spark.executor.pyspark.memory')) {
    const r = readTypedBytes(conf, 'spark.executor.pyspark.memory', 'MiB', v);
    if (!r.ok) errors.push(fail(r).error);
  }
  const offHeap = executorOffHeapMemorySizeAsMb(conf, v, 'yarn');
  if (!offHeap.ok) errors.push(offHeap.error);
  return errors.map(asDriver);
}

export function deriveContainerRequest(
  conf: SparkConfView,
  v: SparkVersion,
  opts: { clusterManager?: ClusterManager; pythonApp?: boolean } = {},
): { ok: true; request: ContainerRequest } | { ok: false; error: StartupError } {
  const clusterManager = opts.clusterManager ?? clusterManagerOf(conf.getString('spark.master')) ?? 'yarn';
  const pythonApp = opts.pythonApp ?? false;
  const memR = readTypedBytes(conf, 'spark.executor.memory', 'MiB', v);
  if (!memR.ok) return fail(memR);
  const executorMemoryMiB = memR.read.value;

  const factorR = memoryOverheadFactor(conf, v, clusterManager, pythonApp);
  if (!factorR.ok) return factorR;
  const factor = factorR.value;
  let minOverheadMiB = MEMORY_OVERHEAD_MIN_MIB;
  if (atLeast(v, 4)) {
    const r = readTypedBytes(conf, 'spark.executor.minMemoryOverhead', 'MiB', v);
    if (!r.ok) return fail(r);
    minOverheadMiB = r.read.value;
  }
  let memoryOverheadMiB: number;
  let memoryOverheadOrigin: ContainerRequest['memoryOverheadOrigin'];
  const overheadSet = conf.getFirst('spark.executor.memoryOverhead', 'spark.yarn.executor.memoryOverhead');
  if (overheadSet !== undefined) {
    const r = readTypedBytes(conf, 'spark.executor.memoryOverhead', 'MiB', v);
    if (!r.ok) return fail(r);
    memoryOverheadMiB = r.read.value;
    memoryOverheadOrigin = 'set';
  } else {
    const fromFactor = Math.trunc(factor * executorMemoryMiB);
    memoryOverheadMiB = Math.max(fromFactor, minOverheadMiB);
    memoryOverheadOrigin = fromFactor >= minOverheadMiB ? 'factor' : 'minimum';
  }
  const offHeapR = executorOffHeapMemorySizeAsMb(conf, v, clusterManager);
  if (!offHeapR.ok) return offHeapR;
  const offHeapMiB = offHeapR.value;
  let pysparkMemoryMiB = 0;
  if (pythonApp && conf.contains('spark.executor.pyspark.memory')) {
    const r = readTypedBytes(conf, 'spark.executor.pyspark.memory', 'MiB', v);
    if (!r.ok) return fail(r);
    pysparkMemoryMiB = r.read.value;
  }
  return {
    ok: true,
    request: {
      clusterManager,
      executorMemoryMiB,
      memoryOverheadMiB,
      memoryOverheadOrigin,
      memoryOverheadFactor: factor,
      offHeapMiB,
      pysparkMemoryMiB,
      totalMiB: executorMemoryMiB + memoryOverheadMiB + offHeapMiB + pysparkMemoryMiB,
    },
  };
}

/** The request's parts as every front end writes them: "4096 MiB heap + 409 MiB overhead[ + … off-heap][ + … PySpark]". */
export function containerParts(c: ContainerRequest): string {
  return (
    `${c.executorMemoryMiB} MiB heap + ${c.memoryOverheadMiB} MiB overhead` +
    `${c.offHeapMiB > 0 ? ` + ${c.offHeapMiB} MiB off-heap` : ''}${c.pysparkMemoryMiB > 0 ? ` + ${c.pysparkMemoryMiB} MiB PySpark` : ''}`
  );
}
