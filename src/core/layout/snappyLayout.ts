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

export function snappyMemberLayout(
  doc: MembersDocument,
  index: number,
  opts: SnappyLayoutOptions = {},
): SnappyMemberLayout {
  const m = doc.members[index];
  const role = doc.role;
  const errors: StartupError[] = [];
  const assumptions: string[] = [];
  const ram = opts.host?.ramBytes;
  const cores = opts.host?.cores;
  if (m?.launchError !== undefined) {
    // QuickLauncher throws before it builds the JVM command line: this member never starts.
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
          message: m.launchError.message,
          span: m.launchError.span,
        },
      ],
    };
  }

  // Heap: processHeapSize / processVMArg in argument order; the last -Xmx is what the JVM uses.
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
  if (maxHeap === undefined) {
    const hostRam = ram ?? 16 * GB - 1;
    const hostCores = cores ?? 4;
    if (ram === undefined || cores === undefined) {
      assumptions.push(
        `Default heap for a host with ${ram === undefined ? 'less than 16 GB of RAM' : `${ram} bytes of RAM`} and ${hostCores} cores (set the host facts for the launcher's exact choice).`,
      );
    }
    const mb = snappyDefaultHeapMB(role, hostRam, hostCores);
    if (mb > 0) {
      maxHeap = { value: `${mb}m`, origin: 'default' };
      initialHeap = maxHeap.value;
    }
  }
  let heapBytes: number | undefined;
  if (maxHeap !== undefined) {
    const j = parseJvmHeapSize(maxHeap.value);
    if (j.ok) heapBytes = j.bytes;
    else
      errors.push({
        phase: 'snappy-launcher',
        exceptionClass: 'JVM',
        message: `${j.error}\nError: Could not create the Java Virtual Machine.`,
        ...(maxHeap.span !== undefined ? { span: maxHeap.span } : {}),
      });
  }

  // Critical and eviction percentages: explicit, or the launcher's defaults when -Xmx == -Xms.
  const critArg = optionValue(m, 'critical-heap-percentage');
  const evictArg = optionValue(m, 'eviction-heap-percentage');
  let critical: Valued<number> = { value: 0, origin: 'disabled' };
  let eviction: Valued<number> = { value: 0, origin: 'disabled' };
  const sameHeap = maxHeap !== undefined && maxHeap.value === initialHeap;
  const parsePercent = (arg: { value: string; span?: Span }): number | undefined => {
    const r = javaParseFloat(arg.value.trim());
    if (r.ok) return r.value;
    errors.push({
      phase: sameHeap ? 'snappy-launcher' : 'snappy-member',
      exceptionClass: 'NumberFormatException',
      message: `For input string: "${arg.value.trim()}"`,
      ...(arg.span !== undefined ? { span: arg.span } : {}),
    });
    return undefined;
  };
  if (critArg !== undefined) {
    const c = parsePercent(critArg);
    if (c !== undefined)
      critical = { value: c, origin: 'set', ...(critArg.span !== undefined ? { span: critArg.span } : {}) };
  } else if (sameHeap && maxHeap !== undefined) {
    const h = parseSnappyMemorySize(maxHeap.value);
    if (!h.ok) {
      errors.push({
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
  if (evictArg !== undefined) {
    const e = parsePercent(evictArg);
    if (e !== undefined)
      eviction = { value: e, origin: 'set', ...(evictArg.span !== undefined ? { span: evictArg.span } : {}) };
  } else if (sameHeap && critical.origin !== 'disabled' && critArg !== undefined) {
    // criticalPercent (the parsed float) × 0.9f, printed with %.2f.
    eviction = {
      value: Math.fround(Number(javaFormatFixed(Math.fround(critical.value * Math.fround(0.9)), 2))),
      origin: 'default',
    };
  } else if (sameHeap && critical.origin === 'default' && maxHeap !== undefined) {
    const h = parseSnappyMemorySize(maxHeap.value);
    if (h.ok) {
      const raw = snappyDefaultCriticalPercent(h.bytes);
      eviction = {
        value: Math.fround(Number(javaFormatFixed(Math.fround(raw * Math.fround(0.9)), 2))),
        origin: 'default',
      };
    }
  }
  if (!sameHeap && critArg === undefined && maxHeap !== undefined) {
    assumptions.push(
      '-Xmx differs from -Xms, so the launcher sets no default critical or eviction percentage: the LowMemoryException safety net is off.',
    );
  }

  // GemFire's threshold checks (MemoryThresholds / HeapMemoryMonitor setters).
  if (critical.value > 100 || critical.value < 0) {
    errors.push({
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message: 'Critical percentage must be greater than 0.0 and less than or equal to 100.0.',
      ...(critical.span !== undefined ? { span: critical.span } : {}),
    });
  }
  if (eviction.value > 100 || eviction.value < 0) {
    errors.push({
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message: 'Eviction percentage must be greater than 0.0 and less than or equal to 100.0.',
      ...(eviction.span !== undefined ? { span: eviction.span } : {}),
    });
  }
  if (eviction.value !== 0 && critical.value !== 0 && eviction.value >= critical.value) {
    errors.push({
      phase: 'snappy-member',
      exceptionClass: 'IllegalArgumentException',
      message: 'Eviction percentage must be less than the critical percentage.',
      ...(eviction.span !== undefined
        ? { span: eviction.span }
        : critical.span !== undefined
          ? { span: critical.span }
          : {}),
    });
  }

  const conf = executorConf(m, role, opts.leads?.members[0]);

  // memory-size: explicit, forced to 0 on multi-server hosts by snappy-nodes.sh, or 0 / automatic.
  let memorySize: Valued<number> = { value: 0, origin: 'default' };
  const msArg = optionValue(m, 'memory-size');
  if (role === 'server' && msArg !== undefined) {
    const r = parseSnappyMemorySize(msArg.value);
    if (!r.ok)
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: r.error,
        ...(msArg.span !== undefined ? { span: msArg.span } : {}),
      });
    else if (r.bytes < 0)
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `Invalid memory-size: ${msArg.value}`,
        ...(msArg.span !== undefined ? { span: msArg.span } : {}),
      });
    else memorySize = { value: r.bytes, origin: 'set', ...(msArg.span !== undefined ? { span: msArg.span } : {}) };
  } else if (role === 'server' && m !== undefined) {
    const serverDoc = opts.servers ?? doc;
    const sameHost = hostCounts(serverDoc).get(m.host) ?? 0;
    const argsText = m.args.map((a) => a.text).join(' ');
    if (sameHost > 1 && !argsText.includes('memory-size=')) {
      memorySize = { value: 0, origin: 'forced' };
      assumptions.push(
        `${sameHost} server lines on host ${m.host}: snappy-nodes.sh adds -memory-size=0, so this server gets no off-heap memory.`,
      );
    } else if (ram === undefined) {
      assumptions.push(
        'No automatic off-heap size: the host RAM is not known (SnappyData sizes memory-size itself only on hosts with more than 14 GB).',
      );
    }
  }

  const layout: { -readonly [K in keyof SnappyMemberLayout]?: SnappyMemberLayout[K] } = {
    flavour: 'snappydata',
    member: index + 1,
    role,
    host: m?.host ?? 'localhost',
    ...(maxHeap !== undefined ? { maxHeapSize: maxHeap } : {}),
    ...(initialHeap !== undefined ? { initialHeapSize: initialHeap } : {}),
    ...(heapBytes !== undefined ? { heapBytes } : {}),
    criticalHeapPercentage: critical,
    evictionHeapPercentage: eviction,
    memorySize,
  };

  if (role !== 'locator' && heapBytes !== undefined) {
    const shortfall = opts.jvmMaxMemoryShortfall ?? 0;
    const systemMemory = heapMonitorMaxMemory(heapBytes, opts);
    if (shortfall === 0)
      assumptions.push(
        "System memory = the -Xmx heap (the heap monitor's maximum; the JVM reports a little less under CMS).",
      );
    const d = deriveSnappyMemory({
      systemMemory,
      criticalHeapPercentage: critical.value,
      evictionHeapPercentage: eviction.value,
      memorySize: memorySize.value,
      conf,
    });
    for (const e of d.errors) errors.push(memberError(e, critical, eviction));
    Object.assign(layout, {
      systemMemory: d.systemMemory,
      reservedMemory: d.reservedMemory,
      usableMemory: d.usableMemory,
      evictionFraction: d.evictionFraction,
      ...(d.criticalThresholdBytes !== undefined ? { criticalThresholdBytes: d.criticalThresholdBytes } : {}),
      ...(d.evictionThresholdBytes !== undefined ? { evictionThresholdBytes: d.evictionThresholdBytes } : {}),
    });
    const p = d.pools;
    if (p !== undefined) {
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
    const coresValue = conf.get('spark.executor.cores');
    const coresProp = coresValue === undefined ? undefined : valuedString(coresValue);
    if (role === 'server') {
      if (coresProp !== undefined && /^\d+$/.test(coresProp.value.trim())) {
        layout.executorCores = {
          value: Number(coresProp.value.trim()),
          origin: coresProp.origin,
          ...(coresProp.span !== undefined ? { span: coresProp.span } : {}),
        };
      } else {
        const procs = cores ?? 4;
        if (cores === undefined)
          assumptions.push(
            'Executor cores = 2 × 4 available processors (ExecutorInitiator default; set the host cores for the exact value).',
          );
        layout.executorCores = { value: 2 * procs, origin: 'default' };
      }
    }
  }
  layout.assumptions = assumptions;
  layout.startupErrors = errors;
  return layout as SnappyMemberLayout;
}

/** The layouts of every member line (one `localhost` member for an empty file). */
export function snappyLayouts(doc: MembersDocument, opts: SnappyLayoutOptions = {}): SnappyMemberLayout[] {
  if (doc.members.length === 0) return [snappyMemberLayout(doc, 0, opts)];
  return doc.members.map((_m, i) => snappyMemberLayout(doc, i, opts));
}
