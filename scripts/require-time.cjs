// `node scripts/require-time.cjs FILE`: prints how long require(FILE) takes in this fresh Node process,
// in ms, as JSON. `npm run bench` runs it many times on the production dist/extension.js and
// dist/analysis.js: the part of VS Code's "code loading" that is the bundle's own parse and module code,
// without the extension host around it. The `vscode` module exists only inside the host, so here it is
// an object with the API's top-level names (read from @types/vscode) whose every member is a callable,
// constructible stand-in: enough for module code that reads `vscode.X.Y` or builds a legend, never for
// running the extension (the in-host and UI tiers do that).
'use strict';
const Module = require('module');
const fs = require('fs');
const path = require('path');

function member() {
  return new Proxy(function () {}, {
    get: (target, key) => (key === 'then' ? undefined : key === 'prototype' ? target.prototype : member()),
    apply: () => member(),
    construct: () => member(),
  });
}
const types = fs.readFileSync(path.join(__dirname, '..', 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
const api = {};
for (const m of types.matchAll(/^\s*export (?:class|enum|namespace|const|function) (\w+)/gm)) api[m[1]] = member();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? api : load.call(this, request, ...rest);
};

const t0 = performance.now();
require(path.resolve(process.argv[2]));
process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }) + '\n');
