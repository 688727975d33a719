// CORES-TASKCPUS: fewer executor cores than cores per task, so no task can ever run. 3.x:
// ResourceUtils.validateTaskCpusLargeEnough (3.5.0 l.408) "The number of cores per executor (=X)
// has to be >= the number of cpus per task = Y."; 2.4 checks only with dynamic allocation
// (ExecutorAllocationManager 2.4.4 l.220). The text is the layout's.
import type { StartupError } from '../../layout/startupError';
import type { WrittenSetting } from '../settingsOf';
import type { Rule, RuleContext } from '../types';
import { effective, replaceValue, startupErrorsOn } from './helpers';

const TEXT = /The number of cores per executor|spark\.executor\.cores must not be < spark\.task\.cpus/;

export function coresTarget(ctx: RuleContext, e: StartupError): WrittenSetting | undefined {
  if (!TEXT.test(e.message)) return undefined;
  return effective(ctx, 'spark.executor.cores') ?? effective(ctx, 'spark.task.cpus');
}

export const coresTaskCpus: Rule = {
  code: 'CORES-TASKCPUS',
  title: 'spark.executor.cores below spark.task.cpus: no task fits in an executor',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const { layout: l, error: e, at } of startupErrorsOn(ctx, coresTarget)) {
      const other = at.key === 'spark.executor.cores' ? effective(ctx, 'spark.task.cpus') : undefined;
      const cores = effective(ctx, 'spark.executor.cores');
      report({
        message: `${e.message} An executor with ${l.executorCores} core(s) can never start a task that needs ${l.taskCpus}.`,
        span: at.span,
        ...(other !== undefined ? { related: [{ span: other.span, message: 'Cores each task needs' }] } : {}),
        ...(cores !== undefined
          ? { fixes: [replaceValue(cores, String(l.taskCpus), `Set spark.executor.cores to ${l.taskCpus}`, false)] }
          : {}),
      });
      return;
    }
  },
};
