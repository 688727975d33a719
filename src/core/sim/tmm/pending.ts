// Resumable calls. A TaskMemoryManager call whose MemoryManager acquire would block in Spark is
// written as a generator that yields the ExecutionWait; the driver resumes it when the wait settles.
import { SparkError } from '../errors';
import { ExecutionWait } from '../pools/executionWait';
import { MemoryManager } from '../memoryManager';

export type SimGen<T> = Generator<ExecutionWait, T, void>;

/** A call that is blocked (like a Java thread inside `lock.wait()`), completing later. */
export class PendingCall<T> {
  done = false;
  value: T | undefined;
  error: SparkError | undefined;
  /** Manager-wide order of completion (comparable with ExecutionWait.settledSeq). */
  settledSeq = -1;
  /** The ExecutionWait the call is currently blocked on. */
  blockedOn: ExecutionWait | undefined;
  onDone: ((p: PendingCall<T>) => void) | undefined;
  constructor(readonly taskAttemptId: number) {}
}

export function isPendingCall(x: unknown): x is PendingCall<unknown> {
  return x instanceof PendingCall;
}

/** Acquire from the manager inside a generator: yields while Spark's call would be blocked. */
export function* awaitAcquire(r: number | ExecutionWait): SimGen<number> {
  if (typeof r === 'number') return r;
  if (r.state === 'waiting') yield r;
  if (r.state === 'failed') throw r.error ?? new SparkError('RuntimeException', 'blocked acquire failed');
  return r.granted;
}

/** Runs `gen` until it finishes (returns its value) or blocks (returns a PendingCall). */
export function drive<T>(mm: MemoryManager, gen: SimGen<T>, task: number): T | PendingCall<T> {
  const first = gen.next();
  if (first.done === true) return first.value;
  const pending = new PendingCall<T>(task);
  park(mm, gen, pending, first.value);
  return pending;
}

function park<T>(mm: MemoryManager, gen: SimGen<T>, pending: PendingCall<T>, w: ExecutionWait): void {
  pending.blockedOn = w;
  w.onSettled = () => {
    let r: IteratorResult<ExecutionWait, T>;
    try {
      r = gen.next();
    } catch (e) {
      pending.done = true;
      pending.error = e instanceof SparkError ? e : new SparkError('RuntimeException', String(e));
      pending.blockedOn = undefined;
      pending.settledSeq = mm.nextSettleSeq();
      pending.onDone?.(pending);
      return;
    }
    if (r.done === true) {
      pending.done = true;
      pending.value = r.value;
      pending.blockedOn = undefined;
      pending.settledSeq = mm.nextSettleSeq();
      pending.onDone?.(pending);
    } else {
      park(mm, gen, pending, r.value);
    }
  };
}
