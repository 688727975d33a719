// FRACTION-USER-MEMORY: spark.memory.fraction valid for Spark but implausible: above
// GUIDANCE.memoryFractionHigh (0.9) it leaves almost no user memory for records, UDF state and
// Spark's own metadata; below GUIDANCE.memoryFractionLow (0.3) the unified region that execution
// and storage share is tiny. Sizes are the layout's (UnifiedMemoryManager.getMaxMemory).
import { GUIDANCE, defaultValue } from '../../catalog';
import { javaParseDouble } from '../../config/javaParse';
import type { Rule } from '../types';
import { effective, human, replaceValue, sparkLayoutOf, startupErrorsAt, valueHazard } from './helpers';

export const fractionUserMemory: Rule = {
  code: 'FRACTION-USER-MEMORY',
  title: 'spark.memory.fraction leaves implausibly little user memory, or a tiny unified region',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const s = effective(ctx, 'spark.memory.fraction');
    if (s === undefined || valueHazard(ctx, s) !== undefined || startupErrorsAt(ctx, s.key).length > 0) return;
    const p = javaParseDouble(s.value);
    if (!p.ok || !(p.value >= 0 && p.value <= 1)) return;
    const f = p.value;
    const high = GUIDANCE.memoryFractionHigh.value;
    const low = GUIDANCE.memoryFractionLow.value;
    if (f <= high && f >= low) return;
    const u = sparkLayoutOf(ctx)?.unified;
    const def = s.entry !== undefined ? defaultValue(s.entry, ctx.version) : null;
    const fixes = def !== null ? [replaceValue(s, def, `Use Spark's default, ${def}`, false)] : undefined;
    if (f > high) {
      report({
        message:
          `spark.memory.fraction ${s.value.trim()} leaves only ${Math.round((1 - f) * 100)}% of the usable heap as user memory` +
          (u !== undefined ? ` (${human(u.userMemory)} of ${human(u.usableMemory)})` : '') +
          ": your objects, UDF and aggregation state outside Spark's accounting, and Spark's own metadata live there, and a large record then fails with OutOfMemoryError instead of spilling.",
        span: s.span,
        ...(fixes !== undefined ? { fixes } : {}),
      });
    } else {
      report({
        message:
          `spark.memory.fraction ${s.value.trim()} makes the unified region` +
          (u !== undefined ? ` only ${human(u.maxHeapMemory)}` : ' very small') +
          ': execution and storage share it, so shuffles, joins and aggregations spill to disk early and cached blocks are evicted, while most of the heap sits in user memory.',
        span: s.span,
        ...(fixes !== undefined ? { fixes } : {}),
      });
    }
  },
};
