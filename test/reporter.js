// Mocha's spec reporter plus one plain closing line, `unit: N passed, N failed` (`, N skipped`
// when some are pending), which test-all.sh and CI read. Used through .mocharc.json.
'use strict';
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class UnitReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const label =
      (options && options.reporterOptions && options.reporterOptions.label) ||
      process.env.SPARK_MEMORY_TEST_LABEL ||
      'unit';
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || this.stats;
      const failed = s.failures;
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      // After spec's epilogue (also an EVENT_RUN_END listener, registered first).
      process.stdout.write(`${label}: ${s.passes} passed, ${failed} failed${skipped}\n`);
    });
  }
}

module.exports = UnitReporter;
