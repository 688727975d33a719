// The pool series of a run with bounded memory: every k-th sample is kept, and when the arrays
// reach maxPoints every other point is dropped and k doubles. So a run of any length keeps at
// most maxPoints points, spread evenly over the run, and costs O(1) per sample.
import type { SimSeries } from './types';

export interface SeriesPoint {
  t: number;
  onHeapStorageUsed: number;
  onHeapExecutionUsed: number;
  onHeapStoragePoolSize: number;
  onHeapExecutionPoolSize: number;
  offHeapStorageUsed: number;
  offHeapExecutionUsed: number;
  offHeapStoragePoolSize: number;
  offHeapExecutionPoolSize: number;
  untracked: number;
}

const SCALARS = [
  'onHeapStorageUsed',
  'onHeapExecutionUsed',
  'onHeapStoragePoolSize',
  'onHeapExecutionPoolSize',
  'offHeapStorageUsed',
  'offHeapExecutionUsed',
  'offHeapStoragePoolSize',
  'offHeapExecutionPoolSize',
  'untracked',
] as const;

export class SeriesRecorder {
  private readonly cols: Record<(typeof SCALARS)[number] | 't', number[]>;
  private readonly perSlot: number[][];
  private k = 1;
  private counter = 0;
  private readonly maxPoints: number;

  constructor(
    maxPoints: number,
    readonly slots: number,
  ) {
    // Two points at least (start and end), and an even bound so halving keeps it.
    this.maxPoints = Math.max(2, Math.floor(maxPoints));
    this.cols = {
      t: [],
      onHeapStorageUsed: [],
      onHeapExecutionUsed: [],
      onHeapStoragePoolSize: [],
      onHeapExecutionPoolSize: [],
      offHeapStorageUsed: [],
      offHeapExecutionUsed: [],
      offHeapStoragePoolSize: [],
      offHeapExecutionPoolSize: [],
      untracked: [],
    };
    this.perSlot = Array.from({ length: slots }, () => []);
  }

  get length(): number {
    return this.cols.t.length;
  }

  /** True when the next sample would be kept (callers skip building the point otherwise). */
  wants(): boolean {
    return this.counter % this.k === 0;
  }

  /** A sample that wants() declined: only counted. */
  skip(): void {
    this.counter++;
  }

  /** Offer a sample; `force` keeps it regardless of k (the last point of a run). */
  add(p: SeriesPoint, slotBytes: readonly number[], force = false): void {
    const keep = force || this.counter % this.k === 0;
    this.counter++;
    if (!keep) return;
    if (this.cols.t.length >= this.maxPoints) this.halve();
    this.cols.t.push(p.t);
    for (const c of SCALARS) this.cols[c].push(p[c]);
    for (let i = 0; i < this.slots; i++) (this.perSlot[i] as number[]).push(slotBytes[i] ?? 0);
  }

  private halve(): void {
    const keepEven = (a: number[]): void => {
      let w = 0;
      for (let r = 0; r < a.length; r += 2) a[w++] = a[r] as number;
      a.length = w;
    };
    keepEven(this.cols.t);
    for (const c of SCALARS) keepEven(this.cols[c]);
    for (const s of this.perSlot) keepEven(s);
    this.k *= 2;
  }

  /** A copy (plain arrays), safe to hand to a webview while the run goes on. */
  snapshot(): SimSeries {
    return {
      t: this.cols.t.slice(),
      onHeapStorageUsed: this.cols.onHeapStorageUsed.slice(),
      onHeapExecutionUsed: this.cols.onHeapExecutionUsed.slice(),
      onHeapStoragePoolSize: this.cols.onHeapStoragePoolSize.slice(),
      onHeapExecutionPoolSize: this.cols.onHeapExecutionPoolSize.slice(),
      offHeapStorageUsed: this.cols.offHeapStorageUsed.slice(),
      offHeapExecutionUsed: this.cols.offHeapExecutionUsed.slice(),
      offHeapStoragePoolSize: this.cols.offHeapStoragePoolSize.slice(),
      offHeapExecutionPoolSize: this.cols.offHeapExecutionPoolSize.slice(),
      untracked: this.cols.untracked.slice(),
      perTaskExecution: this.perSlot.map((s) => s.slice()),
    };
  }
}
