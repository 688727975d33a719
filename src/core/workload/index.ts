// The workload engine's public surface (CLI, webview panel, bench).
export * from './types';
export * from './scenario';
export * from './presets';
export * from './executor';
export * from './engine';
export * from './compare';
export * from './text';
export * from './story';
export * from './cluster';
