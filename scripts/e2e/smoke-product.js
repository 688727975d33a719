#!/usr/bin/env node
// Checks a running `npm start` the way a person would: loads the printed URL in headless chromium,
// opens spark-defaults.conf from the explorer, expects the "Spark Defaults" language mode and the
// "[Extension Development Host]" title, runs "Spark Memory: Open Simulation" from the command
// palette, waits for the panel, and saves test-results/product/smoke.png; then loads the plain URL
// (http://127.0.0.1:<port>/) and expects the same workspace with the extension (smoke-plain-url.png).
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
    await input.fill('>Spark Memory: Open Simulation');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Simulation' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page
      .frameLocator('iframe.webview.ready')
      .frameLocator('#active-frame')
      .locator('[data-testid="title"]', { hasText: 'spark-defaults.conf' })
      .waitFor({ timeout: 60000 });
    await page.screenshot({ path: path.join(out, 'smoke.png') });
    // The plain URL (no folder, no payload) opens the same workspace with the extension installed.
    const plain = `${new URL(url).origin}/`;
    await lib.withTimeout(page.goto(plain, { waitUntil: 'domcontentloaded' }), 60000, 'loading the plain URL');
    await ui.waitForWorkbench(page);
    await ui.openFromExplorer(page, 'spark-defaults.conf');
    await ui.expectLanguageMode(page, 'Spark Defaults');
    await page.screenshot({ path: path.join(out, 'smoke-plain-url.png') });
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
