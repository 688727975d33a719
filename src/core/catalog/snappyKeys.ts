// SnappyData 1.3.x member options (`-key=value` on a conf/servers, conf/leads or conf/locators
// line), config-formats.md B.2-B.6. SD = TIBCOSoftware/snappydata v1.3.1 (74dbd2fa), SS =
// TIBCOSoftware/snappy-store (0f546384). The `versions` of these entries is `snappydata`.
import type { CatalogEntry } from './types';

const SNAPPY = 'snappydata';

export const SNAPPY_KEYS: readonly CatalogEntry[] = [
  {
    key: 'heap-size',
    flavour: 'snappydata',
    type: 'jvm-size',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault:
      'servers 4096 MB (6144 MB with >8 cores and RAM > 14 GB, 8192 MB with >12 cores and RAM > 16 GB); leads 2048-8192 MB by cores and RAM; locators 1024 MB; a smaller default (2048/1024/512 MB) when RAM < 1.5 × the default',
    description:
      'Sets both -Xmx and -Xms of the member JVM to this value, verbatim: the JVM only accepts a whole number with k, m, g or t. Equal initial and maximum heaps are also what makes the launcher set default critical and eviction percentages.',
    versions: SNAPPY,
    source: 'SS LauncherBase.processHeapSize l.226, getDefaultHeapSizeMB l.206-224; SD QuickLauncher l.97-104',
  },
  {
    key: 'memory-size',
    flavour: 'snappydata',
    type: 'snappy-size',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault:
      "0, or sized automatically on servers when RAM > 14 GB (0.75 × RAM minus leads' heaps, minus this heap, if at least half the heap); forced to 0 for several servers on one host",
    ranges: [[SNAPPY, { min: 0, message: 'Invalid memory-size: {value}' }]],
    description:
      'Off-heap memory of a server for column tables and execution. SnappyData turns it into spark.memory.offHeap.enabled=true and spark.memory.offHeap.size, split into off-heap storage and execution by spark.memory.storageFraction. A bare number is bytes.',
    versions: SNAPPY,
    source:
      'SS ClientSharedUtils.parseMemorySize l.312-345, GemFireCacheImpl l.1506-1513, getDefaultOffHeapSize l.1563-1599; SD SnappyUnifiedMemoryManager.setMemorySize l.965-1001',
  },
  {
    key: 'critical-heap-percentage',
    flavour: 'snappydata',
    type: 'float',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault:
      'when -Xmx equals -Xms: 100 × (1 − 1 GB/heap) above 40 GB, 100 × (1 − 200 MB/heap) from 2 GB, 90 below 2 GB, at most 99; otherwise none (disabled)',
    ranges: [
      [
        SNAPPY,
        {
          min: 0,
          max: 100,
          message: 'Critical percentage must be greater than 0.0 and less than or equal to 100.0.',
          enforcedBy: 'SS MemoryThresholds l.142-155',
        },
      ],
    ],
    description:
      "Heap use (as a share of the JVM max) at which the member refuses new work with LowMemoryException. SnappyData's memory manager also keeps everything above it as reserved memory, so a higher value gives Spark more room and leaves less headroom for the JVM. 0 disables it.",
    versions: SNAPPY,
    source:
      'SS LauncherBase.setDefaultVMArgs l.302-338 (SNAP-3111), HeapMemoryMonitor l.493-513; SD SnappyUnifiedMemoryManager.getMaxMemory l.1036-1085',
  },
  {
    key: 'eviction-heap-percentage',
    flavour: 'snappydata',
    type: 'float',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault: '0.9 × critical-heap-percentage when the launcher sets defaults',
    ranges: [
      [
        SNAPPY,
        {
          min: 10,
          max: 98,
          message:
            'Eviction fraction {fraction} must be between 0.1 and 0.98. Please set or correct eviction-heap-percentage.',
          enforcedBy: 'SD SnappyUnifiedMemoryManager.getStorageEvictionFraction l.1025-1028',
        },
      ],
    ],
    description:
      "Heap use at which table data starts to be evicted to disk; SnappyData's memory manager also caps heap storage at this share of the unified region. Must stay below critical-heap-percentage.",
    versions: SNAPPY,
    source: 'SS HeapMemoryMonitor l.563-566; SD SnappyUnifiedMemoryManager.getStorageEvictionFraction l.1006-1030',
  },
  {
    key: 'critical-off-heap-percentage',
    flavour: 'snappydata',
    type: 'float',
    category: 'snappydata',
    defaults: [[SNAPPY, '0']],
    ranges: [
      [
        SNAPPY,
        { min: 0, max: 100, message: 'Critical percentage must be greater than 0.0 and less than or equal to 100.0.' },
      ],
    ],
    description:
      "Critical threshold of GemFire's own off-heap store (off-heap-memory-size). It does not govern memory-size, which SnappyData's memory manager limits by spark.memory.storageMaxFraction instead (the docs say otherwise; the code decides).",
    versions: SNAPPY,
    source: 'SS OffHeapMemoryMonitor l.147-150, InternalDistributedSystem l.593-595, GemFireStore l.1148-1155',
  },
  {
    key: 'eviction-off-heap-percentage',
    flavour: 'snappydata',
    type: 'float',
    category: 'snappydata',
    defaults: [[SNAPPY, '0']],
    ranges: [
      [
        SNAPPY,
        { min: 0, max: 100, message: 'Eviction percentage must be greater than 0.0 and less than or equal to 100.0.' },
      ],
    ],
    description:
      "Eviction threshold of GemFire's own off-heap store; like critical-off-heap-percentage it does not apply to memory-size.",
    versions: SNAPPY,
    source: 'SS OffHeapMemoryMonitor; SD SnappyUnifiedMemoryManager (does not read it)',
  },
  {
    key: 'spark.memory.fraction',
    flavour: 'snappydata',
    type: 'double',
    category: 'snappydata',
    defaults: [[SNAPPY, '0.85']],
    ranges: [[SNAPPY, { min: 0, max: 1, message: "spark.memory.fraction should be between 0 and 1 (was '{value}')." }]],
    description:
      "Share of (heap − reserved memory) that SnappyData's unified memory manager manages (0.85 since 1.1.0; 0.97 in 1.0.x). Set it on the lead line: servers run their executors with the lead's Spark properties.",
    versions: SNAPPY,
    source: 'SD SnappyUnifiedMemoryManager DEFAULT_MEMORY_FRACTION l.930 (commit 2e8a3c2800, 2018-12-07)',
  },
  {
    key: 'spark.memory.storageFraction',
    flavour: 'snappydata',
    type: 'double',
    category: 'snappydata',
    defaults: [[SNAPPY, '0.5']],
    ranges: [
      [SNAPPY, { min: 0, max: 1, message: "spark.memory.storageFraction should be between 0 and 1 (was '{value}')." }],
    ],
    description:
      'Initial share of the unified region (and of memory-size off heap) given to storage. A fraction: the docs\' "50" fails Spark\'s check. Set it on the lead line.',
    versions: SNAPPY,
    source: 'SD SnappyUnifiedMemoryManager DEFAULT_STORAGE_FRACTION l.934, setMemorySize l.997-999',
  },
  {
    key: 'spark.memory.storageMaxFraction',
    flavour: 'snappydata',
    type: 'double',
    category: 'snappydata',
    defaults: [[SNAPPY, '0.95']],
    description:
      'SnappyData only: the largest share of memory-size that off-heap storage may take (0.95 since July 2017; the docs say 0.9).',
    versions: SNAPPY,
    source: 'SD SnappyUnifiedMemoryManager l.74-75 (commit 1401d24cd3)',
  },
  {
    key: 'spark.executor.cores',
    flavour: 'snappydata',
    type: 'int',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault: "2 × the server's available processors",
    ranges: [[SNAPPY, { min: 1 }]],
    description: "Task slots of each server's executor. Read from the lead's properties, so set it on the lead line.",
    versions: SNAPPY,
    source: 'SD ExecutorInitiator.scala l.182-183',
  },
  {
    key: 'spark.executor.memory',
    flavour: 'snappydata',
    type: 'size',
    unit: 'MiB',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    description:
      'Not used to size embedded executors, but when set SnappyData still checks it (as bytes when unit-less) against 1.5 × the reserved memory and refuses to start below that.',
    versions: SNAPPY,
    source: 'SD SnappyUnifiedMemoryManager.getMaxMemory l.1071-1077',
  },
  {
    key: 'host-data',
    flavour: 'snappydata',
    type: 'boolean',
    category: 'snappydata',
    defaults: [[SNAPPY, 'true']],
    description: 'Whether the member hosts table data. snappy-nodes.sh adds -host-data=false to every lead.',
    versions: SNAPPY,
    source: 'SD snappy-nodes.sh; QuickLauncher.getStartOptions',
  },
  {
    key: 'dir',
    flavour: 'snappydata',
    type: 'string',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault: '$SNAPPY_HOME/work/<host>-<role>-<index>',
    description: 'Working directory of the member. Several members on one host each need their own.',
    versions: SNAPPY,
    source: 'SD snappy-nodes.sh l.144-151',
  },
  {
    key: 'locators',
    flavour: 'snappydata',
    type: 'string',
    category: 'snappydata',
    defaults: [[SNAPPY, null]],
    computedDefault: 'every host:port of conf/locators, or localhost[10334]',
    description: 'Locators the member joins. The scripts add it from conf/locators unless the line sets it.',
    versions: SNAPPY,
    source: 'SD snappy-nodes.sh l.115-137',
  },
];

/**
 * Every `-key` a member line commonly carries besides the entries above (SD
 * docs/configuring_cluster/property_description.md v1.3.1 and the keys snappy-nodes.sh itself
 * reads or adds). Not a validity list: the launcher passes any `-key=value` on. Used only to
 * suggest the intended name for a near miss such as `-heap-szie`.
 */
export const SNAPPY_OPTION_NAMES: readonly string[] = [
  ...SNAPPY_KEYS.map((e) => e.key),
  'classpath',
  'password',
  'sync',
  'user',
  'bind-address',
  'client-bind-address',
  'client-port',
  'hostname-for-clients',
  'peer-discovery-address',
  'peer-discovery-port',
  'start-locator',
  'server-groups',
  'redundancy-zone',
  'secondary-locators',
  'member-timeout',
  'membership-port-range',
  'socket-buffer-size',
  'socket-lease-time',
  'ack-wait-threshold',
  'ack-severe-alert-threshold',
  'archive-disk-space-limit',
  'archive-file-size-limit',
  'enable-network-partition-detection',
  'enforce-unique-host',
  'enable-stats',
  'enable-time-statistics',
  'enable-timestats',
  'statistic-archive-file',
  'statistic-sample-rate',
  'statistic-sampling-enabled',
  'sys-disk-dir',
  'init-scripts',
  'log-file',
  'log-level',
  'thrift-ssl',
  'thrift-ssl-properties',
  'read-timeout',
  'load-balance',
  'skip-constraint-checks',
  'skip-locks',
  'sync-commits',
  'dump-server-info',
  'run-netserver',
  'spark.driver.maxResultSize',
  'spark.local.dir',
  'spark.ui.port',
  'spark.network.timeout',
  'spark.eventLog.enabled',
  'spark.eventLog.dir',
  'spark.sql.autoBroadcastJoinThreshold',
];

/**
 * SD docs/best_practices/memory_management.md, "Estimating Memory Size for Execution": "it is
 * strongly recommended to allocate minimum 6-8 GB of heap per data server/lead node for
 * production systems that run large scale analytic queries". Guidance, not a check the product makes.
 */
export const SNAPPY_PRODUCTION_HEAP_GUIDANCE = {
  minBytes: 6 * 2 ** 30,
  text: '6-8 GB',
  roles: ['server', 'lead'] as const,
  source: 'SD docs/best_practices/memory_management.md "Estimating Memory Size for Execution"',
};

/**
 * Values SnappyData's docs (v1.3.1) give where the code uses another one (config-formats.md B.7,
 * B.8). The code's value is the catalog default or the layout's formula; these are only what a
 * reader of the docs would expect.
 */
export const SNAPPY_DOCUMENTED_VALUES: ReadonlyArray<{
  readonly key: string;
  readonly docs: readonly number[];
  readonly where: string;
}> = [
  {
    key: 'spark.memory.fraction',
    docs: [0.92, 0.97],
    where: 'memory_management.md worked examples (17.4 = 19 × 0.92; 3.5g from × 0.97, the 1.0.x default)',
  },
  {
    key: 'spark.memory.storageMaxFraction',
    docs: [0.9],
    where: 'memory_management.md off-heap example ("16g * 0.9 = 14.4 (0.9 System default)")',
  },
  {
    key: 'critical-heap-percentage',
    docs: [95, 90],
    where: 'memory_management.md and configuring_cluster.md (95); property_details.md (90)',
  },
  { key: 'eviction-heap-percentage', docs: [85.5, 81], where: 'memory_management.md (85.5); property_details.md (81)' },
];
