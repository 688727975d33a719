// FRACTION-STORAGE: spark.memory.storageFraction valid but implausible. Above
// GUIDANCE.storageFractionHigh (0.9) the initial execution pool is a sliver of the unified region
// (UnifiedMemoryManager.apply), and the default page size and each task's 1/(2N) floor derive from
// it; below GUIDANCE.storageFractionLow (0.1) almost no cached block is protected from eviction.
import { GUIDANCE } from '../../catalog';
import { javaParseDouble } from '../../config/javaParse';
import type { Rule } from '../types';
import { effective, human, sparkLayoutOf, startupErrorsAt, valueHazard } from './helpers';

export const fractionStorage: Rule = {
  code: 'FRACTION-STORAGE',
  title: 'spark.memory.storageFraction implausibly large (tiny execution pool) or small',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const s = effective(ctx, 'spark.memory.storageFraction');
    if (s === undefined || valueHazard(ctx, s) !== undefined || startupErrorsAt(ctx, s.key).length > 0) return;
    const p = javaParseDouble(s.value);
    if (!p.ok || !(p.value >= 0 && p.value <= 1)) return;
    const f = p.value;
    const u = sparkLayoutOf(ctx)?.unified;
    if (f > GUIDANCE.storageFractionHigh.value) {
      report({
        message:
          `spark.memory.storageFraction ${s.value.trim()} starts the execution pool at ${Math.round((1 - f) * 1000) / 10}% of the unified region` +
          (u !== undefined ? ` (${human(u.onHeapExecutionPoolSize)} of ${human(u.maxHeapMemory)})` : '') +
          ". Execution can still take free storage memory, but the default page size and each task's guaranteed 1/(2N) share come from this initial pool, so tasks wait and spill early while the cache protects up to " +
          `${Math.round(f * 100)}% of the region from eviction.`,
        span: s.span,
      });
    } else if (f < GUIDANCE.storageFractionLow.value) {
      report({
        message:
          `spark.memory.storageFraction ${s.value.trim()} protects only` +
          (u !== undefined ? ` ${human(u.onHeapStorageRegionSize)}` : ' a sliver') +
          ' of cached blocks from eviction: execution evicts everything above that, so cached data is dropped and recomputed whenever shuffles need memory.',
        span: s.span,
        severity: 'info',
      });
    }
  },
};
