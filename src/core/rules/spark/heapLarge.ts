// HEAP-LARGE: a very large executor or driver heap (above GUIDANCE.largeHeapBytes, 64 GiB).
// Spark accepts it, but full collections of such heaps pause for a long time; Spark's tuning and
// hardware-provisioning guides advise several executors per node instead.
import { GUIDANCE } from '../../catalog';
import { byteFromString, javaTrim } from '../../size';
import type { Rule } from '../types';
import { HEAP_KEYS, human, knownSettings, MiB, valueHazard } from './helpers';

export const heapLarge: Rule = {
  code: 'HEAP-LARGE',
  title: 'A very large heap (over 64 GiB): long garbage-collection pauses',
  defaultSeverity: 'info',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const limit = GUIDANCE.largeHeapBytes.value;
    for (const s of knownSettings(ctx)) {
      if (!HEAP_KEYS.has(s.key) || valueHazard(ctx, s) !== undefined) continue;
      const r = byteFromString(javaTrim(s.value), 'MiB');
      if (!r.ok) continue;
      const bytes = r.value * MiB;
      if (bytes <= limit) continue;
      const who =
        s.key === 'spark.executor.memory'
          ? 'Consider more executors with fewer cores each (for example two executors of half the size on the same node).'
          : 'Keep large results off the driver (spark.driver.maxResultSize, writing output from executors) rather than growing its heap.';
      report({
        message: `${s.key} ${s.value.trim()} is ${human(bytes)}. Heaps above 64 GiB make full garbage collections pause for seconds to minutes, long enough for heartbeats to time out and executors to be lost. ${who}`,
        span: s.span,
      });
    }
  },
};
