// PLACEHOLDER for the lead's src/core/layout container request: the arithmetic of spark-memory.md
// section 10, kept tiny and pure so it can be swapped for the layout module's function.
// Sources: YarnAllocator.scala [2.4.4]; ResourceProfile.scala [3.3.1, 4.1.1].
import { SparkVersion, atLeast } from '../../../src/core/version';
import { byteStringAs } from '../../../src/core/size';
import { javaDoubleToString } from '../../../src/core/config/javaParse';
import { SparkError, SimConf } from '../../../src/core/sim';

export interface ContainerRequest {
  readonly executorMemoryMiB: number;
  readonly memoryOverheadMiB: number;
  readonly offHeapMiB: number;
  readonly pysparkMemoryMiB: number;
  readonly totalMiB: number;
}

function mib(conf: SimConf, key: string, dflt: number): number {
  const raw = conf.get(key);
  if (raw === undefined) return dflt;
  const r = byteStringAs(raw, 'MiB');
  if (!r.ok) throw new SparkError('NumberFormatException', r.error);
  return r.value;
}

/** Executor container size asked of YARN/Kubernetes, in MiB. */
export function deriveContainer(
  confMap: Readonly<Record<string, string>>,
  version: SparkVersion,
  isPythonApp: boolean,
  clusterManager: 'yarn' | 'k8s',
): ContainerRequest {
  const conf = new SimConf(confMap, version);
  const executorMemoryMiB = mib(conf, 'spark.executor.memory', 1024);
  const factor = atLeast(version, 3, 3) ? conf.getDouble('spark.executor.memoryOverheadFactor', 0.1) : 0.1;
  if (atLeast(version, 3, 3) && !(factor > 0)) {
    throw conf.checkValueError(
      'spark.executor.memoryOverheadFactor',
      javaDoubleToString(factor),
      'Ensure that memory overhead is a double greater than 0',
    );
  }
  const minOverhead = atLeast(version, 4, 0) ? mib(conf, 'spark.executor.minMemoryOverhead', 384) : 384;
  const memoryOverheadMiB = conf.contains('spark.executor.memoryOverhead')
    ? mib(conf, 'spark.executor.memoryOverhead', 0)
    : Math.max(Math.trunc(factor * executorMemoryMiB), minOverhead);
  // Off-heap joined the request in 3.0 on YARN (SPARK-28577) and 3.1 on Kubernetes (SPARK-32661).
  const offHeapCounted = clusterManager === 'yarn' ? atLeast(version, 3, 0) : atLeast(version, 3, 1);
  let offHeapMiB = 0;
  if (offHeapCounted && conf.getBoolean('spark.memory.offHeap.enabled', false)) {
    const size = conf.getBytesEntry('spark.memory.offHeap.size', 0);
    if (!(size > 0))
      throw new SparkError(
        'IllegalArgumentException',
        'requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true',
      );
    offHeapMiB = Math.trunc(size / (1024 * 1024));
  }
  const pysparkMemoryMiB =
    isPythonApp && conf.contains('spark.executor.pyspark.memory') ? mib(conf, 'spark.executor.pyspark.memory', 0) : 0;
  return {
    executorMemoryMiB,
    memoryOverheadMiB,
    offHeapMiB,
    pysparkMemoryMiB,
    totalMiB: executorMemoryMiB + memoryOverheadMiB + offHeapMiB + pysparkMemoryMiB,
  };
}
