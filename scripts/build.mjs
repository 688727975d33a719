// Builds the bundles: the extension (Node, CommonJS, `vscode` external; the YAML parser in dist/yaml.js,
// loaded on first use), the extension for the web worker extension host (dist/extension.web.js), the webview (browser IIFE,
// with dist/webview.css from the CSS main.ts imports: uPlot's; the panel's own is media/style.css),
// the CLI (Node, with a shebang), the conformance runner (test tooling, test/conformance/runner/) and the benchmark (Node, CommonJS).
// `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

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
      contents: `
        const names = ${JSON.stringify(yamlExports)};
        let lib;
        const load = () => lib || (lib = require('./yaml.js'));
        module.exports = new Proxy({}, {
          get: (_, k) => (names.includes(k) ? load()[k] : undefined),
          has: (_, k) => names.includes(k),
          ownKeys: () => names,
          getOwnPropertyDescriptor: (_, k) =>
            names.includes(k) ? { configurable: true, enumerable: true, get: () => load()[k] } : undefined,
        });`,
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
    plugins: [lazyYaml],
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
