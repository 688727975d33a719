// From a parsed config document to the executor a workload runs on. Every size comes from the
// layout (layoutOfDocument: sparkLayout / snappyMemberLayout); nothing is re-derived here. A
// configuration Spark (or SnappyData) refuses to start is reported with the first start-up error,
// the one a real launch prints.
import { DocumentLayout, ParsedDocument, layoutOfDocument, sparkConfOf, sparkVersionFor } from '../analyze';
import { type SnappyLayoutOptions, type SnappyMemberLayout, heapMonitorMaxMemory } from '../layout/snappyLayout';
import type { SparkLayout, SparkLayoutOptions } from '../layout/sparkLayout';
import type { StartupError } from '../layout/startupError';
import { type SettingChange, membersWithSettings } from '../edit/applySettings';
import type { MembersDocument } from '../parse/members';
import { SPARK_2_4, SparkVersion } from '../version';
import type { ExecutorSource } from './types';

export interface ExecutorSourceOptions {
  readonly sparkVersion?: SparkVersion;
  /**
   * What-if settings. Spark files: any Spark key (undefined removes it). SnappyData members:
   * `heapSize` (e.g. "8g"), `criticalHeapPercentage`, `evictionHeapPercentage`, plus `spark.*` keys.
   */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
  /** SnappyData: 1-based member line; default the first server line, else the first line. */
  readonly member?: number;
  readonly spark?: Omit<SparkLayoutOptions, 'version'>;
  readonly snappy?: SnappyLayoutOptions;
  /** Shown in summaries (e.g. the file name). */
  readonly label?: string;
}

export type ExecutorSourceResult =
  | { readonly ok: true; readonly source: ExecutorSource; readonly layout: DocumentLayout }
  | { readonly ok: false; readonly message: string };

/** The SnappyData what-if keys (everything else must be a spark.* key). */
export const SNAPPY_OVERRIDE_KEYS = ['heapSize', 'criticalHeapPercentage', 'evictionHeapPercentage'] as const;

function startupMessage(e: StartupError): string {
  return `${e.exceptionClass === 'JVM' ? '' : `${e.exceptionClass}: `}${e.message}`;
}

export function executorSourceOfDocument(doc: ParsedDocument, opts: ExecutorSourceOptions = {}): ExecutorSourceResult {
  try {
    return doc.kind === 'snappy-members' ? snappySource(doc, opts) : sparkSource(doc, opts);
  } catch (e) {
    return { ok: false, message: `cannot lay out the executor: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function sparkSource(doc: Exclude<ParsedDocument, MembersDocument>, opts: ExecutorSourceOptions): ExecutorSourceResult {
  const { version } = sparkVersionFor(doc, opts.sparkVersion);
  const overrides = opts.overrides ?? {};
  const layout = layoutOfDocument(doc, {
    sparkVersion: version,
    overrides,
    ...(opts.spark !== undefined ? { spark: opts.spark } : {}),
  });
  if (layout.kind !== 'spark') return { ok: false, message: 'not a Spark configuration' };
  // The effective conf: the file's values, then the what-ifs (defaults stay out: the simulator's
  // SimConf reads each key with the default of the chosen release).
  const conf: Record<string, string> = {};
  for (const v of sparkConfOf(doc).with(overrides).entries()) conf[v.key] = v.value;
  const r = executorSourceOfLayout(layout.layout, version, conf, opts.label);
  return r.ok ? { ok: true, source: r.source, layout } : r;
}

/**
 * The executor a run uses, from a Spark layout and the conf it was derived from (a config file's, or
 * an event log's own properties). Every size is the layout's.
 */
export function executorSourceOfLayout(
  l: SparkLayout,
  version: SparkVersion,
  conf: Readonly<Record<string, string>>,
  label?: string,
): { readonly ok: true; readonly source: ExecutorSource } | { readonly ok: false; readonly message: string } {
  const first = l.startupErrors[0];
  if (first !== undefined) return { ok: false, message: startupMessage(first) };
  let systemMemory: number;
  let userMemory: number;
  if (l.unified !== undefined) {
    systemMemory = l.unified.systemMemory;
    userMemory = l.unified.userMemory;
  } else if (l.legacy !== undefined) {
    systemMemory = l.legacy.systemMemory;
    // The static manager has no user region of its own: what its two regions leave of the heap.
    userMemory = Math.max(
      0,
      l.legacy.systemMemory - l.legacy.maxOnHeapStorageMemory - l.legacy.maxOnHeapExecutionMemory,
    );
  } else return { ok: false, message: 'the layout has no memory manager sizes' };
  const source: ExecutorSource = {
    version,
    conf,
    systemMemory,
    userMemory,
    executorCores: l.executorCores,
    taskCpus: l.taskCpus,
    memoryManager: l.memoryManager,
    ...(label !== undefined ? { label } : {}),
  };
  return { ok: true, source };
}

/** The member line a run uses: 1-based `member`, else the first server line, else the first line. */
function memberIndex(doc: MembersDocument, member: number | undefined): number | string {
  const count = Math.max(1, doc.members.length);
  if (member !== undefined) {
    if (!Number.isInteger(member) || member < 1 || member > count)
      return `there is no member ${member} (the file has ${count} member line(s))`;
    return member - 1;
  }
  if (doc.role === 'server') return 0;
  return 0;
}

/** The member flag each SnappyData what-if key writes. */
const SNAPPY_FLAG: Readonly<Record<(typeof SNAPPY_OVERRIDE_KEYS)[number], string>> = {
  heapSize: 'heap-size',
  criticalHeapPercentage: 'critical-heap-percentage',
  evictionHeapPercentage: 'eviction-heap-percentage',
};

/**
 * SnappyData what-ifs are applied BEFORE the layout, by writing them into the chosen member line
 * exactly as "Apply to file" would (membersWithSettings): a new heap rewrites the line's -J-Xmx
 * (and an equal -J-Xms) or its -heap-size, so the launcher's default critical/eviction
 * percentages follow the new heap as they would on a real launch; spark.* keys become -spark.*
 * options of the line. The whole file is laid out again, so servers per host still count.
 */
function rewriteMember(
  doc: MembersDocument,
  index: number,
  overrides: Readonly<Record<string, string | undefined>>,
): MembersDocument | string {
  const changes: SettingChange[] = [];
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    const flag = (SNAPPY_FLAG as Readonly<Record<string, string>>)[k] ?? (k.startsWith('spark.') ? k : undefined);
    if (flag === undefined)
      return `unknown SnappyData what-if "${k}" (expected ${SNAPPY_OVERRIDE_KEYS.join(', ')} or a spark.* key)`;
    changes.push({ key: flag, value: v });
  }
  const r = membersWithSettings(doc, changes, index + 1);
  return r.ok ? r.doc : `what-if on member ${index + 1}: ${r.message}`;
}

function snappySource(doc: MembersDocument, opts: ExecutorSourceOptions): ExecutorSourceResult {
  const idx = memberIndex(doc, opts.member);
  if (typeof idx === 'string') return { ok: false, message: idx };
  const rewritten = rewriteMember(doc, idx, opts.overrides ?? {});
  if (typeof rewritten === 'string') return { ok: false, message: rewritten };
  const layout = layoutOfDocument(rewritten, { snappy: opts.snappy ?? {} }, idx);
  if (layout.kind !== 'snappydata') return { ok: false, message: 'not a SnappyData member file' };
  const ml = layout.members[0] as SnappyMemberLayout;
  const first = ml.startupErrors[0];
  if (first !== undefined) return { ok: false, message: startupMessage(first) };
  if (ml.role === 'locator') return { ok: false, message: `member ${idx + 1} is a locator: it runs no executor` };
  if (ml.heapBytes === undefined || ml.systemMemory === undefined || ml.maxHeapMemory === undefined) {
    return { ok: false, message: `member ${idx + 1}: the heap is not known, so its memory cannot be laid out` };
  }
  // The manager reads these Spark keys itself; take them from the member layout (lead values included).
  const conf: Record<string, string> = {};
  if (ml.memoryFraction !== undefined && ml.memoryFraction.origin !== 'default')
    conf['spark.memory.fraction'] = String(ml.memoryFraction.value);
  if (ml.storageFraction !== undefined && ml.storageFraction.origin !== 'default')
    conf['spark.memory.storageFraction'] = String(ml.storageFraction.value);
  if (ml.storageMaxFraction !== undefined && ml.storageMaxFraction.origin !== 'default')
    conf['spark.memory.storageMaxFraction'] = String(ml.storageMaxFraction.value);
  // The executor's other Spark settings (page size, task failures, ...): the server's own `-spark.*`,
  // then the lead's, which ExecutorInitiator sets on every server's executor. The off-heap keys
  // come from memory-size (SnappyUnifiedMemoryManager.setMemorySize), the fractions from the layout.
  const lead = doc.role === 'server' ? opts.snappy?.leads?.members[0] : undefined;
  for (const line of [rewritten.members[idx], lead]) {
    for (const [k, a] of line?.options ?? []) {
      if (!k.startsWith('spark.') || k.startsWith('spark.memory.') || a.value === undefined) continue;
      conf[k] = a.value;
    }
  }
  for (const [k, v] of Object.entries(opts.overrides ?? {})) if (k.startsWith('spark.') && v !== undefined) conf[k] = v;
  const cores = ml.executorCores?.value ?? 1;
  const source: ExecutorSource = {
    version: SPARK_2_4,
    conf,
    // The heap monitor's max, which the manager starts from (spark.testing.memory may change getMaxMemory's).
    systemMemory: heapMonitorMaxMemory(ml.heapBytes, opts.snappy ?? {}),
    userMemory: ml.userMemory ?? 0,
    executorCores: cores,
    taskCpus: 1,
    memoryManager: 'SnappyUnifiedMemoryManager',
    label: opts.label !== undefined ? `${opts.label} member ${idx + 1}` : `member ${idx + 1}`,
    snappy: {
      heapBytes: ml.heapBytes,
      criticalHeapPercentage: ml.criticalHeapPercentage.value,
      evictionHeapPercentage: ml.evictionHeapPercentage.value,
      memorySize: ml.memorySize.value,
    },
  };
  return { ok: true, source, layout };
}
