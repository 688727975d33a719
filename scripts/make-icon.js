#!/usr/bin/env node
// Draws media/icon.png (128x128, the extension's icon in the Marketplace and the Extensions view)
// from media/icon.svg with the headless chromium the UI tier already uses (playwright-core; Debian's
// chromium, or SPARK_MEMORY_CHROMIUM). Run it after changing the SVG: `node scripts/make-icon.js`.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..');
const SIZE = 128;

async function main() {
  const svg = fs.readFileSync(path.join(REPO, 'media', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.SPARK_MEMORY_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    fs.writeFileSync(path.join(REPO, 'media', 'icon.png'), png);
    console.log(`media/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`make-icon: ${e.message}`);
  process.exit(1);
});
