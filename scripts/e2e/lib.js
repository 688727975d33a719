// Shared pieces of the real-VS-Code harness: where the host is, a throw-away server state, the
// VS Code server (code-server's bundled server-main.js) in its own process group, headless
// chromium through playwright-core, and time limits. Plain CommonJS, no build step.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = process.env.SPARK_MEMORY_CODE_SERVER_VERSION || '4.100.3';

/** A failure the harness reports as one clear line (no stack trace). */
class HarnessError extends Error {}

function hostDir() {
  return path.resolve(process.env.SPARK_MEMORY_VSCODE_HOST || path.join(REPO, '.vscode-test'));
}

/** Path of server-main.js, or a HarnessError saying how to install the host. */
function serverMain() {
  const host = hostDir();
  const main = path.join(host, 'cs', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (!fs.existsSync(path.join(host, `.installed-${CODE_SERVER_VERSION}`)) || !fs.existsSync(main)) {
    throw new HarnessError(
      `VS Code host (code-server ${CODE_SERVER_VERSION}) is not installed in ${host}: run bash scripts/e2e/install-host.sh`,
    );
  }
  return main;
}

function chromiumPath() {
  const p = process.env.SPARK_MEMORY_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(p))
    throw new HarnessError(
      `chromium not found at ${p}: run bash scripts/e2e/install-host.sh (or set SPARK_MEMORY_CHROMIUM)`,
    );
  return p;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** SPARK_MEMORY_E2E_PORT when set (must be free), else `fallback` when given, else any free port. */
async function choosePort(fallback) {
  const env = process.env.SPARK_MEMORY_E2E_PORT;
  const wanted = env ? Number(env) : fallback;
  if (wanted === undefined) return freePort();
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535)
    throw new HarnessError(`bad port ${JSON.stringify(env)} in SPARK_MEMORY_E2E_PORT`);
  if (!(await portFree(wanted))) {
    throw new HarnessError(
      `port ${wanted} on 127.0.0.1 is already in use: set SPARK_MEMORY_E2E_PORT to a free port${env ? ', or unset it to pick one' : ''}`,
    );
  }
  return wanted;
}

/** A fresh state dir under the temp dir; `keep` leaves it for a post-mortem. */
function makeStateDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `spark-memory-${label}-`));
}

/** A copy of samples/ that tests may change without touching the repo. */
function copyWorkspace(stateDir) {
  const ws = path.join(stateDir, 'workspace');
  fs.cpSync(path.join(REPO, 'samples'), ws, { recursive: true });
  return ws;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'github.copilot.enable': { '*': false },
};

/** The state dirs; a new state's user settings are QUIET_SETTINGS plus `settings`. */
function serverDirs(stateDir, settings = {}) {
  const dirs = {
    userData: path.join(stateDir, 'user-data'),
    serverData: path.join(stateDir, 'server-data'),
    extensions: path.join(stateDir, 'extensions'),
    tmp: path.join(stateDir, 'tmp'),
    log: path.join(stateDir, 'server.log'),
  };
  for (const d of [path.join(dirs.userData, 'User'), dirs.serverData, dirs.extensions, dirs.tmp])
    fs.mkdirSync(d, { recursive: true });
  const file = path.join(dirs.userData, 'User', 'settings.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n');
  return dirs;
}

/** `server-main.js --install-extension <vsix>` into the state's extensions dir (before the server starts). */
function installVsix(stateDir, vsix, timeoutMs = 120000) {
  const dirs = serverDirs(stateDir);
  const r = spawnSync(
    process.execPath,
    [
      serverMain(),
      '--accept-server-license-terms',
      '--server-data-dir',
      dirs.serverData,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      '--install-extension',
      vsix,
      '--force',
    ],
    {
      encoding: 'utf8',
      timeout: timeoutMs,
      env: { ...process.env, TMPDIR: dirs.tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.error && r.error.code === 'ETIMEDOUT')
    throw new HarnessError(`installing ${path.basename(vsix)} timed out after ${timeoutMs / 1000}s`);
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new HarnessError(
      `installing ${path.basename(vsix)} failed (exit ${r.status}): ${out.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  return out.trim();
}

function httpOk(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
  });
}

const running = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// Never leave a server group behind, whatever way this process ends.
// The server is in its own process group, so a Ctrl-C on the terminal does not reach it: turn the
// usual signals into a normal exit so this handler runs.
process.on('exit', () => {
  for (const s of running) killGroup(s.pid, 'SIGKILL');
});
for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(sig, () => {
    if (process.listenerCount(sig) === 1) process.exit(code);
  });
}

/**
 * Starts server-main.js on 127.0.0.1:<port> in its own process group (detached = setsid) with
 * state under `stateDir`, and waits until /version answers. Resolves to a handle for stopServer.
 */
async function startServer({ stateDir, port, readyTimeoutMs = 60000, defaultFolder, settings }) {
  const main = serverMain();
  const dirs = serverDirs(stateDir, settings);
  const log = fs.openSync(dirs.log, 'a');
  const child = spawn(
    process.execPath,
    [
      main,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--telemetry-level',
      'off',
      '--disable-workspace-trust',
      '--server-data-dir',
      dirs.serverData,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      // The folder the plain URL (no ?folder=) opens.
      ...(defaultFolder !== undefined ? ['--default-folder', defaultFolder] : []),
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, TMPDIR: dirs.tmp } },
  );
  fs.closeSync(log);
  const server = { pid: child.pid, port, url: `http://127.0.0.1:${port}`, log: dirs.log, exited: false, stateDir };
  running.add(server);
  child.on('exit', () => {
    server.exited = true;
  });
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) {
      running.delete(server);
      throw new HarnessError(`VS Code server exited during startup: ${tail(dirs.log, 3)}`);
    }
    if (await httpOk(`${server.url}/version`, 2000)) return server;
    await sleep(250);
  }
  await stopServer(server);
  throw new HarnessError(
    `VS Code server not ready on ${server.url} after ${readyTimeoutMs / 1000}s (log: ${dirs.log})`,
  );
}

/** SIGTERM the server's process group, SIGKILL whatever is left after 5 s. */
async function stopServer(server) {
  if (!server || !running.has(server)) return;
  killGroup(server.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && killGroup(server.pid, 0)) await sleep(100);
  killGroup(server.pid, 'SIGKILL');
  running.delete(server);
}

function tail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join(' | ') || '(empty log)';
  } catch {
    return '(no log)';
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects with a HarnessError when `promise` has not settled within `ms`. */
function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new HarnessError(`${what} timed out after ${Math.round(ms / 1000)}s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** `vscode-remote://host:port/abs/path`: how the web workbench names a path on the server. */
function remoteUri(server, p) {
  return `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
}

/**
 * Workbench URL opening `folder`; with `devExtension` (and `testsPath`) loaded from the URL payload.
 * `developmentKind: 'web'` runs the development extension in the browser's web worker extension host
 * (its `browser` entry), as on vscode.dev: the workbench reads the payload's extensionDevelopmentKind
 * (BrowserWorkbenchEnvironmentService) and the tests run in the host the extension runs in
 * (AbstractExtensionService.findTestExtensionHost), so the tests module must be a browser bundle.
 */
function workbenchUrl(server, { folder, devExtension, testsPath, developmentKind } = {}) {
  let url = `${server.url}/?`;
  if (folder) url += `folder=${encodeURIComponent(path.resolve(folder))}`;
  const payload = [];
  if (devExtension) payload.push(['extensionDevelopmentPath', remoteUri(server, devExtension)]);
  if (developmentKind) payload.push(['extensionDevelopmentKind', developmentKind]);
  if (testsPath) payload.push(['extensionTestsPath', remoteUri(server, testsPath)]);
  if (payload.length) {
    payload.push(['skipWelcome', 'true']);
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return url;
}

/** Headless Debian chromium with a fresh profile (playwright refuses --user-data-dir in args). */
async function launchBrowser(profileDir, { timeoutMs = 60000 } = {}) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    throw new HarnessError('playwright-core is not installed: run npm ci');
  }
  fs.mkdirSync(profileDir, { recursive: true });
  const ctx = await withTimeout(
    chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      headless: true,
      viewport: { width: 1400, height: 900 },
      timeout: timeoutMs,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
    timeoutMs + 5000,
    'launching chromium',
  );
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(30000);
  page.setDefaultNavigationTimeout(60000);
  return { ctx, page };
}

function resultsDir(...parts) {
  const dir = path.join(REPO, 'test-results', ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function elapsed(t0) {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

module.exports = {
  REPO,
  CODE_SERVER_VERSION,
  HarnessError,
  hostDir,
  serverMain,
  chromiumPath,
  choosePort,
  freePort,
  portFree,
  makeStateDir,
  copyWorkspace,
  serverDirs,
  installVsix,
  startServer,
  stopServer,
  withTimeout,
  sleep,
  tail,
  remoteUri,
  workbenchUrl,
  launchBrowser,
  resultsDir,
  elapsed,
};
