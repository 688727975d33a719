// A call to ExecutionMemoryPool.acquireMemory that Spark would block in (`lock.wait()`), as an
// object: the task stays counted in the pool, and the request is retried each time the manager's
// lock is notified (a release, or a new task joining) until it is granted.
import { MemoryMode } from '../memoryMode';
import { SparkError } from '../errors';

export type WaitState = 'waiting' | 'granted' | 'failed';

export class ExecutionWait {
  state: WaitState = 'waiting';
  /** Bytes granted once `state` is 'granted'. */
  granted = 0;
  /** What the retry threw, once `state` is 'failed'. */
  error: SparkError | undefined;
  /** Set by notifyAll; a waiter only retries after a notification that happened while it waited. */
  notified = false;
  /** Order in which settled requests completed (manager-wide sequence). */
  settledSeq = -1;
  /** Continuation (e.g. the TaskMemoryManager call that was blocked), run when the wait settles. */
  onSettled: ((w: ExecutionWait) => void) | undefined;

  constructor(
    readonly taskAttemptId: number,
    readonly numBytes: number,
    readonly mode: MemoryMode,
  ) {}
}

export function isExecutionWait(x: unknown): x is ExecutionWait {
  return x instanceof ExecutionWait;
}
