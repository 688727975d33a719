// Spillable (core/src/main/scala/org/apache/spark/util/collection/Spillable.scala, 2.4.4, 3.3.1,
// 4.1.1): ExternalSorter / ExternalAppendOnlyMap. Always an ON_HEAP consumer whose first
// `initialMemoryThreshold` (5 MiB) is never accounted with the memory manager.
import { atLeast } from '../../version';
import { MemoryConsumer } from './memoryConsumer';
import { TaskMemoryManager } from './taskMemoryManager';
import { PendingCall, SimGen, drive } from './pending';

export interface MaybeSpillResult {
  readonly spilled: boolean;
  /** Bytes asked for (0 when no request was made). */
  readonly requested: number;
  readonly granted: number;
  /** myMemoryThreshold after the call. */
  readonly threshold: number;
}

// Long.MAX_VALUE (2^63 - 1) as a double: Java rounds it the same way when it meets a double.
const LONG_MAX = 2 ** 63;
const INT_MAX = 2147483647;

export class Spillable extends MemoryConsumer {
  readonly initialMemoryThreshold: number;
  readonly numElementsForceSpillThreshold: number;
  readonly maxSizeForceSpillThreshold: number;
  myMemoryThreshold: number;
  /** Elements read since the last spill (addElementsRead). */
  elementsRead = 0;
  memoryBytesSpilled = 0;
  spillCount = 0;
  /** What forceSpill() returns when another consumer asks this one to spill (false = cannot now). */
  canForceSpill = true;
  /** Bytes freed by spills another consumer asked for, not yet reported (the workload engine reads it). */
  spilledNow = 0;

  constructor(tmm: TaskMemoryManager, name: string) {
    super(tmm, 'ON_HEAP', name);
    const conf = tmm.memoryManager.conf;
    this.initialMemoryThreshold = conf.getBytesEntry('spark.shuffle.spill.initialMemoryThreshold', 5 * 1024 * 1024);
    this.numElementsForceSpillThreshold = conf.getLong('spark.shuffle.spill.numElementsForceSpillThreshold', INT_MAX);
    this.maxSizeForceSpillThreshold = atLeast(tmm.memoryManager.version, 4, 1)
      ? conf.getBytesEntry('spark.shuffle.spill.maxSizeInBytesForSpillThreshold', LONG_MAX)
      : LONG_MAX;
    this.myMemoryThreshold = this.initialMemoryThreshold;
  }

  /** maybeSpill(collection, currentMemory) with the element counter as it stands. */
  maybeSpill(currentMemory: number): MaybeSpillResult | PendingCall<MaybeSpillResult> {
    return drive(
      this.taskMemoryManager.memoryManager,
      this.maybeSpillGen(currentMemory),
      this.taskMemoryManager.taskAttemptId,
    );
  }

  *maybeSpillGen(currentMemory: number): SimGen<MaybeSpillResult> {
    // 4.1.0 (with maxSizeInBytesForSpillThreshold) checks the force-spill rules first and then asks for
    // nothing; up to 4.0 the memory check runs first and the element-count rule is OR-ed in afterwards
    // (Spillable.maybeSpill's bytecode in 2.4.8, 3.5.9 and 4.0.2 against 4.1.3, read by the oracle).
    const legacyOrder = !atLeast(this.taskMemoryManager.memoryManager.version, 4, 1);
    let shouldSpill = false;
    let requested = 0;
    let granted = 0;
    const forced = (): boolean =>
      this.elementsRead > this.numElementsForceSpillThreshold || currentMemory > this.maxSizeForceSpillThreshold;
    if (!legacyOrder && forced()) {
      shouldSpill = true;
    } else if (this.elementsRead % 32 === 0 && currentMemory >= this.myMemoryThreshold) {
      // Claim up to double the current memory.
      requested = 2 * currentMemory - this.myMemoryThreshold;
      granted = yield* this.acquireMemoryGen(requested);
      this.myMemoryThreshold += granted;
      shouldSpill = currentMemory >= this.myMemoryThreshold;
    }
    if (legacyOrder) shouldSpill = shouldSpill || this.elementsRead > this.numElementsForceSpillThreshold;
    if (shouldSpill) {
      this.spillCount += 1;
      this.elementsRead = 0;
      this.memoryBytesSpilled += currentMemory;
      this.releaseMemory();
    }
    return { spilled: shouldSpill, requested, granted, threshold: this.myMemoryThreshold };
  }

  private *acquireMemoryGen(size: number): SimGen<number> {
    const granted = yield* this.taskMemoryManager.acquireExecutionMemoryGen(size, this);
    this.used += granted;
    return granted;
  }

  /** spill(size, trigger) from TaskMemoryManager: only for another consumer, with on-heap Tungsten. */
  spill(_size: number, trigger: MemoryConsumer): number {
    if (trigger !== this && this.taskMemoryManager.tungstenMemoryMode === 'ON_HEAP') {
      if (!this.canForceSpill) return 0;
      const freeMemory = this.myMemoryThreshold - this.initialMemoryThreshold;
      this.memoryBytesSpilled += freeMemory;
      this.releaseMemory();
      this.spilledBytes += freeMemory;
      this.spilledNow += freeMemory;
      return freeMemory;
    }
    return 0;
  }

  /** releaseMemory(): free what is above the initial threshold, back to the initial threshold. */
  releaseMemory(): void {
    this.freeMemory(this.myMemoryThreshold - this.initialMemoryThreshold);
    this.myMemoryThreshold = this.initialMemoryThreshold;
  }
}
