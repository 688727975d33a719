// JavaUtils.timeStringAs(str, MILLISECONDS): the values and the refusals Spark gives.
import * as assert from 'node:assert/strict';
import { timeStringAsMs } from '../../../src/core/config/timeString';

describe('time strings (JavaUtils.timeStringAs)', () => {
  it('reads each suffix into milliseconds, a bare number as milliseconds', () => {
    const ms = (s: string) => {
      const r = timeStringAsMs(s);
      assert.ok(r.ok, s);
      return r.ms;
    };
    assert.equal(ms('250'), 250);
    assert.equal(ms('1500us'), 1); // TimeUnit.MICROSECONDS.toMillis truncates
    assert.equal(ms(' 2S '), 2000);
    assert.equal(ms('3m'), 180_000);
    assert.equal(ms('3min'), 180_000);
    assert.equal(ms('1h'), 3_600_000);
    assert.equal(ms('1d'), 86_400_000);
    assert.equal(ms('-5s'), -5000);
  });
  it("refuses with Spark's text", () => {
    const err = (s: string) => {
      const r = timeStringAsMs(s);
      assert.ok(!r.ok, s);
      return r.error.split('\n')[1];
    };
    assert.equal(err('1.5s'), 'Failed to parse time string: 1.5s');
    assert.equal(err('10sec'), 'Invalid suffix: "sec"');
    assert.equal(err('99999999999999999999s'), 'For input string: "99999999999999999999"');
  });
});
