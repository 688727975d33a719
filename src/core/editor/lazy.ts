// The entry of dist/analysis.js: what turns a document's text into findings (the rules, the catalogs
// they read, the memory layout) and the executor summary the status bar shows from it. The Node build
// (scripts/build.mjs) gives the extension bundle a stand-in for each module below whose exports load
// dist/analysis.js on first use: activation registers everything and returns, and the first lint, which
// activation schedules for right after it has returned, loads the file (src/extension/activate.ts). The
// web worker build bundles them as they are. Each module is one namespace here, so equal names in two
// modules cannot collide.
export * as analysis from './analysis';
export * as executorStatus from './executorStatus';
export * as rules from '../rules';
