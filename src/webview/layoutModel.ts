// From the config the host sent (plus what-if values) to what the layout view shows: the parsed
// document, the layout from the one layout function, the table rows (core/layout/rows.ts, the CLI's
// and the hovers' rows too, named as the CLI's JSON fields so the UI test can compare them), the bar
// segments and the problems that stop a run.
// Pure: no DOM.
import { ParsedDocument, layoutOfDocument, parseDocument, sparkConfOf } from '../core/analyze';
import type { SnappyMemberLayout } from '../core/layout/snappyLayout';
import { LayoutRow as CoreRow, memberLayoutRows, rowTitle, rowsIn, sparkLayoutRows } from '../core/layout/rows';
import type { SparkLayout } from '../core/layout/sparkLayout';
import type { StartupError } from '../core/layout/startupError';
import { containerParts } from '../core/layout/container';
import type { MembersDocument } from '../core/parse/members';
import { toHeapSizeString } from '../core/size';
import { parseMembers } from '../core/parse/members';
import { LineIndex } from '../core/text/lineIndex';
import { SparkVersion, parseSparkVersion } from '../core/version';
import type { ConfigPayload } from '../shared/protocol';
import { SPARK_CONTROLS, WhatIf, applyMemberFlags, memberFlags, sparkEffectiveValues, sparkOverrides } from './whatIf';

const WATCHED = SPARK_CONTROLS.map((c) => c.key);

export interface LayoutRow {
  /** The CLI JSON field name (a dotted path for nested ones); the table cell's data-testid is `layout-<id>`. */
  readonly id: string;
  readonly label: string;
  readonly bytes: number;
  readonly note?: string;
}

export interface BarSegment {
  readonly id:
    | 'reserved'
    | 'userMemory'
    | 'storage'
    | 'execution'
    | 'offHeapStorage'
    | 'offHeapExecution'
    | 'overhead'
    | 'heap'
    | 'pyspark';
  readonly label: string;
  readonly bytes: number;
}

export interface Problem {
  readonly source: 'diagnostic' | 'startup';
  readonly message: string;
  readonly code?: string;
  /** 0-based line to reveal, when the problem is in this file. */
  readonly line?: number;
}

export interface ColumnModel {
  readonly title: string;
  readonly rows: readonly LayoutRow[];
  readonly heap: readonly BarSegment[];
  readonly offHeap: readonly BarSegment[];
  readonly container?: { readonly totalMiB: number; readonly parts: readonly BarSegment[]; readonly text: string };
  readonly startupErrors: readonly Problem[];
}

export interface LayoutModel {
  readonly flavour: 'spark' | 'snappydata';
  readonly doc: ParsedDocument;
  /** The document the simulation runs on (what-if flags written into the member line for SnappyData). */
  readonly simDoc: ParsedDocument;
  readonly leads?: MembersDocument;
  readonly sparkVersion?: SparkVersion;
  readonly overrides: Readonly<Record<string, string>>;
  readonly spark?: SparkLayout;
  readonly members?: readonly SnappyMemberLayout[];
  readonly columns: readonly ColumnModel[];
  /** Errors that stop a simulation: error diagnostics of the file, and start-up errors of the simulated executor. */
  readonly blocking: readonly Problem[];
  /** The member the simulation runs (0-based), for SnappyData. */
  readonly member: number;
}

const MiB = 2 ** 20;

function errorLine(e: StartupError, index: LineIndex): number | undefined {
  if (e.spanIn === 'leads') return undefined;
  const span = e.span ?? e.from?.span;
  if (span === undefined || e.from?.uri !== undefined) return undefined;
  return index.positionAt(span.start).line;
}

function startupProblems(errors: readonly StartupError[], index: LineIndex): Problem[] {
  return errors.map((e) => {
    const line = errorLine(e, index);
    return {
      source: 'startup',
      message: `[${e.phase}] ${e.message}`,
      ...(e.errorClass !== undefined ? { code: e.errorClass } : {}),
      ...(line !== undefined ? { line } : {}),
    };
  });
}

/** The layout's rows (core/layout/rows.ts) as the table shows them. */
function panelRows(rows: readonly CoreRow[]): LayoutRow[] {
  return rowsIn(rows, 'panel').map((r) => ({
    id: r.id,
    label: rowTitle(r),
    bytes: r.bytes,
    ...(r.note !== undefined ? { note: r.note } : {}),
  }));
}

function sparkColumn(title: string, l: SparkLayout, index: LineIndex): ColumnModel {
  const u = l.unified;
  const rows = panelRows(sparkLayoutRows(l));
  let heap: BarSegment[] = [];
  let offHeap: BarSegment[] = [];
  if (u !== undefined) {
    if (u.maxOffHeapMemory > 0) {
      offHeap = [
        { id: 'offHeapStorage', label: 'Off-heap storage', bytes: u.offHeapStorageRegionSize },
        { id: 'offHeapExecution', label: 'Off-heap execution', bytes: u.offHeapExecutionPoolSize },
      ];
    }
    heap = [
      { id: 'reserved', label: 'Reserved', bytes: u.reservedMemory },
      { id: 'userMemory', label: 'User memory', bytes: u.userMemory },
      { id: 'storage', label: 'Storage region', bytes: u.onHeapStorageRegionSize },
      { id: 'execution', label: 'Execution region', bytes: u.onHeapExecutionPoolSize },
    ];
  }
  let container: ColumnModel['container'];
  if (l.container !== undefined) {
    const c = l.container;
    const parts: BarSegment[] = [
      { id: 'heap', label: 'Heap', bytes: c.executorMemoryMiB * MiB },
      { id: 'overhead', label: 'Overhead', bytes: c.memoryOverheadMiB * MiB },
      ...(c.offHeapMiB ? [{ id: 'offHeapStorage' as const, label: 'Off-heap', bytes: c.offHeapMiB * MiB }] : []),
      ...(c.pysparkMemoryMiB ? [{ id: 'pyspark' as const, label: 'PySpark', bytes: c.pysparkMemoryMiB * MiB }] : []),
    ];
    const text = `${containerParts(c)} = ${c.totalMiB} MiB`;
    container = { totalMiB: c.totalMiB, parts, text };
  }
  return {
    title,
    rows,
    heap,
    offHeap,
    ...(container !== undefined ? { container } : {}),
    startupErrors: startupProblems(l.startupErrors, index),
  };
}

function memberColumn(m: SnappyMemberLayout, index: LineIndex): ColumnModel {
  const rows = panelRows(memberLayoutRows(m));
  let offHeap: BarSegment[] = [];
  if (m.memorySize.value > 0) {
    offHeap = [
      { id: 'offHeapStorage', label: 'Off-heap storage', bytes: m.offHeapStorageRegionSize ?? 0 },
      { id: 'offHeapExecution', label: 'Off-heap execution', bytes: m.offHeapExecutionPoolSize ?? 0 },
    ];
  }
  const heap: BarSegment[] =
    m.maxHeapMemory === undefined
      ? []
      : [
          { id: 'reserved', label: 'Reserved', bytes: m.reservedMemory ?? 0 },
          { id: 'userMemory', label: 'User memory', bytes: m.userMemory ?? 0 },
          { id: 'storage', label: 'Storage region', bytes: m.onHeapStorageRegionSize ?? 0 },
          { id: 'execution', label: 'Execution region', bytes: m.onHeapExecutionPoolSize ?? 0 },
        ];
  return {
    title: `${m.member}: ${m.host} (${m.role})`,
    rows,
    heap,
    offHeap,
    startupErrors: startupProblems(m.startupErrors, index),
  };
}

export function buildLayoutModel(config: ConfigPayload, whatIf: WhatIf, member = 0): LayoutModel {
  const doc = parseDocument(
    { kind: config.kind, ...(config.role !== undefined ? { role: config.role } : {}) },
    config.text,
  );
  const sparkVersion = config.sparkVersion !== undefined ? parseSparkVersion(config.sparkVersion) : undefined;
  const index = new LineIndex(config.text);
  const problems: Problem[] = config.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ source: 'diagnostic', message: d.message, code: d.code, line: d.line }));
  const overrides = sparkOverrides(whatIf);
  if (doc.kind === 'snappy-members') {
    const leads = config.leadsText !== undefined ? parseMembers(config.leadsText, 'lead') : undefined;
    const opts = { ...(leads !== undefined ? { leads } : {}) };
    const m = Math.min(Math.max(0, member), Math.max(0, doc.members.length - 1));
    const flags = memberFlags(whatIf);
    // A what-if that cannot be written into this line (one that does not start, a value the shell
    // would split) is shown as a problem, and the line is laid out as the file has it.
    const written = applyMemberFlags(doc, m, flags);
    const simDoc = written.ok ? written.doc : doc;
    if (!written.ok) problems.push({ source: 'diagnostic', message: `What-if: ${written.message}` });
    const simIndex = simDoc === doc ? index : new LineIndex(simDoc.text);
    const dl = layoutOfDocument(simDoc, { snappy: opts });
    const members = dl.kind === 'snappydata' ? dl.members : [];
    const columns = members.map((x) => memberColumn(x, simIndex));
    const chosen = columns[m];
    // Each member line starts (or not) on its own: another line's errors do not stop this member's run.
    const lineOf = (offset: number) => index.positionAt(offset).line;
    const ranges = doc.members.map((x) => [lineOf(x.lineSpan.start), lineOf(x.lineSpan.end)] as const);
    const own = ranges[m];
    const mine = problems.filter(
      (p) =>
        p.line === undefined ||
        (own !== undefined && p.line >= own[0] && p.line <= own[1]) ||
        !ranges.some(([a, b]) => p.line! >= a && p.line! <= b),
    );
    return {
      flavour: 'snappydata',
      doc,
      simDoc,
      ...(leads !== undefined ? { leads } : {}),
      overrides,
      members,
      columns,
      member: m,
      blocking: [
        ...mine,
        ...(chosen?.startupErrors ?? []).filter((e) => !mine.some((p) => p.line !== undefined && p.line === e.line)),
      ],
      ...(sparkVersion !== undefined ? { sparkVersion } : {}),
    };
  }
  const dl = layoutOfDocument(doc, { ...(sparkVersion !== undefined ? { sparkVersion } : {}), overrides });
  const spark = dl.kind === 'spark' ? dl.layout : undefined;
  const columns = spark !== undefined ? [sparkColumn(config.fileName, spark, index)] : [];
  // A what-if value replaces the file's: an error diagnostic on a line whose key the what-if sets no longer stops the run.
  const overridden = new Set(Object.keys(overrides));
  const lineKeys = keyLines(doc, index);
  const stillBroken = problems.filter((p) => p.line === undefined || !overridden.has(lineKeys.get(p.line) ?? ''));
  return {
    flavour: 'spark',
    doc,
    simDoc: doc,
    overrides,
    ...(spark !== undefined ? { spark } : {}),
    columns,
    member: 0,
    blocking: [
      ...stillBroken,
      ...(columns[0]?.startupErrors ?? []).filter(
        (e) => !stillBroken.some((p) => p.line !== undefined && p.line === e.line),
      ),
    ],
    ...(sparkVersion !== undefined ? { sparkVersion } : {}),
  };
}

/** Line → the Spark key set on it (for a what-if that fixes a broken line). */
function keyLines(doc: ParsedDocument, index: LineIndex): Map<number, string> {
  const out = new Map<number, string>();
  if (doc.kind === 'snappy-members') return out;
  for (const [key, v] of sparkConfEntries(doc)) if (v !== undefined) out.set(index.positionAt(v).line, key);
  return out;
}

function sparkConfEntries(doc: Exclude<ParsedDocument, MembersDocument>): [string, number | undefined][] {
  const out: [string, number | undefined][] = [];
  const conf = sparkConfOf(doc);
  for (const key of WATCHED) {
    const v = conf.get(key);
    out.push([key, v?.span?.start]);
  }
  return out;
}

/**
 * The value each what-if setting has in effect in the laid-out executor (a default included), as a
 * setting string: where a control starts when the file leaves the setting out.
 */
export function effectiveValues(m: LayoutModel): Record<string, string | undefined> {
  if (m.flavour === 'snappydata') {
    const x = m.members?.[m.member];
    if (x === undefined) return {};
    return {
      '-heap-size': x.heapBytes !== undefined ? toHeapSizeString(x.heapBytes) : undefined,
      '-critical-heap-percentage': String(x.criticalHeapPercentage.value),
      '-eviction-heap-percentage': String(x.evictionHeapPercentage.value),
    };
  }
  const l = m.spark;
  if (l === undefined) return {};
  return sparkEffectiveValues(l);
}
