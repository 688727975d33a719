// From a parsed config document to the executor a workload runs on. Every size comes from the
// layout (layoutOfDocument: sparkLayout / snappyMemberLayout); nothing is re-derived here. A
// configuration Spark (or SnappyData) refuses to start is reported with the first start-up error,
// the one a real launch prints.
import { DocumentLayout, ParsedDocument, layoutOfDocument, sparkConfOf, sparkVersionFor } from '../analyze';
import type { SnappyLayoutOptions, SnappyMemberLayout } from '../layout/snappyLayout';
import type { SparkLayoutOptions } from '../layout/sparkLayout';
import type { StartupError } from '../layout/startupError';
import { MembersDocument, parseMembers } from '../parse/members';
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
  const l = layout.layout;
  const first = l.startupErrors[0];
  if (first !== undefined) return { ok: false, message: startupMessage(first) };
  // The effective conf: the file's values, then the what-ifs (defaults stay out: the simulator's
  // SimConf reads each key with the default of the chosen release).
  const conf: Record<string, string> = {};
  for (const v of sparkConfOf(doc).with(overrides).entries()) conf[v.key] = v.value;
  let systemMemory: number;
  let userMemory: number;
  if (l.unified !== undefined) {
    systemMemory = l.unified.systemMemory;
    userMemory = l.unified.userMemory;
  } else if (l.legacy !== undefined) {
    systemMemory = l.legacy.systemMemory;
    // The static manager has no user region of its own: what its two regions leave of the heap.
    userMemory = Math.max(0, l.legacy.systemMemory - l.legacy.maxOnHeapStorageMemory - l.legacy.maxOnHeapExecutionMemory);
  } else return { ok: false, message: 'the layout has no memory manager sizes' };
  const source: ExecutorSource = {
    version, conf, systemMemory, userMemory,
    executorCores: l.executorCores, taskCpus: l.taskCpus,
    memoryManager: l.memoryManager,
    ...(opts.label !== undefined ? { label: opts.label } : {}),
  };
  return { ok: true, source, layout };
}

/** The member line a run uses: 1-based `member`, else the first server line, else the first line. */
function memberIndex(doc: MembersDocument, member: number | undefined): number | string {
  const count = Math.max(1, doc.members.length);
  if (member !== undefined) {
    if (!Number.isInteger(member) || member < 1 || member > count) return `there is no member ${member} (the file has ${count} member line(s))`;
    return member - 1;
  }
  if (doc.role === 'server') return 0;
  return 0;
}

/**
 * SnappyData what-ifs are applied BEFORE the layout, by rewriting the chosen member line: heapSize
 * replaces every -heap-size / -J-Xmx / -J-Xms argument with one -heap-size=<v> (so the launcher's
 * default critical/eviction percentages follow the new heap, as they would on a real launch);
 * the percentages replace their options. spark.* keys become -spark.* options of the line. The
 * rewritten line is laid out alone, with the original file still counting servers per host.
 */
function rewriteMember(doc: MembersDocument, index: number, overrides: Readonly<Record<string, string | undefined>>): MembersDocument | string {
  const m = doc.members[index];
  if (m === undefined) return doc;
  const keys = Object.keys(overrides).filter((k) => overrides[k] !== undefined);
  if (keys.length === 0) return doc;
  for (const k of keys) {
    if (!(SNAPPY_OVERRIDE_KEYS as readonly string[]).includes(k) && !k.startsWith('spark.')) {
      return `unknown SnappyData what-if "${k}" (expected ${SNAPPY_OVERRIDE_KEYS.join(', ')} or a spark.* key)`;
    }
    if (/\s/.test(overrides[k] ?? '')) return `what-if ${k}: the value must not contain spaces`;
  }
  const heap = overrides['heapSize'];
  const crit = overrides['criticalHeapPercentage'];
  const evict = overrides['evictionHeapPercentage'];
  const args = m.args.filter((a) => {
    if (heap !== undefined && (a.kind === 'heap-size' || (a.kind === 'jvm' && a.key !== undefined && /^-Xm[xs]/.test(a.key)))) return false;
    if (crit !== undefined && a.key === 'critical-heap-percentage') return false;
    if (evict !== undefined && a.key === 'eviction-heap-percentage') return false;
    if (a.key !== undefined && a.key.startsWith('spark.') && overrides[a.key] !== undefined) return false;
    return true;
  }).map((a) => a.text);
  if (heap !== undefined) args.push(`-heap-size=${heap}`);
  if (crit !== undefined) args.push(`-critical-heap-percentage=${crit}`);
  if (evict !== undefined) args.push(`-eviction-heap-percentage=${evict}`);
  for (const k of keys) if (k.startsWith('spark.')) args.push(`-${k}=${overrides[k] ?? ''}`);
  // Words with blanks or shell characters go back in single quotes, as they were written.
  const quote = (w: string): string => (/^[A-Za-z0-9_\-=.,:/+%@]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return parseMembers(`${m.host} ${args.map(quote).join(' ')}\n`, doc.role);
}

function snappySource(doc: MembersDocument, opts: ExecutorSourceOptions): ExecutorSourceResult {
  const idx = memberIndex(doc, opts.member);
  if (typeof idx === 'string') return { ok: false, message: idx };
  const rewritten = rewriteMember(doc, idx, opts.overrides ?? {});
  if (typeof rewritten === 'string') return { ok: false, message: rewritten };
  const snappyOpts: SnappyLayoutOptions = { ...(opts.snappy ?? {}), ...(rewritten !== doc ? { servers: opts.snappy?.servers ?? doc } : {}) };
  const layout = layoutOfDocument(rewritten, { snappy: snappyOpts }, rewritten === doc ? idx : 0);
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
  if (ml.memoryFraction !== undefined && ml.memoryFraction.origin !== 'default') conf['spark.memory.fraction'] = String(ml.memoryFraction.value);
  if (ml.storageFraction !== undefined && ml.storageFraction.origin !== 'default') conf['spark.memory.storageFraction'] = String(ml.storageFraction.value);
  if (ml.storageMaxFraction !== undefined && ml.storageMaxFraction.origin !== 'default') conf['spark.memory.storageMaxFraction'] = String(ml.storageMaxFraction.value);
  for (const [k, v] of Object.entries(opts.overrides ?? {})) if (k.startsWith('spark.') && v !== undefined) conf[k] = v;
  const cores = ml.executorCores?.value ?? 1;
  const source: ExecutorSource = {
    version: SPARK_2_4,
    conf,
    systemMemory: ml.systemMemory,
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
