// SNAPPY-RESERVED-SMALL: SnappyUnifiedMemoryManager.getMaxMemory (SD l.1045-1063) reserves
// heap × (1 − critical-heap-percentage/100) and stops the member when that is under 25 MB. Its
// message tells you to *increase* critical-heap-percentage, which makes it worse: reserved memory
// grows when critical-heap-percentage is decreased (config-formats.md B.6, B.8 item 10). The fix
// computes, with the layout's own arithmetic, the largest percentage that leaves 25 MB.
import { snappyCriticalPercentForMinReserved } from '../../layout/snappyLayout';
import { SNAPPY_MIN_RESERVED_MEMORY } from '../../layout/snappyMemory';
import { javaParseFloat } from '../../config/javaParse';
import type { QuickFix, Rule } from '../types';
import { humanBytes, launcherArgs, percentText, spanInLine, valueSpanOf } from './common';
import { RESERVED_ERRORS, memberStartupErrors, stopsWith } from './covered';

export const snappyReservedSmall: Rule = {
  code: 'SNAPPY-RESERVED-SMALL',
  title: "Reserved memory under 25 MB: lower critical-heap-percentage (SnappyData's advice is backwards)",
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    memberStartupErrors(ctx, stopsWith(RESERVED_ERRORS)).forEach(({ member: m, layout: l, errors: [e] }) => {
      if (e === undefined) return;
      const critArg = m.options.get('critical-heap-percentage');
      const heapArg = launcherArgs(m).find((a) => a.kind === 'heap-size');
      const span =
        spanInLine(m, e) ??
        (critArg !== undefined ? valueSpanOf(critArg) : heapArg !== undefined ? valueSpanOf(heapArg) : m.hostSpan);
      const target = l.systemMemory !== undefined ? snappyCriticalPercentForMinReserved(l.systemMemory) : undefined;
      const evictArg = m.options.get('eviction-heap-percentage');
      const evict = evictArg?.value !== undefined ? javaParseFloat(evictArg.value.trim()) : undefined;
      const evictionBlocks = target !== undefined && evict !== undefined && evict.ok && evict.value >= Number(target);
      const fixes: QuickFix[] = [];
      if (target !== undefined && !evictionBlocks) {
        if (
          critArg !== undefined &&
          critArg.valueSpan !== undefined &&
          critArg.valueSpan.end > critArg.valueSpan.start
        ) {
          fixes.push({
            title: `Write critical-heap-percentage=${target}`,
            edits: [{ span: critArg.valueSpan, newText: target }],
            isPreferred: true,
          });
        } else if (critArg === undefined) {
          const last = launcherArgs(m)[launcherArgs(m).length - 1];
          let at = last?.span.end ?? m.hostSpan.end;
          if (ctx.text.charAt(at - 1) === '\r') at--;
          fixes.push({
            title: `Add -critical-heap-percentage=${target}`,
            edits: [{ span: { start: at, end: at }, newText: ` -critical-heap-percentage=${target}` }],
            isPreferred: true,
          });
        }
      }
      const crit = l.criticalHeapPercentage;
      report({
        message:
          `${e.message} — that advice is backwards: SnappyData reserves heap × (1 − critical-heap-percentage/100) ` +
          `(${humanBytes(l.reservedMemory ?? 0)} here, with critical-heap-percentage ${percentText(crit.value)}${crit.origin === 'default' ? ", the launcher's default" : ''}), ` +
          `so *decrease* critical-heap-percentage or increase -heap-size (--driver-memory and spark.driver.memory do not size a SnappyData member).` +
          (target !== undefined
            ? ` ${target} is the largest value that leaves ${humanBytes(SNAPPY_MIN_RESERVED_MEMORY)}${evictionBlocks ? `; lower eviction-heap-percentage (${evictArg?.value ?? ''}) below it too` : ''}.`
            : ' No percentage works for a heap this small: increase -heap-size.'),
        span,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    });
  },
};
