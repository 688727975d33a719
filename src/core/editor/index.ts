// Pure helpers behind the editor features (diagnostics, quick fixes, hover, completion, inlay hints,
// outline, version status, settings schema). No vscode types: the webview and the CLI can reuse them.
export * from './analysis';
export * from './completion';
export * from './fixes';
export * from './hover';
export * from './inlayHints';
export * from './layoutFacts';
export * from './limits';
export * from './locate';
export * from './numbers';
export * from './outline';
export * from './settingsSchema';
export * from './versionStatus';
export * from './folding';
export * from './format';
export * from './navigation';
export * from './semanticLegend';
export * from './semanticTokens';
export * from './executorStatus';
