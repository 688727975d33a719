// The conformance runner for shared/spec/conformance-format.md. Test tooling, not product code:
// main.ts is `npm run conformance`, built by scripts/build.mjs into dist/conformance.js.
export * from './schema';
export * from './versions';
export * from './expect';
export * from './runner';
export { runOpsCase, OpsRun, errorOf } from './opsRunner';
export { runDeriveCase } from './deriveRunner';
export { deriveContainer } from './deriveContainer';
