// CONTAINER-BUDGET: the memory one executor container asks for (heap + overhead + off-heap +
// PySpark, the layout's container request: ResourceProfile.getResourcesForClusterManager 3.x,
// YarnAllocator 2.4.4) above the limit the user gives in settings.containerLimitMiB (YARN's
// yarn.scheduler.maximum-allocation-mb or a namespace's pod limit). YARN refuses such a request at
// submission ("... is above the max threshold (<n> MB) of this cluster!", Client.verifyClusterResources);
// Kubernetes leaves the pod unschedulable.
import type { RelatedLocation, Rule } from '../types';
import { effective, humanMiB, sparkLayoutOf } from './helpers';

const PARTS = [
  'spark.executor.memory',
  'spark.executor.memoryOverhead',
  'spark.yarn.executor.memoryOverhead',
  'spark.memory.offHeap.size',
  'spark.executor.pyspark.memory',
  'spark.executor.memoryOverheadFactor',
  'spark.kubernetes.memoryOverheadFactor',
];

export const containerBudget: Rule = {
  code: 'CONTAINER-BUDGET',
  title: 'The executor container request is above the limit you set',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const limit = ctx.settings.containerLimitMiB;
    const c = sparkLayoutOf(ctx)?.container;
    if (limit === undefined || c === undefined || c.totalMiB <= limit) return;
    const written = PARTS.map((k) => effective(ctx, k)).filter((s) => s !== undefined);
    const at = written[0];
    if (at === undefined) return;
    const sum = [
      `${c.executorMemoryMiB} MiB heap`,
      `${c.memoryOverheadMiB} MiB overhead${c.memoryOverheadOrigin === 'set' ? '' : c.memoryOverheadOrigin === 'minimum' ? ' (the minimum)' : ` (${c.memoryOverheadFactor} × heap)`}`,
    ];
    if (c.offHeapMiB > 0) sum.push(`${c.offHeapMiB} MiB off-heap`);
    if (c.pysparkMemoryMiB > 0) sum.push(`${c.pysparkMemoryMiB} MiB PySpark`);
    const related: RelatedLocation[] = written
      .slice(1)
      .map((s) => ({ span: s.span, message: `${s.key} adds to the container` }));
    report({
      message:
        `Each executor container asks for ${sum.join(' + ')} = ${humanMiB(c.totalMiB)}, above the ${humanMiB(limit)} limit set for this workspace. ` +
        (c.clusterManager === 'kubernetes'
          ? 'Kubernetes cannot schedule the executor pods (they stay Pending).'
          : 'YARN refuses the request at submission: "Required executor memory ... is above the max threshold ... of this cluster!".') +
        ` Shrink the heap, overhead or off-heap by ${c.totalMiB - limit} MiB.`,
      span: at.span,
      ...(related.length > 0 ? { related } : {}),
    });
  },
};
