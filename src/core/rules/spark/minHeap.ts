// MIN-HEAP: executor or driver memory below what UnifiedMemoryManager.getMaxMemory accepts:
// 1.5 × the 300 MiB reserved memory = 471859200 bytes (2.4.4 l.223, 3.5.0 l.228, 4.1.1 l.477;
// spark-memory.md 1.1; 32 MiB in 2.4 legacy mode, StaticMemoryManager). The text is the one the
// layout derives for the chosen release (memoryTooSmallError: plain text before 3.5, error classes
// INVALID_DRIVER_MEMORY / INVALID_EXECUTOR_MEMORY from 3.5).
import { defaultValue } from '../../catalog';
import type { StartupError } from '../../layout/startupError';
import type { WrittenSetting } from '../settingsOf';
import type { Rule, RuleContext } from '../types';
import { effective, human, replaceValue, sizeIssue, sparkLayoutOf, startupErrorsOn } from './helpers';

const TOO_SMALL = /(System|Executor) memory (-?\d+) must be at least (\d+)/;

export function isMemoryTooSmall(e: StartupError): boolean {
  return (
    e.errorClass === 'INVALID_DRIVER_MEMORY' || e.errorClass === 'INVALID_EXECUTOR_MEMORY' || TOO_SMALL.test(e.message)
  );
}

/** The setting a too-small-memory error belongs to, or undefined when none is written. */
export function minHeapTarget(ctx: RuleContext, e: StartupError): WrittenSetting | undefined {
  if (!isMemoryTooSmall(e)) return undefined;
  const l = sparkLayoutOf(ctx);
  const m = TOO_SMALL.exec(e.message);
  const executorCheck = e.errorClass === 'INVALID_EXECUTOR_MEMORY' || m?.[1] === 'Executor';
  if (executorCheck) return effective(ctx, 'spark.executor.memory');
  // "System memory" is checked in every JVM that builds a memory manager, with driver wording:
  // decide from the number which JVM it was.
  const actual = Number(e.messageParameters?.['systemMemory'] ?? m?.[2] ?? NaN);
  const driver = effective(ctx, 'spark.driver.memory');
  const executor = effective(ctx, 'spark.executor.memory');
  if (
    l !== undefined &&
    driver !== undefined &&
    l.driverMemory !== undefined &&
    actual <= l.driverMemory &&
    actual >= l.driverMemory * 0.5
  )
    return driver;
  if (l !== undefined && executor !== undefined && actual <= l.executorMemory && actual >= l.executorMemory * 0.5)
    return executor;
  return driver;
}

export const minHeap: Rule = {
  code: 'MIN-HEAP',
  title: 'Executor or driver memory below the 450 MiB Spark requires',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const done = new Set<WrittenSetting>();
    for (const { error: e, at: s } of startupErrorsOn(ctx, minHeapTarget)) {
      if (done.has(s)) continue;
      done.add(s);
      if (sizeIssue(ctx, s)?.kind === 'unitless') continue; // SIZE-UNITLESS-HEAP says it, with this text
      const m = TOO_SMALL.exec(e.message);
      const actual = Number(
        e.messageParameters?.['systemMemory'] ?? e.messageParameters?.['executorMemory'] ?? m?.[2] ?? 0,
      );
      const min = Number(e.messageParameters?.['minSystemMemory'] ?? m?.[3] ?? 0);
      const wording =
        s.key === 'spark.executor.memory' && /System memory|INVALID_DRIVER_MEMORY/.test(e.message)
          ? ' (Spark words this check with --driver-memory, but here it is the executor JVM that is too small.)'
          : '';
      const def = s.entry !== undefined ? defaultValue(s.entry, ctx.version) : null;
      report({
        message: `${e.message.replace(/\n/g, ' ')} ${s.key} ${s.value.trim()} gives ${human(actual)}; the memory manager needs at least ${human(min)}, 1.5 × its reserved memory.${wording}`,
        span: s.span,
        ...(def !== null ? { fixes: [replaceValue(s, def, `Use Spark's default, ${def}`)] } : {}),
      });
    }
  },
};
