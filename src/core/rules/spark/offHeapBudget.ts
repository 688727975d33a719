// OFFHEAP-BUDGET: before Spark 3.0 on YARN (SPARK-28577) and 3.1 on Kubernetes (SPARK-32661) the
// container request does not include spark.memory.offHeap.size (YarnAllocator 2.4.4 l.144;
// spark-memory.md 10): off-heap memory must fit inside spark.executor.memoryOverhead together with
// the JVM's own native memory, or YARN kills the container and Kubernetes OOM-kills the pod.
// PySpark memory is part of the request from 2.4.0 on both (YarnAllocator 2.4.4 l.136-145,
// BasicExecutorFeatureStep 2.4.4 l.60-70), so only off-heap is outside it. The numbers are the
// layout's container request.
import type { QuickFix, Rule } from '../types';
import { MiB, effective, humanMiB, insertAfter, replaceValue, sparkLayoutOf } from './helpers';

export const offHeapBudget: Rule = {
  code: 'OFFHEAP-BUDGET',
  title: 'Off-heap memory that must fit in the overhead (Spark before 3.0 on YARN, 3.1 on Kubernetes)',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const l = sparkLayoutOf(ctx);
    const c = l?.container;
    if (l === undefined || c === undefined || c.offHeapMiB > 0) return;
    // Either manager: the unified one, or 2.4's StaticMemoryManager (spark.memory.useLegacyMode), which
    // puts all of spark.memory.offHeap.size in its off-heap execution pool; Tungsten uses it when enabled.
    const u = l.unified;
    const g = l.legacy;
    const offBytes =
      u !== undefined
        ? u.offHeapEnabled
          ? u.maxOffHeapMemory
          : 0
        : g !== undefined && g.tungstenMemoryMode === 'OFF_HEAP'
          ? g.maxOffHeapMemory
          : 0;
    const offMiB = Math.trunc(offBytes / MiB);
    if (offMiB <= 0 || offMiB < c.memoryOverheadMiB) return;
    const size = effective(ctx, 'spark.memory.offHeap.size');
    if (size === undefined) return;
    const overhead =
      effective(ctx, 'spark.executor.memoryOverhead') ?? effective(ctx, 'spark.yarn.executor.memoryOverhead');
    const need = c.memoryOverheadMiB + offMiB;
    const added = c.clusterManager === 'kubernetes' ? '3.1 (SPARK-32661)' : '3.0 (SPARK-28577)';
    const fixes: QuickFix[] = [];
    if (overhead !== undefined)
      fixes.push(replaceValue(overhead, `${need}m`, `Set ${overhead.key} to ${need}m (overhead + off-heap)`));
    else {
      const add = insertAfter(
        ctx,
        size,
        'spark.executor.memoryOverhead',
        `${need}m`,
        `Add spark.executor.memoryOverhead ${need}m (overhead + off-heap)`,
      );
      if (add !== undefined) fixes.push(add);
    }
    report({
      message:
        `Spark ${l.sparkVersion} on ${c.clusterManager === 'kubernetes' ? 'Kubernetes' : 'YARN'} does not add off-heap memory to the container (it does from ${added}): ` +
        `the ${humanMiB(offMiB)} of spark.memory.offHeap.size must fit in the ${humanMiB(c.memoryOverheadMiB)} overhead together with the JVM's own native memory, ` +
        `so the executor outgrows its ${humanMiB(c.totalMiB)} container and is killed. Raise the overhead to at least ${need} MiB.`,
      span: size.span,
      ...(overhead !== undefined
        ? { related: [{ span: overhead.span, message: 'The overhead off-heap memory must fit in' }] }
        : {}),
      ...(fixes.length > 0 ? { fixes } : {}),
    });
  },
};
