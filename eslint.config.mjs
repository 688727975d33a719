// ESLint (flat config, typescript-eslint with type information). `npm run lint` runs it, then
// Prettier's check; `npm test` runs that step before the test tiers.
// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// src/core and src/shared run in the extension host, the webview, the CLI and the web worker
// extension host of vscode.dev: neither `vscode` nor any Node built-in (with or without `node:`).
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const pureLayerImports = [
  { name: 'vscode', message: 'src/core and src/shared are pure TypeScript: the vscode API belongs in src/extension.' },
  ...nodeBuiltins.flatMap((m) =>
    [m, `node:${m}`].map((name) => ({
      name,
      message: 'src/core and src/shared run in browsers too: no Node built-ins (take the data as an argument).',
    })),
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.e2e/**', 'test-results/**', 'scripts/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // noUncheckedIndexedAccess types every index read as `T | undefined`; `xs[i]!` after a bounds
      // check is how the tree says "checked", so the assertion itself is not a finding.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers and booleans print as expected in a message; objects and undefined do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // The readers report and give up in one statement: `return this.error(...)`, typed `undefined`.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // The compiler's noUnusedParameters already accepts `_name` for a parameter an interface requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Functions that no longer fit on a screen: flagged, not refused.
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: pureLayerImports }] },
  },
  {
    // A test file's describe() holds its cases: its length says nothing about one function's size.
    files: ['test/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      // assert.ok(x) and assert.equal(r.ok, false) narrow; a test then reads the value defensively.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
);
