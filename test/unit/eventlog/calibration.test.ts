// The calibration corpus: real Spark 3.5.7 runs in local mode (scripts/eventlog-corpus/), their
// event logs written by Spark itself. The replay of each on its own config must reproduce, per
// stage, whether it spilled (exactly) and the spilled bytes within 25 %, and the cached partitions
// and evictions within 10 %. The same run written with each codec Spark offers reads the same.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventLogFacts, EventLogReader, replayOnOwnConfig, rollingLogFiles } from '../../../src/core/eventlog';

const DIR = join(__dirname, '../../../../test/fixtures/eventlog-corpus');

function readRun(dir: string): EventLogFacts {
  const names = readdirSync(dir);
  const sub = names.find((n) => n.startsWith('eventlog_v2_'));
  const r = new EventLogReader();
  const files =
    sub !== undefined ? rollingLogFiles(readdirSync(join(dir, sub))).eventFiles.map((f) => join(sub, f)) : names;
  for (const f of files) {
    r.beginFile(f.split('/').pop() ?? f);
    r.push(readFileSync(join(dir, f)));
    r.endFile();
  }
  return r.result();
}

/**
 * Runs whose replay is outside a bound today, with what is outside: the test holds them where
 * they are (spilled-or-not stays exact), so a change either way shows.
 */
const KNOWN_OUTSIDE: Readonly<Record<string, { readonly stage: number; readonly ratio: number }>> = {
  // None today: offheap-sort (+42 % with every task at the stage's mean demand) is +18.5 % with
  // each task's own demand (the replay's skew).
};

const within = (predicted: number, observed: number, share: number) =>
  observed === 0 ? predicted === 0 : Math.abs(predicted - observed) <= share * observed;

describe('calibration corpus (real Spark runs)', () => {
  const runs = existsSync(DIR) ? readdirSync(DIR).filter((n) => !n.startsWith('codec-') && !n.endsWith('.md')) : [];

  it('holds at least the runs the table in docs/event-logs.md lists', () => {
    assert.ok(runs.length >= 10, `${runs.length} runs`);
  });

  for (const run of runs) {
    it(`${run}: the replay on the run's own config stays within the bounds`, () => {
      const facts = readRun(join(DIR, run));
      assert.deepEqual(
        facts.problems.filter((p) => p.severity !== 'info'),
        [],
      );
      const r = replayOnOwnConfig(facts);
      assert.ok(!('error' in r), 'error' in r ? r.error : '');
      if ('error' in r) return;
      const c = r.calibration;
      const known = KNOWN_OUTSIDE[run];
      for (const s of c.stages) {
        assert.equal(s.predictedSpilled, s.observedSpilled, `stage ${s.stageId}: spilled or not`);
        if (known !== undefined && known.stage === s.stageId) {
          assert.ok(Math.abs(s.predictedSpilledBytes / s.observedSpilledBytes - known.ratio) < 0.01);
          continue;
        }
        assert.ok(
          within(s.predictedSpilledBytes, s.observedSpilledBytes, 0.25),
          `stage ${s.stageId}: ${s.predictedSpilledBytes} predicted, ${s.observedSpilledBytes} observed`,
        );
      }
      assert.ok(
        within(c.cachedPartitions.predicted, c.cachedPartitions.observed, 0.1),
        JSON.stringify(c.cachedPartitions),
      );
      assert.ok(within(c.evictions.predicted, c.evictions.observed, 0.1), JSON.stringify(c.evictions));
    });
  }

  it('the same run written with each codec Spark offers (none, lz4, lzf, snappy, zstd) reads the same', () => {
    const codecs = existsSync(DIR) ? readdirSync(DIR).filter((n) => n.startsWith('codec-')) : [];
    if (codecs.length === 0) return;
    const tasks = codecs.map((c) => {
      const f = readRun(join(DIR, c));
      assert.deepEqual(f.problems, [], c);
      assert.ok(f.files[0]?.endsWith(c === 'codec-none' ? (f.application.id ?? '') : `.${c.slice(6)}`), f.files[0]);
      return [f.totals.tasks, f.stages.length, Object.keys(f.cachedRdds).length];
    });
    for (const t of tasks) assert.deepEqual(t, tasks[0]);
  });
});

describe('derived workload', () => {
  it('gives each task its own demand (peak + spill): the skewed run’s big partition', async () => {
    const { deriveWorkload, scenarioYaml } = await import('../../../src/core/eventlog');
    const { parseScenario } = await import('../../../src/core/workload');
    const w = deriveWorkload(readRun(join(DIR, 'skew')));
    const st = w.scenario.stages.find((s) => s.skew !== undefined);
    assert.ok(st?.skew !== undefined);
    assert.equal(st.skew.length, st.tasks);
    // The factors average 1: the stage's demand is kept, only spread as the tasks had it.
    assert.ok(Math.abs(st.skew.reduce((a, b) => a + b, 0) - st.tasks) < 1e-5);
    assert.ok(Math.max(...st.skew) > 5, JSON.stringify(st.skew));
    const back = parseScenario(scenarioYaml(w.scenario), 'replay.yaml');
    assert.ok(back.ok);
    if (back.ok) assert.deepEqual(back.scenario.stages, w.scenario.stages);
  });

  it('is saved as scenario YAML that reads back to the same scenario', async () => {
    const { parseScenario } = await import('../../../src/core/workload');
    const { deriveWorkload, scenarioYaml } = await import('../../../src/core/eventlog');
    const facts = readRun(join(DIR, 'sort-spill'));
    const w = deriveWorkload(facts);
    const back = parseScenario(scenarioYaml(w.scenario), 'replay.yaml');
    assert.ok(back.ok, back.ok ? '' : JSON.stringify(back.errors));
    if (!back.ok) return;
    assert.deepEqual(back.scenario.stages, w.scenario.stages);
    assert.equal(back.scenario.serialization?.ratio, 1);
  });
});
