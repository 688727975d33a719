// EXEC-PER-TASK: the execution memory one task can count on. ExecutionMemoryPool.acquireMemory
// lets a task wait until it holds 1/(2N) of the execution pool and caps it at 1/N of what execution
// can reach (N = tasks running at once; 2.4.4, 3.3.1, 4.1.1; spark-memory.md 3.2). When that floor is
// below GUIDANCE.executionPerTaskBytes (64 MiB, the largest default page) sorts, joins and
// aggregations spill almost at once. The numbers are the layout's executionPerTask.
import { GUIDANCE } from '../../catalog';
import type { RelatedLocation, Rule } from '../types';
import { effective, human, sparkLayoutOf } from './helpers';

const KEYS = [
  'spark.executor.cores',
  'spark.executor.memory',
  'spark.task.cpus',
  'spark.memory.fraction',
  'spark.memory.storageFraction',
  'spark.memory.offHeap.size',
];

/**
 * Why a small floor spills, measured against the page size in force (an explicit spark.buffer.pageSize,
 * else MemoryManager.defaultPageSizeBytes, which shrinks with the pool: 4g and 16 cores give 8 MiB
 * pages): below one page a task cannot hold a full Tungsten page; above it, it holds only a few.
 */
function pageReason(floor: number, page: number | undefined): string {
  if (page === undefined || page <= 0)
    return 'Sorts, joins and aggregations spill to disk when a task reaches its share.';
  if (floor < page)
    return `That is less than one Tungsten page (${human(page)}, the page size in force), so sorts, joins and aggregations spill to disk almost at once.`;
  const pages = Math.floor(floor / page);
  return `That is only ${pages} Tungsten page${pages === 1 ? '' : 's'} of ${human(page)} (the page size in force), so sorts, joins and aggregations spill to disk early.`;
}

export const execPerTask: Rule = {
  code: 'EXEC-PER-TASK',
  title: 'Too little execution memory per concurrent task: heavy spilling',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const l = sparkLayoutOf(ctx);
    const t = l?.executionPerTask;
    if (l === undefined || t === undefined || l.startupErrors.length > 0) return;
    if (t.minPerTask >= GUIDANCE.executionPerTaskBytes.value) return;
    const written = KEYS.map((k) => effective(ctx, k)).filter((s) => s !== undefined);
    const at = written[0];
    if (at === undefined) return;
    const related: RelatedLocation[] = written
      .slice(1)
      .map((s) => ({ span: s.span, message: `${s.key} ${s.value.trim()}` }));
    const offHeap = l.unified?.tungstenMemoryMode === 'OFF_HEAP' ? 'off-heap ' : '';
    report({
      message:
        `${t.concurrentTasks} task(s) run at once per executor (spark.executor.cores ${l.executorCores} / spark.task.cpus ${l.taskCpus}). ` +
        `Each is only sure of 1/(2×${t.concurrentTasks}) of the initial ${offHeap}execution pool, ${human(t.minPerTask)} (it waits below that), and may grow to 1/${t.concurrentTasks} of what execution can reach, ${human(t.maxPerTask)}. ` +
        `${pageReason(t.minPerTask, l.pageSizeBytes)} Give each executor more memory or fewer cores.`,
      span: at.span,
      ...(related.length > 0 ? { related } : {}),
    });
  },
};
