// Regenerates test/fixtures/members-oracle.json: random member files run through the real
// snappy-nodes.sh read loop in bash (members-oracle.sh). Run by hand with bash on PATH:
// node scripts/oracle/generate-members-fixtures.mjs [count] [seed]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 1500);
let seed = Number(process.argv[3] ?? 20261122);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rnd() * a.length)];
// No $, `, ;, &, |, <, >, (, ) or glob characters: eval must not run or expand anything.
const atoms = [
  'node-a',
  'localhost',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n',
  '\r\n',
  '\\\n',
  '\\',
  '#',
  ' #c',
  '-heap-size=4g',
  '-memory-size=16g',
  '-J-Xmx8g',
  '-critical-heap-percentage=95',
  ' = ',
  '=',
  '-spark.memory.fraction=0.9',
  "'",
  '"',
  "'a b'",
  '"x y"',
  '\\ ',
  '-dir=/tmp/w',
  'x',
];
const inputs = [];
for (let i = 0; i < count; i++) {
  const n = 1 + Math.floor(rnd() * 12);
  let s = '';
  for (let k = 0; k < n; k++) s += pick(atoms);
  inputs.push(s);
}
const dir = mkdtempSync(join(tmpdir(), 'members-oracle-'));
const script = new URL('./members-oracle.sh', import.meta.url).pathname;
const cases = inputs.map((input, i) => {
  const f = join(dir, `m${i}`);
  writeFileSync(f, input);
  const out = execFileSync('bash', [script, f], { cwd: dir }).toString('latin1');
  const members = [];
  let cur;
  for (const tok of out.split('\0')) {
    if (tok.startsWith('H')) cur = { host: Buffer.from(tok.slice(1), 'latin1').toString('utf8'), args: [] };
    else if (tok.startsWith('A')) cur.args.push(Buffer.from(tok.slice(1), 'latin1').toString('utf8'));
    else if (tok === 'E') cur.evalError = true;
    else if (tok === 'M') members.push(cur);
  }
  return { input, members };
});
writeFileSync(
  'test/fixtures/members-oracle.json',
  JSON.stringify(
    {
      generatedBy: 'scripts/oracle/generate-members-fixtures.mjs',
      shell: 'GNU bash, the snappy-nodes.sh read loop + eval word splitting',
      count,
      cases,
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${cases.length} cases`);
