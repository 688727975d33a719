// Builds the bundles: the extension (Node, CommonJS, `vscode` external), the webview (browser IIFE,
// with dist/webview.css from the CSS main.ts imports: uPlot's; the panel's own is media/style.css),
// the CLI (Node, with a shebang), the conformance runner (test tooling, test/conformance/runner/) and the benchmark (Node, CommonJS).
// `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['test/conformance/runner/main.ts'],
    outfile: 'dist/conformance.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  { ...common, entryPoints: ['src/bench/main.ts'], outfile: 'dist/bench.js', platform: 'node', format: 'cjs' },
  // The Spark oracle (test tooling: runs Spark's real classes beside the simulator; scripts/oracle/README.md).
  { ...common, entryPoints: ['src/oracle/main.ts'], outfile: 'dist/oracle.js', platform: 'node', format: 'cjs' },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
