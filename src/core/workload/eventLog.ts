// Events of a run: every event is counted (the budget counts them all), but only a bounded number
// is kept. Kinds are kept by tier so the notable ones survive a long run: memory trouble and
// stage starts while there is room, task starts/ends in the first half of the room, and the many
// acquire/release calls only in the first quarter.
import type { EventKind, SimEvent } from './types';

const TIER: Readonly<Record<EventKind, 0 | 1 | 2>> = {
  lowMemory: 0,
  oomRisk: 0,
  unmanaged: 0,
  taskFailed: 0,
  budget: 0,
  stageStart: 0,
  evict: 0,
  dropToDisk: 0,
  spill: 0,
  unrollFailure: 0,
  wait: 0,
  wake: 0,
  taskStart: 1,
  taskEnd: 1,
  acquire: 2,
  release: 2,
};

export class EventLog {
  readonly kept: SimEvent[] = [];
  count = 0;
  dropped = 0;
  constructor(readonly maxKept: number) {}

  add(e: SimEvent): void {
    this.count++;
    const tier = TIER[e.kind];
    const n = this.kept.length;
    // One place is always left for the final 'budget' event.
    const room = tier === 0 ? this.maxKept - 1 : tier === 1 ? this.maxKept / 2 : this.maxKept / 4;
    if (n < room || (e.kind === 'budget' && n < this.maxKept)) this.kept.push(e);
    else this.dropped++;
  }

  /** An event counted but not kept (its message is never built). */
  skip(): void {
    this.count++;
    this.dropped++;
  }

  /** Whether an event of this kind would be kept (callers skip formatting messages otherwise). */
  wouldKeep(kind: EventKind): boolean {
    const tier = TIER[kind];
    const room = tier === 0 ? this.maxKept - 1 : tier === 1 ? this.maxKept / 2 : this.maxKept / 4;
    return this.kept.length < room;
  }
}
