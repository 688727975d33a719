// SIZE-JVM-SUFFIX: a suffix Spark's parser accepts but HotSpot's -Xmx does not (kb, mb, gb, tb,
// pb, p, b) on a value the launcher hands to -Xmx verbatim: spark.driver.memory in client mode
// (SparkSubmitCommandBuilder.buildSparkSubmitCommand, 3.5.0 l.297-299, 4.1.1 l.346-348; also the
// spark-operator driver pod, whose entrypoint runs client-mode spark-submit) and, in Spark 2.4 on
// Kubernetes, spark.executor.memory (BasicExecutorFeatureStep 2.4.4 l.52-53, l.114). JDK 17:
// `-Xmx2gb` -> "Invalid maximum heap size: -Xmx2gb" (config-formats.md A.4).
import { byteStringAs, javaTrim } from '../../size';
import type { Rule } from '../types';
import { exactSizeString, knownSettings, MiB, replaceValue, sizeIssue, startupErrorsAt, valueHazard } from './helpers';

export const sizeJvmSuffix: Rule = {
  code: 'SIZE-JVM-SUFFIX',
  title: 'A size suffix (gb, mb, p, b) the JVM rejects where the value becomes -Xmx',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const issue = sizeIssue(ctx, s);
      if (issue?.kind !== 'jvm-suffix' || valueHazard(ctx, s) !== undefined) continue;
      const text = javaTrim(s.value);
      const bytes = byteStringAs(text, 'BYTE');
      let fix: string | undefined;
      if (bytes.ok && bytes.value > 0) {
        fix = exactSizeString(String(bytes.value), 0, true, false);
        if (fix === undefined) fix = `${Math.ceil(bytes.value / MiB)}m`;
        // Keep the user's unit where it is exact: 2gb -> 2g rather than 2048m.
        const letter = issue.suffix.charAt(0);
        if ('kmgt'.includes(letter) && issue.suffix.length === 2) fix = `${issue.number}${letter}`;
      }
      const jvmError = startupErrorsAt(ctx, s.key).find((e) => e.phase === 'jvm');
      const executor = s.key === 'spark.executor.memory';
      const clusterYarn = !executor && jvmError === undefined;
      const where = executor
        ? 'Spark 2.4 on Kubernetes starts each executor with -Xmx$SPARK_EXECUTOR_MEMORY, the raw string'
        : "in client mode (Spark's default deploy mode, and always inside a spark-operator driver pod) the launcher passes spark.driver.memory verbatim to -Xmx";
      const message =
        `${s.key} ${text}: Spark's own size parser accepts "${issue.suffix}", but ${where}, and the JVM refuses it: ` +
        `"Invalid maximum heap size: -Xmx${text}" / "Error: Could not create the Java Virtual Machine."` +
        (clusterYarn
          ? " (Harmless for this file's cluster-mode YARN driver, whose -Xmx YARN writes in MiB, but the same file breaks client-mode submissions.)"
          : '') +
        ` The JVM accepts only k, m, g or t${fix !== undefined ? `: write ${fix}` : ''}.`;
      report({
        message,
        span: s.span,
        ...(jvmError !== undefined || executor ? { severity: 'error' as const } : {}),
        ...(fix !== undefined ? { fixes: [replaceValue(s, fix, `Write ${fix}`)] } : {}),
      });
    }
  },
};
