// A `kind: "container"` derive case through the layout's one container derivation
// (src/core/layout/container.ts: YarnAllocator 2.4.4, ResourceProfile 3.3.1/4.1.1, BasicExecutorFeatureStep),
// with the layout's refusal raised as the exception Spark throws.
import { SparkVersion } from '../../../src/core/version';
import { SparkConfView } from '../../../src/core/config/confSource';
import { deriveContainerRequest } from '../../../src/core/layout/container';
import { sparkErrorOf } from '../../../src/core/sim/errors';

export interface ContainerRequest {
  readonly executorMemoryMiB: number;
  readonly memoryOverheadMiB: number;
  readonly offHeapMiB: number;
  readonly pysparkMemoryMiB: number;
  readonly totalMiB: number;
}

/** Executor container size asked of YARN/Kubernetes, in MiB. */
export function deriveContainer(
  confMap: Readonly<Record<string, string>>,
  version: SparkVersion,
  isPythonApp: boolean,
  clusterManager: 'yarn' | 'k8s',
): ContainerRequest {
  const r = deriveContainerRequest(SparkConfView.fromRecord(confMap), version, {
    clusterManager: clusterManager === 'k8s' ? 'kubernetes' : 'yarn',
    pythonApp: isPythonApp,
  });
  if (!r.ok) throw sparkErrorOf(r.error);
  const { executorMemoryMiB, memoryOverheadMiB, offHeapMiB, pysparkMemoryMiB, totalMiB } = r.request;
  return { executorMemoryMiB, memoryOverheadMiB, offHeapMiB, pysparkMemoryMiB, totalMiB };
}
