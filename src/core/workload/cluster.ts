// A SnappyData cluster side by side: every member of a servers/leads/locators set with its heap
// and thresholds, and the same scenario run on each data server's own memory manager, so a person
// sees which server reaches critical-heap-percentage first. The numbers come from the layout
// (snappyLayouts) and the simulation (simulateWorkload); the panel only draws them.
import { snappyLayouts, type SnappyLayoutOptions } from '../layout/snappyLayout';
import type { MembersDocument } from '../parse/members';
import type { Scenario } from './types';
import { executorSourceOfDocument } from './executor';
import { simulateWorkload } from './engine';
import type { SimResult } from './types';

export interface ClusterFiles {
  readonly servers?: MembersDocument;
  readonly leads?: MembersDocument;
  readonly locators?: MembersDocument;
}

/** What one data server's run shows about its heap. */
export interface ClusterServerRun {
  /** Simulated time the heap in use (pools on heap + untracked) first reached the critical threshold. */
  readonly firstCriticalMs: number | undefined;
  readonly peakHeapUsed: number;
  readonly lowMemoryExceptions: number;
  readonly tableBytesEvicted: number;
  /** "completed", or why the run stopped. */
  readonly outcome: string;
}

export interface ClusterMember {
  readonly role: 'server' | 'lead' | 'locator';
  /** 1-based line in its file. */
  readonly member: number;
  readonly host: string;
  readonly heapBytes: number | undefined;
  readonly criticalThresholdBytes: number | undefined;
  readonly evictionThresholdBytes: number | undefined;
  /** Start-up error, or why no run (locators run no executor; leads run no table data). */
  readonly note: string | undefined;
  readonly run: ClusterServerRun | undefined;
}

export interface ClusterView {
  readonly scenario: string;
  readonly members: readonly ClusterMember[];
  /** Index into `members` of the server that reaches critical first, if any does. */
  readonly firstCritical: number | undefined;
}

/** Heap in use over the run and the first time it reached `critical` bytes. */
export function heapCrossing(r: SimResult, critical: number | undefined): { peak: number; first: number | undefined } {
  const s = r.series;
  let peak = 0;
  let first: number | undefined;
  for (let i = 0; i < s.t.length; i++) {
    const used = (s.onHeapStorageUsed[i] ?? 0) + (s.onHeapExecutionUsed[i] ?? 0) + (s.untracked[i] ?? 0);
    if (used > peak) peak = used;
    if (first === undefined && critical !== undefined && used >= critical) first = s.t[i];
  }
  return { peak, first };
}

function runServer(
  doc: MembersDocument,
  member: number,
  scenario: Scenario,
  opts: SnappyLayoutOptions,
  critical: number | undefined,
): ClusterServerRun | string {
  const src = executorSourceOfDocument(doc, { member, snappy: opts });
  if (!src.ok) return src.message;
  const r = simulateWorkload(src.source, scenario);
  const { peak, first: sampled } = heapCrossing(r, critical);
  // The heap monitor's own CRITICAL_UP is exact; the sampled series may have been thinned out.
  const up = r.events.find((e) => e.kind === 'lowMemory' && / above heap critical threshold$/.test(e.message))?.t;
  const first = up !== undefined && (sampled === undefined || up < sampled) ? up : sampled;
  return {
    firstCriticalMs: first,
    peakHeapUsed: peak,
    lowMemoryExceptions: r.summary.lowMemoryExceptions,
    tableBytesEvicted: r.summary.tableBytesEvicted ?? 0,
    outcome:
      r.summary.stoppedAt ??
      (r.summary.failedTasks > 0 ? `${r.summary.failedTasks} failed task attempt(s)` : 'completed'),
  };
}

/** Lays out every member and runs `scenario` on each data server. */
export function clusterView(files: ClusterFiles, scenario: Scenario, host?: SnappyLayoutOptions['host']): ClusterView {
  const members: ClusterMember[] = [];
  const opts: SnappyLayoutOptions = {
    ...(files.leads !== undefined ? { leads: files.leads } : {}),
    ...(files.servers !== undefined ? { servers: files.servers } : {}),
    ...(host !== undefined ? { host } : {}),
  };
  const roles: ['server' | 'lead' | 'locator', MembersDocument | undefined][] = [
    ['locator', files.locators],
    ['lead', files.leads],
    ['server', files.servers],
  ];
  for (const [role, doc] of roles) {
    if (doc === undefined) continue;
    for (const l of snappyLayouts(doc, opts)) {
      const err = l.startupErrors[0];
      let run: ClusterServerRun | undefined;
      let note: string | undefined = err !== undefined ? err.message : undefined;
      if (err === undefined && role === 'server') {
        const r = runServer(doc, l.member, scenario, opts, l.criticalThresholdBytes);
        if (typeof r === 'string') note = r;
        else run = r;
      } else if (err === undefined) {
        note = role === 'locator' ? 'a locator runs no executor' : 'the lead holds no table data';
      }
      members.push({
        role,
        member: l.member,
        host: l.host,
        heapBytes: l.heapBytes,
        criticalThresholdBytes: l.criticalThresholdBytes,
        evictionThresholdBytes: l.evictionThresholdBytes,
        note,
        run,
      });
    }
  }
  let firstCritical: number | undefined;
  members.forEach((m, i) => {
    const t = m.run?.firstCriticalMs;
    if (t === undefined) return;
    const best = firstCritical === undefined ? undefined : members[firstCritical]?.run?.firstCriticalMs;
    if (best === undefined || t < best) firstCritical = i;
  });
  return { scenario: scenario.name, members, firstCritical };
}
