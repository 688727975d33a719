// What bin/spark-submit's launcher (spark-launcher's SparkSubmitCommandBuilder.buildSparkSubmitCommand)
// refuses before any Spark JVM starts: -Xmx in the driver's java options, which must come from
// spark.driver.memory. Checked against the real launcher by the oracle (test/oracle/checks/startupErrors.ts).
import type { SparkConfView } from '../config/confSource';
import { parseOptionString } from '../parse/javaOptions';
import { SparkVersion, atLeast } from '../version';
import type { StartupError } from './startupError';

/**
 * The driver's option keys in the order the launcher checks them: spark.driver.defaultJavaOptions (added in
 * 3.0, SPARK-23472) before spark.driver.extraJavaOptions (3.5.9 and 4.1.3 bytecode; 2.4.8 has only the latter).
 */
function driverJavaOptionKeys(v: SparkVersion): readonly string[] {
  return atLeast(v, 3)
    ? ['spark.driver.defaultJavaOptions', 'spark.driver.extraJavaOptions']
    : ['spark.driver.extraJavaOptions'];
}

/**
 * checkJavaOptions of one option string: up to 3.5 any "Xmx" in it is refused (String.contains); from 4.0
 * (4.0.2 and 4.1.3 bytecode) an option that starts with -Xmx, the string split as the launcher splits it
 * (parseOptionString, which refuses an unclosed quote first).
 */
function checkJavaOptions(value: string, v: SparkVersion): string | undefined {
  let hasXmx: boolean;
  if (atLeast(v, 4)) {
    const parsed = parseOptionString(value);
    if (!parsed.ok) return parsed.message;
    hasXmx = parsed.options.some((o) => o.startsWith('-Xmx'));
  } else hasXmx = value.includes('Xmx');
  return hasXmx
    ? `Not allowed to specify max heap(Xmx) memory settings through java options (was ${value}). Use the corresponding --driver-memory or spark.driver.memory configuration instead.`
    : undefined;
}

/** CommandBuilderUtils.firstNonEmpty of one value: an empty string counts as unset. */
function nonEmpty(conf: SparkConfView, key: string): string | undefined {
  const value = conf.get(key)?.value;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * SparkSubmitCommandBuilder.isClientMode: the launcher starts the driver itself unless both spark.master and
 * spark.submit.deployMode are set and the mode is not "client" (compared as written).
 */
function isClientMode(conf: SparkConfView): boolean {
  const deployMode = nonEmpty(conf, 'spark.submit.deployMode');
  return nonEmpty(conf, 'spark.master') === undefined || deployMode === undefined || deployMode === 'client';
}

/**
 * The launcher's first refusal of the driver's java options (IllegalArgumentException), if any: each key's
 * checkJavaOptions, then, when it starts the driver JVM itself (client mode), each string split into the
 * command (addOptionString: parseOptionString, which refuses an unclosed quote or a trailing backslash).
 */
export function launcherErrors(conf: SparkConfView, v: SparkVersion): StartupError | undefined {
  const keys = driverJavaOptionKeys(v).filter((key) => nonEmpty(conf, key) !== undefined);
  const refusal = (key: string, message: string): StartupError => {
    const from = conf.get(key);
    return { phase: 'submit', exceptionClass: 'IllegalArgumentException', message, key, ...(from ? { from } : {}) };
  };
  for (const key of keys) {
    const message = checkJavaOptions(nonEmpty(conf, key) ?? '', v);
    if (message !== undefined) return refusal(key, message);
  }
  if (!isClientMode(conf)) return undefined;
  for (const key of keys) {
    const parsed = parseOptionString(nonEmpty(conf, key) ?? '');
    if (!parsed.ok) return refusal(key, parsed.message);
  }
  return undefined;
}
