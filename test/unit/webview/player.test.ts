// Run to end in the panel: in slices that give the thread back, with progress shown, stoppable.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import { executorSourceOfDocument, parseScenario } from '../../../src/core/workload';
import type { SimResult } from '../../../src/core/workload/types';
import { startRun } from '../../../src/webview/engine';
import { Player } from '../../../src/webview/player';

const g = globalThis as unknown as Record<string, unknown>;
g['requestAnimationFrame'] ??= (f: () => void) => setTimeout(f, 16);
g['cancelAnimationFrame'] ??= (h: ReturnType<typeof setTimeout>) => clearTimeout(h);

const tick = () => new Promise((r) => setTimeout(r, 0));

function longRun() {
  const src = executorSourceOfDocument(parseDocument({ kind: 'spark-defaults' }, 'spark.executor.memory 1g\n'), {});
  if (!src.ok) assert.fail(src.message);
  const sc = parseScenario(
    'name: long\nmaxEvents: 300000\nstages:\n  - tasks: 100000\n    ops:\n      - cache: { rdd: 1, size: 1m }\n      - compute: { ms: 1 }\n',
    'long.yaml',
  );
  if (!sc.ok) assert.fail(sc.errors[0]?.message);
  return startRun(src.source, sc.scenario);
}

describe('Player.runToEnd', function () {
  this.timeout(60_000);

  it('returns at once, shows progress slice by slice, stops on pause and ends when run again', async () => {
    const shown: SimResult[] = [];
    const player = new Player(
      { show: (r) => shown.push(r), status: () => undefined, changed: () => undefined },
      () => 1,
    );
    player.load(longRun());
    player.runToEnd();
    assert.equal(player.finished, false, 'runToEnd must not run the whole scenario before returning');
    assert.equal(player.isPlaying, true);
    await tick();
    await tick();
    assert.ok(shown.length >= 1, 'a slice shows its progress');
    const events = shown[shown.length - 1]!.summary.events;
    player.pause();
    await tick();
    await tick();
    assert.equal(player.isPlaying, false);
    assert.equal(player.finished, false);
    assert.equal(shown[shown.length - 1]!.summary.events, events, 'nothing runs after pause');
    player.runToEnd();
    while (!player.finished) await tick();
    assert.ok(player.result!.summary.events > events);
  });
});
