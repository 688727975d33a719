// SIZE-UNITLESS-HEAP: spark.executor.memory / spark.driver.memory without a unit. The config
// entries are MiB-default (cfg EXECUTOR_MEMORY, DRIVER_MEMORY), so YARN and Kubernetes size the
// container in MiB, but UnifiedMemoryManager.getMaxMemory checks spark.executor.memory with
// SparkConf.getSizeAsBytes (bytes default; 2.4.4 l.223, 3.5.0 l.228, 4.1.1 l.477; SPARK-25261),
// and in client mode the launcher passes spark.driver.memory verbatim to -Xmx
// (SparkSubmitCommandBuilder 3.5.0 l.297-299), where a bare number is bytes too.
import type { StartupError } from '../../layout/startupError';
import { formatBytes } from '../../size';
import type { QuickFix, Rule } from '../types';
import {
  exactSizeString,
  knownSettings,
  MiB,
  replaceValue,
  sizeIssue,
  startupErrorsAt,
  startupWhen,
  valueHazard,
} from './helpers';

/** `Class: text` on one line, ending in a full stop (Spark's own text unchanged). */
function sparkText(e: StartupError): string {
  const text = `${e.exceptionClass}: ${e.message.replace(/\n/g, ' ')}`;
  return /[.!]$/.test(text) ? text : `${text}.`;
}

export const sizeUnitlessHeap: Rule = {
  code: 'SIZE-UNITLESS-HEAP',
  title: 'A heap size without a unit: MiB to YARN, bytes to the memory manager and -Xmx',
  defaultSeverity: 'error',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    for (const s of knownSettings(ctx)) {
      const issue = sizeIssue(ctx, s);
      if (issue?.kind !== 'unitless' || valueHazard(ctx, s) !== undefined) continue;
      const n = Number(issue.number);
      if (n === 0) continue; // "must be a positive number" (STARTUP-ERROR)
      const asMiB = `${issue.number} MiB${n * MiB >= 1024 ** 3 ? ` (${formatBytes(n * MiB)})` : ''}`;
      const errors = startupErrorsAt(ctx, s.key);
      const spark = errors.find((e) =>
        /must be at least|INVALID_(EXECUTOR|DRIVER)_MEMORY|Too small maximum heap|Invalid maximum heap/.test(e.message),
      );
      let message: string;
      if (s.key === 'spark.executor.memory') {
        message =
          `spark.executor.memory ${issue.number} has no unit. YARN and Kubernetes read it as ${asMiB}, but the memory manager's start-up check reads the same string as ${issue.number} bytes (SparkConf.getSizeAsBytes)` +
          (spark !== undefined ? `, so ${startupWhen(spark).replace(' to start', '')} with ${sparkText(spark)}` : '.') +
          ' Always give a unit.';
      } else {
        message =
          `spark.driver.memory ${issue.number} has no unit. spark-submit reads it as ${asMiB}, but in client mode (also inside a Kubernetes driver pod) the launcher passes it verbatim as -Xmx${issue.number}, which the JVM takes as ${issue.number} bytes` +
          (spark !== undefined ? `, so ${startupWhen(spark)} with ${sparkText(spark)}` : '.') +
          ' Always give a unit.';
      }
      const fixes: QuickFix[] = [];
      const asBytes = n >= MiB ? exactSizeString(issue.number, 0, true, false) : undefined;
      if (asBytes !== undefined)
        fixes.push(replaceValue(s, asBytes, `Write ${asBytes} (${issue.number} read as bytes)`));
      fixes.push(
        replaceValue(
          s,
          `${issue.number}m`,
          `Write ${issue.number}m (${issue.number} read as MiB)`,
          asBytes === undefined,
        ),
      );
      report({ message, span: s.span, fixes });
    }
  },
};
