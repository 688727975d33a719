// SNAPPY-HEAP-GUIDANCE: a data server or lead with an explicit heap below the production guidance
// in SnappyData's memory docs ("allocate minimum 6-8 GB of heap per data server/lead node for
// production systems that run large scale analytic queries", memory_management.md; the figure
// lives in catalog/snappyKeys.ts). Guidance only: the product does not check it.
import { SNAPPY_PRODUCTION_HEAP_GUIDANCE } from '../../catalog/snappyKeys';
import type { Rule } from '../types';
import { humanBytes, layoutsOf, membersOf } from './common';

export const snappyHeapGuidance: Rule = {
  code: 'SNAPPY-HEAP-GUIDANCE',
  title: "Heap below the docs' 6-8 GB production guidance for data servers and leads",
  defaultSeverity: 'info',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined || !(SNAPPY_PRODUCTION_HEAP_GUIDANCE.roles as readonly string[]).includes(doc.role)) return;
    const layouts = layoutsOf(ctx);
    doc.members.forEach((m, i) => {
      const l = layouts[i];
      const heap = l?.maxHeapSize;
      if (l === undefined || heap === undefined || heap.origin !== 'set' || l.heapBytes === undefined) return;
      if (l.heapBytes >= SNAPPY_PRODUCTION_HEAP_GUIDANCE.minBytes) return;
      const span =
        heap.span !== undefined && heap.span.start >= m.lineSpan.start && heap.span.end <= m.lineSpan.end
          ? heap.span
          : m.hostSpan;
      report({
        message:
          `${humanBytes(l.heapBytes)} of heap for this ${doc.role === 'lead' ? 'lead' : 'data server'}: SnappyData's memory docs strongly recommend at least ${SNAPPY_PRODUCTION_HEAP_GUIDANCE.text} ` +
          'per data server and lead for production systems that run large analytic queries (execution, Parquet/CSV reads and row tables use the heap). Fine for development and small data.',
        span,
      });
    });
  },
};
