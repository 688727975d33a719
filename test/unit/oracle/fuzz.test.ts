// The differential fuzz must reach the paths it claims to compare with Spark: a generator change that
// stopped producing putIterator or maybeSpill steps (or only their trivial outcomes) would leave the
// oracle agreeing about nothing.
import * as assert from 'node:assert/strict';
import { generate } from '../../oracle/fuzz';
import { SPARK_3_5 } from '../../../src/core/version';

const rel = { version: SPARK_3_5, legacy: false, label: '3.5' };

/** Outcomes of the putIterator and maybeSpill steps of the first `n` programs, as the simulator ran them. */
function outcomes(n: number): Set<string> {
  const seen = new Set<string>();
  for (let seed = 1_000_003; seed < 1_000_003 + n; seed++) {
    const { program, sim } = generate(seed, rel, false);
    if (sim.construct !== undefined) continue;
    program.steps.forEach((s, i) => {
      const state = JSON.parse(sim.states[i + 1] ?? '{}') as { r: Record<string, unknown>; evicted: string[] };
      const r = state.r;
      if (s.op === 'putIterator') {
        seen.add(`putIterator ${String(r['result'])}`);
        if (s.args['preciseSize'] !== undefined && r['result'] === 'stored') seen.add('putIterator top-up or excess');
        if (state.evicted.length > 0) seen.add('putIterator evicts');
      }
      if (s.op === 'maybeSpill') {
        if (r['spilled'] === true) seen.add('maybeSpill spills');
        if (r['spilled'] === false && Number(r['requested']) > 0) seen.add('maybeSpill grows');
      }
      if (
        s.op === 'consumerAcquire' &&
        (r['granted'] as number) >= 0 &&
        /"spillOrder":\["s\d/.test(sim.states[i + 1] ?? '')
      )
        seen.add('a consumer spills a Spillable');
    });
  }
  return seen;
}

describe('oracle: the fuzz generator', () => {
  it('reaches putIterator and Spillable outcomes in a few hundred programs', () => {
    const seen = outcomes(600);
    for (const o of [
      'putIterator stored',
      'putIterator failed',
      'putIterator top-up or excess',
      'putIterator evicts',
      'maybeSpill spills',
      'maybeSpill grows',
      'a consumer spills a Spillable',
    ])
      assert.ok(seen.has(o), `${o} not reached: ${[...seen].join(', ')}`);
  });
});
