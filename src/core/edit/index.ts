// Text edits: not an editor feature, so the simulator, the protocol and the webview import them
// from here without reaching into editor/.
export * from './applySettings';
export * from './textEdit';
export * from './yamlScalar';
