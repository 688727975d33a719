// OFFHEAP-NOT-ENABLED: spark.memory.offHeap.size > 0 while off-heap is off. The MemoryManager
// constructor sizes the off-heap pools from the size whatever spark.memory.offHeap.enabled says
// (2.4.4, 3.5.0, 4.1.1; spark-memory.md 1 item 7), but Tungsten keeps its pages on the heap
// (tungstenMemoryMode) and the container request adds off-heap only when it is enabled
// (ResourceProfile, 3.x). So the setting has no useful effect.
import { scalaToBoolean } from '../../config/javaParse';
import { byteFromString, javaTrim } from '../../size';
import type { QuickFix, Rule } from '../types';
import { effective, human, insertAfter, replaceValue, sparkLayoutOf, valueHazard } from './helpers';

export const offHeapNotEnabled: Rule = {
  code: 'OFFHEAP-NOT-ENABLED',
  title: 'An off-heap size without spark.memory.offHeap.enabled=true',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const size = effective(ctx, 'spark.memory.offHeap.size');
    if (size === undefined || valueHazard(ctx, size) !== undefined) return;
    const r = byteFromString(javaTrim(size.value), 'BYTE');
    if (!r.ok || r.value <= 0) return;
    const enabled = effective(ctx, 'spark.memory.offHeap.enabled') ?? effective(ctx, 'spark.unsafe.offHeap');
    if (enabled !== undefined) {
      const b = scalaToBoolean(javaTrim(enabled.value));
      if (!b.ok || b.value) return;
    }
    const u = sparkLayoutOf(ctx)?.unified;
    const fixes: QuickFix[] = [];
    if (enabled !== undefined) fixes.push(replaceValue(enabled, 'true', 'Set spark.memory.offHeap.enabled to true'));
    else {
      const add = insertAfter(
        ctx,
        size,
        'spark.memory.offHeap.enabled',
        'true',
        'Add spark.memory.offHeap.enabled true',
      );
      if (add !== undefined) fixes.push(add);
    }
    report({
      message:
        `spark.memory.offHeap.size ${size.value.trim()} (${human(r.value)}) is set, but spark.memory.offHeap.enabled is ${enabled === undefined ? 'not set (false)' : 'false'}. ` +
        'Spark still splits it into off-heap pools' +
        (u !== undefined
          ? ` (storage ${human(u.offHeapStorageRegionSize)}, execution ${human(u.offHeapExecutionPoolSize)})`
          : '') +
        ', but Tungsten keeps its pages on the heap and YARN or Kubernetes do not add it to the container, so it does nothing useful.',
      span: size.span,
      ...(enabled !== undefined ? { related: [{ span: enabled.span, message: 'Off-heap is turned off here' }] } : {}),
      ...(fixes.length > 0 ? { fixes } : {}),
    });
  },
};
