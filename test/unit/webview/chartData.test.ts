// Chart data shaping: seconds and MiB, aligned arrays, off-heap only when in play, markers.
import * as assert from 'node:assert/strict';
import type { SimEvent, SimSeries } from '../../../src/core/workload/types';
import {
  allCharts,
  countKinds,
  eventMarkers,
  offHeapChart,
  offHeapInPlay,
  onHeapChart,
  perTaskChart,
} from '../../../src/webview/chartData';

const MiB = 2 ** 20;
export function series(n = 4, offHeap = 0): SimSeries {
  const t = Array.from({ length: n }, (_, i) => i * 500);
  const v = (k: number) => t.map((_, i) => (i + k) * MiB);
  return {
    t,
    onHeapStorageUsed: v(1),
    onHeapExecutionUsed: v(2),
    onHeapStoragePoolSize: t.map(() => 100 * MiB),
    onHeapExecutionPoolSize: t.map(() => 100 * MiB),
    offHeapStorageUsed: t.map(() => 0),
    offHeapExecutionUsed: t.map(() => 0),
    offHeapStoragePoolSize: t.map(() => offHeap),
    offHeapExecutionPoolSize: t.map(() => offHeap),
    untracked: v(0),
    perTaskExecution: [v(3), v(4).slice(0, 2)],
  };
}

describe('webview chart data', () => {
  it('gives the on-heap timeline in seconds and MiB, one array per line, all aligned', () => {
    const c = onHeapChart(series());
    assert.deepEqual(c.data[0], [0, 0.5, 1, 1.5]);
    assert.deepEqual(c.data[1], [1, 2, 3, 4]);
    assert.deepEqual(c.data[3], [100, 100, 100, 100]);
    assert.equal(c.data.length, c.lines.length + 1);
    for (const d of c.data) assert.equal(d.length, 4);
    assert.ok(c.lines.every((l) => l.colorVar.startsWith('--vscode-charts-')));
  });
  it('shows off-heap only when an off-heap pool has a size', () => {
    assert.equal(offHeapInPlay(series()), false);
    assert.equal(offHeapInPlay(series(4, 512 * MiB)), true);
    assert.deepEqual(offHeapChart(series(4, 512 * MiB)).data[3], [512, 512, 512, 512]);
    assert.equal(allCharts(series(), []).offHeap, undefined);
    assert.ok(allCharts(series(4, MiB), []).offHeap !== undefined);
  });
  it('pads a short per-task series with its last value so every slot aligns with time', () => {
    const c = perTaskChart(series());
    assert.equal(c.lines.length, 2);
    assert.deepEqual(c.data[2], [4, 5, 5, 5]);
  });
  it('marks notable events only, thinned evenly to a maximum', () => {
    const ev: SimEvent[] = [];
    for (let i = 0; i < 1000; i++) ev.push({ t: i, kind: i % 2 ? 'spill' : 'acquire', message: '' });
    const m = eventMarkers(ev, undefined, 100);
    assert.equal(m.length, 100);
    assert.ok(m.every((x) => x.kind === 'spill'));
    assert.equal(m[0]!.t, 0.001);
    assert.equal(countKinds(ev).get('spill'), 500);
  });
});
