// The one-line summary of the active config's executor for the status bar: heap, unified region,
// tasks at once and each task's execution share (1/2N..1/N of the pool, ExecutionMemoryPool), or
// that Spark refuses the config. For a SnappyData file, its first data server (else first member).
import { formatBytes } from '../size';
import type { EditorAnalysis } from './analysis';
import { memberHint } from './layoutFacts';

export interface ExecutorStatus {
  /** Short: `4.00 GiB heap · unified 2.22 GiB · 4 tasks × 284–568 MiB`. */
  readonly text: string;
  /** Longer, one fact a line. */
  readonly tooltip: string;
  /** Spark (or SnappyData's launcher) refuses the config: the text says so instead of sizes. */
  readonly refused: boolean;
}

function sparkStatus(a: EditorAnalysis): ExecutorStatus | undefined {
  const l = a.layout();
  if (l === undefined || l.kind !== 'spark') return undefined;
  const layout = l.layout;
  const first = layout.startupErrors[0];
  if (first !== undefined) {
    return { text: 'Spark refuses this config', tooltip: first.message, refused: true };
  }
  const parts = [`${formatBytes(layout.executorMemory)} heap`];
  const lines = [`Executor heap (-Xmx): ${formatBytes(layout.executorMemory)}`];
  const u = layout.unified;
  if (u !== undefined) {
    parts.push(`unified ${formatBytes(u.maxHeapMemory)}`);
    lines.push(`Unified region (maxHeapMemory): ${formatBytes(u.maxHeapMemory)}`);
    lines.push(`Storage region: ${formatBytes(u.onHeapStorageRegionSize)}; user memory: ${formatBytes(u.userMemory)}`);
  }
  const t = layout.executionPerTask;
  if (t !== undefined) {
    parts.push(
      `${t.concurrentTasks} task${t.concurrentTasks === 1 ? '' : 's'} × ${formatBytes(t.minPerTask)}–${formatBytes(t.maxPerTask)}`,
    );
    lines.push(
      `Tasks at once: ${t.concurrentTasks}; execution per task: ${formatBytes(t.minPerTask)} (1/2N) to ${formatBytes(t.maxPerTask)} (1/N)`,
    );
  }
  return { text: parts.join(' · '), tooltip: lines.join('\n'), refused: false };
}

function memberStatus(a: EditorAnalysis): ExecutorStatus | undefined {
  const l = a.layout();
  if (l === undefined || l.kind !== 'snappydata') return undefined;
  const member = l.members.find((m) => m.role === 'server') ?? l.members[0];
  if (member === undefined) return undefined;
  const parts = memberHint(member);
  if (parts === undefined) return undefined;
  const refused = member.startupErrors.length > 0;
  const name = `${member.host} (${member.role} ${member.member})`;
  return {
    text: refused ? `${member.host} does not start` : `${member.host}: ${parts.join(' · ')}`,
    tooltip: refused ? (member.startupErrors[0]?.message ?? '') : `${name}\n${parts.join('\n')}`,
    refused,
  };
}

export function executorStatus(a: EditorAnalysis): ExecutorStatus | undefined {
  return a.doc.kind === 'snappy-members' ? memberStatus(a) : sparkStatus(a);
}
