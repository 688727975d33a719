// How the panel words a run's numbers: no "0 B in 0", event times to the millisecond.
import * as assert from 'node:assert/strict';
import { durationText, eventTime, spillText } from '../../../src/webview/format';

describe('webview number wording', () => {
  it('says "none" for a run without spills and counts spills in words otherwise', () => {
    assert.equal(spillText(0, 0), 'none');
    assert.equal(spillText(2 ** 30, 1), '1.00 GiB in 1 spill');
    assert.equal(spillText(3 * 2 ** 20, 12), '3.00 MiB in 12 spills');
  });
  it('rounds event times to the millisecond (the engine keeps fractions such as 2024.40625 ms)', () => {
    assert.equal(eventTime(2024.40625), '2.024 s');
    assert.equal(eventTime(0), '0.000 s');
    assert.equal(eventTime(999.6), '1.000 s');
  });
  it('words durations in seconds from one second up', () => {
    assert.equal(durationText(350.4), '350 ms');
    assert.equal(durationText(2024.4), '2.02 s');
  });
});
