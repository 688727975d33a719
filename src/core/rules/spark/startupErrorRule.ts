// STARTUP-ERROR: every error Spark (or the JVM the launcher starts) raises for this configuration
// before any work runs, as the layout derives it for the chosen release (sparkLayout
// startupErrors: spark-submit's checks, the client-mode -Xmx, SparkConf.validateSettings, config
// reads, the memory manager, container sizing), placed on the value it names. Errors a more
// specific rule already reports as an error (with a better message and a fix) are left to it, so
// each start-up error appears exactly once.
import type { StartupError } from '../../layout/startupError';
import type { Span } from '../../text/lineIndex';
import { writtenSettings, type WrittenSetting } from '../settingsOf';
import type { Rule, RuleContext } from '../types';
import { coresTarget } from './coresTaskCpus';
import { fractionRangeProblem } from './fractionRange';
import { effective, sizeIssue, startupErrorsOn, startupWhenSentence, typedParseError, valueHazard } from './helpers';
import { minHeapTarget } from './minHeap';
import { offHeapTarget } from './offHeapConsistency';
import { overheadFactorProblem } from './overheadFactorRange';
import { xmxTarget } from './xmxInJavaOptions';

/** The written setting an error came from: its `from` span first, else the key in effect. */
function settingOf(ctx: RuleContext, e: StartupError): WrittenSetting | undefined {
  if (e.from?.span !== undefined && e.from.uri === undefined) {
    const start = e.from.span.start;
    const hit = writtenSettings(ctx).find((s) => s.span.start === start);
    if (hit !== undefined) return hit;
  }
  return e.key !== undefined ? effective(ctx, e.key) : undefined;
}

/** The code of the rule that reports this start-up error as an error, if any. */
export function coveringRule(ctx: RuleContext, e: StartupError): string | undefined {
  if (minHeapTarget(ctx, e) !== undefined) {
    const s = minHeapTarget(ctx, e)!;
    return sizeIssue(ctx, s)?.kind === 'unitless' ? 'SIZE-UNITLESS-HEAP' : 'MIN-HEAP';
  }
  if (offHeapTarget(ctx, e) !== undefined) return 'OFFHEAP-CONSISTENCY';
  if (coresTarget(ctx, e) !== undefined) return 'CORES-TASKCPUS';
  if (xmxTarget(ctx, e) !== undefined) return 'XMX-IN-JAVA-OPTIONS';
  const s = settingOf(ctx, e);
  if (s === undefined) return undefined;
  const hazard = valueHazard(ctx, s);
  if (hazard !== undefined) {
    if (typedParseError(s.entry, s.key, s.value) === undefined) return undefined;
    return hazard === 'empty'
      ? 'PROPS-EMPTY-VALUE'
      : hazard === 'quoted'
        ? 'PROPS-QUOTED-VALUE'
        : 'PROPS-INLINE-COMMENT';
  }
  const size = sizeIssue(ctx, s);
  if (size !== undefined) {
    switch (size.kind) {
      case 'k8s':
        return 'SIZE-K8S-QUANTITY';
      case 'fraction':
        return 'SIZE-FRACTION';
      case 'parse':
      case 'overflow':
        return 'SIZE-PARSE';
      case 'unitless':
        return Number(size.number) === 0 ? undefined : 'SIZE-UNITLESS-HEAP';
      case 'jvm-suffix':
        return e.phase === 'jvm' || s.key === 'spark.executor.memory' ? 'SIZE-JVM-SUFFIX' : undefined;
    }
  }
  if (fractionRangeProblem(ctx, s)) return 'FRACTION-RANGE';
  if (overheadFactorProblem(ctx, s) !== undefined) return 'OVERHEAD-FACTOR-RANGE';
  return undefined;
}

export const startupErrorRule: Rule = {
  code: 'STARTUP-ERROR',
  title: 'An error Spark raises at start-up for this configuration',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    // The errors no other rule reports; `target` gives the error itself (its setting may be unwritten).
    const uncovered = (c: RuleContext, e: StartupError): StartupError | undefined =>
      coveringRule(c, e) === undefined ? e : undefined;
    for (const { error: e } of startupErrorsOn(ctx, uncovered)) {
      const s = settingOf(ctx, e);
      const span: Span = s?.span ?? { start: 0, end: 0 };
      const when = startupWhenSentence(e);
      report({
        message: `${when} with ${e.exceptionClass}: ${e.message.replace(/\n/g, ' ')}${s === undefined && e.key !== undefined ? ` (${e.key})` : ''}`,
        span,
      });
    }
  },
};
