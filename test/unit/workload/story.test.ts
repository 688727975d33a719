// The run's story: the costliest items of a run, their cause from the events, and what-ifs that
// are checked by running the engine again (so a what-if said to remove a spill really does).
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/analyze';
import {
  Scenario,
  SimResult,
  executorSourceOfDocument,
  presetScenario,
  runStory,
  simulateWorkload,
  storyOfDocument,
} from '../../../src/core/workload';

const TEXT = 'spark.executor.memory 4g\nspark.executor.cores 4\n';
const doc = parseDocument({ kind: 'spark-defaults' }, TEXT);

function run(sc: Scenario, overrides: Record<string, string> = {}): SimResult {
  const src = executorSourceOfDocument(doc, { overrides });
  assert.ok(src.ok, src.ok ? '' : src.message);
  return simulateWorkload(src.source, sc, { maxPoints: 50 });
}

function preset(id: string): Scenario {
  const sc = presetScenario(id);
  assert.ok(sc, id);
  return sc;
}

describe('workload run story', () => {
  it('gives spills, waits and evictions their cause: the request, the task and the cap', () => {
    for (const [id, kind] of [
      ['wide-aggregation', 'spill'],
      ['offheap-shuffle', 'spill'],
      ['cache-thrash', 'evict'],
    ] as const) {
      const r = run(preset(id));
      const e = r.events.find((x) => x.kind === kind);
      assert.ok(e?.cause, `${id}: a ${kind} event with a cause`);
      assert.ok(e.cause.capBytes > 0, `${id}: the cap has a size`);
      assert.equal(e.cause.task, e.task);
      assert.match(e.cause.request, /^task \d+/);
    }
    const evict = run(preset('cache-thrash')).events.find((x) => x.kind === 'evict');
    assert.match(evict?.message ?? '', /evicted rdd_\d+_\d+ \(.*\) from memory for task \d+ caching rdd_/);
  });

  it("a spill's cap is 1/N of the execution memory (ExecutionMemoryPool)", () => {
    const r = run(preset('wide-aggregation'));
    for (const e of r.events) {
      if (e.kind !== 'spill' || e.cause === undefined) continue;
      const n = Number(/1\/(\d+) of/.exec(e.cause.cap)?.[1]);
      assert.ok(n >= 1 && n <= 4, e.cause.cap);
      // The unified region is all execution can reach when nothing is cached.
      assert.ok(Math.abs(e.cause.capBytes - Math.trunc((r.executor?.maxHeapMemory ?? 0) / n)) <= 1, e.cause.cap);
    }
  });

  it('tells a spill with the settings whose re-run has no spill, and each of them really has none', () => {
    const sc = preset('wide-aggregation');
    const r = run(sc);
    const story = storyOfDocument(doc, {}, sc, r);
    const spill = story.items.find((i) => i.kind === 'spill');
    assert.ok(spill, 'the spill is in the story');
    assert.equal(spill.measure, r.summary.spilledBytes);
    assert.match(spill.headline, /spilled 3\.19 GiB in 4 spills/);
    assert.match(spill.cause, /1\/\d+ of the .* execution memory/);
    assert.ok(spill.whatIfs.length > 0, 'a what-if');
    for (const w of spill.whatIfs) {
      assert.ok(w.removes, w.label);
      assert.equal(run(sc, { ...w.settings }).summary.spilledBytes, 0, `${w.label} re-run independently`);
    }
    assert.match(spill.change, /^With .* they would not spill/);
  });

  it('finds the mildest removing value per setting: one step milder still spills', () => {
    const sc = preset('offheap-shuffle');
    const story = storyOfDocument(doc, {}, sc, run(sc));
    const w = story.items.find((i) => i.kind === 'spill')?.whatIfs.find((x) => 'spark.executor.cores' in x.settings);
    assert.ok(w, 'fewer cores remove the spill');
    const cores = Number(w.settings['spark.executor.cores']);
    assert.ok(cores < 4);
    // The candidate tried before it (3 cores) did not remove it.
    if (cores < 3) assert.ok(run(sc, { 'spark.executor.cores': '3' }).summary.spilledBytes > 0);
  });

  it('says nothing about a run that costs nothing, and makes no re-run for it', () => {
    const sc = preset('broadcast-join');
    const story = storyOfDocument(doc, {}, sc, run(sc));
    assert.deepEqual(story, { items: [], reruns: 0 });
  });

  it('keeps to its budget of engine runs, and ranks failures before costs', () => {
    const sc = preset('wide-aggregation');
    const r = run(sc);
    let calls = 0;
    const failed: SimResult = { ...r, summary: { ...r.summary, failedTasks: 2 } };
    const story = runStory(failed, sc, {
      knobs: { flavour: 'spark', memoryBytes: 4 * 2 ** 30, cores: 4, taskCpus: 1, memoryFraction: 0.6 },
      rerun: (s) => {
        calls++;
        return run(sc, { ...s });
      },
      maxReruns: 2,
    });
    assert.ok(calls <= 2 && story.reruns === calls, `${calls} runs`);
    assert.equal(story.items[0]?.kind, 'failure');
    assert.ok(story.items.length <= 3);
  });

  it('words a setting that only helps as an improvement, not a removal', () => {
    const sc = preset('wide-aggregation');
    const r = run(sc);
    const story = runStory(r, sc, {
      knobs: { flavour: 'spark', memoryBytes: 4 * 2 ** 30, cores: 4, taskCpus: 1 },
      // Every re-run halves the spill: none removes it.
      rerun: () => ({ ...r, summary: { ...r.summary, spilledBytes: r.summary.spilledBytes / 2 } }),
    });
    const spill = story.items.find((i) => i.kind === 'spill');
    assert.ok(spill);
    assert.equal(spill.whatIfs.length, 1);
    assert.equal(spill.whatIfs[0]?.removes, false);
    assert.match(spill.change, /None of the settings tried removes it; .* brings it from 3\.19 GiB to 1\.59 GiB/);
  });
});
