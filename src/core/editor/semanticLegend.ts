// The semantic tokens legend: the token types and modifiers, in the order of the indices the tokens
// carry (custom types are declared in package.json). Apart from semanticTokens.ts because the extension
// hands the legend over at activation, while the tokens themselves are computed on the editor's first
// request (dist/features.js, scripts/build.mjs).
export const SEMANTIC_TOKEN_TYPES = ['property', 'number', 'sizeUnit', 'namespace'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['defaultLibrary', 'deprecated'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];
