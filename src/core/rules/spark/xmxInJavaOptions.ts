// XMX-IN-JAVA-OPTIONS: -Xmx in spark.executor.extraJavaOptions or spark.driver.extraJavaOptions.
// Executors: SparkConf.validateSettings (3.5.0 l.527) "spark.executor.extraJavaOptions is not
// allowed to specify max heap memory settings (was '...'). Use spark.executor.memory instead.";
// driver: SparkSubmitCommandBuilder.checkJavaOptions of spark.driver.defaultJavaOptions (3.0+) then
// spark.driver.extraJavaOptions (3.5.0 l.313: any "Xmx"; 4.0+, 4.1.1 l.366: an option starting with -Xmx, split
// as parseOptionString splits it) "Not allowed to specify max heap(Xmx) memory settings through java options
// (was ...). Use the corresponding --driver-memory or spark.driver.memory configuration instead." The text is
// the layout's (layout/launcher.ts); an option string the launcher cannot split is STARTUP-ERROR's.
import type { StartupError } from '../../layout/startupError';
import type { Span } from '../../text/lineIndex';
import type { WrittenSetting } from '../settingsOf';
import type { QuickFix, Rule, RuleContext } from '../types';
import { effective, insertAfter, startupErrorsOn } from './helpers';

/** The keys whose -Xmx Spark refuses: the executors' (validateSettings) and the driver's two (the launcher). */
const JAVA_OPTION_KEYS: ReadonlySet<string> = new Set([
  'spark.executor.extraJavaOptions',
  'spark.driver.extraJavaOptions',
  'spark.driver.defaultJavaOptions',
]);

export function xmxTarget(ctx: RuleContext, e: StartupError): WrittenSetting | undefined {
  if (!/Xmx|max heap/.test(e.message)) return undefined;
  if (e.key === undefined || !JAVA_OPTION_KEYS.has(e.key)) return undefined;
  return effective(ctx, e.key);
}

export const xmxInJavaOptions: Rule = {
  code: 'XMX-IN-JAVA-OPTIONS',
  title: '-Xmx in extraJavaOptions, which Spark refuses',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const { error: e, at: s } of startupErrorsOn(ctx, xmxTarget)) {
      const raw = ctx.text.slice(s.span.start, s.span.end);
      const m = /(\s*)(-Xmx(\S*?))(?=\s|["']?$)/.exec(raw);
      let span: Span = s.span;
      const fixes: QuickFix[] = [];
      const memKey = s.key === 'spark.executor.extraJavaOptions' ? 'spark.executor.memory' : 'spark.driver.memory';
      if (m && m[2] !== undefined) {
        const tokenStart = s.span.start + m.index + (m[1]?.length ?? 0);
        span = { start: tokenStart, end: tokenStart + m[2].length };
        // Remove the token and the blanks before it (or after it, when it comes first).
        const before = m[1] ?? '';
        const after = /^\s*/.exec(raw.slice(m.index + m[0].length))?.[0] ?? '';
        const del: Span =
          before.length > 0
            ? { start: s.span.start + m.index, end: span.end }
            : { start: span.start, end: span.end + after.length };
        const remove: QuickFix = { title: `Remove ${m[2]}`, edits: [{ span: del, newText: '' }], isPreferred: true };
        fixes.push(remove);
        const size = m[3] ?? '';
        if (effective(ctx, memKey) === undefined && /^[0-9]+[kmgtKMGT]$/.test(size)) {
          const add = insertAfter(ctx, s, memKey, size.toLowerCase(), `Move it to ${memKey} ${size.toLowerCase()}`);
          if (add !== undefined) fixes.push({ title: add.title, edits: [...remove.edits, ...add.edits] });
        }
      }
      report({
        message: `${e.message} Spark sizes the heap, the memory manager and the container from ${memKey}; an -Xmx here would contradict them.`,
        span,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
