// The conformance case format (shared/spec/conformance-format.md, schema
// "spark-memory-conformance/1"): parsing and validation with messages that name the case and field.
import { SNAPPY_EXPECT_KEYS, SNAPPY_NUMBER_CONFIG, SNAPPY_OPS } from './snappyFormat';

export const SCHEMA = 'spark-memory-conformance/1';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface OpsStep {
  readonly op: string;
  readonly args: JsonObject;
  readonly expect: JsonObject | undefined;
  readonly expectByVersion: Readonly<Record<string, JsonObject>> | undefined;
}

export interface ConsumerDecl {
  readonly name: string;
  readonly task: number;
  readonly mode: 'ON_HEAP' | 'OFF_HEAP';
  readonly spill: 'all' | 'partial';
}

export interface SpillableDecl {
  readonly name: string;
  readonly task: number;
  readonly canForceSpill: boolean;
}

interface CaseBase {
  readonly id: string;
  readonly source: string;
  readonly versions: readonly string[];
  readonly derivation: string;
  readonly raw: JsonObject;
}

export interface OpsCase extends CaseBase {
  readonly kind: 'ops';
  readonly config: JsonObject;
  readonly consumers: readonly ConsumerDecl[];
  readonly spillables: readonly SpillableDecl[];
  readonly initialExpect: JsonObject | undefined;
  readonly steps: readonly OpsStep[];
}

export interface DeriveCase extends CaseBase {
  readonly kind: 'derive';
  readonly input: JsonObject;
  readonly expect: JsonObject | undefined;
  readonly byVersion: Readonly<Record<string, JsonObject>> | undefined;
  readonly byGC: Readonly<Record<string, JsonObject>> | undefined;
  readonly error: JsonObject | undefined;
  /** Case-level `manager` (e.g. "static") if given. */
  readonly manager: string | undefined;
}

export type ConformanceCase = OpsCase | DeriveCase;

export interface CaseFile {
  readonly description: string | undefined;
  readonly cases: readonly ConformanceCase[];
}

export class CaseFormatError extends Error {}

/** Every op of the format and the args it requires. */
export const OPS: Readonly<Record<string, readonly string[]>> = {
  acquireExecution: ['task', 'bytes', 'mode'],
  releaseExecution: ['task', 'bytes', 'mode'],
  releaseAllExecutionForTask: ['task'],
  acquireStorage: ['blockId', 'bytes', 'mode'],
  releaseStorage: ['bytes', 'mode'],
  releaseAllStorage: [],
  acquireUnroll: ['blockId', 'bytes', 'mode'],
  releaseUnroll: ['bytes', 'mode'],
  setUnmanaged: ['mode', 'bytes'],
  putBytes: ['blockId', 'bytes', 'mode'],
  getBlock: ['blockId'],
  lockForRead: ['blockId'],
  unlock: ['blockId'],
  reserveUnrollForTask: ['task', 'blockId', 'bytes', 'mode'],
  releaseUnrollForTask: ['task', 'mode'],
  putIterator: ['task', 'blockId', 'mode', 'count', 'elementSize'],
  consumerAcquire: ['consumer', 'bytes'],
  consumerFree: ['consumer', 'bytes'],
  tmmAcquireDirect: ['consumer', 'bytes'],
  tmmReleaseDirect: ['consumer', 'bytes'],
  tmmCleanUp: ['task'],
  maybeSpill: ['spillable', 'elementsRead', 'currentMemory'],
  ...SNAPPY_OPS,
};

/** Every expectation key of the format (ops cases). */
export const EXPECT_KEYS: ReadonlySet<string> = new Set([
  'granted',
  'blocked',
  'woken',
  'freed',
  'throws',
  'result',
  'size',
  'unrollHeld',
  'unrollRequests',
  'spilled',
  'requested',
  'threshold',
  'spillOrder',
  'executionUsed',
  'storageUsed',
  'pools',
  'maxHeapMemory',
  'maxOnHeapStorageMemory',
  'maxOffHeapStorageMemory',
  'evictRequests',
  'evicted',
  'inMemory',
  'onDisk',
  'taskExecution',
  'unrollForTask',
  'consumers',
  'spilledBytes',
  'peakOnHeap',
  'peakOffHeap',
  'inserted',
  ...SNAPPY_EXPECT_KEYS,
]);

const NUMERIC_ARGS = new Set([
  'task',
  'bytes',
  'count',
  'elementSize',
  'preciseSize',
  'elementsRead',
  'currentMemory',
  'currentUnrollMemory',
]);

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A scalar as the text a case means by it (a block id, a parameter); anything else as its JSON. */
export function asText(x: Json | undefined): string {
  if (typeof x === 'string') return x;
  return x === undefined ? 'undefined' : JSON.stringify(x);
}

/** A number, or a string holding an integer (liberal in what we accept). */
export function asNumber(x: Json | undefined): number | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && /^\s*-?\d+\s*$/.test(x)) return Number(x);
  return undefined;
}

export function normaliseMode(x: Json | undefined): 'ON_HEAP' | 'OFF_HEAP' | undefined {
  if (typeof x !== 'string') return undefined;
  const t = x.trim().toUpperCase().replace(/[-\s]/g, '_');
  if (t === 'ON_HEAP' || t === 'ONHEAP') return 'ON_HEAP';
  if (t === 'OFF_HEAP' || t === 'OFFHEAP') return 'OFF_HEAP';
  return undefined;
}

function fail(where: string, what: string): never {
  throw new CaseFormatError(`${where}: ${what}`);
}

function optObjectMap(c: JsonObject, key: string, where: string): Record<string, JsonObject> | undefined {
  const v = c[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(where, `"${key}" must be an object of version ranges`);
  const out: Record<string, JsonObject> = {};
  for (const [k, e] of Object.entries(v)) {
    if (!isObject(e)) fail(where, `"${key}.${k}" must be an object`);
    out[k] = e;
  }
  return out;
}

function parseStep(s: Json, where: string): OpsStep {
  if (!isObject(s)) fail(where, 'a step must be an object');
  const op = s['op'];
  if (typeof op !== 'string') fail(where, '"op" must be a string');
  const required = OPS[op];
  if (required === undefined) fail(where, `unknown op "${op}" (known: ${Object.keys(OPS).join(', ')})`);
  const args = s['args'] ?? {};
  if (!isObject(args)) fail(where, '"args" must be an object');
  for (const a of required) {
    if (args[a] === undefined) fail(`${where}.args`, `op "${op}" needs "${a}"`);
  }
  for (const [k, v] of Object.entries(args)) {
    if (NUMERIC_ARGS.has(k) && v !== null && asNumber(v) === undefined)
      fail(`${where}.args.${k}`, `must be a number (got ${JSON.stringify(v)})`);
    if (k === 'mode' && normaliseMode(v) === undefined)
      fail(`${where}.args.mode`, `must be "ON_HEAP" or "OFF_HEAP" (got ${JSON.stringify(v)})`);
  }
  const expect = s['expect'];
  if (expect !== undefined && expect !== null && !isObject(expect)) fail(where, '"expect" must be an object');
  return {
    op,
    args,
    expect: isObject(expect) ? expect : undefined,
    expectByVersion: optObjectMap(s, 'expectByVersion', where),
  };
}

function parseCase(c: Json, index: number, seen: Set<string>): ConformanceCase {
  if (!isObject(c)) fail(`cases[${index}]`, 'a case must be an object');
  const idRaw = c['id'];
  if (typeof idRaw !== 'string' || idRaw.trim() === '') fail(`cases[${index}]`, '"id" must be a non-empty string');
  const id = idRaw;
  const where = `case "${id}"`;
  if (seen.has(id)) fail(where, 'duplicate id');
  seen.add(id);
  let versions = c['versions'];
  if (typeof versions === 'string') versions = [versions];
  if (!Array.isArray(versions) || versions.length === 0 || !versions.every((v) => typeof v === 'string')) {
    fail(where, '"versions" must be a non-empty array of strings');
  }
  const kindRaw = c['kind'] ?? (c['steps'] !== undefined ? 'ops' : c['input'] !== undefined ? 'derive' : undefined);
  const base = {
    id,
    source: typeof c['source'] === 'string' ? c['source'] : '',
    versions: versions,
    derivation: typeof c['derivation'] === 'string' ? c['derivation'] : '',
    raw: c,
  };
  if (kindRaw === 'ops') {
    const config = c['config'] ?? {};
    if (!isObject(config)) fail(where, '"config" must be an object');
    const allowed: Readonly<Record<string, readonly string[]>> = {
      manager: ['unified', 'static', 'test-limit', 'snappydata'],
      construct: ['apply', 'direct'],
      evictionModel: ['blocks', 'exact', 'throw'],
    };
    for (const [k, values] of Object.entries(allowed)) {
      const val = config[k];
      if (val !== undefined && (typeof val !== 'string' || !values.includes(val))) {
        fail(
          `${where}.config.${k}`,
          `must be one of ${values.map((x) => `"${x}"`).join(', ')} (got ${JSON.stringify(val)})`,
        );
      }
    }
    for (const k of [
      'numCores',
      'limit',
      'maxHeapMemory',
      'onHeapStorageRegionSize',
      'maxOnHeapExecutionMemory',
      'maxOnHeapStorageMemory',
      'systemMemory',
      ...SNAPPY_NUMBER_CONFIG,
    ]) {
      if (config[k] !== undefined && asNumber(config[k]) === undefined)
        fail(`${where}.config.${k}`, `must be a number (got ${JSON.stringify(config[k])})`);
    }
    const steps = c['steps'];
    if (!Array.isArray(steps)) fail(where, '"steps" must be an array');
    const consumers: ConsumerDecl[] = [];
    const cons = c['consumers'] ?? [];
    if (!Array.isArray(cons)) fail(where, '"consumers" must be an array');
    const names = new Set<string>();
    cons.forEach((x, i) => {
      const w = `${where}.consumers[${i}]`;
      if (!isObject(x) || typeof x['name'] !== 'string') fail(w, 'needs a string "name"');
      const task = asNumber(x['task'] ?? 0);
      if (task === undefined) fail(`${w}.task`, 'must be a number');
      const mode = x['mode'] === undefined ? 'ON_HEAP' : normaliseMode(x['mode']);
      if (mode === undefined) fail(`${w}.mode`, 'must be "ON_HEAP" or "OFF_HEAP"');
      const spill = x['spill'] ?? 'all';
      if (spill !== 'all' && spill !== 'partial') fail(`${w}.spill`, 'must be "all" or "partial"');
      if (names.has(x['name'])) fail(w, `duplicate consumer name "${x['name']}"`);
      names.add(x['name']);
      consumers.push({ name: x['name'], task, mode, spill });
    });
    const spillables: SpillableDecl[] = [];
    const sps = c['spillables'] ?? [];
    if (!Array.isArray(sps)) fail(where, '"spillables" must be an array');
    sps.forEach((x, i) => {
      const w = `${where}.spillables[${i}]`;
      if (!isObject(x) || typeof x['name'] !== 'string') fail(w, 'needs a string "name"');
      const task = asNumber(x['task'] ?? 0);
      if (task === undefined) fail(`${w}.task`, 'must be a number');
      if (names.has(x['name'])) fail(w, `duplicate consumer name "${x['name']}"`);
      names.add(x['name']);
      spillables.push({ name: x['name'], task, canForceSpill: x['forceSpill'] !== false });
    });
    const parsedSteps = steps.map((s, i) => parseStep(s, `${where}.steps[${i}]`));
    for (const [i, s] of parsedSteps.entries()) {
      for (const key of ['consumer', 'spillable'] as const) {
        const n = s.args[key];
        if (n !== undefined && (typeof n !== 'string' || !names.has(n)))
          fail(`${where}.steps[${i}].args.${key}`, `unknown consumer ${JSON.stringify(n)}`);
      }
    }
    const ie = c['initialExpect'];
    if (ie !== undefined && ie !== null && !isObject(ie)) fail(where, '"initialExpect" must be an object');
    return {
      ...base,
      kind: 'ops',
      config,
      consumers,
      spillables,
      initialExpect: isObject(ie) ? ie : undefined,
      steps: parsedSteps,
    };
  }
  if (kindRaw === 'derive') {
    const input = c['input'];
    if (!isObject(input)) fail(where, '"input" must be an object');
    const ik = input['kind'];
    if (ik !== undefined && ik !== 'pageSize' && ik !== 'container' && ik !== 'unified' && ik !== 'static') {
      fail(`${where}.input.kind`, `must be "pageSize", "container" or absent (got ${JSON.stringify(ik)})`);
    }
    if (input['conf'] !== undefined && !isObject(input['conf']))
      fail(`${where}.input.conf`, 'must be an object of Spark config strings');
    for (const k of ['systemMemory', 'tungstenPoolSize', 'cores', 'numCores']) {
      if (input[k] !== undefined && asNumber(input[k]) === undefined)
        fail(`${where}.input.${k}`, `must be a number (got ${JSON.stringify(input[k])})`);
    }
    if (
      ik === 'pageSize' &&
      input['tungstenMode'] !== undefined &&
      normaliseMode(input['tungstenMode']) === undefined
    ) {
      fail(`${where}.input.tungstenMode`, 'must be "ON_HEAP" or "OFF_HEAP"');
    }
    const expect = c['expect'];
    if (expect !== undefined && expect !== null && !isObject(expect)) fail(where, '"expect" must be an object');
    const error = c['error'];
    if (error !== undefined && error !== null && !isObject(error)) fail(where, '"error" must be an object');
    const manager = typeof c['manager'] === 'string' ? c['manager'] : undefined;
    return {
      ...base,
      kind: 'derive',
      input,
      expect: isObject(expect) ? expect : undefined,
      byVersion: optObjectMap(c, 'byVersion', where),
      byGC: optObjectMap(c, 'byGC', where),
      error: isObject(error) ? error : undefined,
      manager,
    };
  }
  return fail(where, `"kind" must be "ops" or "derive" (got ${JSON.stringify(kindRaw)})`);
}

/** Parses a case file; throws CaseFormatError with a message naming the case and field. */
export function parseCaseFile(text: string): CaseFile {
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (e) {
    throw new CaseFormatError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (Array.isArray(doc)) doc = { cases: doc };
  if (!isObject(doc)) throw new CaseFormatError('the top level must be an object with "cases"');
  const schema = doc['schema'];
  if (schema !== undefined && (typeof schema !== 'string' || !schema.startsWith('spark-memory-conformance/1'))) {
    throw new CaseFormatError(`unsupported schema ${JSON.stringify(schema)} (expected "${SCHEMA}")`);
  }
  const cases = doc['cases'];
  if (!Array.isArray(cases)) throw new CaseFormatError('"cases" must be an array');
  const seen = new Set<string>();
  return {
    description: typeof doc['description'] === 'string' ? doc['description'] : undefined,
    cases: cases.map((c, i) => parseCase(c, i, seen)),
  };
}
