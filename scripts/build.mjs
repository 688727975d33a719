// Builds the bundles: the extension (Node, CommonJS, `vscode` external; the YAML parser in dist/yaml.js and
// Spark's config registry in dist/sparkRegistry.js, each loaded on first use), the extension for the web
// worker extension host (dist/extension.web.js, both bundled in), the webview (browser IIFE,
// with dist/webview.css from the CSS main.ts imports: uPlot's; the panel's own is media/style.css),
// the CLI (Node, with a shebang), the conformance runner (test tooling, test/conformance/runner/) and the benchmark (Node, CommonJS).
// `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir=DIR` writes the bundles elsewhere (npm run bench measures a production build in a temp dir).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice(9) ?? 'dist';
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

// A CommonJS bundle has no code splitting, so a module loaded on first use is a separate file and the
// bundle gets a stand-in: an object listing the module's export names (so esbuild's import helpers see
// them without loading anything) whose first property read requires the file. `file` is relative to
// dist/; `member` picks one namespace out of a file that holds several.
function standIn(names, file, member) {
  const pick = member === undefined ? '' : `[${JSON.stringify(member)}]`;
  return `
    const names = ${JSON.stringify(names)};
    let lib;
    const load = () => lib || (lib = require(${JSON.stringify(file)})${pick});
    module.exports = new Proxy({}, {
      get: (_, k) => (names.includes(k) ? load()[k] : undefined),
      has: (_, k) => names.includes(k),
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_, k) =>
        names.includes(k) ? { configurable: true, enumerable: true, get: () => load()[k] } : undefined,
    });`;
}

// The YAML parser is about 115 KB of the extension's bundle, and only YAML documents need it. So
// it is its own file, dist/yaml.js, and the extension bundle gets a stand-in for `yaml` whose exports
// load that file on first use: activation and .conf files never pay for it. (A CommonJS bundle has
// no code splitting; the stand-in lists the exports so esbuild's import helpers see them unloaded.)
const yamlExports = Object.keys(createRequire(import.meta.url)('yaml'));
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'lazy-yaml' }));
    build.onResolve({ filter: /^\.\/yaml\.js$/, namespace: 'lazy-yaml' }, (a) => ({ path: a.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      loader: 'js',
      contents: standIn(yamlExports, './yaml.js'),
    }));
  },
};

// The panels' host side is dist/panel.js (entry src/extension/panel/lazy.ts, which names each module
// below as one namespace): the extension bundle gets a stand-in for each of these modules whose
// exports load dist/panel.js on first use, as for YAML above. Opening a panel or an event log loads
// it; activation does not. The stand-in lists each module's export names, read from an ESM build.
const panelEntry = 'src/extension/panel/lazy.ts';
const panelModules = {
  simulationPanel: 'src/extension/panel/simulationPanel.ts',
  configPayload: 'src/extension/panel/configPayload.ts',
  scenarios: 'src/extension/panel/scenarios.ts',
  eventLogRead: 'src/extension/panel/eventLogRead.ts',
  eventLogHtml: 'src/extension/panel/eventLogHtml.ts',
  historyServer: 'src/cli/historyServer.ts',
  eventlog: 'src/core/eventlog/index.ts',
  workload: 'src/core/workload/index.ts',
};
async function exportNames(file) {
  const r = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['vscode', 'yaml'],
    outdir: 'lazy-exports',
    logLevel: 'silent',
  });
  return Object.values(r.metafile.outputs).flatMap((o) => o.exports ?? []);
}
const panelNames = Object.fromEntries(
  await Promise.all(
    Object.entries(panelModules).map(async ([ns, file]) => [resolve(file), { ns, names: await exportNames(file) }]),
  ),
);
const lazyPanel = {
  name: 'lazy-panel',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (a) => {
      if (a.namespace === 'lazy-panel') return { path: a.path, external: true };
      if (a.pluginData === 'inner') return undefined; // the resolve below, asking esbuild's own resolver
      const r = await build.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, pluginData: 'inner' });
      return panelNames[r.path] !== undefined ? { path: r.path, namespace: 'lazy-panel' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-panel' }, (a) => {
      const { ns, names } = panelNames[a.path];
      return {
        loader: 'js',
        contents: standIn(names, './panel.js', ns),
      };
    });
  },
};

// Spark's config registry (src/core/catalog/generated/sparkRegistry.json, about 250 KB of JSON) is only
// read when a spark- file is linted, hovered or completed: in the extension it is dist/sparkRegistry.js,
// required on first property access, as dist/yaml.js is.
const registryJson = /generated[\\/]sparkRegistry\.json$/;
const lazyRegistry = {
  name: 'lazy-spark-registry',
  setup(build) {
    build.onResolve({ filter: /sparkRegistry\.json$/ }, (a) =>
      registryJson.test(a.path) ? { path: 'sparkRegistry', namespace: 'lazy-spark-registry' } : undefined,
    );
    build.onResolve({ filter: /^\.\/sparkRegistry\.js$/, namespace: 'lazy-spark-registry' }, (a) => ({
      path: a.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-spark-registry' }, () => ({
      loader: 'js',
      contents: standIn(
        Object.keys(JSON.parse(readFileSync('src/core/catalog/generated/sparkRegistry.json', 'utf8'))),
        './sparkRegistry.js',
      ),
    }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: `${outdir}/extension.js`,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyYaml, lazyPanel, lazyRegistry],
  },
  {
    ...common,
    entryPoints: [panelEntry],
    outfile: `${outdir}/panel.js`,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyYaml, lazyRegistry],
  },
  {
    ...common,
    // A JSON entry point bundles to no exports at all: a one-line CommonJS wrapper makes the data
    // module.exports, which the extension's stand-in requires on first use.
    stdin: {
      contents: "module.exports = require('./sparkRegistry.json');",
      resolveDir: 'src/core/catalog/generated',
      sourcefile: 'sparkRegistry.cjs',
      loader: 'js',
    },
    outfile: `${outdir}/sparkRegistry.js`,
    platform: 'node',
    format: 'cjs',
  },
  // The `browser` entry for the web worker extension host (vscode.dev, github.dev): the same code
  // through src/extension/platform/web.ts, no Node built-in (a stray one fails this build). The YAML
  // parser is bundled in: that host's `require` knows only 'vscode', so dist/yaml.js cannot be loaded.
  {
    ...common,
    entryPoints: ['src/extension/extension.web.ts'],
    outfile: `${outdir}/extension.web.js`,
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', sourcefile: 'yaml-entry.js' },
    outfile: `${outdir}/yaml.js`,
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: `${outdir}/webview.js`,
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${outdir}/cli.js`,
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['test/conformance/runner/main.ts'],
    outfile: `${outdir}/conformance.js`,
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  { ...common, entryPoints: ['src/bench/main.ts'], outfile: `${outdir}/bench.js`, platform: 'node', format: 'cjs' },
  // The Spark oracle (test tooling: runs Spark's real classes beside the simulator; scripts/oracle/README.md).
  { ...common, entryPoints: ['test/oracle/main.ts'], outfile: `${outdir}/oracle.js`, platform: 'node', format: 'cjs' },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
