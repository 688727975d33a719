// The workload engine's public surface (CLI, webview panel, bench).
export * from './types';
export * from './scenario';
export * from './presets';
export * from './executor';
export * from './engine';
export * from './compare';
export * from './text';
export { DEFAULT_SERDE_BYTES_PER_MS, DEFAULT_SERIALIZED_RATIO, groupedSource } from './operations';
export * from './story';
export * from './cluster';
export * from './partitionAdvice';
