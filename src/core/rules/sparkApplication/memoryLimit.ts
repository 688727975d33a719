// OP-MEMORY-LIMIT: spec.executor.memoryLimit below the memory Spark requests for the executor pod.
// The pod's request and limit are heap + overhead (+ off-heap from 3.1, + PySpark), the layout's
// container request (BasicExecutorFeatureStep, ResourceProfile); spark-operator's webhook then
// replaces the limit with memoryLimit (internal/webhook/sparkpod_defaulter.go l.102-112). A limit
// below what the JVM is allowed to use gets the executor OOM-killed once it fills its heap (or the
// pod refused, when the limit falls below the request).
import { containerParts } from '../../layout/container';
import { formatBytes } from '../../size';
import { sparkLayoutOf } from '../spark/helpers';
import type { Rule } from '../types';
import { parseK8sQuantity } from './quantity';

const MiB = 1024 * 1024;

export const opMemoryLimit: Rule = {
  code: 'OP-MEMORY-LIMIT',
  title: "spec.executor.memoryLimit below the executor pod's memory request",
  defaultSeverity: 'error',
  appliesTo: ['spark-application'],
  check(ctx, report) {
    if (ctx.doc.kind !== 'spark-application') return;
    const f = ctx.doc.executorMemoryLimit;
    const c = sparkLayoutOf(ctx)?.container;
    if (f === undefined || c === undefined) return;
    const bytes = parseK8sQuantity(f.text);
    if (bytes === undefined) {
      report({
        message: `spec.executor.memoryLimit ${JSON.stringify(f.text)} is not a Kubernetes quantity (for example "4Gi" or "4096Mi").`,
        span: f.span,
        severity: 'warning',
      });
      return;
    }
    const need = c.totalMiB * MiB;
    if (bytes >= need) return;
    const parts = containerParts(c);
    report({
      message:
        `spec.executor.memoryLimit ${f.text} (${formatBytes(bytes)}) is below the ${c.totalMiB}Mi Spark requests for each executor pod (${parts}). ` +
        "The webhook makes it the pod's memory limit, so the pod is refused (limit below request) or the executor is OOM-killed as soon as its heap and native memory grow past it.",
      span: f.span,
      fixes: [
        {
          title: `Write "${c.totalMiB}Mi"`,
          edits: [{ span: f.span, newText: `"${c.totalMiB}Mi"` }],
          isPreferred: true,
        },
      ],
    });
  },
};
