#!/usr/bin/env node
// Tier 3: mocha INSIDE the real VS Code extension host (code-server's node extension host, real
// `vscode` API). Opens the workbench with a URL payload carrying extensionDevelopmentPath (the repo
// root) and extensionTestsPath (out/test/suite/index.js); the workbench loads the extension, awaits
// the tests module's run(), and calls window.codeAutomationExit(code) when it settles. Extension-host
// console output (mocha's spec reporter) comes back through window.codeAutomationLog.
//
//   npm run compile-tests && node scripts/e2e/run-in-host.js
//
// With --web the same runs in the browser's web worker extension host, as on vscode.dev and
// github.dev: the extension loads from its `browser` entry (dist/extension.web.js, extensionDevelopmentKind
// web) and the tests are test/web/index.ts bundled for the browser into out/test-web/index.js (mocha's
// browser build; the tests of test/suite that need no Node, plus test/web/*.test.ts).
//
// Env: SPARK_MEMORY_E2E_PORT (default: a free port), SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_CHROMIUM,
//      SPARK_MEMORY_E2E_TIMEOUT_MS (whole run, default 240000; 540000 with --web), VERBOSE=1 (all browser console lines),
//      SPARK_MEMORY_E2E_KEEP=1 (keep the temp state dir), SPARK_MEMORY_IN_HOST_GREP (mocha grep;
//      the extension host inherits the server's environment; with --web it is written into the bundle).
// Last line: `in-host: N passed, N failed` (`in-web-host: ...` with --web); exit 0 only when all passed
// and at least one ran.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const lib = require('./lib');

const WEB = process.argv.includes('--web');
// The web tier also runs the in-host tier's suites, in a worker: about 3.5 min on 2 busy cores.
const TIMEOUT_MS = Number(process.env.SPARK_MEMORY_E2E_TIMEOUT_MS || (WEB ? 540000 : 240000));
const LABEL = WEB ? 'in-web-host' : 'in-host';
const TESTS = WEB
  ? path.join(lib.REPO, 'out', 'test-web', 'index.js')
  : path.join(lib.REPO, 'out', 'test', 'suite', 'index.js');
// Where the web tier runs the extension. A manifest with both `main` and `browser` runs in the Node host
// whenever there is one (extension kinds ['workspace', 'web']; on vscode.dev there is none). This
// user setting puts it in the web worker host instead: ExtensionManifestPropertiesService.getExtensionKind
// takes a configured kind first. (The payload's extensionDevelopmentKind is the intended way, but
// VS Code 1.100's web workbench reads it without applying it to the running location.)
const WEB_HOST = { 'remote.extensionKind': { 'spark-memory.spark-memory': ['web'] } };
const ENTRY = path.join(lib.REPO, 'dist', WEB ? 'extension.web.js' : 'extension.js');
const RESULT_MARK = '@@spark-memory-in-host-result ';
const NOISE =
  /^(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|\[reconnection|\[AgentHost|\[AccountPolicy|Started local extension host|Loading development extension|%c)/;

/**
 * test/web/index.ts bundled for the web worker extension host: one CommonJS file (that host loads
 * the tests module with a `require` that knows only 'vscode'), platform browser, so a Node built-in
 * in a test fails here rather than in the host. Node's `assert` is test/web/assert.ts there.
 */
async function buildWebTests() {
  const esbuild = require('esbuild');
  const r = await esbuild
    .build({
      entryPoints: [path.join(lib.REPO, 'test', 'web', 'index.ts')],
      outfile: TESTS,
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'inline',
      external: ['vscode'],
      alias: { assert: path.join(lib.REPO, 'test', 'web', 'assert.ts') },
      define: { SPARK_MEMORY_IN_HOST_GREP: JSON.stringify(process.env.SPARK_MEMORY_IN_HOST_GREP || '') },
      logLevel: 'silent',
    })
    .catch((e) => ({ errors: e.errors || [{ text: String(e) }] }));
  if (r.errors.length > 0)
    throw new lib.HarnessError(`bundling test/web/index.ts failed: ${r.errors.map((m) => m.text).join(' | ')}`);
}

async function main() {
  const t0 = Date.now();
  if (WEB) await buildWebTests();
  if (!fs.existsSync(TESTS))
    throw new lib.HarnessError(`${path.relative(lib.REPO, TESTS)} is missing: run npm run compile-tests`);
  if (!fs.existsSync(ENTRY))
    throw new lib.HarnessError(`${path.relative(lib.REPO, ENTRY)} is missing: run npm run build`);
  const state = lib.makeStateDir(LABEL);
  const out = lib.resultsDir(LABEL);
  const ws = lib.copyWorkspace(state);
  if (WEB) {
    // An event log for the web suite to open through workspace.fs (Spark's own test data).
    fs.mkdirSync(path.join(ws, 'eventlogs'));
    const log = path.join(lib.REPO, 'test', 'fixtures', 'spark-events', 'app-20161116163331-0000');
    fs.copyFileSync(log, path.join(ws, 'eventlogs', path.basename(log)));
  }
  const port = await lib.choosePort();
  let server;
  let browser;
  let counts;
  let outcome;
  try {
    server = await lib.startServer({
      stateDir: path.join(state, 'server'),
      port,
      ...(WEB ? { settings: WEB_HOST } : {}),
    });
    console.log(`[${LABEL}] VS Code server ${server.url} ready after ${lib.elapsed(t0)} (state ${state})`);
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
    const url = lib.workbenchUrl(server, {
      folder: ws,
      devExtension: lib.REPO,
      testsPath: TESTS,
      ...(WEB ? { developmentKind: 'web' } : {}),
    });
    await lib.withTimeout(page.goto(url, { waitUntil: 'domcontentloaded' }), 60000, 'loading the workbench page');
    const left = Math.max(10000, TIMEOUT_MS - (Date.now() - t0));
    const code = await lib
      .withTimeout(
        exited,
        left,
        `the ${LABEL} test run (no codeAutomationExit; is "[Extension Development Host]" in the title of test-results/${LABEL}/final.png?)`,
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
    console.error(`${LABEL}: ERROR: ${outcome}`);
    failed += 1;
  } else if (!counts) {
    console.error(`${LABEL}: ERROR: the test run reported no result`);
    failed += 1;
  } else if (passed + failed === 0) {
    console.error(`${LABEL}: ERROR: no test ran`);
    failed += 1;
  }
  console.log(`[${LABEL}] done in ${lib.elapsed(t0)}; artifacts in test-results/${LABEL}/`);
  console.log(`${LABEL}: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// Hard stop: whatever hangs, the tier ends (the exit handler in lib kills the server group).
setTimeout(() => {
  console.error(`${LABEL}: ERROR: tier exceeded ${Math.round((TIMEOUT_MS + 60000) / 1000)}s`);
  console.log(`${LABEL}: 0 passed, 1 failed`);
  process.exit(1);
}, TIMEOUT_MS + 60000).unref();

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`${LABEL}: ERROR: ${e instanceof lib.HarnessError ? e.message : (e && e.stack) || e}`);
    console.log(`${LABEL}: 0 passed, 1 failed`);
    process.exit(1);
  },
);
