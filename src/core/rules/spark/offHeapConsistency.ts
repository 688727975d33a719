// OFFHEAP-CONSISTENCY: spark.memory.offHeap.enabled=true without a positive off-heap size.
// MemoryManager.tungstenMemoryMode requires size > 0 (2.4.4, 3.5.0, 4.1.1:
// "requirement failed: spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true"),
// and from 3.0 the container sizing (Utils.checkOffHeapEnabled, 3.5.0 l.3017-3033) also needs at
// least 1 MiB. The text is the layout's (sparkLayout startupErrors).
import type { StartupError } from '../../layout/startupError';
import type { WrittenSetting } from '../settingsOf';
import type { Rule, RuleContext } from '../types';
import { effective, human, replaceValue, startupErrorsOn } from './helpers';

const TEXT = 'spark.memory.offHeap.size must be > 0 when spark.memory.offHeap.enabled == true';

export function offHeapTarget(ctx: RuleContext, e: StartupError): WrittenSetting | undefined {
  if (!e.message.includes(TEXT)) return undefined;
  return effective(ctx, 'spark.memory.offHeap.enabled') ?? effective(ctx, 'spark.unsafe.offHeap');
}

export const offHeapConsistency: Rule = {
  code: 'OFFHEAP-CONSISTENCY',
  title: 'Off-heap enabled without a positive spark.memory.offHeap.size',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const { layout: l, error: e, at: enabled } of startupErrorsOn(ctx, offHeapTarget)) {
      const size = effective(ctx, 'spark.memory.offHeap.size');
      const sizeText =
        size === undefined
          ? 'spark.memory.offHeap.size is not set (default 0)'
          : `spark.memory.offHeap.size ${size.value.trim()}${l.unified !== undefined ? ` is ${human(l.unified.maxOffHeapMemory)}` : ''}${e.phase === 'container' ? ', less than the 1 MiB the container request counts in' : ''}`;
      report({
        message: `${e.message}. ${sizeText}, so Spark fails at start-up. Give off-heap a size (for example 1g) or turn it off.`,
        span: enabled.span,
        ...(size !== undefined ? { related: [{ span: size.span, message: 'The off-heap size' }] } : {}),
        fixes: [replaceValue(enabled, 'false', 'Turn off-heap off', false)],
      });
      return;
    }
  },
};
