// An error Spark, the JVM or SnappyData raises for a configuration before any work runs, with its
// exact text for the chosen release.
import type { ConfValue } from '../parse/confValue';
import type { Span } from '../text/lineIndex';
import { SparkVersion, atLeast } from '../version';

export type StartupPhase =
  /** SparkSubmitArguments.validateSubmitArguments, before anything starts. */
  | 'submit'
  /** The JVM the launcher starts (client-mode driver -Xmx). */
  | 'jvm'
  /** SparkConf.validateSettings and config reads at SparkContext start. */
  | 'driver'
  /** The memory manager built in an executor JVM. */
  | 'executor'
  /** Container and pod sizing on YARN or Kubernetes. */
  | 'container'
  /** SnappyData's launcher (QuickLauncher/LauncherBase), before the member JVM starts. */
  | 'snappy-launcher'
  /** A SnappyData member while it boots (GemFire thresholds, SnappyUnifiedMemoryManager). */
  | 'snappy-member';

export interface StartupError {
  readonly phase: StartupPhase;
  /** Exception class as people see it (e.g. IllegalArgumentException). */
  readonly exceptionClass: string;
  /** The text exactly as the chosen release prints it. */
  readonly message: string;
  /** 3.5+ error class (SPARK-38467) and its parameters, where there is one. */
  readonly errorClass?: string;
  readonly messageParameters?: Readonly<Record<string, string>>;
  /** The config key behind it, and the value it was read from. */
  readonly key?: string;
  readonly from?: ConfValue;
  /** Where in a member line (SnappyData) the offending argument sits. */
  readonly span?: Span;
  /** The span is in the leads file, not in the member's own file (a server's error caused by the lead's Spark property). */
  readonly spanIn?: 'leads';
}

/** Templates of the 3.5+ memory error classes (common/utils error-conditions.json). */
const ERROR_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  INVALID_DRIVER_MEMORY: [
    'System memory <systemMemory> must be at least <minSystemMemory>.',
    'Please increase heap size using the --driver-memory option or "<config>" in Spark configuration.',
  ],
  INVALID_EXECUTOR_MEMORY: [
    'Executor memory <executorMemory> must be at least <minSystemMemory>.',
    'Please increase executor memory using the --executor-memory option or "<config>" in Spark configuration.',
  ],
};

/** `[CLASS] ` + the template lines; 4.x appends ` SQLSTATE: F0000`. */
export function renderErrorClass(
  errorClass: string,
  params: Readonly<Record<string, string>>,
  v: SparkVersion,
): string {
  const lines = ERROR_TEMPLATES[errorClass] ?? [errorClass];
  // The template's lines are joined by a space in 3.5 (3.5.9 prints one line), by a newline from 4.0.
  const text = lines
    .map((l) => l.replace(/<(\w+)>/g, (_m, p: string) => params[p] ?? `<${p}>`))
    .join(atLeast(v, 4) ? '\n' : ' ');
  return `[${errorClass}] ${text}${atLeast(v, 4) ? ' SQLSTATE: F0000' : ''}`;
}

/** UnifiedMemoryManager.getMaxMemory's two checks, worded for the release (spark-memory.md 1.1). */
export function memoryTooSmallError(
  which: 'system' | 'executor',
  actual: number,
  minimum: number,
  v: SparkVersion,
  from?: ConfValue,
): StartupError {
  if (atLeast(v, 3, 5)) {
    const errorClass = which === 'system' ? 'INVALID_DRIVER_MEMORY' : 'INVALID_EXECUTOR_MEMORY';
    const messageParameters: Record<string, string> =
      which === 'system'
        ? { systemMemory: String(actual), minSystemMemory: String(minimum), config: 'spark.driver.memory' }
        : { executorMemory: String(actual), minSystemMemory: String(minimum), config: 'spark.executor.memory' };
    return {
      phase: which === 'system' ? 'executor' : 'driver',
      exceptionClass: 'SparkIllegalArgumentException',
      message: renderErrorClass(errorClass, messageParameters, v),
      errorClass,
      messageParameters,
      key: which === 'system' ? 'spark.driver.memory' : 'spark.executor.memory',
      ...(from !== undefined ? { from } : {}),
    };
  }
  return {
    phase: which === 'system' ? 'executor' : 'driver',
    exceptionClass: 'IllegalArgumentException',
    message:
      which === 'system'
        ? `System memory ${actual} must be at least ${minimum}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`
        : `Executor memory ${actual} must be at least ${minimum}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
    key: which === 'system' ? 'spark.driver.memory' : 'spark.executor.memory',
    ...(from !== undefined ? { from } : {}),
  };
}

/**
 * A ConfigBuilder.checkValue refusal, as the line raises it when the entry is read: the catalog's 3.x
 * template "'{value}' in {key} is invalid. <requirement>" (IllegalArgumentException, 3.0 to 4.0; the
 * value is the parsed one, Java's Double.toString or the bytes), and from 4.1 a
 * SparkIllegalArgumentException of class INVALID_CONF_VALUE.REQUIREMENT (seen through the oracle on
 * 4.1.3 and 4.2.0: test/oracle/checks/startupErrors.ts). A template without the 3.x prefix (2.4's
 * bare requirement) is used as it is.
 */
export function checkValueFailure(
  template: string,
  key: string,
  shown: string,
  v: SparkVersion,
): Pick<StartupError, 'exceptionClass' | 'message' | 'errorClass' | 'messageParameters'> {
  const m = /^'\{value\}' in (?:\{key\}|\S+) is invalid\. (.*)$/s.exec(template);
  if (m !== null && atLeast(v, 4, 1)) {
    const requirement = m[1]!;
    return {
      exceptionClass: 'SparkIllegalArgumentException',
      message: `[INVALID_CONF_VALUE.REQUIREMENT] The value '${shown}' in the config "${key}" is invalid. ${requirement} SQLSTATE: 22022`,
      errorClass: 'INVALID_CONF_VALUE.REQUIREMENT',
      messageParameters: { confName: key, confValue: shown, confRequirement: requirement },
    };
  }
  return {
    exceptionClass: 'IllegalArgumentException',
    message: template.replace('{key}', key).replace('{value}', shown),
  };
}

/**
 * SparkConf.validateSettings' refusals: the 3.x text, and from 4.0 the same text inside the error
 * class INVALID_SPARK_CONFIG.<sub> (seen through the oracle on 4.0.2, 4.1.3 and 4.2.0).
 */
export function invalidSparkConfig(sub: string, text: string, v: SparkVersion): string {
  return atLeast(v, 4, 0) ? `[INVALID_SPARK_CONFIG.${sub}] Invalid Spark config: ${text} SQLSTATE: 42616` : text;
}

/**
 * ConfigBuilder.checkValue's failure as a whole StartupError, from the bare requirement: the 3.x template
 * "'{value}' in {key} is invalid. <requirement>" from 3.0, the bare requirement in 2.4, and 4.1+'s
 * INVALID_CONF_VALUE.REQUIREMENT (checkValueFailure words it). `shown` is the parsed value as the entry's
 * converter prints it: '1.0' for a double, and in 4.1+ a bytes entry's value with its unit ('-1b' for "-1",
 * '-1073741824b' for "-1g"; 3.5.9 prints '-1073741824').
 */
export function checkValueError(
  key: string,
  shown: string,
  requirement: string,
  v: SparkVersion,
  from?: ConfValue,
): StartupError {
  const template = atLeast(v, 3) ? `'{value}' in {key} is invalid. ${requirement}` : requirement;
  return {
    phase: 'driver',
    ...checkValueFailure(template, key, shown, v),
    key,
    ...(from !== undefined ? { from } : {}),
  };
}

/**
 * Scala's `require(cond[, msg])` failing in the executor's memory manager: an IllegalArgumentException
 * whose text is "requirement failed" or "requirement failed: <msg>" (Predef.require).
 */
export function executorRequirementFailed(
  key: string,
  msg?: string,
  from?: ConfValue,
): { ok: false; error: StartupError } {
  return {
    ok: false,
    error: {
      phase: 'executor',
      exceptionClass: 'IllegalArgumentException',
      message: msg === undefined ? 'requirement failed' : `requirement failed: ${msg}`,
      key,
      ...(from !== undefined ? { from } : {}),
    },
  };
}
