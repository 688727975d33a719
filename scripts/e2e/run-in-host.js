#!/usr/bin/env node
// Tier 3: mocha INSIDE the real VS Code extension host (code-server's node extension host, real
// `vscode` API). Opens the workbench with a URL payload carrying extensionDevelopmentPath (the repo
// root) and extensionTestsPath (out/test/suite/index.js); the workbench loads the extension, awaits
// the tests module's run(), and calls window.codeAutomationExit(code) when it settles. Extension-host
// console output (mocha's spec reporter) comes back through window.codeAutomationLog.
//
//   npm run compile-tests && node scripts/e2e/run-in-host.js
//
// Env: SPARK_MEMORY_E2E_PORT (default: a free port), SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_CHROMIUM,
//      SPARK_MEMORY_E2E_TIMEOUT_MS (whole run, default 240000), VERBOSE=1 (all browser console lines),
//      SPARK_MEMORY_E2E_KEEP=1 (keep the temp state dir), SPARK_MEMORY_IN_HOST_GREP (mocha grep;
//      the extension host inherits the server's environment).
// Last line: `in-host: N passed, N failed`; exit 0 only when all passed and at least one ran.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const lib = require('./lib');

const TIMEOUT_MS = Number(process.env.SPARK_MEMORY_E2E_TIMEOUT_MS || 240000);
const TESTS = path.join(lib.REPO, 'out', 'test', 'suite', 'index.js');
const RESULT_MARK = '@@spark-memory-in-host-result ';
const NOISE =
  /^(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|\[reconnection|\[AgentHost|\[AccountPolicy|Started local extension host|Loading development extension|%c)/;

async function main() {
  const t0 = Date.now();
  if (!fs.existsSync(TESTS))
    throw new lib.HarnessError(`${path.relative(lib.REPO, TESTS)} is missing: run npm run compile-tests`);
  if (!fs.existsSync(path.join(lib.REPO, 'dist', 'extension.js')))
    throw new lib.HarnessError('dist/extension.js is missing: run npm run build');
  const state = lib.makeStateDir('in-host');
  const out = lib.resultsDir('in-host');
  const ws = lib.copyWorkspace(state);
  const port = await lib.choosePort();
  let server;
  let browser;
  let counts;
  let outcome;
  try {
    server = await lib.startServer({ stateDir: path.join(state, 'server'), port });
    console.log(`[in-host] VS Code server ${server.url} ready after ${lib.elapsed(t0)} (state ${state})`);
    browser = await lib.launchBrowser(path.join(state, 'chromium'));
    const { page } = browser;
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    page.on('pageerror', (e) => {
      if (process.env.VERBOSE) console.log('[pageerror]', e.message);
    });
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[page]', m.text()));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      let line = util.format(...(Array.isArray(args) ? args : [args]));
      if (line.startsWith(RESULT_MARK)) {
        try {
          counts = JSON.parse(line.slice(RESULT_MARK.length));
        } catch {
          /* reported below as no result */
        }
        return;
      }
      if (!process.env.VERBOSE) {
        if (NOISE.test(line)) return;
        if (/ENOTFOUND|getaddrinfo/.test(line)) return; // offline gallery lookups: harmless
      }
      console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const url = lib.workbenchUrl(server, { folder: ws, devExtension: lib.REPO, testsPath: TESTS });
    await lib.withTimeout(page.goto(url, { waitUntil: 'domcontentloaded' }), 60000, 'loading the workbench page');
    const left = Math.max(10000, TIMEOUT_MS - (Date.now() - t0));
    const code = await lib
      .withTimeout(
        exited,
        left,
        'the in-host test run (no codeAutomationExit; is "[Extension Development Host]" in the title of test-results/in-host/final.png?)',
      )
      .catch((e) => {
        outcome = e.message;
        return 'timeout';
      });
    await page.screenshot({ path: path.join(out, 'final.png') }).catch(() => {});
    if (code !== 'timeout' && code !== 0 && !counts)
      outcome = `extension host exited with code ${code} before the tests reported`;
    if (code !== 'timeout' && code !== 0 && counts && counts.failed === 0)
      outcome = `extension host exited with code ${code}`;
  } finally {
    if (browser) await lib.withTimeout(browser.ctx.close(), 15000, 'closing chromium').catch(() => {});
    if (server) {
      fs.copyFileSync(server.log, path.join(out, 'server.log'));
      await lib.stopServer(server);
    }
    if (!process.env.SPARK_MEMORY_E2E_KEEP) fs.rmSync(state, { recursive: true, force: true });
  }
  const passed = counts ? counts.passed : 0;
  let failed = counts ? counts.failed : 0;
  if (outcome) {
    console.error(`in-host: ERROR: ${outcome}`);
    failed += 1;
  } else if (!counts) {
    console.error('in-host: ERROR: the test run reported no result');
    failed += 1;
  } else if (passed + failed === 0) {
    console.error('in-host: ERROR: no test ran');
    failed += 1;
  }
  console.log(`[in-host] done in ${lib.elapsed(t0)}; artifacts in test-results/in-host/`);
  console.log(`in-host: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// Hard stop: whatever hangs, the tier ends (the exit handler in lib kills the server group).
setTimeout(() => {
  console.error(`in-host: ERROR: tier exceeded ${Math.round((TIMEOUT_MS + 60000) / 1000)}s`);
  console.log('in-host: 0 passed, 1 failed');
  process.exit(1);
}, TIMEOUT_MS + 60000).unref();

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`in-host: ERROR: ${e instanceof lib.HarnessError ? e.message : (e && e.stack) || e}`);
    console.log('in-host: 0 passed, 1 failed');
    process.exit(1);
  },
);
