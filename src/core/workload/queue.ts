// The run's event queue: a min-heap on (t, seq), so items due at the same time run in the order
// they were scheduled and every run is deterministic.
import type { QueueItem } from './task';

export class Queue {
  private readonly a: QueueItem[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: QueueItem): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p] as QueueItem, x)) break;
      a[i] = a[p] as QueueItem;
      i = p;
    }
    a[i] = x;
  }
  pop(): QueueItem | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && less(a[r] as QueueItem, a[l] as QueueItem) ? r : l;
        if (less(last, a[c] as QueueItem)) break;
        a[i] = a[c] as QueueItem;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

function less(x: QueueItem, y: QueueItem): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}
