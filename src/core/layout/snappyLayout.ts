// The memory layout of a SnappyData member line (config-formats.md B.2-B.6), from the launcher's
// heap and threshold defaults (snappy-store LauncherBase.setDefaultVMArgs), GemFire's threshold
// checks (MemoryThresholds, HeapMemoryMonitor) and SnappyUnifiedMemoryManager (snappydata v1.3.1
// cluster/src/main/scala/org/apache/spark/memory/SnappyUnifiedMemoryManager.scala: getMaxMemory
// l.1036-1085, getStorageEvictionFraction l.1006-1030, constructor l.60-108). Where the docs give
// other numbers (B.7-B.8) the code wins.
import { derived, derivedKey } from '../document/derived';
import { SparkConfView } from '../config/confSource';
import { javaFormatFixed, javaParseFloat } from '../config/javaParse';
import type { MemberLine, MembersDocument } from '../parse/members';
import { parseJvmHeapSize, parseSnappyMemorySize } from '../size';
import type { Span } from '../text/lineIndex';
import type { StartupError } from './startupError';
import type { ConfValue } from '../parse/confValue';
import {
  CRITICAL_GTE_EVICTION,
  CRITICAL_PERCENTAGE_RANGE,
  EVICTION_PERCENTAGE_RANGE,
  SNAPPY_MIN_RESERVED_MEMORY,
  SnappyFractionRead,
  SnappyMemoryError,
  deriveSnappyMemory,
  snappyMinSystemMemory,
  snappyReservedMemory,
} from './snappyMemory';

const MB = 1024 * 1024;
const GB = 1024 * MB;

export interface SnappyHostFacts {
  /** Physical RAM of the member's host, when known (default heap and automatic off-heap depend on it). */
  readonly ramBytes?: number;
  /** Runtime.availableProcessors of the member's host. */
  readonly cores?: number;
}

export interface SnappyLayoutOptions {
  readonly host?: SnappyHostFacts;
  /** As for Spark: the share of -Xmx the JVM does not report as its max memory (0: nominal heap). */
  readonly jvmMaxMemoryShortfall?: number;
  /** The leads file beside a servers file: the lead's `-spark.*` values reach every server's executor. */
  readonly leads?: MembersDocument;
  /** The servers file, to count server lines per host (multi-server hosts get -memory-size=0). */
  readonly servers?: MembersDocument;
}

export type Origin = 'set' | 'lead' | 'default' | 'disabled' | 'forced';

export interface Valued<T> {
  readonly value: T;
  readonly origin: Origin;
  /** The argument it came from (in this file, or in the leads file when origin is 'lead'). */
  readonly span?: Span;
}

export interface SnappyMemberLayout {
  readonly flavour: 'snappydata';
  /** 1-based position of the member line in its file. */
  readonly member: number;
  readonly role: MemberLine['role'];
  readonly host: string;
  /** The -Xmx string the JVM gets and where it came from. */
  readonly maxHeapSize?: Valued<string>;
  readonly initialHeapSize?: string;
  /** Heap in bytes (the JVM's -Xmx). */
  readonly heapBytes?: number;
  readonly criticalHeapPercentage: Valued<number>;
  readonly evictionHeapPercentage: Valued<number>;
  readonly systemMemory?: number;
  readonly reservedMemory?: number;
  readonly usableMemory?: number;
  readonly memoryFraction?: Valued<number>;
  readonly storageFraction?: Valued<number>;
  /** The unified region of SnappyUnifiedMemoryManager. */
  readonly maxHeapMemory?: number;
  readonly userMemory?: number;
  readonly onHeapStorageRegionSize?: number;
  readonly onHeapExecutionPoolSize?: number;
  /** Storage may not grow past this on heap: maxHeapMemory × eviction fraction. */
  readonly maxHeapStorageSize?: number;
  readonly evictionFraction?: number;
  readonly criticalThresholdBytes?: number;
  readonly evictionThresholdBytes?: number;
  readonly memorySize: Valued<number>;
  readonly maxOffHeapMemory?: number;
  readonly offHeapStorageRegionSize?: number;
  readonly offHeapExecutionPoolSize?: number;
  readonly maxOffHeapStorageSize?: number;
  readonly storageMaxFraction?: Valued<number>;
  readonly executorCores?: Valued<number>;
  readonly assumptions: readonly string[];
  readonly startupErrors: readonly StartupError[];
}

/** LauncherBase.getDefaultHeapSizeMB (+ QuickLauncher's locator override): MB, or 0 for "no -Xmx". */
export function snappyDefaultHeapMB(role: MemberLine['role'], ramBytes: number, cores: number): number {
  const LARGE_RAM_LIMIT = 14 * GB;
  let mb: number;
  if (role === 'locator') mb = 1024;
  else if (role === 'server') {
    if (cores > 12 && ramBytes > LARGE_RAM_LIMIT + 2 * GB) mb = 8192;
    else if (cores > 8 && ramBytes > LARGE_RAM_LIMIT) mb = 6144;
    else mb = 4096;
  } else if (cores > 16 && ramBytes > LARGE_RAM_LIMIT + 4 * GB) mb = 8192;
  else if (cores > 12 && ramBytes > LARGE_RAM_LIMIT + 2 * GB) mb = 6144;
  else if (cores > 2) mb = 4096;
  else mb = 2048;
  // Only when RAM is at least 1.5x the default; else the small default (locator 512, lead 1024, server 2048).
  if (ramBytes * 2 < mb * MB * 3) {
    mb = role === 'locator' ? 512 : role === 'lead' ? 1024 : 2048;
    if (ramBytes * 2 < mb * MB * 3) mb = 0;
  }
  return mb;
}

/** LauncherBase.setDefaultVMArgs: the critical percentage it puts on the command line when -Xmx equals -Xms. */
export function snappyDefaultCriticalPercent(heapBytes: number): number {
  const oneGB = GB;
  let c: number;
  if (heapBytes > 40 * oneGB) c = Math.fround(100.0 * (1.0 - oneGB / heapBytes));
  else if (heapBytes >= 2 * oneGB) c = Math.fround(100.0 * (1.0 - (200.0 * MB) / heapBytes));
  else c = 90;
  if (c > 99) c = 99;
  return c;
}

/**
 * The largest critical-heap-percentage (two decimals, as the member parses it with
 * Float.parseFloat) that leaves at least SNAPPY_MIN_RESERVED_MEMORY reserved and still passes the
 * 1.5 × reserved check; undefined when no percentage does (the heap itself is too small).
 */
export function snappyCriticalPercentForMinReserved(systemMemory: number): string | undefined {
  if (!(systemMemory > 0)) return undefined;
  let hundredths = Math.floor((1 - SNAPPY_MIN_RESERVED_MEMORY / systemMemory) * 10000);
  for (; hundredths > 0; hundredths--) {
    const text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
    const reserved = snappyReservedMemory(systemMemory, Math.fround(Number(text)));
    if (reserved < SNAPPY_MIN_RESERVED_MEMORY) continue;
    return systemMemory >= snappyMinSystemMemory(reserved) ? text : undefined;
  }
  return undefined;
}

const HOST_COUNTS = derivedKey<ReadonlyMap<string, number>>('hostCounts');

/** Member lines per host (snappy-nodes.sh's `counts`), computed once per document. */
function hostCounts(doc: MembersDocument): ReadonlyMap<string, number> {
  return derived(doc, HOST_COUNTS, () => {
    const c = new Map<string, number>();
    for (const x of doc.members) c.set(x.host, (c.get(x.host) ?? 0) + 1);
    return c;
  });
}

function optionValue(m: MemberLine | undefined, key: string): { value: string; span?: Span } | undefined {
  const a = m?.options.get(key);
  if (a === undefined) return undefined;
  return { value: a.value ?? '', ...(a.valueSpan !== undefined ? { span: a.valueSpan } : {}) };
}

/**
 * The heap monitor's max (tenured + eden + survivor, HeapMemoryMonitor l.197-226): the -Xmx heap, less
 * the share the JVM does not report (0 unless set). SnappyUnifiedMemoryManager starts from it.
 */
export function heapMonitorMaxMemory(heapBytes: number, opts: SnappyLayoutOptions): number {
  return Math.trunc(heapBytes * (1 - (opts.jvmMaxMemoryShortfall ?? 0)));
}

/**
 * The Spark conf of the member's executor, as the manager reads it: the member's own `-spark.*`
 * values, and on a server the lead's on top (ExecutorInitiator sets the driver's properties on every
 * server's executor). The lead's manager puts storageFraction into its conf when missing
 * (setMemorySize l.997-999), so a server's own storageFraction never survives. The off-heap keys
 * come from memory-size alone (setMemorySize), as the simulator's executor takes them.
 */
function executorConf(
  m: MemberLine | undefined,
  role: MemberLine['role'],
  lead: MemberLine | undefined,
): SparkConfView {
  const values: ConfValue[] = [];
  const add = (line: MemberLine | undefined, origin: 'member' | 'lead'): void => {
    for (const [key, a] of line?.options ?? []) {
      if (!key.startsWith('spark.') || key.startsWith('spark.memory.offHeap.')) continue;
      if (origin === 'member' && role === 'server' && key === 'spark.memory.storageFraction') continue;
      values.push({ key, value: a.value ?? '', origin, ...(a.valueSpan !== undefined ? { span: a.valueSpan } : {}) });
    }
  };
  add(m, 'member');
  if (role === 'server') add(lead, 'lead');
  return new SparkConfView(values);
}

/** A conf value as the layout shows where it came from. */
function valuedString(v: ConfValue): Valued<string> {
  return {
    value: v.value,
    origin: v.origin === 'lead' ? 'lead' : 'set',
    ...(v.span !== undefined ? { span: v.span } : {}),
  };
}

function valued(r: SnappyFractionRead): Valued<number> {
  if (r.from === undefined) return { value: r.value, origin: 'default' };
  return {
    value: r.value,
    origin: r.from.origin === 'lead' ? 'lead' : 'set',
    ...(r.from.span !== undefined ? { span: r.from.span } : {}),
  };
}

/** The derivation's error, pointed at the argument behind it (in the leads file for a lead's value). */
function memberError(e: SnappyMemoryError, critical: Valued<number>, eviction: Valued<number>): StartupError {
  const { phase, exceptionClass, message } = e.error;
  if (e.blame === 'critical-heap-percentage' || e.blame === 'eviction-heap-percentage') {
    const span = e.blame === 'critical-heap-percentage' ? critical.span : eviction.span;
    return { phase, exceptionClass, message, ...(span !== undefined ? { span } : {}) };
  }
  const from = e.blame.from;
  return {
    phase,
    exceptionClass,
    message,
    ...(from?.span !== undefined ? { span: from.span } : {}),
    ...(from?.origin === 'lead' ? { spanIn: 'leads' as const } : {}),
  };
}

/** What the stages report as they go: start-up errors and assumptions, each in the order met. */
interface Notes {
  readonly errors: StartupError[];
  readonly assumptions: string[];
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };
type LaunchError = NonNullable<MemberLine['launchError']>;

/** QuickLauncher throws before it builds the JVM command line: this member never starts. */
function launcherFailed(
  m: MemberLine,
  index: number,
  role: MemberLine['role'],
  error: LaunchError,
): SnappyMemberLayout {
  return {
    flavour: 'snappydata',
    member: index + 1,
    role,
    host: m.host,
    criticalHeapPercentage: { value: 0, origin: 'disabled' },
    evictionHeapPercentage: { value: 0, origin: 'disabled' },
    memorySize: { value: 0, origin: 'default' },
    assumptions: [
      'The launcher stops at this line before the member JVM starts; fix the line to see its memory layout.',
    ],
    startupErrors: [
      {
        phase: 'snappy-launcher',
        exceptionClass: 'IllegalArgumentException',
        message: error.message,
        span: error.span,
      },
    ],
  };
}

interface Heap {
  readonly maxHeap?: Valued<string>;
  readonly initialHeap?: string;
}

/**
 * QuickLauncher.processHeapSize / processVMArg in argument order (the last -Xmx is what the JVM uses),
 * then LauncherBase.getDefaultHeapSizeMB when the line sets no heap.
 */
function processHeapSize(
  m: MemberLine | undefined,
  role: MemberLine['role'],
  host: SnappyHostFacts | undefined,
  n: Notes,
): Heap {
  let maxHeap: Valued<string> | undefined;
  let initialHeap: string | undefined;
  for (const a of m?.args ?? []) {
    if (a.kind === 'heap-size') {
      if (maxHeap === undefined)
        maxHeap = { value: a.value ?? '', origin: 'set', ...(a.valueSpan !== undefined ? { span: a.valueSpan } : {}) };
      if (initialHeap === undefined) initialHeap = a.value ?? '';
    } else if (a.kind === 'jvm' && a.key !== undefined) {
      if (a.key.startsWith('-Xmx'))
        maxHeap = { value: a.key.slice(4), origin: 'set', ...(a.keySpan !== undefined ? { span: a.keySpan } : {}) };
      else if (a.key.startsWith('-Xms')) initialHeap = a.key.slice(4);
    }
  }
  if (maxHeap === undefined && initialHeap !== undefined) maxHeap = { value: initialHeap, origin: 'set' };
  if (maxHeap !== undefined && initialHeap === undefined) initialHeap = maxHeap.value;
  if (maxHeap !== undefined) return { maxHeap, ...(initialHeap !== undefined ? { initialHeap } : {}) };
  const ram = host?.ramBytes;
  const hostCores = host?.cores ?? 4;
  if (ram === undefined || host?.cores === undefined) {
    n.assumptions.push(
      `Default heap for a host with ${ram === undefined ? 'less than 16 GB of RAM' : `${ram} bytes of RAM`} and ${hostCores} cores (set the host facts for the launcher's exact choice).`,
    );
  }
  const mb = snappyDefaultHeapMB(role, ram ?? 16 * GB - 1, hostCores);
  return mb > 0 ? { maxHeap: { value: `${mb}m`, origin: 'default' }, initialHeap: `${mb}m` } : {};
}

/** The JVM's own reading of -Xmx: a heap it cannot parse stops it before the member runs. */
function jvmHeapBytes(maxHeap: Valued<string> | undefined, n: Notes): number | undefined {
  if (maxHeap === undefined) return undefined;
  const j = parseJvmHeapSize(maxHeap.value);
  if (j.ok) return j.bytes;
  n.errors.push({
    phase: 'snappy-launcher',
    exceptionClass: 'JVM',
    message: `${j.error}\nError: Could not create the Java Virtual Machine.`,
    ...(maxHeap.span !== undefined ? { span: maxHeap.span } : {}),
  });
  return undefined;
}

interface Thresholds {
  readonly critical: Valued<number>;
  readonly eviction: Valued<number>;
}

/**
 * LauncherBase.setDefaultVMArgs: critical and eviction percentages as given, or the launcher's
 * defaults when -Xmx equals -Xms (printed with "%.2f" and parsed back by the member as floats).
 */
function setDefaultVMArgs(m: MemberLine | undefined, heap: Heap, n: Notes): Thresholds {
  const { maxHeap, initialHeap } = heap;
  const critArg = optionValue(m, 'critical-heap-percentage');
  const evictArg = optionValue(m, 'eviction-heap-percentage');
  let critical: Valued<number> = { value: 0, origin: 'disabled' };
  let eviction: Valued<number> = { value: 0, origin: 'disabled' };
  const sameHeap = maxHeap !== undefined && maxHeap.value === initialHeap;
  const parsePercent = (arg: { value: string; span?: Span }): Valued<number> | undefined => {
    const r = javaParseFloat(arg.value.trim());
    if (r.ok) return { value: r.value, origin: 'set', ...(arg.span !== undefined ? { span: arg.span } : {}) };
    n.errors.push({
      phase: sameHeap ? 'snappy-launcher' : 'snappy-member',
      exceptionClass: 'NumberFormatException',
      message: `For input string: "${arg.value.trim()}"`,
      ...(arg.span !== undefined ? { span: arg.span } : {}),
    });
    return undefined;
  };
  if (critArg !== undefined) critical = parsePercent(critArg) ?? critical;
  else if (sameHeap) {
    const h = parseSnappyMemorySize(maxHeap.value);
    if (!h.ok) {
      n.errors.push({
        phase: 'snappy-launcher',
        exceptionClass: 'IllegalArgumentException',
        message: h.error,
        ...(maxHeap.span !== undefined ? { span: maxHeap.span } : {}),
      });
    } else {
      // The launcher passes "%.2f" of the float; the member parses that string back.
      const c = Number(javaFormatFixed(snappyDefaultCriticalPercent(h.bytes), 2));
      critical = { value: Math.fround(c), origin: 'default' };
    }
  }
  if (evictArg !== undefined) eviction = parsePercent(evictArg) ?? eviction;
  else if (sameHeap && critical.origin !== 'disabled' && critArg !== undefined) {
    // criticalPercent (the parsed float) × 0.9f, printed with %.2f.
    eviction = { value: ninetyPercent(critical.value), origin: 'default' };
  } else if (sameHeap && critical.origin === 'default') {
    const h = parseSnappyMemorySize(maxHeap.value);
    if (h.ok) eviction = { value: ninetyPercent(snappyDefaultCriticalPercent(h.bytes)), origin: 'default' };
  }
  if (!sameHeap && critArg === undefined && maxHeap !== undefined) {
    n.assumptions.push(
      '-Xmx differs from -Xms, so the launcher sets no default critical or eviction percentage: the LowMemoryException safety net is off.',
    );
  }
  return { critical, eviction };
}

/** The launcher's default eviction percentage: the critical float × 0.9f, printed with "%.2f", parsed back. */
function ninetyPercent(criticalPercent: number): number {
  return Math.fround(Number(javaFormatFixed(Math.fround(criticalPercent * Math.fround(0.9)), 2)));
}

/** GemFire's threshold checks (MemoryThresholds / HeapMemoryMonitor setters) while the cache boots. */
function memoryThresholdsChecks({ critical, eviction }: Thresholds, n: Notes): void {
  const error = (message: string, span: Span | undefined): void => {
    n.errors.push({
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message,
      ...(span !== undefined ? { span } : {}),
    });
  };
  if (critical.value > 100 || critical.value < 0) error(CRITICAL_PERCENTAGE_RANGE, critical.span);
  if (eviction.value > 100 || eviction.value < 0) error(EVICTION_PERCENTAGE_RANGE, eviction.span);
  if (eviction.value !== 0 && critical.value !== 0 && eviction.value >= critical.value)
    error(CRITICAL_GTE_EVICTION, eviction.span ?? critical.span);
}

/**
 * memory-size of a server: ClientSharedUtils.parseMemorySize of the option, or 0 forced by
 * snappy-nodes.sh on hosts with several server lines, or 0 / GemFireCacheImpl's automatic size.
 */
function memorySizeOption(
  doc: MembersDocument,
  m: MemberLine | undefined,
  opts: SnappyLayoutOptions,
  n: Notes,
): Valued<number> {
  const fallback: Valued<number> = { value: 0, origin: 'default' };
  if (doc.role !== 'server' || m === undefined) return fallback;
  const msArg = optionValue(m, 'memory-size');
  const span = msArg?.span !== undefined ? { span: msArg.span } : {};
  if (msArg !== undefined) {
    const r = parseSnappyMemorySize(msArg.value);
    if (r.ok && r.bytes >= 0) return { value: r.bytes, origin: 'set', ...span };
    n.errors.push({
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message: r.ok ? `Invalid memory-size: ${msArg.value}` : r.error,
      ...span,
    });
    return fallback;
  }
  const sameHost = hostCounts(opts.servers ?? doc).get(m.host) ?? 0;
  const argsText = m.args.map((a) => a.text).join(' ');
  if (sameHost > 1 && !argsText.includes('memory-size=')) {
    n.assumptions.push(
      `${sameHost} server lines on host ${m.host}: snappy-nodes.sh adds -memory-size=0, so this server gets no off-heap memory.`,
    );
    return { value: 0, origin: 'forced' };
  }
  if (opts.host?.ramBytes === undefined) {
    n.assumptions.push(
      'No automatic off-heap size: the host RAM is not known (SnappyData sizes memory-size itself only on hosts with more than 14 GB).',
    );
  }
  return fallback;
}

/** SnappyUnifiedMemoryManager's sizes (snappyMemory.ts deriveSnappyMemory) into the layout. */
function snappyUnifiedMemoryManager(
  layout: Mutable<SnappyMemberLayout>,
  heapBytes: number,
  t: Thresholds,
  memorySize: number,
  conf: SparkConfView,
  opts: SnappyLayoutOptions,
  n: Notes,
): void {
  if ((opts.jvmMaxMemoryShortfall ?? 0) === 0)
    n.assumptions.push(
      "System memory = the -Xmx heap (the heap monitor's maximum; the JVM reports a little less under CMS).",
    );
  const d = deriveSnappyMemory({
    systemMemory: heapMonitorMaxMemory(heapBytes, opts),
    criticalHeapPercentage: t.critical.value,
    evictionHeapPercentage: t.eviction.value,
    memorySize,
    conf,
  });
  for (const e of d.errors) n.errors.push(memberError(e, t.critical, t.eviction));
  Object.assign(layout, {
    systemMemory: d.systemMemory,
    reservedMemory: d.reservedMemory,
    usableMemory: d.usableMemory,
    evictionFraction: d.evictionFraction,
    ...(d.criticalThresholdBytes !== undefined ? { criticalThresholdBytes: d.criticalThresholdBytes } : {}),
    ...(d.evictionThresholdBytes !== undefined ? { evictionThresholdBytes: d.evictionThresholdBytes } : {}),
  });
  const p = d.pools;
  if (p === undefined) return;
  Object.assign(layout, {
    memoryFraction: valued(p.memoryFraction),
    storageFraction: valued(p.storageFraction),
    maxHeapMemory: p.maxHeapMemory,
    userMemory: p.userMemory,
    onHeapStorageRegionSize: p.onHeapStorageRegionSize,
    onHeapExecutionPoolSize: p.onHeapExecutionPoolSize,
    maxHeapStorageSize: p.maxHeapStorageSize,
    maxOffHeapMemory: p.offHeap.maxOffHeapMemory,
    offHeapStorageRegionSize: p.offHeap.offHeapStorageRegionSize,
    offHeapExecutionPoolSize: p.offHeap.offHeapExecutionPoolSize,
    storageMaxFraction: valued(p.storageMaxFraction),
    maxOffHeapStorageSize: p.maxOffHeapStorageSize,
  });
}

/** ExecutorInitiator l.182-183: a server's executor cores are spark.executor.cores, else 2 × availableProcessors. */
function executorInitiatorCores(conf: SparkConfView, host: SnappyHostFacts | undefined, n: Notes): Valued<number> {
  const set = conf.get('spark.executor.cores');
  const coresProp = set === undefined ? undefined : valuedString(set);
  if (coresProp !== undefined && /^\d+$/.test(coresProp.value.trim())) {
    return {
      value: Number(coresProp.value.trim()),
      origin: coresProp.origin,
      ...(coresProp.span !== undefined ? { span: coresProp.span } : {}),
    };
  }
  if (host?.cores === undefined)
    n.assumptions.push(
      'Executor cores = 2 × 4 available processors (ExecutorInitiator default; set the host cores for the exact value).',
    );
  return { value: 2 * (host?.cores ?? 4), origin: 'default' };
}

/**
 * The memory layout of one member line, stage by stage as SnappyData starts it: the launcher's heap
 * and thresholds, GemFire's threshold checks, memory-size, then the executor's
 * SnappyUnifiedMemoryManager and (servers) its cores.
 */
export function snappyMemberLayout(
  doc: MembersDocument,
  index: number,
  opts: SnappyLayoutOptions = {},
): SnappyMemberLayout {
  const m = doc.members[index];
  const role = doc.role;
  if (m?.launchError !== undefined) return launcherFailed(m, index, role, m.launchError);
  const n: Notes = { errors: [], assumptions: [] };
  const heap = processHeapSize(m, role, opts.host, n);
  const heapBytes = jvmHeapBytes(heap.maxHeap, n);
  const thresholds = setDefaultVMArgs(m, heap, n);
  memoryThresholdsChecks(thresholds, n);
  const conf = executorConf(m, role, opts.leads?.members[0]);
  const memorySize = memorySizeOption(doc, m, opts, n);
  const layout: Mutable<SnappyMemberLayout> = {
    flavour: 'snappydata',
    member: index + 1,
    role,
    host: m?.host ?? 'localhost',
    ...(heap.maxHeap !== undefined ? { maxHeapSize: heap.maxHeap } : {}),
    ...(heap.initialHeap !== undefined ? { initialHeapSize: heap.initialHeap } : {}),
    ...(heapBytes !== undefined ? { heapBytes } : {}),
    criticalHeapPercentage: thresholds.critical,
    evictionHeapPercentage: thresholds.eviction,
    memorySize,
  };
  if (role !== 'locator' && heapBytes !== undefined) {
    snappyUnifiedMemoryManager(layout, heapBytes, thresholds, memorySize.value, conf, opts, n);
    if (role === 'server') layout.executorCores = executorInitiatorCores(conf, opts.host, n);
  }
  layout.assumptions = n.assumptions;
  layout.startupErrors = n.errors;
  return layout as SnappyMemberLayout;
}

/** The layouts of every member line (one `localhost` member for an empty file). */
export function snappyLayouts(doc: MembersDocument, opts: SnappyLayoutOptions = {}): SnappyMemberLayout[] {
  if (doc.members.length === 0) return [snappyMemberLayout(doc, 0, opts)];
  return doc.members.map((_m, i) => snappyMemberLayout(doc, i, opts));
}
