// Writes the generated part of package.json's `contributes.configuration.properties`: the
// `sparkMemory.rules` schema (every rule code from RULES with its default severity) and the
// `sparkMemory.sparkVersion` choices (the supported Spark lines). Both come from the core
// (src/core/editor/settingsSchema.ts), bundled in memory with esbuild. A unit test
// (test/unit/editor/settingsSchema.test.ts) fails when package.json differs from this output.
//
//   node scripts/gen-rule-settings.mjs           rewrite package.json
//   node scripts/gen-rule-settings.mjs --check   exit 1 when package.json is out of date
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const entry = `
  import { RULES } from './src/core/rules';
  import { generatedSettings } from './src/core/editor/settingsSchema';
  module.exports = generatedSettings(RULES);
`;
const out = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'gen-rule-settings-entry.ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
  target: 'es2022',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(
  mod,
  mod.exports,
  createRequire(join(root, 'package.json')),
);
const generated = mod.exports;

const path = join(root, 'package.json');
const before = readFileSync(path, 'utf8');
const pkg = JSON.parse(before);
pkg.contributes ??= {};
pkg.contributes.configuration ??= { title: 'Spark Memory', properties: {} };
const props = pkg.contributes.configuration.properties ?? {};
// Keep the hand-written settings where they are; the generated ones first.
pkg.contributes.configuration.properties = {
  ...generated,
  ...Object.fromEntries(Object.entries(props).filter(([k]) => !(k in generated))),
};
const after = JSON.stringify(pkg, null, 2) + '\n';

if (check) {
  if (after !== before) {
    console.error('package.json: the generated settings are out of date; run node scripts/gen-rule-settings.mjs');
    process.exit(1);
  }
  console.log('package.json: generated settings are up to date');
} else if (after !== before) {
  writeFileSync(path, after);
  console.log(
    `package.json: wrote ${Object.keys(generated).join(', ')} (${Object.keys(generated['sparkMemory.rules'].properties).length} rule codes)`,
  );
} else {
  console.log('package.json: generated settings already up to date');
}
