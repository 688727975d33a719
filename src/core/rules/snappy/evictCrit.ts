// SNAPPY-EVICT-CRIT: critical-heap-percentage and eviction-heap-percentage that stop the member or
// switch protection off. The checks and texts are GemFire's (SS MemoryThresholds l.142-155,
// HeapMemoryMonitor l.493-513, l.563-566) and SnappyUnifiedMemoryManager's (SD l.1025-1028 eviction
// fraction 0.1..0.98; getMaxMemory l.1065-1069 system memory >= 1.5 x reserved), as the layout
// computes them with the launcher's defaults (config-formats.md B.2, B.4, B.6).
import type { Rule } from '../types';
import { humanBytes, percentText, spanInLine, valueSpanOf } from './common';
import { EVICT_CRIT_ERRORS, memberStartupErrors, stopsWith } from './covered';

export const snappyEvictCrit: Rule = {
  code: 'SNAPPY-EVICT-CRIT',
  title: 'critical/eviction-heap-percentage out of range, in the wrong order, or critical disabled',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    memberStartupErrors(ctx, stopsWith(EVICT_CRIT_ERRORS)).forEach(({ member: m, layout: l, errors }) => {
      const crit = l.criticalHeapPercentage;
      const evict = l.evictionHeapPercentage;
      const critArg = m.options.get('critical-heap-percentage');
      const evictArg = m.options.get('eviction-heap-percentage');
      const describe = (what: string, v: typeof crit): string =>
        `${what} ${percentText(v.value)}${v.origin === 'default' ? ` (the launcher's default for -Xmx${l.maxHeapSize?.value ?? '?'})` : ''}`;
      // One finding per argument: the first check that fails on it is where the member stops.
      const done = new Set<number>();
      for (const e of errors) {
        const span =
          spanInLine(m, e) ??
          (evictArg !== undefined ? valueSpanOf(evictArg) : critArg !== undefined ? valueSpanOf(critArg) : m.hostSpan);
        if (done.has(span.start)) continue;
        done.add(span.start);
        let detail = '';
        if (/^Eviction percentage must be less/.test(e.message)) {
          detail = ` Here ${describe('eviction-heap-percentage is', evict)} and ${describe('critical-heap-percentage is', crit)}; eviction must stay below critical.`;
        } else if (/^Eviction fraction/.test(e.message)) {
          detail = ` SnappyData's memory manager takes eviction-heap-percentage/100${evict.origin === 'disabled' ? ' (here 0.9 × critical-heap-percentage, as eviction is off)' : ''} as the largest share of its region storage may use, and accepts only 10 to 98.`;
        } else if (/^System memory/.test(e.message)) {
          detail = ` With critical-heap-percentage ${percentText(crit.value)} SnappyData reserves ${humanBytes(l.reservedMemory ?? 0)} (heap × (1 − critical/100)) and needs the heap to be at least 1.5 times that: raise critical-heap-percentage.`;
        }
        const related =
          /^Eviction percentage must be less/.test(e.message) && critArg !== undefined && span !== valueSpanOf(critArg)
            ? [{ span: valueSpanOf(critArg), message: `critical-heap-percentage=${critArg.value ?? ''}` }]
            : undefined;
        report({
          message: `${e.message}${detail} The member does not start.`,
          span,
          ...(related !== undefined ? { related } : {}),
        });
      }
      if (critArg !== undefined && crit.origin === 'set' && crit.value === 0) {
        report({
          message:
            'critical-heap-percentage=0 disables the critical threshold: SnappyData no longer refuses work with LowMemoryException as the heap fills, so heap pressure can end in OutOfMemoryError instead, ' +
            `and its memory manager falls back to reserving ${l.reservedMemory !== undefined ? humanBytes(l.reservedMemory) : 'a fixed share of the heap'}. Leave it unset to get the launcher's default.`,
          span: valueSpanOf(critArg),
          severity: 'warning',
        });
      }
    });
  },
};
