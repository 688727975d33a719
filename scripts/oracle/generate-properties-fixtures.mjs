// Regenerates test/fixtures/properties-oracle.json: random properties texts built from the
// characters that matter to Properties.load, with what JDK's Properties made of each. Needs a
// JDK on PATH; run by hand (node scripts/oracle/generate-properties-fixtures.mjs [count] [seed]).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 1500);
let seed = Number(process.argv[3] ?? 20261122);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const atoms = [
  'spark.',
  'a',
  'b',
  'x',
  'memory',
  '4g',
  '512m',
  '=',
  ':',
  ' ',
  ' ',
  '\t',
  '\f',
  '\\',
  '\\\\',
  '\\u0041',
  '\\u00',
  '\\t',
  '\\n',
  '#',
  '!',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\\\n',
  '\\\r\n',
  '  \\\n   ',
  '\u00a0',
  '\ufeff',
  'é',
  '"',
  "'",
  '1.5',
  '-',
];
const inputs = [];
for (let i = 0; i < count; i++) {
  const n = 1 + Math.floor(rnd() * 14);
  let s = '';
  for (let k = 0; k < n; k++) s += pick(atoms);
  inputs.push(s);
}
const dir = mkdtempSync(join(tmpdir(), 'props-oracle-'));
execFileSync('javac', ['-d', dir, new URL('./PropertiesOracle.java', import.meta.url).pathname]);
const out = execFileSync('java', ['-cp', dir, 'PropertiesOracle'], {
  input: JSON.stringify(inputs),
  maxBuffer: 1 << 28,
}).toString();
const results = JSON.parse(out);
const cases = inputs.map((input, i) => ({ input, ...results[i] }));
const javaVersion =
  execFileSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString() || 'see stderr';
writeFileSync(
  'test/fixtures/properties-oracle.json',
  JSON.stringify(
    {
      generatedBy: 'scripts/oracle/generate-properties-fixtures.mjs',
      jdk: 'OpenJDK 17 java.util.Properties.load(Reader)',
      count,
      cases,
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${cases.length} cases`, javaVersion.trim());
