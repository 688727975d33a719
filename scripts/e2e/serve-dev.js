#!/usr/bin/env node
// Serves VS Code (code-server's bundled server) on 127.0.0.1 with this repo's extension, for a
// person to use in a browser. The plain URL http://127.0.0.1:<port>/ opens the workspace with the
// extension (linked into the server's extensions folder); the long one loads it as a development
// extension ("[Extension Development Host]"). The workspace is a scratch COPY of samples/ in the
// state dir, so quick fixes, Apply and Choose Spark Version never change the tracked samples the
// tests read. Runs until Ctrl-C / SIGTERM, when it stops the server's process group. Used by
// scripts/run-product.sh (`npm start`).
//
// Env: SPARK_MEMORY_E2E_PORT (default 8080), SPARK_MEMORY_WORKSPACE (default: a copy of samples/),
//      SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_STATE_DIR (default: a fresh temp dir, removed on exit;
//      give a dir to keep settings and open editors between runs).
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

async function main() {
  const port = await lib.choosePort(8080);
  const keep = Boolean(process.env.SPARK_MEMORY_STATE_DIR);
  const state = keep ? path.resolve(process.env.SPARK_MEMORY_STATE_DIR) : lib.makeStateDir('product');
  let folder;
  if (process.env.SPARK_MEMORY_WORKSPACE) {
    folder = path.resolve(process.env.SPARK_MEMORY_WORKSPACE);
    if (!fs.existsSync(folder)) throw new lib.HarnessError(`workspace folder ${folder} does not exist`);
  } else {
    // A kept state dir keeps its workspace (and what was tried in it); a fresh one gets a fresh copy.
    folder = path.join(state, 'workspace');
    if (!fs.existsSync(folder)) fs.cpSync(path.join(lib.REPO, 'samples'), folder, { recursive: true });
    console.log(`[spark-memory] workspace: a scratch copy of samples/ in ${folder}`);
  }
  // The plain URL loads extensions from the server's extensions folder: link this repo there.
  const pkg = JSON.parse(fs.readFileSync(path.join(lib.REPO, 'package.json'), 'utf8'));
  const link = path.join(state, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  if (!fs.existsSync(link)) fs.symlinkSync(lib.REPO, link, 'dir');
  const server = await lib.startServer({ stateDir: state, port, defaultFolder: folder });
  const url = lib.workbenchUrl(server, { folder, devExtension: lib.REPO });
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[spark-memory] ${sig}: stopping the VS Code server`);
    await lib.stopServer(server);
    if (!keep) fs.rmSync(state, { recursive: true, force: true });
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig));
  console.log(
    `[spark-memory] VS Code ${require(path.join(path.dirname(lib.serverMain()), '..', 'product.json')).version} server is up (log: ${server.log})`,
  );
  console.log('[spark-memory] open this URL in a browser (the workspace with the extension):');
  console.log('');
  console.log(`${server.url}/`);
  console.log('');
  console.log('[spark-memory] or, to run it as a development extension ("[Extension Development Host]"):');
  console.log(url);
  console.log('');
  console.log('[spark-memory] reload the page after `npm run build` to pick up changes; Ctrl-C stops the server');
  // Stay alive while the server runs; report if it dies on its own.
  const timer = setInterval(() => {
    if (server.exited && !stopping) {
      clearInterval(timer);
      console.error(`[spark-memory] ERROR: the VS Code server exited: ${lib.tail(server.log, 3)}`);
      process.exit(1);
    }
  }, 1000);
}

main().catch((e) => {
  console.error(`[spark-memory] ERROR: ${e instanceof lib.HarnessError ? e.message : (e && e.stack) || e}`);
  process.exit(1);
});
