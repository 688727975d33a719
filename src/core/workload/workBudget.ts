// The simulator's own limits, beside the scenario's event budget (maxEvents): they bound the memory
// and the time one run may take, whatever the scenario asks for. A run that reaches one stops with
// "stopped: the scenario needs more than …": it is a limit of this simulator, never a Spark failure.
// None of these is a Spark setting; each is chosen so that the largest accepted run stays within a
// few hundred MB and a few seconds on one core.

/**
 * Task slots of one executor (floor(spark.executor.cores / spark.task.cpus)). The simulator keeps
 * per-slot state and a per-slot series; real executors have at most a few hundred cores (the
 * panel's slider stops at 32).
 */
export const MAX_TASK_SLOTS = 1024;

/**
 * Distinct blocks (in memory or on disk) one run tracks. Each costs a few hundred bytes of
 * bookkeeping, and JavaScript's Map and Set hold at most 2^24 entries.
 */
export const MAX_TRACKED_BLOCKS = 2_000_000;

export function eventsMessage(budget: number, at: string): string {
  return `stopped: the scenario needs more than its event budget of ${grouped(budget)} (maxEvents), reached at t=${at}`;
}

/** Thrown inside a task when the run reaches one of the limits above; the run stops, the task does not fail. */
export class WorkLimitReached extends Error {}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function slotsMessage(slots: number, cores: number, taskCpus: number): string {
  return (
    `stopped: the scenario needs more than ${grouped(MAX_TASK_SLOTS)} task slots ` +
    `(spark.executor.cores ${grouped(cores)} / spark.task.cpus ${grouped(taskCpus)} = ${grouped(slots)}), ` +
    `the most this simulator runs on one executor`
  );
}

export function blocksMessage(limit: number = MAX_TRACKED_BLOCKS): string {
  return `stopped: the scenario needs more than ${grouped(limit)} cached blocks, the most this simulator tracks in one run`;
}

/** An error of the simulator itself (a JavaScript limit such as "Set maximum size exceeded"), said as such. */
export function internalLimitMessage(e: unknown): string {
  const what = e instanceof Error ? e.message : String(e);
  return `stopped: the scenario needs more than this simulator can hold (${what})`;
}
