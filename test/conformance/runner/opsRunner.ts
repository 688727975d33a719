// Runs one `kind: "ops"` case as one release: a fresh manager, the steps in order, every
// expectation checked after its step.
import {
  ExactEvictionStore,
  ExecutionWait,
  MemoryConsumer,
  MemoryManager,
  MemoryMode,
  MemoryStore,
  MemoryStoreLike,
  PendingCall,
  SimConf,
  SparkError,
  sparkErrorOf,
  Spillable,
  StaticMemoryManager,
  TaskMemoryManager,
  TestMemoryConsumer,
  TestMemoryManager,
  TestPartialSpillingMemoryConsumer,
  ThrowingEvictionStore,
  UnifiedMemoryManager,
  linearSource,
  storageLevelByName,
  StorageLevels,
  MaybeSpillResult,
  SnappyUnifiedMemoryManager,
} from '../../../src/core/sim';
import { deriveStorageRegion } from '../../../src/core/layout/unified';
import { CaseRelease } from './versions';
import { SNAPPY_MAP_KEYS, buildSnappyManager, execSnappyOp, snappyStateKey } from './snappyOps';
import { EXPECT_KEYS, Json, JsonObject, OpsCase, OpsStep, asNumber, asText, normaliseMode } from './schema';
import { applyVersionSplits, compareError, comparePartialMap, compareZeroDefaultMap, jsonEqual, show } from './expect';

type Handle = ExecutionWait | PendingCall<unknown>;

/** Forwards to the store the manager evicts through, recording each request. */
class RecordingStore implements MemoryStoreLike {
  evictRequests: number[] = [];
  unrollOverride: number | undefined;
  constructor(readonly inner: MemoryStoreLike) {}
  evictBlocksToFreeSpace(requester: string | null, space: number, mode: MemoryMode): number {
    this.evictRequests.push(space);
    return this.inner.evictBlocksToFreeSpace(requester, space, mode);
  }
  get currentUnrollMemory(): number {
    return this.unrollOverride ?? this.inner.currentUnrollMemory;
  }
}

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function confFrom(config: JsonObject): Record<string, string> {
  const conf: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    if (!k.startsWith('spark.') || v === null || typeof v === 'object') continue;
    conf[k] = String(v);
  }
  return conf;
}

export function errorOf(e: unknown): SparkError {
  if (e instanceof SparkError) return e;
  return new SparkError('SimulatorError', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}

export class OpsRun {
  mm!: MemoryManager;
  store!: MemoryStore;
  rec!: RecordingStore;
  readonly tmms = new Map<number, TaskMemoryManager>();
  /** SnappyData events seen before the current step. */
  snappyEventsMark = 0;
  readonly consumers = new Map<string, MemoryConsumer>();
  readonly outstanding: { task: number; handle: Handle }[] = [];
  evicted: string[] = [];
  spills: { name: string; released: number }[] = [];

  constructor(
    private readonly c: OpsCase,
    private readonly rel: CaseRelease,
  ) {}

  build(): void {
    const cfg = this.c.config;
    const version = this.rel.version;
    let kind = typeof cfg['manager'] === 'string' ? cfg['manager'] : 'unified';
    if (this.rel.legacy && kind !== 'test-limit') kind = 'static';
    const conf = new SimConf(confFrom(cfg), version);
    const numCores = asNumber(cfg['numCores']) ?? 1;
    const sys = asNumber(cfg['systemMemory']);
    const direct =
      cfg['construct'] === 'direct' ||
      (cfg['construct'] === undefined &&
        (cfg['maxHeapMemory'] !== undefined || cfg['maxOnHeapExecutionMemory'] !== undefined));
    const base = { version, conf, numCores, ...(sys !== undefined ? { systemMemory: sys } : {}) };
    if (kind === 'test-limit') {
      const tm = new TestMemoryManager(base);
      const limit = asNumber(cfg['limit']);
      if (limit !== undefined) tm.limit(limit);
      this.mm = tm;
    } else if (kind === 'static') {
      if (direct) {
        this.mm = new StaticMemoryManager({
          ...base,
          maxOnHeapExecutionMemory: asNumber(cfg['maxOnHeapExecutionMemory']) ?? 0,
          maxOnHeapStorageMemory: asNumber(cfg['maxOnHeapStorageMemory']) ?? 0,
        });
      } else {
        this.mm = StaticMemoryManager.fromConf(base);
      }
    } else if (kind === 'unified') {
      if (direct) {
        const max = asNumber(cfg['maxHeapMemory']) ?? 0;
        const region = asNumber(cfg['onHeapStorageRegionSize']) ?? storageRegionOf(max, conf);
        this.mm = new UnifiedMemoryManager({ ...base, maxHeapMemory: max, onHeapStorageRegionSize: region });
      } else {
        this.mm = UnifiedMemoryManager.fromConf(base);
      }
    } else if (kind === 'snappydata') {
      this.mm = buildSnappyManager(cfg, conf, version, numCores);
    } else {
      throw new SparkError('SimulatorError', `unknown manager ${show(cfg['manager'])}`);
    }
    this.store = new MemoryStore(this.mm, { listener: { onBlockDropped: (id) => this.evicted.push(id) } });
    const model = cfg['evictionModel'] ?? 'blocks';
    const inner: MemoryStoreLike =
      model === 'exact'
        ? new ExactEvictionStore(this.mm)
        : model === 'throw'
          ? new ThrowingEvictionStore()
          : this.store;
    if (model !== 'exact' && model !== 'throw' && model !== 'blocks')
      throw new SparkError('SimulatorError', `unknown evictionModel ${show(model)}`);
    this.rec = new RecordingStore(inner);
    this.mm.setMemoryStore(this.rec);
    for (const d of this.c.consumers) {
      const tmm = this.tmm(d.task);
      const cons =
        d.spill === 'partial'
          ? new TestPartialSpillingMemoryConsumer(tmm, d.mode, d.name, 1024)
          : new TestMemoryConsumer(tmm, d.mode, d.name, 1024);
      this.consumers.set(d.name, cons);
    }
    for (const d of this.c.spillables) {
      const sp = new Spillable(this.tmm(d.task), d.name);
      sp.canForceSpill = d.canForceSpill;
      this.consumers.set(d.name, sp);
    }
  }

  tmm(task: number): TaskMemoryManager {
    let t = this.tmms.get(task);
    if (t === undefined) {
      t = new TaskMemoryManager(this.mm, task);
      t.spillObserver = { onSpill: (c, _req, released) => this.spills.push({ name: c.name, released }) };
      this.tmms.set(task, t);
    }
    return t;
  }

  consumer(a: JsonObject, key = 'consumer'): MemoryConsumer {
    return this.consumers.get(asText(a[key])) as MemoryConsumer;
  }

  /** Runs one op; returns its result keys. */
  exec(step: OpsStep): Record<string, Json> {
    const a = step.args;
    const n = (k: string): number => asNumber(a[k]) ?? 0;
    const mode = (): MemoryMode => normaliseMode(a['mode']) ?? 'ON_HEAP';
    const mm = this.mm;
    const block = (r: number | Handle, task: number): Record<string, Json> => {
      if (typeof r === 'number') return { granted: r, blocked: false };
      this.outstanding.push({ task, handle: r });
      return { blocked: true };
    };
    switch (step.op) {
      case 'acquireExecution':
        return block(mm.acquireExecutionMemory(n('bytes'), n('task'), mode()), n('task'));
      case 'releaseExecution':
        mm.releaseExecutionMemory(n('bytes'), n('task'), mode());
        return {};
      case 'releaseAllExecutionForTask':
        return { freed: mm.releaseAllExecutionMemoryForTask(n('task')) };
      case 'acquireStorage':
        return { granted: mm.acquireStorageMemory(asText(a['blockId']), n('bytes'), mode()) };
      case 'releaseStorage':
        mm.releaseStorageMemory(n('bytes'), mode());
        return {};
      case 'releaseAllStorage':
        mm.releaseAllStorageMemory();
        return {};
      case 'acquireUnroll': {
        const cu = asNumber(a['currentUnrollMemory']);
        this.rec.unrollOverride = cu;
        const inner = this.rec.inner;
        if (cu !== undefined && inner instanceof ExactEvictionStore) inner.currentUnrollMemory = cu;
        try {
          return { granted: mm.acquireUnrollMemory(asText(a['blockId']), n('bytes'), mode()) };
        } finally {
          this.rec.unrollOverride = undefined;
        }
      }
      case 'releaseUnroll':
        mm.releaseUnrollMemory(n('bytes'), mode());
        return {};
      case 'setUnmanaged':
        if (mm instanceof UnifiedMemoryManager) mm.setUnmanagedMemory(mode(), n('bytes'));
        return {};
      case 'putBytes': {
        const lvl = typeof a['level'] === 'string' ? storageLevelByName(a['level']) : StorageLevels.MEMORY_ONLY;
        if (lvl === undefined) throw new SparkError('SimulatorError', `unknown storage level ${show(a['level'])}`);
        return { granted: this.store.putBytes(asText(a['blockId']), n('bytes'), mode(), lvl) };
      }
      case 'getBlock':
        this.store.access(asText(a['blockId']));
        return {};
      case 'lockForRead':
        this.store.blockInfoManager.lockForReading(asText(a['blockId']));
        return {};
      case 'unlock':
        this.store.blockInfoManager.unlock(asText(a['blockId']));
        return {};
      case 'reserveUnrollForTask':
        return {
          granted: this.store.reserveUnrollMemoryForThisTask(asText(a['blockId']), n('bytes'), mode(), n('task')),
        };
      case 'releaseUnrollForTask': {
        const b = asNumber(a['bytes']);
        this.store.releaseUnrollMemoryForThisTask(mode(), n('task'), b ?? Number.POSITIVE_INFINITY);
        return {};
      }
      case 'putIterator': {
        const requests: number[] = [];
        const precise = asNumber(a['preciseSize']);
        const src = linearSource(n('count'), n('elementSize'), precise);
        const serialized = a['serialized'] === true || a['asBytes'] === true;
        const lvlName = typeof a['level'] === 'string' ? a['level'] : undefined;
        const lvl = lvlName !== undefined ? storageLevelByName(lvlName) : undefined;
        if (lvlName !== undefined && lvl === undefined)
          throw new SparkError('SimulatorError', `unknown storage level ${show(lvlName)}`);
        const r =
          serialized || (lvl !== undefined && !lvl.deserialized)
            ? this.store.putIteratorAsBytes(
                asText(a['blockId']),
                src,
                mode(),
                n('task'),
                lvl ?? StorageLevels.MEMORY_ONLY_SER,
                requests,
              )
            : this.store.putIteratorAsValues(
                asText(a['blockId']),
                src,
                mode(),
                n('task'),
                lvl ?? StorageLevels.MEMORY_ONLY,
                requests,
              );
        return r.stored
          ? { result: 'stored', size: r.size, unrollRequests: requests }
          : { result: 'failed', unrollHeld: r.unrollMemory, unrollRequests: requests };
      }
      case 'consumerAcquire': {
        const c = this.consumer(a);
        return block(c.acquireMemory(n('bytes')) as number | Handle, c.taskMemoryManager.taskAttemptId);
      }
      case 'consumerFree': {
        const c = this.consumer(a);
        if (c instanceof TestMemoryConsumer) c.free(n('bytes'));
        else c.freeMemory(n('bytes'));
        return {};
      }
      case 'tmmAcquireDirect': {
        const c = this.consumer(a);
        return block(
          c.taskMemoryManager.acquireExecutionMemory(n('bytes'), c) as number | Handle,
          c.taskMemoryManager.taskAttemptId,
        );
      }
      case 'tmmReleaseDirect': {
        const c = this.consumer(a);
        c.taskMemoryManager.releaseExecutionMemory(n('bytes'), c);
        return {};
      }
      case 'tmmCleanUp':
        return { freed: this.tmm(n('task')).cleanUpAllAllocatedMemory() };
      case 'maybeSpill': {
        const sp = this.consumer(a, 'spillable');
        if (!(sp instanceof Spillable))
          throw new SparkError('SimulatorError', `${asText(a['spillable'])} is not a spillable`);
        sp.elementsRead = n('elementsRead');
        const r = sp.maybeSpill(n('currentMemory'));
        if (r instanceof PendingCall) {
          this.outstanding.push({ task: sp.taskMemoryManager.taskAttemptId, handle: r as unknown as Handle });
          return { blocked: true };
        }
        const m = r;
        return {
          spilled: m.spilled,
          requested: m.requested,
          granted: m.granted,
          threshold: m.threshold,
          blocked: false,
        };
      }
      default: {
        const r = mm instanceof SnappyUnifiedMemoryManager ? execSnappyOp(mm, step.op, a) : undefined;
        if (r === undefined) throw new SparkError('SimulatorError', `unknown op ${step.op} for this manager`);
        return r;
      }
    }
  }

  /** Blocked calls that completed since `sinceSeq`, in completion order. */
  woken(sinceSeq: number): JsonObject[] {
    const done = this.outstanding.filter((o) => isDone(o.handle) && seqOf(o.handle) >= sinceSeq);
    done.sort((x, y) => seqOf(x.handle) - seqOf(y.handle));
    return done.map((o) => {
      const h = o.handle;
      if (h instanceof ExecutionWait)
        return h.state === 'failed'
          ? { task: o.task, error: h.error?.sparkClass ?? 'error' }
          : { task: o.task, granted: h.granted };
      if (h.error !== undefined) return { task: o.task, error: h.error.sparkClass };
      const v = h.value;
      if (typeof v === 'number') return { task: o.task, granted: v };
      const m = v as MaybeSpillResult;
      return { task: o.task, granted: m.granted, spilled: m.spilled };
    });
  }

  seqMark(): number {
    return this.mm.nextSettleSeq();
  }

  stateKey(key: string): Json | Map<number, number> | Record<string, number> | undefined {
    const mm = this.mm;
    switch (key) {
      case 'executionUsed':
        return mm.executionMemoryUsed;
      case 'storageUsed':
        return mm.storageMemoryUsed;
      case 'pools':
        return {
          onHeapStorage: mm.onHeapStorageMemoryPool.poolSize,
          onHeapExecution: mm.onHeapExecutionMemoryPool.poolSize,
          offHeapStorage: mm.offHeapStorageMemoryPool.poolSize,
          offHeapExecution: mm.offHeapExecutionMemoryPool.poolSize,
        };
      case 'maxHeapMemory':
        return mm.maxHeapMemory;
      case 'maxOnHeapStorageMemory':
        return mm.maxOnHeapStorageMemory;
      case 'maxOffHeapStorageMemory':
        return mm.maxOffHeapStorageMemory;
      case 'evictRequests':
        return [...this.rec.evictRequests];
      case 'evicted':
        return [...this.evicted];
      case 'inMemory':
        return this.store.blockIds();
      case 'onDisk':
        return this.store.diskBlockIds();
      case 'taskExecution':
        return mm.executionMemoryByTask();
      case 'unrollForTask':
        return this.store.unrollMemoryByTask();
      case 'consumers':
        return mapOf(this.consumers, (c) => c.used);
      case 'spilledBytes':
        return mapOf(this.consumers, (c) => c.spilledBytes);
      case 'peakOnHeap':
        return numMap(this.tmms, (t) => t.peakOnHeapMemory);
      case 'peakOffHeap':
        return numMap(this.tmms, (t) => t.peakOffHeapMemory);
      default:
        return mm instanceof SnappyUnifiedMemoryManager ? snappyStateKey(mm, key, this.snappyEventsMark) : undefined;
    }
  }
}

function isDone(h: Handle): boolean {
  return h instanceof ExecutionWait ? h.state !== 'waiting' : h.done;
}

function seqOf(h: Handle): number {
  return h.settledSeq;
}

function mapOf(m: Map<string, MemoryConsumer>, f: (c: MemoryConsumer) => number): Record<string, number> {
  const o: Record<string, number> = {};
  m.forEach((c, k) => {
    o[k] = f(c);
  });
  return o;
}

function numMap(m: Map<number, TaskMemoryManager>, f: (t: TaskMemoryManager) => number): Record<string, number> {
  const o: Record<string, number> = {};
  m.forEach((t, k) => {
    o[String(k)] = f(t);
  });
  return o;
}

const RESULT_KEYS = new Set([
  'granted',
  'blocked',
  'freed',
  'result',
  'size',
  'unrollHeld',
  'unrollRequests',
  'spilled',
  'requested',
  'threshold',
  'lowMemory',
  'inserted',
]);

/** Checks `exp` against the step's result and the state; returns the differences. */
function check(
  run: OpsRun,
  exp: JsonObject,
  res: Record<string, Json>,
  thrown: SparkError | undefined,
  spillNames: { all: string[]; released: string[] },
  woken: JsonObject[],
  rel: CaseRelease,
): string[] {
  const diffs: string[] = [];
  if (exp['throws'] !== undefined) {
    const d = compareError(exp['throws'], thrown, rel.version, true);
    if (d !== undefined) diffs.push(`throws: ${d}`);
  } else if (thrown !== undefined) {
    diffs.push(`threw ${thrown.sparkClass}: ${thrown.message}`);
  }
  for (const [key, want] of Object.entries(exp)) {
    if (key === 'throws') continue;
    if (!EXPECT_KEYS.has(key)) {
      diffs.push(`cannot check unknown expectation key "${key}"`);
      continue;
    }
    if (RESULT_KEYS.has(key)) {
      if (thrown !== undefined) continue;
      const got = res[key];
      if (got === undefined) {
        diffs.push(res['blocked'] === true ? `${key}: the call blocked` : `${key}: this op does not produce it`);
      } else if (!jsonEqual(want, got)) {
        diffs.push(`${key} expected ${show(want)} got ${show(got)}`);
      }
      continue;
    }
    if (key === 'spillOrder') {
      if (!jsonEqual(want, spillNames.released) && !jsonEqual(want, spillNames.all))
        diffs.push(`spillOrder expected ${show(want)} got ${show(spillNames.released)}`);
      continue;
    }
    if (key === 'woken') {
      if (!Array.isArray(want)) {
        diffs.push(`woken: expected an array, case has ${show(want)}`);
        continue;
      }
      const ok =
        want.length === woken.length &&
        want.every(
          (w, i) => isObject(w) && Object.entries(w).every(([k, v]) => jsonEqual(v, (woken[i] as JsonObject)[k])),
        );
      if (!ok) diffs.push(`woken expected ${show(want)} got ${show(woken)}`);
      continue;
    }
    const got = run.stateKey(key);
    if (got instanceof Map) {
      const d = compareZeroDefaultMap(key, want, got);
      if (d !== undefined) diffs.push(d);
    } else if (
      key === 'pools' ||
      key === 'consumers' ||
      key === 'spilledBytes' ||
      key === 'peakOnHeap' ||
      key === 'peakOffHeap' ||
      SNAPPY_MAP_KEYS.has(key)
    ) {
      const g = { ...(got as Record<string, number>) };
      // A SnappyData owner or table not (or no longer) present holds 0 bytes.
      if (SNAPPY_MAP_KEYS.has(key) && isObject(want)) for (const k of Object.keys(want)) g[k] ??= 0;
      const d = comparePartialMap(key, want, g);
      if (d !== undefined) diffs.push(d);
    } else if (!jsonEqual(want, got)) {
      diffs.push(`${key} expected ${show(want)} got ${show(got)}`);
    }
  }
  return diffs;
}

/** Runs the case; returns an empty list when every expectation held. */
export function runOpsCase(c: OpsCase, rel: CaseRelease): string[] {
  const run = new OpsRun(c, rel);
  let buildError: SparkError | undefined;
  try {
    run.build();
  } catch (e) {
    buildError = errorOf(e);
  }
  const ie = c.initialExpect;
  if (buildError !== undefined) {
    if (ie !== undefined && ie['throws'] !== undefined) {
      const d = compareError(ie['throws'], buildError, rel.version, true);
      return d === undefined ? [] : [`construction: ${d}`];
    }
    return [`construction threw ${buildError.sparkClass}: ${buildError.message}`];
  }
  if (ie !== undefined) {
    const d = check(run, ie, {}, undefined, { all: [], released: [] }, [], rel);
    if (d.length > 0) return [`initialExpect: ${d.join('; ')}`];
  }
  for (const [i, step] of c.steps.entries()) {
    run.rec.evictRequests = [];
    run.evicted = [];
    run.spills = [];
    if (run.mm instanceof SnappyUnifiedMemoryManager) run.snappyEventsMark = run.mm.snappyEvents.length;
    const mark = run.seqMark();
    let res: Record<string, Json> = {};
    let thrown: SparkError | undefined;
    try {
      res = run.exec(step);
      // Every op that returned did not block.
      if (res['blocked'] === undefined) res['blocked'] = false;
    } catch (e) {
      thrown = errorOf(e);
    }
    if (thrown !== undefined && thrown.sparkClass === 'SimulatorError')
      return [`step ${i} (${step.op}): ${thrown.message}`];
    const exp = applyVersionSplits(step.expect ?? {}, step.expectByVersion, rel.version);
    const spillNames = {
      all: run.spills.map((s) => s.name),
      released: run.spills.filter((s) => s.released > 0).map((s) => s.name),
    };
    const diffs = check(run, exp, res, thrown, spillNames, run.woken(mark), rel);
    if (diffs.length > 0) return [`step ${i} (${step.op}): ${diffs.join('; ')}`];
  }
  return [];
}

/** UnifiedMemoryManager.apply's storage region for a directly built manager, from the layout's one derivation. */
function storageRegionOf(maxHeapMemory: number, conf: SimConf): number {
  const d = deriveStorageRegion(maxHeapMemory, conf.view(), conf.version);
  if (!d.ok) throw sparkErrorOf(d.error);
  return d.sizes.onHeapStorageRegionSize;
}
