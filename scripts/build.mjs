// Builds the bundles: the extension (Node, CommonJS, `vscode` external; the rules, catalogs and layout
// in dist/analysis.js, the YAML parser in dist/yaml.js, Spark's config registry in dist/sparkRegistry.js,
// the panels in dist/panel.js and the editor features in dist/features.js, each loaded on first use:
// dist/extension.js is only what activation runs), the extension for the web
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
// dist/; `member` picks one namespace out of a file that holds several. Every stand-in is one line
// calling one shared helper (the virtual module `lazy:stand-in`): there are about twenty of them.
function standIn(names, file, member) {
  const pick = member === undefined ? '' : `[${JSON.stringify(member)}]`;
  return `module.exports = require('lazy:stand-in')(${JSON.stringify(names)}, () => require(${JSON.stringify(file)})${pick});`;
}
const STAND_IN_HELPER = `
  module.exports = (names, require) => {
    let lib;
    const load = () => lib || (lib = require());
    return new Proxy({}, {
      get: (_, k) => (names.includes(k) ? load()[k] : undefined),
      has: (_, k) => names.includes(k),
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_, k) =>
        names.includes(k) ? { configurable: true, enumerable: true, get: () => load()[k] } : undefined,
    });
  };`;
// Each lazy plugin below calls this in its setup, so the helper resolves in whichever builds use them.
function standInHelper(build) {
  build.onResolve({ filter: /^lazy:stand-in$/ }, () => ({ path: 'stand-in', namespace: 'lazy-stand-in' }));
  build.onLoad({ filter: /.*/, namespace: 'lazy-stand-in' }, () => ({ loader: 'js', contents: STAND_IN_HELPER }));
}

// One namespace object for the `vscode` module per bundle. For each file that does `import * as vscode
// from 'vscode'` (about twenty in dist/extension.js) esbuild makes its own copy of the API object, a
// getter per name (some 250), while the bundle loads; a module that re-exports 'vscode' once serves
// them all, so loading the bundle copies the API once. Every bundle that runs in an extension host uses it.
const oneVscode = {
  name: 'one-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) =>
      a.namespace === 'one-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'one-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'one-vscode' }, () => ({
      loader: 'js',
      contents: "export * from 'vscode';",
    }));
  },
};

// The YAML parser is about 115 KB of the extension's bundle, and only YAML documents need it. So
// it is in its own file, dist/yaml.js (with the SparkApplication reader, below), and the extension bundle
// gets a stand-in for `yaml` whose exports load that file on first use: activation and .conf files never
// pay for it.
const yamlExports = Object.keys(createRequire(import.meta.url)('yaml'));
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    standInHelper(build);
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'lazy-yaml' }));
    build.onResolve({ filter: /^\.\/yaml\.js$/, namespace: 'lazy-yaml' }, (a) => ({ path: a.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      loader: 'js',
      contents: standIn(yamlExports, './yaml.js', 'yaml'),
    }));
  },
};

// Spark's config registry (src/core/catalog/generated/sparkRegistry.json, about 250 KB of JSON) is only
// read when a spark- file is linted, hovered or completed: in the extension it is dist/sparkRegistry.js,
// required on first property access, as dist/yaml.js is.
const registryJson = /generated[\\/]sparkRegistry\.json$/;
const lazyRegistry = {
  name: 'lazy-spark-registry',
  setup(build) {
    standInHelper(build);
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

// Files that load on first use through one entry that names their modules as namespaces: the
// extension bundle gets a stand-in for each module below whose exports load the file on first use, as
// for YAML above. The stand-in lists each module's export names, read from an ESM build.
// - dist/yaml.js (entry src/core/parse/lazy.ts): the YAML parser and the SparkApplication reader.
// - dist/panel.js (entry src/extension/panel/lazy.ts): the panels' host side, the event log reader, the
//   History Server client, the workload engine and the panel protocol's validators. Opening a panel or
//   an event log loads it.
// - dist/features.js (entry src/extension/providers/lazy.ts): what the editor features compute only
//   when the user hovers, completes, navigates, asks for fixes, folds or formats, or a file shows its
//   inlay hints or semantic colours.
// - dist/analysis.js (entry src/core/editor/lazy.ts): the rules, the catalogs they read and the memory
//   layout: everything that turns a document into findings. Activation does not load it; the first lint,
//   scheduled by activation for right after it has returned, does (src/extension/activate.ts).
// Activation loads none of them: only dist/extension.js (test/suite/activation.test.ts).
const lazyFiles = {
  './analysis.js': {
    entry: 'src/core/editor/lazy.ts',
    modules: {
      analysis: 'src/core/editor/analysis.ts',
      executorStatus: 'src/core/editor/executorStatus.ts',
      rules: 'src/core/rules/index.ts',
    },
  },
  './yaml.js': {
    entry: 'src/core/parse/lazy.ts',
    modules: { sparkApplication: 'src/core/parse/sparkApplication.ts' },
    plugins: [lazyRegistry],
  },
  './panel.js': {
    entry: 'src/extension/panel/lazy.ts',
    modules: {
      simulationPanel: 'src/extension/panel/simulationPanel.ts',
      configPayload: 'src/extension/panel/configPayload.ts',
      scenarios: 'src/extension/panel/scenarios.ts',
      eventLogRead: 'src/extension/panel/eventLogRead.ts',
      eventLogHtml: 'src/extension/panel/eventLogHtml.ts',
      runView: 'src/extension/panel/runView.ts',
      protocol: 'src/shared/protocol.ts',
      historyServer: 'src/cli/historyServer.ts',
      eventlog: 'src/core/eventlog/index.ts',
      workload: 'src/core/workload/index.ts',
    },
  },
  './features.js': {
    entry: 'src/extension/providers/lazy.ts',
    modules: {
      completion: 'src/core/editor/completion.ts',
      fixes: 'src/core/editor/fixes.ts',
      folding: 'src/core/editor/folding.ts',
      format: 'src/core/editor/format.ts',
      hover: 'src/core/editor/hover.ts',
      inlayHints: 'src/core/editor/inlayHints.ts',
      layoutFacts: 'src/core/editor/layoutFacts.ts',
      locate: 'src/core/editor/locate.ts',
      navigation: 'src/core/editor/navigation.ts',
      outline: 'src/core/editor/outline.ts',
      semanticTokens: 'src/core/editor/semanticTokens.ts',
      codeActionsProvider: 'src/extension/providers/codeActions.ts',
      completionProvider: 'src/extension/providers/completion.ts',
      hoverProvider: 'src/extension/providers/hover.ts',
      navigationProvider: 'src/extension/providers/navigation.ts',
      structureProvider: 'src/extension/providers/structure.ts',
      symbolsProvider: 'src/extension/providers/symbols.ts',
    },
  },
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
// Absolute source path -> { file, ns, names } for every module above.
const lazyModules = Object.fromEntries(
  await Promise.all(
    Object.entries(lazyFiles).flatMap(([file, { modules }]) =>
      Object.entries(modules).map(async ([ns, src]) => [resolve(src), { file, ns, names: await exportNames(src) }]),
    ),
  ),
);
const lazyModulesPlugin = {
  name: 'lazy-modules',
  setup(build) {
    standInHelper(build);
    build.onResolve({ filter: /^\.\.?\// }, async (a) => {
      if (a.namespace === 'lazy-modules') return { path: a.path, external: true };
      if (a.pluginData === 'inner') return undefined; // the resolve below, asking esbuild's own resolver
      const r = await build.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, pluginData: 'inner' });
      return lazyModules[r.path] !== undefined ? { path: r.path, namespace: 'lazy-modules' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-modules' }, (a) => {
      const { file, ns, names } = lazyModules[a.path];
      return { loader: 'js', contents: standIn(names, file, ns) };
    });
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
    plugins: [oneVscode, lazyYaml, lazyModulesPlugin, lazyRegistry],
  },
  // dist/yaml.js, dist/panel.js and dist/features.js: each bundles what its modules need (a shared
  // module is a second copy there; none keeps state that must be one), with YAML and the registry lazy.
  ...Object.entries(lazyFiles).map(([file, { entry, plugins }]) => ({
    ...common,
    entryPoints: [entry],
    outfile: `${outdir}/${file.slice(2)}`,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [oneVscode, ...(plugins ?? [lazyYaml, lazyRegistry])],
  })),
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
    plugins: [oneVscode],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: `${outdir}/webview.js`,
    platform: 'browser',
    format: 'iife',
  },
  // The Run view's what-if controls (src/webview/runView.ts), the only script of that page.
  {
    ...common,
    entryPoints: ['src/webview/runView.ts'],
    outfile: `${outdir}/runView.js`,
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
