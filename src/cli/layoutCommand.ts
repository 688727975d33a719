// `spark-memory layout <file> [--member N] [--spark-version V] [--format text|json]`.
import { DocumentLayout, layoutOfDocument, sparkVersionFor } from '../core/analyze';
import { containerParts } from '../core/layout/container';
import { JavaVersion } from '../core/layout/jvmMaxMemory';
import { LayoutRow, memberLayoutRows, perTaskSentence, rowLabel, rowsIn, sparkLayoutRows } from '../core/layout/rows';
import type { SnappyMemberLayout } from '../core/layout/snappyLayout';
import type { SparkLayout } from '../core/layout/sparkLayout';
import type { StartupError } from '../core/layout/startupError';
import { javaFloatToString } from '../core/config/javaParse';
import { formatBytes } from '../core/size';
import { LineIndex } from '../core/text/lineIndex';
import { ParsedArgs, UsageError, optionChoice, optionMember, optionSparkVersion, optionString } from './args';
import { LoadedDocument, loadDocument } from './input';

export const LAYOUT_OPTIONS = {
  member: true,
  'spark-version': true,
  format: true,
  type: true,
  'system-memory': true,
  'jvm-shortfall': true,
  gc: true,
  java: true,
  'host-ram': true,
  'host-cores': true,
} as const;

const GC_CHOICES = ['G1', 'Parallel', 'Serial', 'ZGC', 'Shenandoah', 'CMS'] as const;

interface ErrorJson {
  phase: string;
  message: string;
  key?: string;
  errorClass?: string;
  line?: number;
  column?: number;
}

function errorJson(e: StartupError, index: LineIndex): ErrorJson {
  const span = e.span ?? e.from?.span;
  const pos = span !== undefined && e.from?.uri === undefined ? index.positionAt(span.start) : undefined;
  return {
    phase: e.phase,
    message: e.message,
    ...(e.key !== undefined ? { key: e.key } : {}),
    ...(e.errorClass !== undefined ? { errorClass: e.errorClass } : {}),
    ...(pos !== undefined ? { line: pos.line + 1, column: pos.character + 1 } : {}),
  };
}

function sparkJson(file: string, l: SparkLayout, index: LineIndex): Record<string, unknown> {
  const u = l.unified;
  return {
    file,
    flavour: 'spark',
    sparkVersion: l.sparkVersion,
    memoryManager: l.memoryManager,
    executorMemory: l.executorMemory,
    executorJvm: {
      heap: l.executorJvm.heap,
      maxMemory: l.executorJvm.maxMemory ?? null,
      collector: l.executorJvm.collector,
      collectorFrom: l.executorJvm.collectorFrom,
      javaVersion: l.executorJvm.javaVersion,
    },
    ...(u !== undefined
      ? {
          systemMemory: u.systemMemory,
          reservedMemory: u.reservedMemory,
          usableMemory: u.usableMemory,
          maxHeapMemory: u.maxHeapMemory,
          onHeapStorageRegionSize: u.onHeapStorageRegionSize,
          onHeapExecutionPoolSize: u.onHeapExecutionPoolSize,
          userMemory: u.userMemory,
          maxOnHeapStorageMemory: u.maxOnHeapStorageMemory,
          maxOffHeapMemory: u.maxOffHeapMemory,
          offHeapStorageRegionSize: u.offHeapStorageRegionSize,
          offHeapExecutionPoolSize: u.offHeapExecutionPoolSize,
          maxOffHeapStorageMemory: u.maxOffHeapStorageMemory,
          memoryFraction: u.memoryFraction,
          storageFraction: u.storageFraction,
          offHeapEnabled: u.offHeapEnabled,
          tungstenMemoryMode: u.tungstenMemoryMode,
        }
      : {}),
    ...(l.legacy !== undefined ? { legacy: l.legacy } : {}),
    ...(l.pageSizeBytes !== undefined ? { pageSizeBytes: l.pageSizeBytes } : {}),
    executorCores: l.executorCores,
    taskCpus: l.taskCpus,
    ...(l.executionPerTask !== undefined ? { executionPerTask: l.executionPerTask } : {}),
    clusterManager: l.clusterManager,
    ...(l.container !== undefined ? { container: l.container } : {}),
    ...(l.driverMemory !== undefined ? { driverMemory: l.driverMemory } : {}),
    startupErrors: l.startupErrors.map((e) => errorJson(e, index)),
    assumptions: l.assumptions,
  };
}

function memberJson(m: SnappyMemberLayout, index: LineIndex): Record<string, unknown> {
  const { startupErrors, ...rest } = m;
  const strip = (v: unknown): unknown => {
    if (v && typeof v === 'object' && 'value' in v && 'origin' in v) {
      const o = v as { value: unknown; origin: string };
      return { value: o.value, origin: o.origin };
    }
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = strip(v);
  out['startupErrors'] = startupErrors.map((e) => errorJson(e, index));
  return out;
}

function row(label: string, bytes: number, note = ''): string {
  return `  ${label.padEnd(34)} ${formatBytes(bytes).padStart(12)}  ${String(bytes).padStart(15)}${note ? `  ${note}` : ''}\n`;
}

function errorsText(errors: readonly StartupError[], index: LineIndex, file: string): string {
  if (errors.length === 0) return '';
  let s = '\nStart-up errors (in the order Spark or SnappyData meets them):\n';
  for (const e of errors) {
    const j = errorJson(e, index);
    const where = j.line !== undefined ? `${file}:${j.line}:${j.column}: ` : '';
    s += `  - ${where}[${e.phase}] ${e.message.replace(/\n/g, '\n      ')}\n`;
  }
  return s;
}

/** The rows the text shows (layout/rows.ts), sub-rows indented. */
function rowsText(rows: readonly LayoutRow[]): string {
  return rowsIn(rows, 'text')
    .map((r) => row(`${r.sub === true ? '  ' : ''}${rowLabel(r)}`, r.bytes, r.note))
    .join('');
}

function sparkText(file: string, l: SparkLayout, index: LineIndex, versionSource: string): string {
  let s = `${file}: Spark ${l.sparkVersion} (${versionSource}), ${l.memoryManager}\n`;
  s += rowsText(sparkLayoutRows(l));
  if (l.executionPerTask !== undefined) s += `  ${perTaskSentence(l.executionPerTask, formatBytes)}\n`;
  if (l.container !== undefined) {
    const c = l.container;
    s += `  container request (${c.clusterManager}): ${containerParts(c)} = ${c.totalMiB} MiB\n`;
  }
  s += errorsText(l.startupErrors, index, file);
  if (l.assumptions.length > 0) s += `\nAssumptions:\n${l.assumptions.map((a) => `  - ${a}\n`).join('')}`;
  return s;
}

function memberText(file: string, m: SnappyMemberLayout, index: LineIndex): string {
  let s = `${file}: member ${m.member} (${m.role}) on ${m.host}\n`;
  const rows = memberLayoutRows(m);
  // The heap, then the two percentages in one line, then the regions.
  s += rowsText(rows.filter((r) => r.id === 'heapBytes'));
  s += `  critical-heap-percentage ${javaFloatToString(m.criticalHeapPercentage.value)} (${m.criticalHeapPercentage.origin}), eviction-heap-percentage ${javaFloatToString(m.evictionHeapPercentage.value)} (${m.evictionHeapPercentage.origin})\n`;
  s += rowsText(rows.filter((r) => r.id !== 'heapBytes'));
  if (m.executorCores !== undefined) s += `  executor cores ${m.executorCores.value} (${m.executorCores.origin})\n`;
  s += errorsText(m.startupErrors, index, file);
  if (m.assumptions.length > 0) s += `  Assumptions:\n${m.assumptions.map((a) => `    - ${a}\n`).join('')}`;
  return s;
}

function number(args: ParsedArgs, name: string): number | undefined {
  const v = optionString(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a non-negative number, got ${v}`);
  return n;
}

export function runLayout(args: ParsedArgs, out: (s: string) => void): number {
  if (args.positionals.length !== 1) throw new UsageError('layout needs exactly one file');
  const file = args.positionals[0] ?? '';
  const format = optionChoice(args, 'format', ['text', 'json'] as const) ?? 'text';
  const version = optionSparkVersion(args);
  const memberLine = optionMember(args);
  const loaded: LoadedDocument = loadDocument(file, optionString(args, 'type'));
  let member: number | undefined;
  if (memberLine !== undefined) {
    if (loaded.doc.kind !== 'snappy-members') throw new UsageError('--member applies to SnappyData member files only');
    const count = Math.max(1, loaded.doc.members.length);
    member = memberLine - 1;
    if (member >= count) throw new UsageError(`${file} has ${count} member line(s); there is no member ${memberLine}`);
  }
  const systemMemory = number(args, 'system-memory');
  const shortfall = number(args, 'jvm-shortfall');
  const gc = optionChoice(args, 'gc', GC_CHOICES);
  const java = optionChoice(args, 'java', ['8', '11', '17', '21', '25'] as const);
  const ram = number(args, 'host-ram');
  const cores = number(args, 'host-cores');
  const result: DocumentLayout = layoutOfDocument(
    loaded.doc,
    {
      ...(version !== undefined ? { sparkVersion: version } : {}),
      spark: {
        ...(systemMemory !== undefined ? { systemMemory } : {}),
        ...(shortfall !== undefined ? { jvmMaxMemoryShortfall: shortfall } : {}),
        ...(gc !== undefined ? { gc } : {}),
        ...(java !== undefined ? { javaVersion: Number(java) as JavaVersion } : {}),
      },
      snappy: {
        ...(shortfall !== undefined ? { jvmMaxMemoryShortfall: shortfall } : {}),
        ...(ram !== undefined || cores !== undefined
          ? { host: { ...(ram !== undefined ? { ramBytes: ram } : {}), ...(cores !== undefined ? { cores } : {}) } }
          : {}),
        ...(loaded.leads !== undefined ? { leads: loaded.leads } : {}),
      },
    },
    member,
  );
  const index = new LineIndex(loaded.text);
  if (result.kind === 'spark') {
    const vs = sparkVersionFor(loaded.doc, version).source;
    if (format === 'json') out(JSON.stringify(sparkJson(file, result.layout, index), null, 2) + '\n');
    else
      out(
        sparkText(
          file,
          result.layout,
          index,
          vs === 'setting'
            ? '--spark-version'
            : vs === 'document'
              ? 'from spec.sparkVersion'
              : 'default; choose with --spark-version',
        ),
      );
  } else {
    const role = loaded.doc.kind === 'snappy-members' ? loaded.doc.role : 'server';
    if (format === 'json')
      out(
        JSON.stringify(
          { file, flavour: 'snappydata', role, members: result.members.map((m) => memberJson(m, index)) },
          null,
          2,
        ) + '\n',
      );
    else out(result.members.map((m) => memberText(file, m, index)).join('\n'));
  }
  return 0;
}
