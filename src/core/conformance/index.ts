// The conformance runner for shared/spec/conformance-format.md (pure; the CLI is src/cli/conformance.ts).
export * from './schema';
export * from './versions';
export * from './expect';
export * from './runner';
export { runOpsCase } from './opsRunner';
export { runDeriveCase } from './deriveRunner';
export { deriveContainer } from './deriveContainer';
