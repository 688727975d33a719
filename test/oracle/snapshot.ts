// The state after each step of a program, taken from the simulator in exactly the text the Java
// harness prints from Spark's classes (ManagerHarness.snapshot): same keys, same order, so a whole
// run compares as one string and only a difference needs parsing.
import { CaseRelease, Json, OpsRun, errorOf } from '../conformance/runner';
import { Program, programCase } from './program';
import { UnifiedMemoryManager } from '../../src/core/sim/unifiedMemoryManager';
import { atLeast } from '../../src/core/version';

/** Ops the harness drives; a program with any other op is not sent to Spark. */
export const HARNESS_OPS = new Set([
  'acquireExecution',
  'releaseExecution',
  'releaseAllExecutionForTask',
  'acquireStorage',
  'releaseStorage',
  'releaseAllStorage',
  'acquireUnroll',
  'releaseUnroll',
  'putBytes',
  'getBlock',
  'lockForRead',
  'unlock',
  'reserveUnrollForTask',
  'releaseUnrollForTask',
  'consumerAcquire',
  'consumerFree',
  'tmmAcquireDirect',
  'tmmReleaseDirect',
  'tmmCleanUp',
  // 4.1+: memory outside Spark's pools, reported through UnmanagedMemoryConsumer (Unmanaged.java).
  'setUnmanaged',
  // MemoryStore.putIterator's own unroll loop with a linear ValuesHolder (Unroll.java).
  'putIterator',
  // Spark's Spillable subclassed in Java (HarnessSpillable.java).
  'maybeSpill',
]);

const RESULT_ORDER = [
  'granted',
  'blocked',
  'freed',
  'result',
  'size',
  'unrollHeld',
  'unrollRequests',
  'spilled',
  'requested',
  'threshold',
];

/** The simulator's side: `[state0, state1, ...]`, or `{"construct":{...}}` when the manager cannot be built. */
export class SimProgram {
  readonly run: OpsRun;
  readonly states: string[] = [];
  readonly construct: string | undefined;

  constructor(p: Program, rel: CaseRelease) {
    this.run = new OpsRun(programCase(p), rel);
    try {
      this.run.build();
      this.construct = undefined;
      this.states.push(this.state({}, undefined, []));
    } catch (e) {
      const err = errorOf(e);
      // From 3.5 Spark's refusal carries an error class: compare that (the class and text vary by line).
      this.construct = JSON.stringify({
        construct:
          err.errorClass !== undefined
            ? { errorClass: err.errorClass }
            : { throws: err.sparkClass, message: err.message },
      });
    }
  }

  /** Runs one more step; returns its result object (for the generator) and records the state. */
  step(op: string, args: Record<string, Json>): Record<string, Json> {
    const run = this.run;
    run.rec.evictRequests = [];
    run.evicted = [];
    run.spills = [];
    const mark = run.seqMark();
    let res: Record<string, Json>;
    let thrown: string | undefined;
    try {
      res = run.exec({ op, args, expect: undefined, expectByVersion: undefined });
    } catch (e) {
      res = {};
      thrown = errorOf(e).sparkClass;
    }
    this.states.push(this.state(res, thrown, run.woken(mark)));
    return thrown === undefined ? res : { throws: thrown };
  }

  text(): string {
    return this.construct ?? `[${this.states.join(',')}]`;
  }

  private state(res: Record<string, Json>, thrown: string | undefined, woken: Json[]): string {
    const run = this.run;
    const mm = run.mm;
    const r: Record<string, Json> = {};
    if (thrown !== undefined) r['throws'] = thrown;
    else for (const k of RESULT_ORDER) if (res[k] !== undefined) r[k] = res[k];
    const tasks: Record<string, number> = {};
    [...mm.executionMemoryByTask().entries()]
      .filter(([, b]) => b !== 0)
      .sort((a, b) => a[0] - b[0])
      .forEach(([t, b]) => (tasks[String(t)] = b));
    const consumers: Record<string, number> = {};
    const spilled: Record<string, number> = {};
    run.consumers.forEach((c, name) => {
      consumers[name] = c.used;
      spilled[name] = c.spilledBytes;
    });
    return JSON.stringify({
      r,
      w: woken.map((w) => {
        const o = w as Record<string, Json>;
        return o['error'] !== undefined
          ? { task: o['task'], error: o['error'] }
          : { task: o['task'], granted: o['granted'] };
      }),
      pools: [
        mm.onHeapStorageMemoryPool.poolSize,
        mm.onHeapExecutionMemoryPool.poolSize,
        mm.offHeapStorageMemoryPool.poolSize,
        mm.offHeapExecutionMemoryPool.poolSize,
      ],
      used: [mm.executionMemoryUsed, mm.storageMemoryUsed],
      maxStorage: [mm.maxOnHeapStorageMemory, mm.maxOffHeapStorageMemory],
      req: [...run.rec.evictRequests],
      evicted: [...run.evicted],
      inMemory: run.store.blockIds(),
      onDisk: [...run.store.diskBlockIds()].sort(),
      tasks,
      consumers,
      spilled,
      spillOrder: run.spills.filter((s) => s.released > 0).map((s) => s.name),
      // Rows in task order, as SparkState.java prints them (an object would move task -1 last).
      unroll: [...run.store.unrollMemoryByTask().entries()].filter(([, b]) => b !== 0).sort((a, b) => a[0] - b[0]),
      maxHeap: mm instanceof UnifiedMemoryManager ? mm.maxHeapMemory : null,
      peaks: this.peaks(),
    });
  }

  /** [[task, peakOnHeap, peakOffHeap]]: TaskMemoryManager tracks peaks from 4.0 (SPARK-48628). */
  private peaks(): number[][] {
    if (!atLeast(this.run.mm.version, 4, 0)) return [];
    return [...this.run.tmms.entries()]
      .map(([t, m]) => [t, m.peakOnHeapMemory, m.peakOffHeapMemory])
      .filter(([, on, off]) => on !== 0 || off !== 0)
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  }
}
