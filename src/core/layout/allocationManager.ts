// Spark 2.4's ExecutorAllocationManager, which SparkContext builds with dynamic allocation on: its
// constructor reads the dynamic-allocation settings and its validateSettings refuses them in a fixed order
// (core/src/main/scala/org/apache/spark/ExecutorAllocationManager.scala, 2.4.8 bytecode), the executor
// cores against spark.task.cpus among them. From 3.0 SparkContext checks the cores itself (sparkLayout.ts
// taskSlots) and the manager is not modelled. Checked against the real class by the oracle
// (test/oracle/checks/startupErrors.ts, stage allocationManager).
import type { SparkConfView } from '../config/confSource';
import { scalaToBoolean } from '../config/javaParse';
import { timeStringAsMs } from '../config/timeString';
import { readTypedBoolean, readTypedDouble, readTypedInt } from '../config/typedConf';
import { javaTrim } from '../size';
import { SparkVersion, atLeast } from '../version';
import type { StartupError } from './startupError';

const INT_MAX = 2147483647;

/** SparkConf.getBoolean(key, false): Scala's toBoolean of the raw text; undefined when it is not a boolean. */
function confBoolean(conf: SparkConfView, key: string): boolean | undefined {
  const text = conf.get(key)?.value;
  if (text === undefined) return false;
  const r = scalaToBoolean(text);
  return r.ok ? r.value : undefined;
}

/**
 * Utils.isDynamicAllocationEnabled (2.4): the option on, and a master that is not local (isLocalMaster:
 * "local" or "local[...]"), unless spark.dynamicAllocation.testing. An unset spark.master is not local here:
 * the layout takes the cluster it sizes for (YARN unless said otherwise).
 */
function dynamicAllocationEnabled(conf: SparkConfView, v: SparkVersion): boolean {
  const on = readTypedBoolean(conf, 'spark.dynamicAllocation.enabled', v, 'false');
  if (!on.ok || !on.read.value) return false;
  const master = conf.get('spark.master')?.value ?? '';
  const local = master === 'local' || master.startsWith('local[');
  return !local || confBoolean(conf, 'spark.dynamicAllocation.testing') === true;
}

/** SparkConf.getTimeAsSeconds(key, default): JavaUtils.timeStringAsSec (a bare number is in seconds). */
function timeAsSeconds(conf: SparkConfView, key: string, fallback: string): { s: number } | { error: StartupError } {
  const from = conf.get(key);
  const text = from?.value ?? fallback;
  if (/^-?[0-9]+$/.test(javaTrim(text.toLowerCase()))) return { s: Number(javaTrim(text)) };
  const r = timeStringAsMs(text);
  if (r.ok) return { s: Math.trunc(r.ms / 1000) };
  const error: StartupError = {
    phase: 'driver',
    exceptionClass: 'NumberFormatException',
    // SparkConf.getTimeAsSeconds (catchIllegalValue) names the key before the parser's text.
    message: `Illegal value for config key ${key}: ${r.error}`,
    key,
    ...(from !== undefined ? { from } : {}),
  };
  return { error };
}

/** The settings the constructor reads, or the first read that fails (undefined: a typed read that an earlier stage refuses). */
function readSettings(conf: SparkConfView, v: SparkVersion) {
  const min = readTypedInt(conf, 'spark.dynamicAllocation.minExecutors', v, '0');
  const max = readTypedInt(conf, 'spark.dynamicAllocation.maxExecutors', v, String(INT_MAX));
  if (!min.ok || !max.ok) return undefined;
  const backlog = timeAsSeconds(conf, 'spark.dynamicAllocation.schedulerBacklogTimeout', '1s');
  if ('error' in backlog) return backlog;
  const sustained = timeAsSeconds(conf, 'spark.dynamicAllocation.sustainedSchedulerBacklogTimeout', `${backlog.s}s`);
  if ('error' in sustained) return sustained;
  const idle = timeAsSeconds(conf, 'spark.dynamicAllocation.executorIdleTimeout', '60s');
  if ('error' in idle) return idle;
  const cached = timeAsSeconds(conf, 'spark.dynamicAllocation.cachedExecutorIdleTimeout', `${INT_MAX}s`);
  if ('error' in cached) return cached;
  const ratio = readTypedDouble(conf, 'spark.dynamicAllocation.executorAllocationRatio', v, '1.0');
  if (!ratio.ok) return undefined;
  return {
    min: min.read.value,
    max: max.read.value,
    timeouts: { backlog: backlog.s, sustained: sustained.s, idle: idle.s, cached: cached.s },
    testing: confBoolean(conf, 'spark.dynamicAllocation.testing') === true,
    ratio: ratio.read.value,
  };
}

/** validateSettings' refusals in its order; the first that applies is thrown (SparkException). */
function validateSettings(
  s: NonNullable<Exclude<ReturnType<typeof readSettings>, { error: StartupError }>>,
  shuffleService: boolean,
  tasksPerExecutor: number,
): { message: string; key: string } | undefined {
  const d = 'spark.dynamicAllocation';
  if (s.min < 0 || s.max < 0) return { message: `${d}.{min/max}Executors must be positive!`, key: `${d}.minExecutors` };
  if (s.max === 0) return { message: `${d}.maxExecutors cannot be 0!`, key: `${d}.maxExecutors` };
  if (s.min > s.max)
    return {
      message: `${d}.minExecutors (${s.min}) must be less than or equal to ${d}.maxExecutors (${s.max})!`,
      key: `${d}.minExecutors`,
    };
  const t = s.timeouts;
  if (t.backlog <= 0)
    return { message: `${d}.schedulerBacklogTimeout must be > 0!`, key: `${d}.schedulerBacklogTimeout` };
  if (t.sustained <= 0)
    return {
      message: `${d}.sustainedSchedulerBacklogTimeout must be > 0!`,
      key: `${d}.sustainedSchedulerBacklogTimeout`,
    };
  if (t.idle < 0) return { message: `${d}.executorIdleTimeout must be >= 0!`, key: `${d}.executorIdleTimeout` };
  if (t.cached < 0)
    return { message: `${d}.cachedExecutorIdleTimeout must be >= 0!`, key: `${d}.cachedExecutorIdleTimeout` };
  if (!shuffleService && !s.testing)
    return {
      message:
        'Dynamic allocation of executors requires the external shuffle service. You may enable this through spark.shuffle.service.enabled.',
      key: 'spark.shuffle.service.enabled',
    };
  if (tasksPerExecutor === 0)
    return { message: 'spark.executor.cores must not be < spark.task.cpus.', key: 'spark.executor.cores' };
  if (!(s.ratio > 0 && s.ratio <= 1.0))
    return { message: `${d}.executorAllocationRatio must be > 0 and <= 1.0`, key: `${d}.executorAllocationRatio` };
  return undefined;
}

/** What 2.4's ExecutorAllocationManager refuses, for executors of `executorCores` and tasks of `taskCpus`. */
export function allocationManagerErrors(
  conf: SparkConfView,
  v: SparkVersion,
  executorCores: number,
  taskCpus: number,
): StartupError | undefined {
  if (atLeast(v, 3) || !dynamicAllocationEnabled(conf, v)) return undefined;
  const s = readSettings(conf, v);
  if (s === undefined) return undefined;
  if ('error' in s) return s.error;
  const shuffle = readTypedBoolean(conf, 'spark.shuffle.service.enabled', v, 'false');
  // tasksPerExecutorForFullParallelism: executor cores / task cpus, an int division.
  const refusal = validateSettings(s, shuffle.ok && shuffle.read.value, Math.trunc(executorCores / taskCpus));
  if (refusal === undefined) return undefined;
  // A refusal of a key left unset (the shuffle service) is shown on the line that turned the manager on.
  const from = conf.get(refusal.key) ?? conf.get('spark.dynamicAllocation.enabled');
  return {
    phase: 'driver',
    exceptionClass: 'SparkException',
    message: refusal.message,
    key: refusal.key,
    ...(from !== undefined ? { from } : {}),
  };
}
