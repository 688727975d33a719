// Spark's own test event logs as the judge of the maximum-memory prediction (the oracle's eventLogs
// check, test/oracle/eventLogMaxMemory.ts): every executor whose heap and JVM the log tells agrees to
// the byte; every other one says why it cannot be known.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { maxMemoryVerdicts } from '../../oracle/eventLogMaxMemory';

const DIR = join(__dirname, '../../../../test/fixtures/spark-events');

describe("Spark's test event logs: Maximum Memory against the prediction", () => {
  const verdicts = maxMemoryVerdicts(DIR);

  it('agrees to the byte wherever the heap and the JVM are known', () => {
    const known = verdicts.filter((v) => v.known);
    assert.ok(known.length >= 39, `only ${known.length} executors checked`);
    for (const v of known) assert.equal(v.predicted, v.observed, `${v.log} ${v.executor}: ${v.reason}`);
  });

  it('says why for the rest: 1.x runs, and a driver whose start is not logged', () => {
    const unknown = verdicts.filter((v) => !v.known);
    assert.ok(unknown.length > 0);
    for (const v of unknown) assert.match(v.reason, /not modelled|is unknown|not in the log/, `${v.log} ${v.executor}`);
    const yarnDriver = unknown.find((v) => v.log === 'application_1578436911597_0052' && v.executor === 'driver');
    assert.match(yarnDriver?.reason ?? '', /no System Properties/);
  });
});
