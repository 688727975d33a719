// What a HotSpot JVM started with -Xmx<heap> reports as Runtime.maxMemory(), per collector: the
// systemMemory UnifiedMemoryManager sizes everything from. Restated from HotSpot's heap sizing
// (openjdk jdk17u/jdk25u, src/hotspot/share/gc/): the heap is first aligned up to the collector's
// heap alignment; generational collectors then leave out one survivor space, which never holds
// live data between collections. Measured in real JVMs (Java 17 and 25, 450m..64g) by the oracle.
// Assumes 4 KiB pages and no -XX:+UseLargePages, -XX:NewRatio, -XX:SurvivorRatio or -XX:MaxNewSize.
import type { GarbageCollector } from './pageSize';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * CardTable::ct_max_alignment_constraint(): card size (512, GCCardSizeInBytes) × page size (4 KiB).
 * The heap alignment of Serial and Parallel (GCArguments::compute_heap_alignment), and ZGC's granule.
 */
const CARD_TABLE_ALIGNMENT = 512 * 4 * KiB;
/** Generation::GenGrain (64 KiB): SpaceAlignment of Serial (GenArguments::initialize_alignments). */
const SERIAL_SPACE_ALIGNMENT = 64 * KiB;
/** default_gen_alignment() = 64K × HeapWordSize: SpaceAlignment of Parallel (ParallelArguments). */
const PARALLEL_SPACE_ALIGNMENT = 64 * KiB * 8;
/** NewRatio (2): the young generation is 1/(NewRatio+1) of the heap (scale_by_NewRatio_aligned). */
const NEW_RATIO = 2;
/** SurvivorRatio (8): Serial's survivor is young/(SurvivorRatio+2) (DefNewGeneration::compute_survivor_size). */
const SURVIVOR_RATIO = 8;
/** MinSurvivorRatio (3): Parallel's largest survivor is young/3 (PSAdaptiveSizePolicy::max_survivor_size). */
const MIN_SURVIVOR_RATIO = 3;
/** HeapRegionBounds::target_number() (G1) and ShenandoahTargetNumRegions: 2048 regions. */
const TARGET_REGIONS = 2048;

export type JavaVersion = 8 | 11 | 17 | 21 | 25;

export interface JvmMaxMemory {
  /** The -Xmx the JVM was given, in bytes. */
  readonly heap: number;
  /** MaxHeapSize after the collector aligned it. */
  readonly maxHeapSize: number;
  /** Runtime.maxMemory(), or undefined where the collector's sizing is not modelled (CMS). */
  readonly maxMemory: number | undefined;
  /** The survivor space left out (generational collectors). */
  readonly survivor: number;
  readonly collector: GarbageCollector;
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;
const alignDown = (n: number, a: number): number => Math.floor(n / a) * a;
const floorPow2 = (n: number): number => 2 ** Math.floor(Math.log2(n));
const ceilPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(n));
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** G1: HeapRegion::setup_heap_region_size: heap/2048 in [1 MiB, 32 MiB], rounded up to a power of two (JDK 17+). */
export function g1RegionSize(heap: number): number {
  return ceilPow2(clamp(Math.floor(heap / TARGET_REGIONS), MiB, 32 * MiB));
}

/** Shenandoah: ShenandoahHeapRegion::setup_sizes: heap/2048 in [256 KiB, 32 MiB], rounded down to a power of two. */
export function shenandoahRegionSize(heap: number): number {
  return floorPow2(clamp(Math.floor(heap / TARGET_REGIONS), 256 * KiB, 32 * MiB));
}

/** Survivor space of a young generation (the part of MaxHeapSize Runtime.maxMemory leaves out). */
function survivorOf(maxHeapSize: number, spaceAlignment: number, ratio: number): number {
  const young = alignDown(Math.floor(maxHeapSize / (NEW_RATIO + 1)), spaceAlignment);
  const s = Math.floor(young / ratio);
  return s > spaceAlignment ? alignDown(s, spaceAlignment) : spaceAlignment;
}

/** Runtime.maxMemory() of a JVM started with -Xmx`heap` bytes and the given collector. */
export function jvmMaxMemory(heap: number, collector: GarbageCollector): JvmMaxMemory {
  switch (collector) {
    case 'Serial': {
      // GenCollectedHeap::max_capacity = DefNewGeneration (young − one survivor) + old.
      const maxHeapSize = alignUp(heap, CARD_TABLE_ALIGNMENT);
      const survivor = survivorOf(maxHeapSize, SERIAL_SPACE_ALIGNMENT, SURVIVOR_RATIO + 2);
      return { heap, maxHeapSize, maxMemory: maxHeapSize - survivor, survivor, collector };
    }
    case 'Parallel': {
      // ParallelScavengeHeap::max_capacity = reserved − size_policy->max_survivor_size(young max).
      const maxHeapSize = alignUp(heap, CARD_TABLE_ALIGNMENT);
      const survivor = survivorOf(maxHeapSize, PARALLEL_SPACE_ALIGNMENT, MIN_SURVIVOR_RATIO);
      return { heap, maxHeapSize, maxMemory: maxHeapSize - survivor, survivor, collector };
    }
    case 'G1': {
      // G1CollectedHeap::max_capacity = max regions × region size; HeapAlignment = max(card table, region).
      const maxHeapSize = alignUp(heap, Math.max(CARD_TABLE_ALIGNMENT, g1RegionSize(heap)));
      return { heap, maxHeapSize, maxMemory: maxHeapSize, survivor: 0, collector };
    }
    case 'ZGC': {
      // ZGC: MaxHeapSize aligned to the 2 MiB granule (ZGranuleSize); max_capacity is all of it.
      const maxHeapSize = alignUp(heap, 2 * MiB);
      return { heap, maxHeapSize, maxMemory: maxHeapSize, survivor: 0, collector };
    }
    case 'Shenandoah': {
      const maxHeapSize = alignUp(heap, shenandoahRegionSize(heap));
      return { heap, maxHeapSize, maxMemory: maxHeapSize, survivor: 0, collector };
    }
    case 'CMS':
      // ParNew's young sizing under CMS (JDK 8-13) depends on ParallelGCThreads; not modelled.
      return { heap, maxHeapSize: heap, maxMemory: undefined, survivor: 0, collector };
  }
}

/**
 * The collector a JVM runs when no -XX:+Use…GC is given (Arguments::select_gc / GCConfig::select_gc_ergonomically):
 * Parallel up to JDK 8; from JDK 9 G1 on a server-class machine (at least 2 processors and 1792 MiB of
 * memory, os::is_server_class_machine), Serial otherwise.
 */
export function defaultCollector(javaVersion: JavaVersion, serverClassMachine: boolean): GarbageCollector {
  if (javaVersion <= 8) return serverClassMachine ? 'Parallel' : 'Serial';
  return serverClassMachine ? 'G1' : 'Serial';
}

/** The last -XX:+Use<X>GC in a java options string (the JVM takes the last of each flag); undefined if none. */
export function collectorFromJavaOptions(options: string | undefined): GarbageCollector | undefined {
  if (options === undefined) return undefined;
  const names: Readonly<Record<string, GarbageCollector>> = {
    UseSerialGC: 'Serial',
    UseParallelGC: 'Parallel',
    UseParallelOldGC: 'Parallel',
    UseG1GC: 'G1',
    UseZGC: 'ZGC',
    UseShenandoahGC: 'Shenandoah',
    UseConcMarkSweepGC: 'CMS',
  };
  let found: GarbageCollector | undefined;
  for (const m of options.matchAll(/-XX:\+(Use\w+GC)(?=\s|$)/g)) {
    const gc = names[m[1] ?? ''];
    if (gc !== undefined) found = gc;
  }
  return found;
}

export interface JvmChoice {
  /** A collector chosen outright (a setting); otherwise -XX:+Use…GC in the java options, else the JVM default. */
  readonly gc?: GarbageCollector;
  /** The Java version the JVM default follows (17 when not given: Spark 4 needs 17+). */
  readonly javaVersion?: JavaVersion;
  /** os::is_server_class_machine (true when not given: a cluster node has 2+ processors and 2+ GB). */
  readonly serverClassMachine?: boolean;
}

export interface ResolvedJvm extends JvmMaxMemory {
  /** Where the collector came from. */
  readonly collectorFrom: 'setting' | 'java options' | 'JVM default';
  readonly javaVersion: JavaVersion;
}

/** The collector and Runtime.maxMemory of a JVM given -Xmx`heap` and `javaOptions` (extraJavaOptions). */
export function resolveJvm(heap: number, javaOptions: string | undefined, choice: JvmChoice): ResolvedJvm {
  const javaVersion = choice.javaVersion ?? 17;
  const fromOptions = collectorFromJavaOptions(javaOptions);
  const collector = choice.gc ?? fromOptions ?? defaultCollector(javaVersion, choice.serverClassMachine ?? true);
  const collectorFrom =
    choice.gc !== undefined ? 'setting' : fromOptions !== undefined ? 'java options' : 'JVM default';
  return { ...jvmMaxMemory(heap, collector), collectorFrom, javaVersion };
}

/** How the collector is named in layouts: "G1 (default of Java 17)", "Parallel (from spark.executor.extraJavaOptions)". */
export function collectorText(jvm: ResolvedJvm, optionsKey = 'spark.executor.extraJavaOptions'): string {
  if (jvm.collectorFrom === 'setting') return `${jvm.collector} (chosen)`;
  if (jvm.collectorFrom === 'java options') return `${jvm.collector} (from ${optionsKey})`;
  return `${jvm.collector} (default of Java ${jvm.javaVersion})`;
}
