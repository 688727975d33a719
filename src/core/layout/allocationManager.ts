// Spark 2.4's ExecutorAllocationManager, which SparkContext builds with dynamic allocation on: its
// constructor reads the dynamic-allocation settings and its validateSettings refuses them in a fixed order
// (core/src/main/scala/org/apache/spark/ExecutorAllocationManager.scala, 2.4.8 bytecode), the executor
// cores against spark.task.cpus among them. From 3.0 SparkContext checks the cores itself (sparkLayout.ts
// taskSlots) and the manager is not modelled. Checked against the real class by the oracle
// (test/oracle/checks/startupErrors.ts, stage allocationManager).
import type { SparkConfView } from '../config/confSource';
import {
  Read,
  readConfBoolean,
  readConfTimeAsSeconds,
  readTypedBoolean,
  readTypedDouble,
  readTypedInt,
} from '../config/typedConf';
import { SparkVersion, atLeast } from '../version';
import type { StartupError } from './startupError';
import { readError } from './unified';

const INT_MAX = 2147483647;

type Settings = {
  readonly min: number;
  readonly max: number;
  readonly timeouts: {
    readonly backlog: number;
    readonly sustained: number;
    readonly idle: number;
    readonly cached: number;
  };
  readonly testing: boolean;
  readonly ratio: number;
};

/** A getBoolean failure: catchIllegalValue keeps toBoolean's IllegalArgumentException. */
function booleanError(r: Extract<Read<boolean>, { ok: false }>): StartupError {
  return { ...readError(r, 'driver'), exceptionClass: 'IllegalArgumentException' };
}

/**
 * Utils.isDynamicAllocationEnabled (2.4): getBoolean of the option, and a master that is not local
 * (isLocalMaster: "local" or "local[...]") unless getBoolean("spark.dynamicAllocation.testing"). An unset
 * spark.master is not local here: the layout takes the cluster it sizes for (YARN unless said otherwise).
 */
function dynamicAllocationEnabled(conf: SparkConfView): Read<boolean> {
  const on = readConfBoolean(conf, 'spark.dynamicAllocation.enabled', false);
  if (!on.ok || !on.read.value) return on;
  const master = conf.get('spark.master')?.value ?? '';
  if (master !== 'local' && !master.startsWith('local[')) return on;
  return readConfBoolean(conf, 'spark.dynamicAllocation.testing', false);
}

/** The settings the constructor reads, in its order, or the first read that fails (undefined: a typed read an earlier stage refuses). */
function readSettings(conf: SparkConfView, v: SparkVersion): Settings | StartupError | undefined {
  const d = 'spark.dynamicAllocation';
  const min = readTypedInt(conf, `${d}.minExecutors`, v, '0');
  const max = readTypedInt(conf, `${d}.maxExecutors`, v, String(INT_MAX));
  if (!min.ok || !max.ok) return undefined;
  const backlog = readConfTimeAsSeconds(conf, `${d}.schedulerBacklogTimeout`, '1s');
  if (!backlog.ok) return readError(backlog, 'driver');
  const sustainedKey = `${d}.sustainedSchedulerBacklogTimeout`;
  const sustained = readConfTimeAsSeconds(conf, sustainedKey, `${backlog.read.value}s`);
  if (!sustained.ok) return readError(sustained, 'driver');
  const idle = readConfTimeAsSeconds(conf, `${d}.executorIdleTimeout`, '60s');
  if (!idle.ok) return readError(idle, 'driver');
  const cached = readConfTimeAsSeconds(conf, `${d}.cachedExecutorIdleTimeout`, `${INT_MAX}s`);
  if (!cached.ok) return readError(cached, 'driver');
  const testing = readConfBoolean(conf, `${d}.testing`, false);
  if (!testing.ok) return booleanError(testing);
  const ratio = readTypedDouble(conf, `${d}.executorAllocationRatio`, v, '1.0');
  if (!ratio.ok) return undefined;
  const timeouts = {
    backlog: backlog.read.value,
    sustained: sustained.read.value,
    idle: idle.read.value,
    cached: cached.read.value,
  };
  return { min: min.read.value, max: max.read.value, timeouts, testing: testing.read.value, ratio: ratio.read.value };
}

/** validateSettings' refusals in its order; the first that applies is thrown (SparkException). */
function validateSettings(
  s: Settings,
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
  if (atLeast(v, 3)) return undefined;
  const enabled = dynamicAllocationEnabled(conf);
  if (!enabled.ok) return booleanError(enabled);
  if (!enabled.read.value) return undefined;
  const s = readSettings(conf, v);
  if (s === undefined || 'phase' in s) return s;
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
