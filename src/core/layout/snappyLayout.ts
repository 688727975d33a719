// The memory layout of a SnappyData member line (config-formats.md B.2-B.6), from the launcher's
// heap and threshold defaults (snappy-store LauncherBase.setDefaultVMArgs), GemFire's threshold
// checks (MemoryThresholds, HeapMemoryMonitor) and SnappyUnifiedMemoryManager (snappydata v1.3.1
// cluster/src/main/scala/org/apache/spark/memory/SnappyUnifiedMemoryManager.scala: getMaxMemory
// l.1036-1085, getStorageEvictionFraction l.1006-1030, constructor l.60-108). Where the docs give
// other numbers (B.7-B.8) the code wins.
import { defaultValue, lookupKey } from '../catalog';
import { derived, derivedKey } from '../document/derived';
import { javaFormatFixed, javaParseDouble, javaParseFloat } from '../config/javaParse';
import type { MemberLine, MembersDocument } from '../parse/members';
import { parseJvmHeapSize, parseSnappyMemorySize, sparkConfGetSizeAs } from '../size';
import type { Span } from '../text/lineIndex';
import { SPARK_2_4 } from '../version';
import type { StartupError } from './startupError';
import { javaDoubleToString } from '../config/javaParse';

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

/** SnappyUnifiedMemoryManager.getMaxMemory l.1059-1063: reserved memory below this stops the member. */
export const SNAPPY_MIN_RESERVED_MEMORY = 25 * MB;

/**
 * Reserved memory with an enabled critical threshold: systemMemory − criticalThresholdBytes, where
 * MemoryThresholds computes criticalThresholdBytes = (long)(critical × 0.01 × maxMemoryBytes).
 */
export function snappyReservedMemory(systemMemory: number, criticalPercent: number): number {
  return systemMemory - Math.trunc(criticalPercent * 0.01 * systemMemory);
}

/** getMaxMemory's second check: system memory must be at least ceil(1.5 × reserved). */
export function snappyMinSystemMemory(reservedMemory: number): number {
  return Math.ceil(reservedMemory * 1.5);
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

  // Spark properties of the member's executor: the lead's values are `set` on servers' executors.
  const lead = opts.leads?.members[0];
  const sparkProp = (key: string): Valued<string> | undefined => {
    if (role === 'server') {
      const l = optionValue(lead, key);
      if (l !== undefined) return { value: l.value, origin: 'lead', ...(l.span !== undefined ? { span: l.span } : {}) };
      // The lead's manager puts storageFraction into its conf when missing (setMemorySize l.997-999),
      // and ExecutorInitiator sets the lead's properties on every server's executor: a server's own
      // value never survives.
      if (key === 'spark.memory.storageFraction') return undefined;
    }
    const own = optionValue(m, key);
    if (own !== undefined)
      return { value: own.value, origin: 'set', ...(own.span !== undefined ? { span: own.span } : {}) };
    return undefined;
  };
  const doubleProp = (key: string): Valued<number> | undefined => {
    const p = sparkProp(key);
    const entry = lookupKey(key, 'snappydata');
    const def = entry === undefined ? null : defaultValue(entry, SPARK_2_4);
    if (p === undefined) return def === null ? undefined : { value: Number(def), origin: 'default' };
    const r = javaParseDouble(p.value);
    if (!r.ok) {
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'NumberFormatException',
        message: `Illegal value for config key ${key}: ${r.error}`,
        ...(p.span !== undefined ? { span: p.span } : {}),
        ...(p.origin === 'lead' ? { spanIn: 'leads' as const } : {}),
      });
      return def === null ? undefined : { value: Number(def), origin: 'default' };
    }
    return { value: r.value, origin: p.origin, ...(p.span !== undefined ? { span: p.span } : {}) };
  };

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
    const systemMemory = Math.trunc(heapBytes * (1 - shortfall));
    if (shortfall === 0)
      assumptions.push(
        "System memory = the -Xmx heap (the heap monitor's maximum; the JVM reports a little less under CMS).",
      );
    // MemoryThresholds: criticalThresholdBytes = (long)(critical * 0.01 * maxMemoryBytes).
    const criticalThresholdBytes = critical.value > 0 ? Math.trunc(critical.value * 0.01 * systemMemory) : undefined;
    const evictionThresholdBytes = eviction.value > 0 ? Math.trunc(eviction.value * 0.01 * systemMemory) : undefined;
    const reservedMemory =
      criticalThresholdBytes !== undefined
        ? snappyReservedMemory(systemMemory, critical.value)
        : Math.min(5 * GB, Math.max(Math.trunc(systemMemory / 20), 100 * MB));
    let ok = true;
    if (reservedMemory < SNAPPY_MIN_RESERVED_MEMORY) {
      ok = false;
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `Reserved memory ${reservedMemory} must be at least 25MB. Please increase critical-heap-percentage and/or heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
        ...(critical.span !== undefined ? { span: critical.span } : {}),
      });
    }
    const minSystemMemory = snappyMinSystemMemory(reservedMemory);
    if (ok && systemMemory < minSystemMemory) {
      ok = false;
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `System memory ${systemMemory} must be at least ${minSystemMemory}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`,
        ...(critical.span !== undefined ? { span: critical.span } : {}),
      });
    }
    const execMem = sparkProp('spark.executor.memory');
    if (ok && execMem !== undefined) {
      const r = sparkConfGetSizeAs('spark.executor.memory', execMem.value, 'BYTE');
      if (!r.ok)
        errors.push({
          phase: 'snappy-member',
          exceptionClass: 'NumberFormatException',
          message: r.error,
          ...(execMem.span !== undefined ? { span: execMem.span } : {}),
          ...(execMem.origin === 'lead' ? { spanIn: 'leads' as const } : {}),
        });
      else if (r.value < minSystemMemory) {
        ok = false;
        errors.push({
          phase: 'snappy-member',
          exceptionClass: 'IllegalArgumentException',
          message: `Executor memory ${r.value} must be at least ${minSystemMemory}. Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.`,
          ...(execMem.span !== undefined ? { span: execMem.span } : {}),
          ...(execMem.origin === 'lead' ? { spanIn: 'leads' as const } : {}),
        });
      }
    }
    const memoryFraction = doubleProp('spark.memory.fraction');
    const storageFraction = doubleProp('spark.memory.storageFraction');
    const storageMaxFraction = doubleProp('spark.memory.storageMaxFraction');
    // getStorageEvictionFraction: eviction %, else 0.9 × critical %, else 0.8; must be in [0.1, 0.98].
    const evictionFraction =
      eviction.value > 0 ? eviction.value * 0.01 : critical.value > 0 ? critical.value * 0.9 * 0.01 : 0.8;
    if (evictionFraction < 0.1 || evictionFraction > 0.98) {
      ok = false;
      errors.push({
        phase: 'snappy-member',
        exceptionClass: 'IllegalArgumentException',
        message: `Eviction fraction ${javaDoubleToString(evictionFraction)} must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.`,
        ...(eviction.span !== undefined ? { span: eviction.span } : {}),
      });
    }
    Object.assign(layout, {
      systemMemory,
      reservedMemory,
      usableMemory: systemMemory - reservedMemory,
      evictionFraction,
      ...(criticalThresholdBytes !== undefined ? { criticalThresholdBytes } : {}),
      ...(evictionThresholdBytes !== undefined ? { evictionThresholdBytes } : {}),
    });
    if (ok && memoryFraction !== undefined && storageFraction !== undefined) {
      const maxHeapMemory = Math.trunc((systemMemory - reservedMemory) * memoryFraction.value);
      const onHeapStorageRegionSize = Math.trunc(maxHeapMemory * storageFraction.value);
      Object.assign(layout, {
        memoryFraction,
        storageFraction,
        maxHeapMemory,
        userMemory: systemMemory - reservedMemory - maxHeapMemory,
        onHeapStorageRegionSize,
        onHeapExecutionPoolSize: maxHeapMemory - onHeapStorageRegionSize,
        maxHeapStorageSize: Math.trunc(maxHeapMemory * evictionFraction),
      });
      const off = memorySize.value;
      const offStorage = Math.trunc(off * storageFraction.value);
      Object.assign(layout, {
        maxOffHeapMemory: off,
        offHeapStorageRegionSize: offStorage,
        offHeapExecutionPoolSize: off - offStorage,
        ...(storageMaxFraction !== undefined
          ? { storageMaxFraction, maxOffHeapStorageSize: Math.trunc(off * storageMaxFraction.value) }
          : {}),
      });
    }
    const coresProp = sparkProp('spark.executor.cores');
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
