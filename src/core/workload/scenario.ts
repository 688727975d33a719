// Scenario files: a small YAML language describing what the tasks of one executor do (docs/scenarios.md).
// The parser never throws: every problem becomes { line, field, message } with the message naming the
// file, the 1-based line and the field, and unknown keys get a "did you mean". Sizes are read the
// way Spark reads size strings (JavaUtils.byteStringAs with bytes as the default unit), through the
// project's one size parser.
import { LineCounter, Pair, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { byteStringAs } from '../size';
import { editDistance } from '../text/editDistance';
import { tableEvictionAttributes } from '../sim/snappy/tables';
import { STORAGE_LEVEL_NAMES, Scenario, StageSpec, StorageLevelName, TaskOp } from './types';

export interface ScenarioError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type ScenarioParse =
  { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly errors: ScenarioError[] };

const MiB = 1024 * 1024;
/** MiB per second → bytes per simulated millisecond. */
export function mibPerSecondToBytesPerMs(mibps: number): number {
  return (mibps * MiB) / 1000;
}

export const SCENARIO_DEFAULTS = {
  memoryMBps: 2000,
  diskMBps: 200,
  spillMBps: 150,
  maxEvents: 500_000,
  elementSize: 100,
  recordSize: 100,
} as const;

/** Limits that keep any accepted file cheap to simulate (the event budget bounds the rest). */
export const SCENARIO_LIMITS = {
  stages: 1000,
  tasks: 1_000_000,
  /** Largest skew factor of a partition. */
  skew: 1_000_000,
  ops: 100,
  maxEvents: 100_000_000,
  bytes: 2 ** 50,
  ms: 1e9,
} as const;

const TOP_KEYS = ['name', 'description', 'throughput', 'serialization', 'maxEvents', 'conf', 'stages'] as const;
const SERIALIZATION_KEYS = ['ratio', 'MBps'] as const;
const THROUGHPUT_KEYS = ['memoryMBps', 'diskMBps', 'spillMBps', 'recomputeMBps'] as const;
const STAGE_KEYS = ['name', 'tasks', 'ops', 'skew'] as const;
const OP_KEYS: Readonly<Record<string, readonly string[]>> = {
  cache: ['rdd', 'size', 'level', 'elementSize'],
  read: ['rdd', 'size', 'level', 'elementSize'],
  shuffleSort: ['size', 'recordSize', 'keep'],
  aggregate: ['size', 'recordSize', 'keep'],
  hashJoinBuild: ['size', 'recordSize'],
  broadcast: ['id', 'size'],
  userObjects: ['size', 'holdMs'],
  stateStore: ['size', 'holdMs'],
  compute: ['ms'],
  tableLoad: ['table', 'size', 'store'],
  createTable: ['table', 'store', 'evictionBy', 'overflow', 'partitionBy'],
  tableScan: ['table', 'size'],
  query: ['size', 'recordSize', 'resultSize'],
};

/** A SnappyData table as the ops before this point in the file define it. */
interface TableDecl {
  readonly store: 'row' | 'column';
  /** The createTable op's options (compared when a table is created twice), or undefined when made by a load. */
  readonly definition: string | undefined;
  readonly line: number;
  /** Bytes each task loaded into it so far (tableScan's default size). */
  loadedBytes: number;
}

/** What later ops may refer to: cached RDDs and SnappyData tables, by the ops before them. */
interface ParseState {
  readonly cacheOf: Map<number, { bytes: number; level: StorageLevelName; elementBytes: number }>;
  readonly tables: Map<string, TableDecl>;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), 4);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3))) return ` (did you mean ${best}?)`;
  return ` (expected one of: ${candidates.join(', ')})`;
}

class Reader {
  readonly errors: ScenarioError[] = [];
  constructor(
    private readonly file: string,
    private readonly lc: LineCounter,
    private readonly doc: Document,
  ) {}

  /** An alias (*name) stands for its anchored node. */
  d(node: unknown): unknown {
    if (isAlias(node)) {
      try {
        return node.resolve(this.doc) ?? node;
      } catch {
        return node;
      }
    }
    return node;
  }

  lineOf(node: unknown): number {
    const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return r ? this.lc.linePos(r[0]).line : 1;
  }

  error(node: unknown, field: string, text: string): undefined {
    const line = this.lineOf(node);
    this.errors.push({ line, field, message: `${this.file}:${line}: ${field}: ${text}` });
    return undefined;
  }

  /** The pairs of a mapping, reporting keys that are not allowed (with a suggestion). */
  map(node0: unknown, field: string, allowed: readonly string[]): Map<string, Pair> | undefined {
    const node = this.d(node0);
    if (!isMap(node)) return this.error(node, field, `expected a mapping (key: value), got ${describe(node)}`);
    const out = new Map<string, Pair>();
    for (const pair of node.items) {
      const keyNode = pair.key;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) {
        this.error(keyNode ?? node, field, 'keys must be plain names');
        continue;
      }
      const sub = field === '' ? key : `${field}.${key}`;
      if (!allowed.includes(key)) {
        this.error(keyNode, sub, `unknown field "${key}"${didYouMean(key, allowed)}`);
        continue;
      }
      if (out.has(key)) {
        this.error(keyNode, sub, `"${key}" is given twice`);
        continue;
      }
      out.set(key, pair);
    }
    return out;
  }

  string(pair: Pair | undefined, field: string, required: boolean): string | undefined {
    if (pair === undefined) return required ? undefined : undefined;
    const v = this.d(pair.value);
    if (!isScalar(v) || v.value === null || typeof v.value === 'object')
      return this.error(v ?? pair.key, field, `expected text, got ${describe(v)}`);
    const s =
      typeof v.source === 'string' && typeof v.value !== 'string'
        ? v.source
        : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar: null and objects are refused above
          String(v.value);
    if (s.trim() === '') return this.error(v, field, 'must not be empty');
    return s;
  }

  number(pair: Pair | undefined, field: string, min: number, max: number, integer: boolean): number | undefined {
    if (pair === undefined) return undefined;
    const v = this.d(pair.value);
    let n: number | undefined;
    if (isScalar(v) && typeof v.value === 'number') n = v.value;
    else if (
      isScalar(v) &&
      typeof v.value === 'string' &&
      /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v.value)
    )
      n = Number(v.value);
    if (n === undefined || !Number.isFinite(n))
      return this.error(v ?? pair.key, field, `expected a number, got ${describe(v)}`);
    if (integer && !Number.isInteger(n)) return this.error(v, field, `expected a whole number, got ${n}`);
    if (n < min || n > max) return this.error(v, field, `must be between ${min} and ${max}, got ${n}`);
    return n;
  }

  /** A size: a YAML integer is bytes; a string is parsed as Spark parses sizes (bytes when unit-less). */
  size(pair: Pair | undefined, field: string, min: number): number | undefined {
    if (pair === undefined) return undefined;
    const v = this.d(pair.value);
    let bytes: number | undefined;
    if (isScalar(v) && typeof v.value === 'number') {
      if (!Number.isInteger(v.value)) return this.error(v, field, `expected a size such as 512m or 2g, got ${v.value}`);
      bytes = v.value;
    } else if (isScalar(v) && typeof v.value === 'string') {
      const r = byteStringAs(v.value, 'BYTE');
      if (!r.ok) return this.error(v, field, `cannot read "${v.value}" as a size: ${r.error.replace(/\n/g, ' ')}`);
      bytes = r.value;
    } else return this.error(v ?? pair.key, field, `expected a size such as 512m or 2g, got ${describe(v)}`);
    if (bytes < min) return this.error(v, field, `must be at least ${min} byte(s), got ${bytes}`);
    if (bytes > SCENARIO_LIMITS.bytes) return this.error(v, field, `must be at most 1p, got ${bytes} bytes`);
    return bytes;
  }

  required(m: Map<string, Pair>, key: string, node: unknown, field: string): Pair | undefined {
    const p = m.get(key);
    if (p === undefined) this.error(node, field === '' ? key : `${field}.${key}`, 'is required');
    return p;
  }
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    // .nan, .inf and their kin: the text as written (JSON.stringify turns NaN into "null").
    if (typeof node.value === 'number' && !Number.isFinite(node.value))
      return typeof node.source === 'string' ? node.source : String(node.value);
    return JSON.stringify(node.value);
  }
  return 'something else';
}

/**
 * Parses a scenario file. `fileName` only appears in messages. Never throws: anything unexpected
 * (even a bug here) becomes an error on line 1.
 */
export function parseScenario(text: string, fileName: string): ScenarioParse {
  try {
    return parseScenarioUnsafe(text, fileName);
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          field: '',
          message: `${fileName}:1: cannot read the scenario: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
}

function parseScenarioUnsafe(text: string, file: string): ScenarioParse {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, errors: yamlErrors(doc, lc, file) };
  const root = doc.contents;
  if (root === null)
    return {
      ok: false,
      errors: [{ line: 1, field: '', message: `${file}:1: the scenario is empty (expected name, stages, ...)` }],
    };
  const r = new Reader(file, lc, doc);
  const top = r.map(root, '', TOP_KEYS);
  if (top === undefined) return { ok: false, errors: r.errors };

  // The fields in file-schema order, so that errors on one line keep the order they are found in.
  const name = r.string(r.required(top, 'name', root, ''), 'name', true);
  const descPair = top.get('description');
  const description = descPair !== undefined ? r.string(descPair, 'description', false) : undefined;
  const maxEvents =
    r.number(top.get('maxEvents'), 'maxEvents', 1, SCENARIO_LIMITS.maxEvents, true) ?? SCENARIO_DEFAULTS.maxEvents;
  const throughput = readThroughput(r, top.get('throughput'));
  const serialization = readSerialization(r, top.get('serialization'));
  const conf = readConf(r, top.get('conf'));
  const stages = readStages(r, r.required(top, 'stages', root, ''));
  if (r.errors.length > 0 || name === undefined) return { ok: false, errors: r.errors.sort((a, b) => a.line - b.line) };
  const scenario: Scenario = {
    name,
    ...(description !== undefined ? { description } : {}),
    stages,
    throughput,
    ...(serialization !== undefined ? { serialization } : {}),
    maxEvents,
    ...(conf !== undefined ? { conf } : {}),
  };
  return { ok: true, scenario };
}

/** The YAML parser's errors: the first five, or one that names the line where a second document starts. */
function yamlErrors(doc: Document, lc: LineCounter, file: string): ScenarioError[] {
  const multiple = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (multiple !== undefined) {
    // The parser's own text asks for an API call; the user needs to know which line to look at.
    const line = multiple.linePos?.[0]?.line ?? lc.linePos(multiple.pos[0]).line;
    const message = `${file}:${line}: a scenario file holds one YAML document; a second one starts here (remove the --- line or split the file)`;
    return [{ line, field: '', message }];
  }
  return doc.errors.slice(0, 5).map((e) => {
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    return { line, field: '', message: `${file}:${line}: YAML: ${e.message.split('\n')[0] ?? e.message}` };
  });
}

/** throughput: MiB per second of simulated time, as bytes per simulated millisecond (defaults where absent or wrong). */
function readThroughput(r: Reader, tpPair: Pair | undefined): Scenario['throughput'] {
  let memoryMBps: number = SCENARIO_DEFAULTS.memoryMBps;
  let diskMBps: number = SCENARIO_DEFAULTS.diskMBps;
  let spillMBps: number = SCENARIO_DEFAULTS.spillMBps;
  let recomputeMBps: number | undefined;
  const tp = tpPair !== undefined ? r.map(tpPair.value, 'throughput', THROUGHPUT_KEYS) : undefined;
  if (tp !== undefined) {
    memoryMBps = r.number(tp.get('memoryMBps'), 'throughput.memoryMBps', 0.001, 1e9, false) ?? memoryMBps;
    diskMBps = r.number(tp.get('diskMBps'), 'throughput.diskMBps', 0.001, 1e9, false) ?? diskMBps;
    spillMBps = r.number(tp.get('spillMBps'), 'throughput.spillMBps', 0.001, 1e9, false) ?? spillMBps;
    recomputeMBps = r.number(tp.get('recomputeMBps'), 'throughput.recomputeMBps', 0.001, 1e9, false);
  }
  return {
    memoryBytesPerMs: mibPerSecondToBytesPerMs(memoryMBps),
    diskBytesPerMs: mibPerSecondToBytesPerMs(diskMBps),
    spillBytesPerMs: mibPerSecondToBytesPerMs(spillMBps),
    ...(recomputeMBps !== undefined ? { recomputeBytesPerMs: mibPerSecondToBytesPerMs(recomputeMBps) } : {}),
  };
}

/** serialization: the stored size of serialized blocks (ratio) and the serializer's speed. */
function readSerialization(r: Reader, serPair: Pair | undefined): Scenario['serialization'] {
  if (serPair === undefined) return undefined;
  const sm = r.map(serPair.value, 'serialization', SERIALIZATION_KEYS);
  if (sm === undefined) return undefined;
  const ratio = r.number(sm.get('ratio'), 'serialization.ratio', 0.01, 10, false) ?? 0.5;
  const mbps = r.number(sm.get('MBps'), 'serialization.MBps', 0.001, 1e9, false) ?? 1000;
  return { ratio, bytesPerMs: mibPerSecondToBytesPerMs(mbps) };
}

/** conf: Spark keys → strings (scalars keep their text, so 0.50 stays "0.50"); `conf:` with nothing is no conf. */
function readConf(r: Reader, confPair: Pair | undefined): Record<string, string> | undefined {
  const confNode = confPair !== undefined ? r.d(confPair.value) : undefined;
  if (confPair === undefined || confNode === null) return undefined;
  if (!isMap(confNode))
    return r.error(
      confPair.value ?? confPair.key,
      'conf',
      `expected a mapping of Spark keys to values, got ${describe(confPair.value)}`,
    );
  const conf: Record<string, string> = {};
  for (const pair of confNode.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (k === undefined || k.trim() === '') {
      r.error(pair.key ?? confNode, 'conf', 'keys must be Spark property names');
      continue;
    }
    if (!/^spark\./.test(k)) {
      r.error(pair.key, `conf.${k}`, `"${k}" is not a Spark property (keys start with "spark.")`);
      continue;
    }
    const v = r.string(pair, `conf.${k}`, true);
    if (v !== undefined) conf[k] = v;
  }
  return conf;
}

/** stages: a list of 1 .. SCENARIO_LIMITS.stages stages, read in order (later ops see the RDDs and tables of earlier ones). */
function readStages(r: Reader, stagesPair: Pair | undefined): StageSpec[] {
  const stages: StageSpec[] = [];
  if (stagesPair === undefined) return stages;
  const state: ParseState = { cacheOf: new Map(), tables: new Map() };
  const seq = r.d(stagesPair.value);
  if (!isSeq(seq)) r.error(seq ?? stagesPair.key, 'stages', `expected a list of stages, got ${describe(seq)}`);
  else if (seq.items.length === 0) r.error(seq, 'stages', 'needs at least one stage');
  else if (seq.items.length > SCENARIO_LIMITS.stages)
    r.error(seq, 'stages', `at most ${SCENARIO_LIMITS.stages} stages`);
  else {
    seq.items.forEach((item, i) => {
      const stage = readStage(r, item, `stages[${i}]`, i, state);
      if (stage !== undefined) stages.push(stage);
    });
  }
  return stages;
}

function readStage(r: Reader, node: unknown, field: string, index: number, state: ParseState): StageSpec | undefined {
  const m = r.map(node, field, STAGE_KEYS);
  if (m === undefined) return undefined;
  const namePair = m.get('name');
  const name = namePair !== undefined ? r.string(namePair, `${field}.name`, false) : `stage ${index + 1}`;
  const tasks = r.number(r.required(m, 'tasks', node, field), `${field}.tasks`, 1, SCENARIO_LIMITS.tasks, true);
  const opsPair = r.required(m, 'ops', node, field);
  const ops: TaskOp[] = [];
  if (opsPair !== undefined) {
    const seq = r.d(opsPair.value);
    if (!isSeq(seq)) r.error(seq ?? opsPair.key, `${field}.ops`, `expected a list of ops, got ${describe(seq)}`);
    else if (seq.items.length === 0) r.error(seq, `${field}.ops`, 'needs at least one op');
    else if (seq.items.length > SCENARIO_LIMITS.ops)
      r.error(seq, `${field}.ops`, `at most ${SCENARIO_LIMITS.ops} ops per stage`);
    else {
      seq.items.forEach((item, j) => {
        const op = readOp(r, item, `${field}.ops[${j}]`, state);
        if (op !== undefined) ops.push(op);
      });
    }
  }
  const skew = readSkew(r, m.get('skew'), `${field}.skew`, tasks);
  if (name === undefined || tasks === undefined) return undefined;
  return { name, tasks, ops, ...(skew !== undefined ? { skew } : {}) };
}

/** A stage's skew: a list of at most `tasks` factors, each 0 .. SCENARIO_LIMITS.skew. */
function readSkew(r: Reader, pair: Pair | undefined, field: string, tasks: number | undefined): number[] | undefined {
  if (pair === undefined) return undefined;
  const seq = r.d(pair.value);
  if (!isSeq(seq)) return r.error(seq ?? pair.key, field, `expected a list of factors, got ${describe(seq)}`);
  if (tasks !== undefined && seq.items.length > tasks)
    return r.error(seq, field, `has ${seq.items.length} factors for ${tasks} task(s)`);
  const out: number[] = [];
  seq.items.forEach((item, i) => {
    const n = r.number(new Pair(pair.key, item), `${field}[${i}]`, 0, SCENARIO_LIMITS.skew, false);
    if (n !== undefined) out.push(n);
  });
  return out.length === seq.items.length ? out : undefined;
}

function readLevel(r: Reader, pair: Pair | undefined, field: string): StorageLevelName | undefined {
  if (pair === undefined) return undefined;
  const s = r.string(pair, field, true);
  if (s === undefined) return undefined;
  const up = s.trim().toUpperCase();
  if ((STORAGE_LEVEL_NAMES as readonly string[]).includes(up)) return up as StorageLevelName;
  return r.error(pair.value, field, `unknown storage level "${s}"${didYouMean(up, STORAGE_LEVEL_NAMES)}`);
}

/** A true/false field: undefined when absent, null when it is something else (reported). */
function readKeep(r: Reader, pair: Pair | undefined, field: string): boolean | undefined | null {
  if (pair === undefined) return undefined;
  const v = r.d(pair.value);
  if (isScalar(v) && typeof v.value === 'boolean') return v.value;
  if (isScalar(v) && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  r.error(v ?? pair.key, field, `expected true or false, got ${describe(v)}`);
  return null;
}

/** An op's kind and its fields: `f` names them in messages and `at` is the node a missing field is reported on. */
interface OpFields {
  readonly kind: string;
  readonly f: string;
  readonly m: Map<string, Pair>;
  readonly at: unknown;
}

/** One op of a stage's ops list (docs/scenarios.md), checked against the RDDs and tables the ops before it define. */
function readOp(r: Reader, node0: unknown, field: string, state: ParseState): TaskOp | undefined {
  const o = opFieldsOf(r, node0, field);
  if (o === undefined) return undefined;
  switch (o.kind) {
    case 'cache':
      return readCacheOp(r, o, state.cacheOf);
    case 'read':
      return readReadOp(r, o, state.cacheOf);
    case 'shuffleSort':
    case 'aggregate':
    case 'hashJoinBuild':
      return readExecutionOp(r, o.kind, o);
    case 'broadcast': {
      const id = r.number(r.required(o.m, 'id', o.at, o.f), `${o.f}.id`, 0, 1e9, true);
      const bytes = r.size(r.required(o.m, 'size', o.at, o.f), `${o.f}.size`, 1);
      if (id === undefined || bytes === undefined) return undefined;
      return { op: 'broadcast', id, bytes };
    }
    case 'userObjects':
    case 'stateStore':
      return readHeldOp(r, o.kind, o);
    case 'compute': {
      const ms = r.number(r.required(o.m, 'ms', o.at, o.f), `${o.f}.ms`, 0, SCENARIO_LIMITS.ms, false);
      if (ms === undefined) return undefined;
      return { op: 'compute', ms };
    }
    case 'tableLoad':
    case 'createTable':
    case 'tableScan':
      return readTableOp(r, o.kind, o.m, o.at, o.f, state.tables);
    case 'query':
      return readQueryOp(r, o);
  }
  return undefined;
}

/**
 * The op's kind and fields, in either spelling: `- cache: { rdd: 1, size: 1g }`, or flat
 * `- op: cache` with the fields beside it. Unknown kinds and fields are reported.
 */
function opFieldsOf(r: Reader, node0: unknown, field: string): OpFields | undefined {
  const node = r.d(node0);
  const kinds = Object.keys(OP_KEYS);
  if (!isMap(node)) return r.error(node, field, `expected one op such as "compute: { ms: 10 }", got ${describe(node)}`);
  const items = node.items;
  const opPair = items.find((p) => isScalar(p.key) && p.key.value === 'op');
  if (opPair !== undefined) {
    const k = r.d(opPair.value);
    const kind = isScalar(k) && typeof k.value === 'string' ? k.value : '';
    if (!kinds.includes(kind))
      return r.error(k ?? opPair.key, `${field}.op`, `unknown op "${kind}"${didYouMean(kind, kinds)}`);
    const m = r.map(node, field, ['op', ...(OP_KEYS[kind] as readonly string[])]);
    m?.delete('op');
    return m !== undefined ? { kind, f: field, m, at: node } : undefined;
  }
  if (items.length !== 1) return r.error(node, field, `an op is a mapping with exactly one of: ${kinds.join(', ')}`);
  const pair = items[0] as Pair;
  const kind = isScalar(pair.key) ? String(pair.key.value) : '';
  if (!kinds.includes(kind))
    return r.error(pair.key ?? node, `${field}.${kind}`, `unknown op "${kind}"${didYouMean(kind, kinds)}`);
  const f = `${field}.${kind}`;
  const m = r.map(pair.value, f, OP_KEYS[kind] as readonly string[]);
  return m !== undefined ? { kind, f, m, at: pair.value } : undefined;
}

/** cache: an RDD partition persisted at a storage level; later reads of the RDD default to it. */
function readCacheOp(r: Reader, { m, at, f }: OpFields, cacheOf: ParseState['cacheOf']): TaskOp | undefined {
  const rdd = r.number(r.required(m, 'rdd', at, f), `${f}.rdd`, 0, 1e9, true);
  const bytes = r.size(r.required(m, 'size', at, f), `${f}.size`, 1);
  const level = readLevel(r, m.get('level'), `${f}.level`) ?? 'MEMORY_ONLY';
  const elementBytes = r.size(m.get('elementSize'), `${f}.elementSize`, 1) ?? SCENARIO_DEFAULTS.elementSize;
  if (rdd === undefined || bytes === undefined) return undefined;
  cacheOf.set(rdd, { bytes, level, elementBytes });
  return { op: 'cache', rdd, bytes, level, elementBytes };
}

/** read: a cached RDD's partition read again; size, level and element size default to its cache op. */
function readReadOp(r: Reader, { m, at, f }: OpFields, cacheOf: ParseState['cacheOf']): TaskOp | undefined {
  const rdd = r.number(r.required(m, 'rdd', at, f), `${f}.rdd`, 0, 1e9, true);
  if (rdd === undefined) return undefined;
  const cached = cacheOf.get(rdd);
  const bytes = r.size(m.get('size'), `${f}.size`, 1) ?? cached?.bytes;
  const level = readLevel(r, m.get('level'), `${f}.level`) ?? cached?.level ?? 'MEMORY_ONLY';
  const elementBytes =
    r.size(m.get('elementSize'), `${f}.elementSize`, 1) ?? cached?.elementBytes ?? SCENARIO_DEFAULTS.elementSize;
  if (bytes === undefined) return r.error(at, `${f}.size`, `is required: no earlier cache op of rdd ${rdd} gives it`);
  return { op: 'read', rdd, bytes, level, elementBytes };
}

/** Execution memory in records (sort pages, aggregation maps, a hash relation); a hash join build cannot be kept. */
function readExecutionOp(
  r: Reader,
  kind: 'shuffleSort' | 'aggregate' | 'hashJoinBuild',
  { m, at, f }: OpFields,
): TaskOp | undefined {
  const bytes = r.size(r.required(m, 'size', at, f), `${f}.size`, 1);
  const recordBytes = r.size(m.get('recordSize'), `${f}.recordSize`, 1) ?? SCENARIO_DEFAULTS.recordSize;
  if (bytes === undefined) return undefined;
  const keep = kind !== 'hashJoinBuild' ? readKeep(r, m.get('keep'), `${f}.keep`) : undefined;
  if (keep === null) return undefined;
  return { op: kind, bytes, recordBytes, ...(keep === true ? { keep } : {}) };
}

/** Memory Spark does not manage, held for a while: a task's own objects, or a state store's native memory. */
function readHeldOp(r: Reader, kind: 'userObjects' | 'stateStore', { m, at, f }: OpFields): TaskOp | undefined {
  const bytes = r.size(r.required(m, 'size', at, f), `${f}.size`, 1);
  const holdMs = r.number(r.required(m, 'holdMs', at, f), `${f}.holdMs`, 0, SCENARIO_LIMITS.ms, false);
  if (bytes === undefined || holdMs === undefined) return undefined;
  return { op: kind, bytes, holdMs };
}

/** A SnappyData query: operator memory (size) and its result. */
function readQueryOp(r: Reader, { m, at, f }: OpFields): TaskOp | undefined {
  // A filter or lookup holds no operator memory (size 0); its result may still be large.
  const bytes = r.size(m.get('size'), `${f}.size`, 0) ?? 0;
  const recordBytes = r.size(m.get('recordSize'), `${f}.recordSize`, 1) ?? SCENARIO_DEFAULTS.recordSize;
  const resultBytes = r.size(m.get('resultSize'), `${f}.resultSize`, 0) ?? 0;
  if (bytes === 0 && resultBytes === 0) return r.error(at, f, 'needs a size (operator memory), a resultSize, or both');
  return { op: 'query', bytes, recordBytes, resultBytes };
}

function readStore(r: Reader, pair: Pair | undefined, field: string): 'row' | 'column' | undefined {
  if (pair === undefined) return undefined;
  const s = r.string(pair, field, true);
  if (s === 'row' || s === 'column') return s;
  if (s !== undefined) r.error(pair.value, field, `expected row or column, got "${s}"`);
  return undefined;
}

/**
 * SnappyData's table ops, checked against the tables the ops before them define: a table keeps
 * the kind it was created (or first loaded) with, is created once (the same definition again is
 * a no-op, as CREATE TABLE IF NOT EXISTS), and is scanned only after it exists.
 */
function readTableOp(
  r: Reader,
  kind: 'tableLoad' | 'createTable' | 'tableScan',
  m: Map<string, Pair>,
  at: unknown,
  f: string,
  tables: Map<string, TableDecl>,
): TaskOp | undefined {
  const tablePair = r.required(m, 'table', at, f);
  const table = r.string(tablePair, `${f}.table`, true);
  if (table === undefined) return undefined;
  // SnappyData upper-cases unquoted identifiers: "orders" and "ORDERS" are one table.
  const key = table.toUpperCase();
  const known = tables.get(key);
  const line = r.lineOf(tablePair?.value ?? at);
  if (kind === 'createTable') {
    const store = readStore(r, r.required(m, 'store', at, f), `${f}.store`);
    const evictionBy = r.string(m.get('evictionBy'), `${f}.evictionBy`, false);
    const overflow = r.string(m.get('overflow'), `${f}.overflow`, false);
    const partitionBy = r.string(m.get('partitionBy'), `${f}.partitionBy`, false);
    if (store === undefined) return undefined;
    const options = {
      kind: store,
      ...(evictionBy !== undefined ? { evictionBy } : {}),
      ...(overflow !== undefined ? { overflow } : {}),
    };
    const eviction = tableEvictionAttributes(options);
    if ('error' in eviction) return r.error(at, f, `SnappyData refuses this table: ${eviction.error}`);
    const definition = JSON.stringify({ store, evictionBy, overflow, partitionBy });
    if (known !== undefined && known.definition !== definition) {
      return r.error(
        at,
        f,
        known.definition === undefined
          ? `table ${key} is already created by the load on line ${known.line} (as a ${known.store} table with SnappyData's defaults): create it before its first load`
          : `table ${key} is already created on line ${known.line} with other options`,
      );
    }
    if (known === undefined) tables.set(key, { store, definition, line, loadedBytes: 0 });
    return {
      op: 'createTable',
      table: key,
      store,
      ...(evictionBy !== undefined ? { evictionBy } : {}),
      ...(overflow !== undefined ? { overflow } : {}),
      ...(partitionBy !== undefined ? { partitionBy } : {}),
    };
  }
  if (kind === 'tableScan') {
    const bytes =
      r.size(m.get('size'), `${f}.size`, 1) ??
      (known !== undefined && known.loadedBytes > 0 ? known.loadedBytes : undefined);
    if (known === undefined)
      return r.error(at, `${f}.table`, `no createTable or tableLoad of table ${key} comes before this scan`);
    if (bytes === undefined)
      return r.error(at, `${f}.size`, `is required: nothing is loaded into table ${key} before this scan`);
    return { op: 'tableScan', table: key, bytes };
  }
  const bytes = r.size(r.required(m, 'size', at, f), `${f}.size`, 1);
  const sp = m.get('store');
  const store = readStore(r, sp, `${f}.store`);
  if (known !== undefined && store !== undefined && store !== known.store) {
    return r.error(
      sp?.value,
      `${f}.store`,
      `table ${key} is a ${known.store} table (line ${known.line}), not a ${store} table`,
    );
  }
  if (bytes === undefined) return undefined;
  // A load into a table nobody created creates it with SnappyData's defaults (a column table unless `store: row`).
  const decl = known ?? { store: store ?? 'column', definition: undefined, line, loadedBytes: 0 };
  decl.loadedBytes += bytes;
  tables.set(key, decl);
  return { op: 'tableLoad', table: key, bytes, store: decl.store };
}

/** A commented template for a new scenario file ("New Scenario File"). */
export function scenarioTemplate(): string {
  return `# Spark Memory scenario: what the tasks of ONE executor do, stage after stage.
# Sizes are per task (one partition) and read like Spark sizes: 512m, 2g, 64k, 100b
# (a bare number is bytes). Schema: docs/scenarios.md.
# Save it as <name>.scenario.yaml in the workspace: "Spark Memory: Run Scenario…" lists such files.
name: my-scenario
description: Cache a dataset, then re-read it while aggregating.

# Simulated speeds, MiB per second (defaults shown).
throughput:
  memoryMBps: ${SCENARIO_DEFAULTS.memoryMBps}     # generating / scanning data in memory
  diskMBps: ${SCENARIO_DEFAULTS.diskMBps}        # reading and writing blocks on disk
  spillMBps: ${SCENARIO_DEFAULTS.spillMBps}       # writing spill files
  # recomputeMBps: 500  # rebuilding a lost cached partition (default memoryMBps / 4)

# Serialized levels (*_SER, OFF_HEAP) and disk hold ratio × the objects' size; the serializer
# runs at MBps. Defaults shown.
serialization:
  ratio: 0.5
  MBps: 1000

# The run stops with a message when this many events happened.
maxEvents: ${SCENARIO_DEFAULTS.maxEvents}

# What-if Spark settings applied on top of the config file (values are strings).
conf:
  spark.memory.storageFraction: "0.5"

stages:
  - name: load
    tasks: 16
    ops:
      - cache: { rdd: 1, size: 128m, level: MEMORY_ONLY, elementSize: 200b }
  - name: iterate
    tasks: 16
    ops:
      - read: { rdd: 1 }             # size and level default to rdd 1's cache op
      - aggregate: { size: 64m, recordSize: 100b }
      - compute: { ms: 50 }
  # Other ops:
  #   shuffleSort:   { size: 256m, recordSize: 100b }   Tungsten sort pages (spills)
  #   hashJoinBuild: { size: 64m, recordSize: 100b }    hash relation pages (cannot spill)
  #   broadcast:     { id: 0, size: 50m }               stored once per executor (MEMORY_AND_DISK)
  #   userObjects:   { size: 200m, holdMs: 500 }        memory Spark does not track
  #   stateStore:    { size: 256m, holdMs: 2000 }       RocksDB native memory (Spark 4.1 polls it)
  # SnappyData servers (docs/scenarios.md, "SnappyData tables"):
  #   createTable:   { table: t1, store: row, evictionBy: NONE }   EVICTION_BY / OVERFLOW as in CREATE TABLE
  #   tableLoad:     { table: t1, size: 512m, store: column }   insert table data (24m column batches)
  #   tableScan:     { table: t1 }                              read it (column batches decompressed on heap)
  #   query:         { size: 256m, resultSize: 16m }            sort/aggregate in execution memory + its result
`;
}
