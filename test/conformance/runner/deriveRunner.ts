// Runs one `kind: "derive"` case as one release: the sizes Spark derives from a conf, or the
// exception it raises.
import {
  GcKind,
  SimConf,
  SparkError,
  StaticMemoryManager,
  UnifiedMemoryManager,
  defaultPageSizeBytes,
  MemoryMode,
  readPageSizeOverride,
} from '../../../src/core/sim';
import { CaseRelease } from './versions';
import { DeriveCase, Json, JsonObject, asNumber, normaliseMode } from './schema';
import { applyVersionSplits, compareError, jsonEqual, mergeExpect, show } from './expect';
import { deriveContainer } from './deriveContainer';

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function confOf(x: Json | undefined): Record<string, string> {
  const conf: Record<string, string> = {};
  if (!isObject(x)) return conf;
  for (const [k, v] of Object.entries(x)) if (v !== null && typeof v !== 'object') conf[k] = String(v);
  return conf;
}

const GC_NAMES: Readonly<Record<string, GcKind>> = {
  g1: 'G1',
  g1gc: 'G1',
  zgc: 'ZGC',
  z: 'ZGC',
  shenandoah: 'Shenandoah',
  shenandoahgc: 'Shenandoah',
  parallel: 'Parallel',
  parallelgc: 'Parallel',
  cms: 'CMS',
  serial: 'Serial',
};

export function gcKind(name: string): GcKind {
  return (
    GC_NAMES[
      name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
    ] ?? 'other'
  );
}

/** The derivation itself: every size the case may name. */
function derive(c: DeriveCase, rel: CaseRelease, gc: GcKind): Record<string, Json> {
  const input = c.input;
  const v = rel.version;
  const kind = typeof input['kind'] === 'string' ? input['kind'] : undefined;
  const conf = confOf(input['conf']);
  if (kind === 'pageSize') {
    const sc = new SimConf(conf, v);
    const override = readPageSizeOverride(sc);
    const mode: MemoryMode = normaliseMode(input['tungstenMode']) ?? 'ON_HEAP';
    const cores = asNumber(input['cores']) ?? asNumber(input['numCores']) ?? 1;
    const pool = asNumber(input['tungstenPoolSize']) ?? 0;
    return { pageSizeBytes: override ?? defaultPageSizeBytes(pool, cores, mode, v, gc) };
  }
  if (kind === 'container') {
    const cm = typeof input['clusterManager'] === 'string' ? input['clusterManager'] : (conf['spark.master'] ?? '');
    const k8s = /k8s|kubernetes/i.test(cm);
    const r = deriveContainer(conf, v, input['isPythonApp'] === true, k8s ? 'k8s' : 'yarn');
    return { ...r };
  }
  const numCores = asNumber(input['numCores']) ?? asNumber(input['cores']) ?? 1;
  const sys = asNumber(input['systemMemory']);
  const base = {
    version: v,
    conf: new SimConf(conf, v),
    numCores,
    gc,
    ...(sys !== undefined ? { systemMemory: sys } : {}),
  };
  const manager =
    c.manager ?? (typeof input['manager'] === 'string' ? input['manager'] : kind === 'static' ? 'static' : undefined);
  if (rel.legacy || manager === 'static') {
    const mm = StaticMemoryManager.fromConf(base);
    return {
      maxOnHeapStorageMemory: mm.maxOnHeapStorageMemory,
      maxOnHeapExecutionMemory: mm.maxOnHeapExecutionMemory,
      maxUnrollMemory: mm.maxUnrollMemory,
      maxOffHeapMemory: mm.maxOffHeapMemory,
      maxOffHeapStorageMemory: mm.maxOffHeapStorageMemory,
      offHeapStoragePoolSize: mm.offHeapStorageMemoryPool.poolSize,
      offHeapExecutionPoolSize: mm.offHeapExecutionMemoryPool.poolSize,
      offHeapStorageMemory: mm.offHeapStorageMemoryPool.poolSize,
      offHeapExecutionMemory: mm.offHeapExecutionMemoryPool.poolSize,
      offHeapStorageRegionSize: mm.offHeapStorageMemory,
      pageSizeBytes: mm.pageSizeBytes,
      tungstenMemoryMode: mm.tungstenMemoryMode,
    };
  }
  const mm = UnifiedMemoryManager.fromConf(base);
  return {
    maxHeapMemory: mm.maxHeapMemory,
    onHeapStorageRegionSize: mm.onHeapStorageRegionSize,
    onHeapStoragePoolSize: mm.onHeapStorageMemoryPool.poolSize,
    onHeapExecutionPoolSize: mm.onHeapExecutionMemoryPool.poolSize,
    maxOnHeapStorageMemory: mm.maxOnHeapStorageMemory,
    maxOffHeapMemory: mm.maxOffHeapMemory,
    offHeapStorageRegionSize: mm.offHeapStorageMemory,
    offHeapStoragePoolSize: mm.offHeapStorageMemoryPool.poolSize,
    offHeapExecutionPoolSize: mm.offHeapExecutionMemoryPool.poolSize,
    maxOffHeapStorageMemory: mm.maxOffHeapStorageMemory,
    pageSizeBytes: mm.pageSizeBytes,
    tungstenMemoryMode: mm.tungstenMemoryMode,
  };
}

function resolveNested(e: JsonObject, rel: CaseRelease): JsonObject {
  const splits = e['byVersion'];
  const base: JsonObject = { ...e };
  delete base['byVersion'];
  return isObject(splits) ? applyVersionSplits(base, splits as Record<string, JsonObject>, rel.version) : base;
}

function checkOne(c: DeriveCase, rel: CaseRelease, gc: GcKind, expected: JsonObject): string | undefined {
  let got: Record<string, Json> | undefined;
  let thrown: SparkError | undefined;
  try {
    got = derive(c, rel, gc);
  } catch (e) {
    thrown = e instanceof SparkError ? e : new SparkError('SimulatorError', String(e));
  }
  const err = expected['error'];
  if (err !== undefined) {
    const d = compareError(err, thrown, rel.version, false);
    return d;
  }
  if (thrown !== undefined) return `threw ${thrown.sparkClass}: ${thrown.message}`;
  const diffs: string[] = [];
  for (const [k, want] of Object.entries(expected)) {
    if (k === 'byGC' || k === 'byVersion') continue;
    const have = (got as Record<string, Json>)[k];
    if (have === undefined) diffs.push(`cannot check unknown result key "${k}"`);
    else if (!jsonEqual(want, have)) diffs.push(`${k} expected ${show(want)} got ${show(have)}`);
  }
  return diffs.length === 0 ? undefined : diffs.join('; ');
}

/** Runs the case (every GC variant it names); returns the differences. */
export function runDeriveCase(c: DeriveCase, rel: CaseRelease): string[] {
  let base: JsonObject = { ...(c.expect ?? {}) };
  if (c.error !== undefined) base = { ...base, error: c.error };
  const inner = base['byVersion'];
  delete base['byVersion'];
  base = applyVersionSplits(base, c.byVersion, rel.version);
  if (isObject(inner)) base = applyVersionSplits(base, inner as Record<string, JsonObject>, rel.version);
  const byGC: Record<string, JsonObject> = { ...(c.byGC ?? {}) };
  const nestedGC = base['byGC'];
  if (isObject(nestedGC)) for (const [k, e] of Object.entries(nestedGC)) if (isObject(e)) byGC[k] = e;
  delete base['byGC'];
  const defaultGc = typeof c.input['gc'] === 'string' ? gcKind(c.input['gc']) : 'other';
  const failures: string[] = [];
  const gcNames = Object.keys(byGC);
  if (Object.keys(base).length > 0 || gcNames.length === 0) {
    const d = checkOne(c, rel, defaultGc, base);
    if (d !== undefined) failures.push(gcNames.length > 0 ? `default GC: ${d}` : d);
  }
  for (const name of gcNames) {
    const e = resolveNested(byGC[name] as JsonObject, rel);
    const d = checkOne(c, rel, gcKind(name), mergeExpect(base, e));
    if (d !== undefined) failures.push(`${name}: ${d}`);
  }
  return failures;
}
