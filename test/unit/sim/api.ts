// The engine and runner as the tests see them.
export * from '../../../src/core/sim';
export * from '../../../src/core/version';
