// The fuzz campaign: hostile and mutated inputs through every reader, the rules, Fix all, Apply and
// the scenario parser and simulator, in a worker watched for hangs. A crash is any exception from
// code that must never throw (or a Fix all / Apply result its own reader cannot read); a hang is an
// input that makes no progress for --hang-ms. Runs from the compiled tests (npm run compile-tests).
//
//   node scripts/fuzz.mjs [--inputs N] [--seed S] [--hang-ms MS]
//
// CI (npm test) runs a fixed number of inputs with a fixed seed; run longer on demand. The last
// line is "fuzz: N passed, M failed" (inputs without and with a crash or hang).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

// ---- the inputs: deterministic from (seed, index) ----------------------------------------------

/** mulberry32: a small seeded generator, so an input is rebuilt from its index alone. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samples() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.md')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'samples'));
  return out;
}

const TRAPS = [
  '\r\n',
  '\r',
  '\n',
  '\ufeff',
  '\\',
  '\\\n',
  '\\u00',
  '#',
  '!',
  '=',
  ':',
  ' ',
  '\t',
  '\u00a0',
  '\u202e',
  '\u001b[2J',
  '\0',
  '"',
  "'",
  '${X}',
  '$(id)',
  '`',
  ';',
  '|',
  '&',
  '*',
  '&a ',
  '*a',
  '<<: *a',
  '---\n',
  '...\n',
  '- ',
  '? ',
  '{',
  '}',
  '[',
  ']',
  '|\n  ',
  '>-\n  ',
  '.nan',
  '-.inf',
  '1e308',
  '-0',
  '9'.repeat(30),
  '0x1F',
  '4g',
  '512m',
  '1t',
  'spark.executor.memory',
  'spark.memory.fraction',
  'spark.memory.fractoin',
  'spark.executor.cores 10000000',
  '-heap-size=',
  '-J-Xmx',
  'kind: SparkApplication\n',
  'spec:\n  executor: *a\n',
  'sparkConf: ~ # n\n',
];

function mutate(text, r) {
  let s = text;
  const n = 1 + Math.floor(r() * 8);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.5) s = s.slice(0, at) + TRAPS[Math.floor(r() * TRAPS.length)] + s.slice(at);
    else if (op < 0.75) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 20));
    else if (op < 0.9) s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at);
    else {
      const from = Math.floor(r() * (s.length + 1));
      s = s.slice(0, at) + s.slice(from, from + Math.floor(r() * 200)) + s.slice(at);
    }
  }
  return s;
}

function inputOf(seed, index, bases) {
  const r = rng(seed * 1_000_003 + index);
  const base = r() < 0.9 ? bases[Math.floor(r() * bases.length)] : '';
  return mutate(base, r);
}

// ---- the worker: every entry point on each input ---------------------------------------------

async function runWorker() {
  const { seed, from, to } = workerData;
  const load = (p) => import(join(ROOT, 'out/src', p));
  const { parseDocument } = await load('core/analyze.js');
  const { RULES, lintDocument } = await load('core/rules/index.js');
  const { fixAllEdits, disableNextLineEdit } = await load('core/editor/index.js');
  const { applyTextEdits, settingEdits } = await load('core/edit/index.js');
  const { LineIndex } = await load('core/text/lineIndex.js');
  const { SPARK_3_5 } = await load('core/version.js');
  const workload = await load('core/workload/index.js');
  const bases = [...samples(), ...workload.PRESETS.map((p) => p.yaml)];
  const TYPES = [
    { kind: 'spark-defaults' },
    { kind: 'spark-application' },
    { kind: 'snappy-members', role: 'server' },
    { kind: 'snappy-members', role: 'lead' },
  ];
  const WHAT_IF = [
    ['spark.executor.memory', '8g'],
    ['spark.memory.fraction', '0.5'],
    ['-heap-size', '4g'],
  ];
  const lint = (type, text) => lintDocument(parseDocument(type, text), RULES, { version: SPARK_3_5 });
  for (let i = from; i < to; i++) {
    const text = inputOf(seed, i, bases);
    let stage = 'start';
    try {
      for (const type of TYPES) {
        stage = `lint ${type.kind}`;
        const found = lint(type, text);
        stage = `fix all ${type.kind}`;
        const fixed = applyTextEdits(text, fixAllEdits(found).edits);
        lint(type, fixed);
        stage = `suppress ${type.kind}`;
        const lines = new LineIndex(text);
        for (const f of found.slice(0, 3)) {
          const e = disableNextLineEdit(text, lines, f.span.start, f.code, type.kind);
          if (e !== undefined) lint(type, applyTextEdits(text, [e]));
        }
        stage = `apply ${type.kind}`;
        const [key, value] = WHAT_IF[i % WHAT_IF.length];
        const r = settingEdits(type, text, [{ key, value }]);
        if (r.ok) lint(type, applyTextEdits(text, r.edits));
      }
      stage = 'scenario';
      const sc = workload.parseScenario(text, 'fuzz.yaml');
      if (sc.ok) {
        stage = 'simulate';
        const src = workload.executorSourceOfDocument(
          parseDocument({ kind: 'spark-defaults' }, 'spark.executor.memory 1g\n'),
          {},
        );
        if (src.ok)
          workload.simulateWorkload(src.source, { ...sc.scenario, maxEvents: Math.min(sc.scenario.maxEvents, 20_000) });
      }
      parentPort.postMessage({ index: i });
    } catch (e) {
      parentPort.postMessage({
        index: i,
        crash: `${stage}: ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)}`,
      });
    }
  }
  parentPort.postMessage({ done: true });
}

// ---- the main thread: batches in a worker, a watchdog for hangs -------------------------------

async function main() {
  const inputs = option('inputs', 2000);
  const seed = option('seed', 15);
  const hangMs = option('hang-ms', 20_000);
  const started = Date.now();
  let next = 0;
  let tried = 0;
  const crashes = [];
  const hangs = [];
  while (next < inputs) {
    await new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { seed, from: next, to: inputs } });
      let current = next;
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          hangs.push(current);
          tried++;
          next = current + 1;
          void worker.terminate().then(resolve);
        }, hangMs);
      };
      arm();
      worker.on('message', (m) => {
        if (m.done) {
          clearTimeout(timer);
          next = inputs;
          void worker.terminate().then(resolve);
          return;
        }
        tried++;
        if (m.crash !== undefined) crashes.push({ index: m.index, crash: m.crash });
        current = m.index + 1;
        next = current;
        arm();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        crashes.push({ index: current, crash: `worker: ${e.message}` });
        tried++;
        next = current + 1;
        resolve();
      });
    });
  }
  for (const c of crashes.slice(0, 20)) console.log(`crash: input ${c.index} (seed ${seed}): ${c.crash}`);
  for (const h of hangs.slice(0, 20)) console.log(`hang: input ${h} (seed ${seed}): no progress in ${hangMs} ms`);
  const failed = crashes.length + hangs.length;
  console.log(
    `fuzzed ${tried} inputs (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${crashes.length} crash(es), ${hangs.length} hang(s)`,
  );
  console.log(`fuzz: ${tried - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await runWorker();
