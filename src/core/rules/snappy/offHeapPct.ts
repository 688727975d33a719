// SNAPPY-OFFHEAP-PCT: -critical-off-heap-percentage / -eviction-off-heap-percentage. The docs
// (property_description.md) present them as thresholds for memory-size; in the code they configure
// GemFire's OffHeapMemoryMonitor for its own off-heap-memory-size store (SS GemFireStore
// l.1148-1155), which memory-size does not create (InternalDistributedSystem l.593-595). A non-zero
// value then meets `IllegalStateException: No off-heap memory has been configured.`
// (OffHeapMemoryMonitor l.147-150; 0 is a no-op there). SnappyData's memory manager limits
// memory-size with spark.memory.storageMaxFraction instead (config-formats.md B.4, B.8 item 11).
// This is a reading of the code, not a run of it: hence a warning.
import { defaultValue, lookupKey } from '../../catalog';
import { javaParseFloat } from '../../config/javaParse';
import { SPARK_2_4 } from '../../version';
import type { Rule } from '../types';
import { membersOf, removeArg, valueSpanOf } from './common';

const KEYS = ['critical-off-heap-percentage', 'eviction-off-heap-percentage'] as const;

export const snappyOffHeapPct: Rule = {
  code: 'SNAPPY-OFFHEAP-PCT',
  title: 'Off-heap percentages do not govern -memory-size',
  defaultSeverity: 'warning',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const maxFractionEntry = lookupKey('spark.memory.storageMaxFraction', 'snappydata');
    const maxFraction = maxFractionEntry !== undefined ? defaultValue(maxFractionEntry, SPARK_2_4) : null;
    for (const m of doc.members) {
      const memorySize = m.options.get('memory-size');
      // With GemFire's own off-heap store configured, the thresholds are meaningful (they govern that store).
      if (m.options.has('off-heap-memory-size')) continue;
      for (const key of KEYS) {
        const arg = m.options.get(key);
        if (arg === undefined) continue;
        const v = javaParseFloat((arg.value ?? '').trim());
        const zero = v.ok && v.value === 0;
        report({
          message:
            `-${key} sets a threshold of GemFire's off-heap-memory-size store, not of -memory-size` +
            `${memorySize !== undefined ? ` (${memorySize.text} here)` : ''}: SnappyData's memory manager never reads it and caps off-heap storage at memory-size × spark.memory.storageMaxFraction` +
            `${maxFraction !== null ? ` (default ${maxFraction})` : ''} instead. ` +
            (zero
              ? 'A value of 0 is simply ignored.'
              : 'Reading the code, a non-zero value without off-heap-memory-size even stops the member: "IllegalStateException: No off-heap memory has been configured."') +
            ' The docs say otherwise; the code decides.',
          span: valueSpanOf(arg),
          ...(zero ? { tags: ['unnecessary' as const] } : {}),
          fixes: [{ title: `Remove ${arg.text}`, edits: [removeArg(ctx, arg)] }],
        });
      }
    }
  },
};
