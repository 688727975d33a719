// MemoryConsumer (core/src/main/java/org/apache/spark/memory/MemoryConsumer.java, 2.4.4 – 4.1.1).
import { MemoryMode } from '../memoryMode';
import { SparkError } from '../errors';
import { atLeast } from '../../version';
import type { Page, TaskMemoryManager } from './taskMemoryManager';
import { PendingCall, SimGen, drive } from './pending';

export abstract class MemoryConsumer {
  /** Bytes this consumer holds (MemoryConsumer.used). */
  used = 0;
  /** Total bytes this consumer released through spill() (the tests' getSpilledBytes). */
  spilledBytes = 0;
  readonly pageSize: number;

  constructor(
    readonly taskMemoryManager: TaskMemoryManager,
    readonly mode: MemoryMode,
    readonly name: string,
    pageSize?: number,
  ) {
    this.pageSize = pageSize ?? taskMemoryManager.pageSizeBytes;
  }

  getUsed(): number {
    return this.used;
  }

  /** spill(size, trigger): release memory, return how much. Called by TaskMemoryManager. */
  abstract spill(size: number, trigger: MemoryConsumer): number;

  /** acquireMemory(size): TaskMemoryManager.acquireExecutionMemory, then used += granted. */
  acquireMemory(size: number): number | PendingCall<number> {
    const tmm = this.taskMemoryManager;
    const r = tmm.acquireExecutionMemory(size, this);
    if (typeof r === 'number') {
      this.used += r;
      return r;
    }
    const outer = new PendingCall<number>(tmm.taskAttemptId);
    outer.blockedOn = r.blockedOn;
    r.onDone = (p) => {
      outer.done = true;
      outer.settledSeq = p.settledSeq;
      outer.blockedOn = undefined;
      if (p.error !== undefined) outer.error = p.error;
      else {
        this.used += p.value as number;
        outer.value = p.value;
      }
      outer.onDone?.(outer);
    };
    return outer;
  }

  /** freeMemory(size): release to the TaskMemoryManager, used -= size. */
  freeMemory(size: number): void {
    this.taskMemoryManager.releaseExecutionMemory(size, this);
    this.used -= size;
  }

  /** allocatePage(required): a page of max(pageSize, required); throws if it cannot get `required`. */
  allocatePage(required: number): Page | PendingCall<Page> {
    return drive(
      this.taskMemoryManager.memoryManager,
      this.allocatePageGen(required),
      this.taskMemoryManager.taskAttemptId,
    );
  }

  *allocatePageGen(required: number): SimGen<Page> {
    const tmm = this.taskMemoryManager;
    const page = yield* tmm.allocatePageGen(Math.max(this.pageSize, required), this);
    if (page === null || page.size < required) this.throwOom(page, required);
    const p = page;
    this.used += p.size;
    return p;
  }

  /** freePage(page): used -= page.size, then TaskMemoryManager.freePage. */
  freePage(page: Page): void {
    this.used -= page.size;
    this.taskMemoryManager.freePage(page, this);
  }

  private throwOom(page: Page | null, required: number): never {
    let got = 0;
    if (page !== null) {
      got = page.size;
      this.taskMemoryManager.freePage(page, this);
    }
    const v = this.taskMemoryManager.memoryManager.version;
    if (atLeast(v, 3, 5)) {
      throw new SparkError(
        'SparkOutOfMemoryError',
        `[UNABLE_TO_ACQUIRE_MEMORY] Unable to acquire ${required} bytes of memory, got ${got}.`,
        'UNABLE_TO_ACQUIRE_MEMORY',
        { requestedBytes: String(required), receivedBytes: String(got) },
      );
    }
    throw new SparkError('SparkOutOfMemoryError', `Unable to acquire ${required} bytes of memory, got ${got}`);
  }

  toString(): string {
    return this.name;
  }
}

/** Spark's TestMemoryConsumer: spill() frees everything it uses. */
export class TestMemoryConsumer extends MemoryConsumer {
  spill(_size: number, _trigger: MemoryConsumer): number {
    const used = this.used;
    this.free(used);
    this.spilledBytes += used;
    return used;
  }

  /** use(size) — the same as acquireMemory. */
  use(size: number): number | PendingCall<number> {
    return this.acquireMemory(size);
  }

  /** free(size): used -= size, then release. */
  free(size: number): void {
    this.used -= size;
    this.taskMemoryManager.releaseExecutionMemory(size, this);
  }
}

/** Spark's TestPartialSpillingMemoryConsumer: spill() frees only min(used, requested). */
export class TestPartialSpillingMemoryConsumer extends TestMemoryConsumer {
  override spill(size: number, _trigger: MemoryConsumer): number {
    const released = Math.min(this.used, size);
    this.free(released);
    this.spilledBytes += released;
    return released;
  }
}
