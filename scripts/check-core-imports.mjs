// Proves that tsconfig.core.json refuses what src/core and src/shared must not use: each probe below
// is compiled alone under that config (a throw-away tsconfig that extends it), and every import must
// fail to compile. Run by `npm run lint`; exit 1 names a probe that compiled.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const probes = {
  'vscode namespace': "import * as vscode from 'vscode';\nexport const v = vscode.version;",
  'vscode type': "import type { Uri } from 'vscode';\nexport type U = Uri;",
  'Node built-in': "import { readFileSync } from 'fs';\nexport const r = readFileSync;",
  'node: built-in': "import { join } from 'node:path';\nexport const j = join;",
  'Node global': 'export const b = Buffer.from("x");',
  'DOM global': 'export const d = document.title;',
};

const dir = resolve('out/core-import-probes');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = Object.keys(probes).map((_, i) => `probe${i}.ts`);
Object.values(probes).forEach((text, i) => writeFileSync(join(dir, files[i]), text + '\n'));
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({ extends: '../../tsconfig.core.json', include: files, compilerOptions: { isolatedModules: true } }),
);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
  encoding: 'utf8',
});
const out = `${r.stdout}${r.stderr}`;
rmSync(dir, { recursive: true, force: true });
const compiled = files.map((f, i) => [Object.keys(probes)[i], f]).filter(([, f]) => !out.includes(`${f}(`));
if (compiled.length > 0) {
  for (const [what] of compiled) console.error(`check-core-imports: a ${what} compiles under tsconfig.core.json`);
  process.exit(1);
}
console.log(`check-core-imports: ${files.length} forbidden uses refused by tsconfig.core.json`);
