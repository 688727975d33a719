#!/usr/bin/env node
// Starts the VS Code server with this extension as a development extension and prints the
// workbench URL; stops the server (its whole process group) on Ctrl-C. Used by run-product.sh.
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

async function main() {
  const port = await lib.portFree(Number(process.env.SPARK_MEMORY_PORT || 8080)) ? Number(process.env.SPARK_MEMORY_PORT || 8080) : await lib.freePort();
  const workspace = path.resolve(process.env.SPARK_MEMORY_WORKSPACE || path.join(lib.REPO, 'samples'));
  if (!fs.existsSync(workspace)) throw new lib.HarnessError(`workspace ${workspace} does not exist`);
  const state = path.join(lib.REPO, '.e2e', 'product');
  fs.mkdirSync(state, { recursive: true });
  const server = await lib.startServer({ stateDir: state, port });
  const url = lib.workbenchUrl(server, { folder: workspace, devExtension: lib.REPO });
  console.log('');
  console.log('Spark Memory is running in VS Code. Open this URL in a browser:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`(workspace ${workspace}; server log ${server.log}; Ctrl-C stops the server)`);
  await new Promise(() => {});
}

main().catch((e) => {
  console.error(`spark-memory: ${e instanceof lib.HarnessError ? e.message : (e && e.stack) || e}`);
  process.exit(1);
});
