// The SnappyData part of the conformance format (docs/conformance-snappydata.md): the
// `snappydata` manager, its table and heap-monitor ops, and the expectation keys they answer.
import { MemoryMode, SimConf, SnappyUnifiedMemoryManager, SparkError } from '../../../src/core/sim';
import { SparkVersion } from '../../../src/core/version';
import { Json, JsonObject, asNumber, asText, normaliseMode } from './schema';
export { SNAPPY_MAP_KEYS } from './snappyFormat';

/** Builds the manager from a case's config (systemMemory = the JVM heap the store's monitor sees). */
export function buildSnappyManager(
  cfg: JsonObject,
  conf: SimConf,
  version: SparkVersion,
  numCores: number,
): SnappyUnifiedMemoryManager {
  const sys = asNumber(cfg['systemMemory']);
  if (sys === undefined) throw new SparkError('SimulatorError', 'a snappydata manager needs config.systemMemory');
  const num = (k: string): number | undefined => (typeof cfg[k] === 'number' ? cfg[k] : undefined);
  const crit = num('criticalHeapPercentage');
  const evict = num('evictionHeapPercentage');
  const mem = num('memorySize');
  return new SnappyUnifiedMemoryManager({
    systemMemory: sys,
    version,
    numCores,
    conf: conf.entries,
    localMode: cfg['localMode'] === true,
    ...(crit !== undefined ? { criticalHeapPercentage: crit } : {}),
    ...(evict !== undefined ? { evictionHeapPercentage: evict } : {}),
    ...(mem !== undefined ? { memorySize: mem } : {}),
  });
}

/** Runs a SnappyData op; undefined when `op` is not one. */
export function execSnappyOp(
  mm: SnappyUnifiedMemoryManager,
  op: string,
  a: JsonObject,
): Record<string, Json> | undefined {
  const n = (k: string): number => asNumber(a[k]) ?? 0;
  const s = (k: string): string => asText(a[k]);
  const mode = (): MemoryMode => normaliseMode(a['mode']) ?? 'ON_HEAP';
  const low = (ev: { message: string } | undefined): Record<string, Json> => ({
    granted: ev === undefined,
    lowMemory: ev === undefined ? null : ev.message,
  });
  switch (op) {
    case 'createTable': {
      const kind = s('kind');
      if (kind !== 'row' && kind !== 'column')
        throw new SparkError('SimulatorError', `kind must be "row" or "column" (got ${JSON.stringify(a['kind'])})`);
      mm.createTable(s('table'), {
        kind,
        ...(typeof a['evictionBy'] === 'string' ? { evictionBy: a['evictionBy'] } : {}),
        ...(a['overflow'] !== undefined ? { overflow: asText(a['overflow']) } : {}),
        ...(a['replicated'] === true ? { replicated: true } : {}),
        ...(asNumber(a['entryOverhead']) !== undefined ? { entryOverhead: n('entryOverhead') } : {}),
      });
      return {};
    }
    case 'insert': {
      const count = asNumber(a['count']) ?? 1;
      let inserted = 0;
      for (let i = 0; i < count; i++) {
        const ev = mm.insert(s('table'), n('bytes'));
        if (ev !== undefined) return { ...low(ev), inserted };
        inserted++;
      }
      return { ...low(undefined), inserted };
    }
    case 'dropTable':
      return { freed: mm.dropTable(s('table')) };
    case 'truncateTable':
      return { freed: mm.dropTable(s('table'), true) };
    case 'setUntracked':
      mm.untrackedHeapBytes = n('bytes');
      return {};
    case 'acquireStorageForObject':
      return {
        granted: mm.acquireStorageMemoryForObject(
          s('owner'),
          'SNAPPY_STORAGE_BLOCK_ID',
          n('bytes'),
          mode(),
          a['shouldEvict'] !== false,
        ),
      };
    case 'releaseStorageForObject':
      mm.releaseStorageMemoryForObject(s('owner'), n('bytes'), mode());
      return {};
    case 'dropAllObjects':
      mm.dropAllObjects(mode());
      return {};
    case 'allocateBuffer':
      return low(mm.allocateExecutionMemory(s('owner'), n('bytes')));
    default:
      return undefined;
  }
}

/** A SnappyData state key; undefined when `key` is not one. */
export function snappyStateKey(
  mm: SnappyUnifiedMemoryManager,
  key: string,
  eventsBefore: number,
): Json | Record<string, number> | undefined {
  const byMode = (f: (m: MemoryMode) => number): Record<string, number> => ({
    ON_HEAP: f('ON_HEAP'),
    OFF_HEAP: f('OFF_HEAP'),
  });
  switch (key) {
    case 'criticalUp':
      return mm.isCriticalUp;
    case 'memoryState':
      return mm.heapMonitor.currentState;
    case 'heapUsed':
      return mm.heapUsed;
    case 'reservedMemory':
      return mm.sizes.reservedMemory;
    case 'maxStorageSize':
      return byMode((m) =>
        m === 'ON_HEAP' ? mm.sizes.pools.maxHeapStorageSize : mm.sizes.pools.maxOffHeapStorageSize,
      );
    case 'criticalThresholdBytes':
      return mm.heapMonitor.thresholds.criticalThresholdBytes;
    case 'tableInMemory': {
      const o: Record<string, number> = {};
      for (const t of mm.allTables) o[t.name] = t.bytesInMemory;
      return o;
    }
    case 'tableOnDisk': {
      const o: Record<string, number> = {};
      for (const t of mm.allTables) o[t.name] = t.bytesOnDisk;
      return o;
    }
    case 'memoryForObject': {
      const o: Record<string, number> = {};
      for (const [k, v] of mm.memoryForObject) o[k] = v;
      return o;
    }
    case 'failedStorageRequests':
      return byMode((m) => mm.stats[m].numFailedStorageRequest);
    case 'failedEvictionRequests':
      return byMode((m) => mm.stats[m].numFailedEvictionRequest);
    case 'evictedByStorageRequests':
      return mm.evictedByStorageRequests;
    case 'memoryIncreaseDueToEviction':
      return mm.memoryIncreaseDueToEviction;
    case 'events':
      return mm.snappyEvents.slice(eventsBefore).map((e) => `${e.kind}: ${e.message}`);
    default:
      return undefined;
  }
}
