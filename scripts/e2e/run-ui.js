#!/usr/bin/env node
// Tier 4: Playwright UI tests against the PACKAGED extension. Installs dist/spark-memory.vsix into
// a throw-away server state with `server-main.js --install-extension`, starts the VS Code server,
// and runs every test/ui/*.ui.js (or .ui.mjs) in headless Debian chromium, each test in a fresh
// browser profile with the samples/ workspace (a temp copy) opened.
//
//   npm run package && node scripts/e2e/run-ui.js [test/ui/languages.ui.js ...]
//
// A UI test file exports `tests`: [{ name, run: async (ctx) => {}, timeoutMs? }]; ctx = { page, ui, workspace,
// open(folder?), screenshot(name), log(...) } (see ui-helpers.js for ctx.ui). A test fails by throwing.
// Screenshots go to test-results/ui/ (a <file>--<test>--failure.png on failure).
//
// Env: SPARK_MEMORY_E2E_PORT (default: a free port), SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_CHROMIUM,
//      SPARK_MEMORY_UI_TEST_TIMEOUT_MS (per test, default 120000), SPARK_MEMORY_E2E_TIMEOUT_MS (whole
//      tier, default 900000), SPARK_MEMORY_E2E_KEEP=1 (keep the temp state dir).
// Last line: `ui: N passed, N failed`; exit 0 only when all passed and at least one ran.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const lib = require('./lib');
const ui = require('./ui-helpers');

const TIER_TIMEOUT_MS = Number(process.env.SPARK_MEMORY_E2E_TIMEOUT_MS || 900000);
const TEST_TIMEOUT_MS = Number(process.env.SPARK_MEMORY_UI_TEST_TIMEOUT_MS || 120000);
const VSIX = path.join(lib.REPO, 'dist', 'spark-memory.vsix');
const UI_DIR = path.join(lib.REPO, 'test', 'ui');

let passed = 0;
let failed = 0;

function slug(s) {
  return s
    .replace(/\.ui\.m?js$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

async function loadTests(file) {
  const mod = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : require(file);
  const tests = mod.tests || (mod.default && mod.default.tests);
  if (
    !Array.isArray(tests) ||
    tests.length === 0 ||
    !tests.every((t) => t && typeof t.name === 'string' && typeof t.run === 'function')
  ) {
    throw new lib.HarnessError(`${path.relative(lib.REPO, file)} must export tests: [{ name, run(ctx) }]`);
  }
  return tests;
}

async function runOne(server, state, ws, out, file, test, index) {
  const t0 = Date.now();
  const tag = `${slug(path.basename(file))}--${slug(test.name)}`;
  const profile = path.join(state, 'chromium', `${index}`);
  let browser;
  let page;
  const screenshot = async (name) => {
    const p = path.join(out, `${tag}--${slug(name)}.png`);
    await page.screenshot({ path: p });
    return p;
  };
  try {
    browser = await lib.launchBrowser(profile);
    page = browser.page;
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const ctx = {
      page,
      ui,
      workspace: ws,
      server,
      log: (...a) => console.log('   ', ...a),
      screenshot,
      /** Loads the workbench with the workspace (or `folder`) open and waits for the explorer. */
      open: async (folder = ws) => {
        await lib.withTimeout(
          page.goto(lib.workbenchUrl(server, { folder }), { waitUntil: 'domcontentloaded' }),
          60000,
          'loading the workbench page',
        );
        await ui.waitForWorkbench(page);
      },
    };
    await lib.withTimeout(
      Promise.resolve().then(() => test.run(ctx)),
      test.timeoutMs ?? TEST_TIMEOUT_MS,
      `test "${test.name}"`,
    );
    passed++;
    console.log(`  ✔ ${test.name} (${lib.elapsed(t0)})`);
  } catch (e) {
    failed++;
    console.log(`  ✖ ${test.name} (${lib.elapsed(t0)})`);
    console.log(`    ${(e && e.message ? e.message : String(e)).split('\n').join('\n    ')}`);
    if (page) {
      const shot = await lib.withTimeout(screenshot('failure'), 15000, 'failure screenshot').catch(() => undefined);
      if (shot) console.log(`    screenshot: ${path.relative(lib.REPO, shot)}`);
    }
  } finally {
    if (browser) await lib.withTimeout(browser.ctx.close(), 15000, 'closing chromium').catch(() => {});
  }
}

async function main() {
  const t0 = Date.now();
  if (!fs.existsSync(VSIX)) throw new lib.HarnessError('dist/spark-memory.vsix is missing: run npm run package');
  const args = process.argv.slice(2);
  const files = args.length
    ? args.map((f) => path.resolve(f))
    : (fs.existsSync(UI_DIR) ? fs.readdirSync(UI_DIR) : [])
        .filter((f) => /\.ui\.m?js$/.test(f))
        .sort()
        .map((f) => path.join(UI_DIR, f));
  if (files.length === 0) throw new lib.HarnessError('no UI test files (test/ui/*.ui.js)');
  const suites = [];
  for (const f of files) suites.push([f, await loadTests(f)]);

  const state = lib.makeStateDir('ui');
  const out = lib.resultsDir('ui');
  const ws = lib.copyWorkspace(state);
  const serverState = path.join(state, 'server');
  let server;
  try {
    lib.installVsix(serverState, VSIX);
    console.log(
      `[ui] installed ${path.relative(lib.REPO, VSIX)} (${fs.statSync(VSIX).size} bytes) after ${lib.elapsed(t0)}`,
    );
    server = await lib.startServer({ stateDir: serverState, port: await lib.choosePort() });
    console.log(`[ui] VS Code server ${server.url} ready after ${lib.elapsed(t0)} (state ${state})`);
    let i = 0;
    for (const [file, tests] of suites) {
      console.log(`\n  ${path.relative(lib.REPO, file)}`);
      for (const test of tests) await runOne(server, state, ws, out, file, test, i++);
    }
  } finally {
    if (server) {
      fs.copyFileSync(server.log, path.join(out, 'server.log'));
      await lib.stopServer(server);
    }
    if (!process.env.SPARK_MEMORY_E2E_KEEP) fs.rmSync(state, { recursive: true, force: true });
  }
  console.log(`\n[ui] done in ${lib.elapsed(t0)}; screenshots in test-results/ui/`);
  if (passed + failed === 0) {
    console.error('ui: ERROR: no test ran');
    failed = 1;
  }
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

setTimeout(() => {
  console.error(`ui: ERROR: tier exceeded ${Math.round(TIER_TIMEOUT_MS / 1000)}s`);
  console.log(`ui: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TIER_TIMEOUT_MS).unref();

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`ui: ERROR: ${e instanceof lib.HarnessError ? e.message : (e && e.stack) || e}`);
    console.log(`ui: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
