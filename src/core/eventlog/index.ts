// The event log reader's public surface (CLI, extension, webview, bench).
export * from './types';
export * from './names';
export * from './reader';
export { CodecError } from './codecs';
export { storageLevelName } from './storageLevel';
export { memoryCause } from './memoryCause';
export * from './analysis';
export * from './replay';
export * from './whatIf';
