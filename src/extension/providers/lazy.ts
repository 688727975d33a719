// The entry of dist/features.js: the core behind the editor features that wait for the user (hover,
// completion, navigation, quick fixes, outline, folding, formatting, inlay hints and the layout facts
// they show). The Node build (scripts/build.mjs) gives the extension bundle a stand-in for each module
// below whose exports load dist/features.js on first use, so activation and the first diagnostics do
// not pay for them; the web worker build bundles them as they are. Each module is one namespace here,
// so equal names in two modules cannot collide.
export * as completion from '../../core/editor/completion';
export * as fixes from '../../core/editor/fixes';
export * as folding from '../../core/editor/folding';
export * as format from '../../core/editor/format';
export * as hover from '../../core/editor/hover';
export * as inlayHints from '../../core/editor/inlayHints';
export * as layoutFacts from '../../core/editor/layoutFacts';
export * as locate from '../../core/editor/locate';
export * as navigation from '../../core/editor/navigation';
export * as outline from '../../core/editor/outline';
export * as semanticTokens from '../../core/editor/semanticTokens';
export * as codeActionsProvider from './codeActions';
export * as completionProvider from './completion';
export * as hoverProvider from './hover';
export * as navigationProvider from './navigation';
export * as structureProvider from './structure';
export * as symbolsProvider from './symbols';
