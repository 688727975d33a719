// UI: the Run view of a real run in a real VS Code. A corpus log (pyspark 3.5.7's sort that spills,
// test/fixtures/eventlog-corpus/sort-spill) opened from the Explorer's context menu beside the
// spark-defaults.conf being edited: the what-if controls replay it (4g: no spill), Apply writes the
// file, and at about 500 px nothing sticks out of the view (wide tables scroll inside themselves),
// measured as the simulation panel is (test/ui/panelScreen.ui.js). Screenshots in test-results/ui/.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { fitsWhenNarrow } = require('./panelScreen.ui.js').helpers;
const { runCommand } = require('./panel.ui.js').helpers;

const LOG = path.join(__dirname, '..', 'fixtures', 'eventlog-corpus', 'sort-spill', 'local-1796592374003.zstd');

/** The Run view's document: the only webview open. */
function runFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

exports.tests = [
  {
    name: 'Run view: the what-if replays the run, Apply writes the file, nothing overflows at 500 px',
    async run(ctx) {
      const dir = path.join(ctx.workspace, 'runview');
      fs.mkdirSync(dir, { recursive: true });
      const conf = path.join(dir, 'spark-defaults.conf');
      fs.writeFileSync(conf, 'spark.executor.memory 1g\nspark.executor.cores 2\n');
      fs.copyFileSync(LOG, path.join(dir, path.basename(LOG)));
      await ctx.page.setViewportSize({ width: 1600, height: 1000 });
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'runview/spark-defaults.conf');
      // The Explorer's context menu on the log file.
      const row = ctx.page.locator(
        `.explorer-folders-view .monaco-list-row[aria-label="${path.basename(LOG)}"][aria-level="2"]`,
      );
      await row.first().click({ button: 'right' });
      await ctx.page
        .getByRole('menuitem', { name: /Open Event Log/ })
        .first()
        .click();
      const f = runFrame(ctx.page);
      await f.locator('[data-testid="baseline-spill"]').waitFor({ timeout: 60000 });
      const base = await f.locator('[data-testid="whatif-base"]').innerText();
      ctx.log(`base: ${base}`);
      assert.match(base, /runview\/spark-defaults\.conf/);
      assert.notStrictEqual(await f.locator('[data-testid="baseline-spill"]').innerText(), 'none');

      // A change: executor memory 4g, and the replay no longer spills.
      const box = f.locator('[data-testid="whatif-spark.executor.memory"]');
      await box.fill('4g');
      await box.press('Enter');
      await ctx.ui.poll(
        async () =>
          (await f
            .locator('[data-testid="outcome-spill"]')
            .innerText()
            .catch(() => '')) === 'none',
        'the replay on 4g without spill',
        { timeoutMs: 30000 },
      );
      await ctx.screenshot('run-view-whatif');

      // At about 700 and 500 px, the view alone in its window: nothing sticks out.
      await runCommand(ctx, 'View: Toggle Primary Side Bar Visibility');
      await runCommand(ctx, 'View: Toggle Maximize Editor Group').catch((e) => ctx.log(`not maximized: ${e.message}`));
      await fitsWhenNarrow(ctx, f, 'run view', (name) => `run-view-${name}`);
      await ctx.page.setViewportSize({ width: 1600, height: 1000 });
      await runCommand(ctx, 'View: Toggle Maximize Editor Group').catch(() => undefined);
      await runCommand(ctx, 'View: Toggle Primary Side Bar Visibility');

      // Apply: the file the run is replayed on gets the value.
      await f.locator('[data-testid="apply"]').click();
      await ctx.ui.poll(
        async () => /Applied spark\.executor\.memory/.test(await f.locator('[data-testid="applied"]').innerText()),
        'the Apply answer',
        { timeoutMs: 30000 },
      );
      await runCommand(ctx, 'File: Save All');
      await ctx.ui.poll(
        () => /^spark\.executor\.memory\s+4g$/m.test(fs.readFileSync(conf, 'utf8')),
        'spark.executor.memory 4g in the file',
        { timeoutMs: 15000 },
      );
    },
  },
];
