// The compare view's winner: fewest failures, then shortest time, then least spill; ties mark nothing.
import * as assert from 'node:assert/strict';
import type { SimResult } from '../../../src/core/workload/types';
import { winners } from '../../../src/webview/winners';

const run = (failedTasks: number, durationMs: number, spilledBytes = 0, stoppedAt?: string): SimResult =>
  ({
    summary: { failedTasks, durationMs, spilledBytes, ...(stoppedAt !== undefined ? { stoppedAt } : {}) },
  }) as unknown as SimResult;

describe('webview compare winners', () => {
  it('prefers no failure over speed, then time, then spill', () => {
    assert.deepEqual(winners([run(1, 100), run(0, 900), run(0, 500)]), [2]);
    assert.deepEqual(winners([run(0, 500, 10), run(0, 500, 0)]), [1]);
    assert.deepEqual(winners([run(0, 100, 0, 'aborted'), run(3, 900)]), [1]);
  });
  it('marks every run that ties for best, and none when all tie', () => {
    assert.deepEqual(winners([run(0, 500), run(0, 500.2), run(0, 800)]), [0, 1]);
    assert.deepEqual(winners([run(0, 500), run(0, 500)]), []);
    assert.deepEqual(winners([]), []);
  });
});
