#!/usr/bin/env node
// Checks a running `npm start` the way a person would: loads the printed URL in headless chromium,
// opens spark-defaults.conf from the explorer, expects the "Spark Defaults" language mode and the
// "[Extension Development Host]" title, runs "Spark Memory: Show Document Kind" from the command
// palette, and saves test-results/product/smoke.png.
//   node scripts/e2e/smoke-product.js '<url printed by npm start>'
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');
const ui = require('./ui-helpers');

async function main(url) {
  if (!url) throw new lib.HarnessError('usage: smoke-product.js <url printed by npm start>');
  const out = lib.resultsDir('product');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-memory-smoke-'));
  const { ctx, page } = await lib.launchBrowser(profile);
  try {
    await lib.withTimeout(page.goto(url, { waitUntil: 'domcontentloaded' }), 60000, 'loading the workbench');
    await ui.waitForWorkbench(page);
    await ui.openFromExplorer(page, 'spark-defaults.conf');
    await ui.expectLanguageMode(page, 'Spark Defaults');
    await ui.poll(
      async () => (await page.title()).includes('[Extension Development Host]'),
      'the "[Extension Development Host]" title',
    );
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Spark Memory: Show Document Kind');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Document Kind' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'Spark Memory: spark-defaults.conf' }).first().waitFor();
    await page.screenshot({ path: path.join(out, 'smoke.png') });
    console.log(
      `product smoke check passed: title ${JSON.stringify(await page.title())}; screenshot test-results/product/smoke.png`,
    );
  } catch (e) {
    await page.screenshot({ path: path.join(out, 'smoke-failure.png') }).catch(() => {});
    throw e;
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    console.error(`product smoke check: ERROR: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
