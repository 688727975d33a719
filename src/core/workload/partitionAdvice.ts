// Partition sizing advice, the seeds' rule (../shared/seeds/000_67eaa48a6750acc8.txt, "Partition
// Size Optimization", optimizePartitions): aim at about 128 MB per partition
// (targetSize = 128 * 1024 * 1024), and repartition only when the count that gives it differs from
// the current count by more than 20 % of the current count.
import { formatBytes } from '../size';
import type { Scenario, TaskOp } from './types';

/** optimizePartitions' targetSize: 128 × 1024 × 1024 bytes. */
export const TARGET_PARTITION_BYTES = 128 * 1024 * 1024;
/** optimizePartitions' threshold: |optimal − current| > 20 % of the current count. */
export const PARTITION_COUNT_THRESHOLD = 0.2;

export interface PartitionAdvice {
  readonly partitions: number;
  readonly totalBytes: number;
  /** max(1, ceil(totalBytes / TARGET_PARTITION_BYTES)). */
  readonly advised: number;
}

/** The advice for `partitions` holding `totalBytes` in all, or undefined when the count is within 20 % of it. */
export function partitionAdvice(totalBytes: number, partitions: number): PartitionAdvice | undefined {
  if (!(partitions >= 1) || !(totalBytes > 0) || !Number.isFinite(totalBytes)) return undefined;
  const advised = Math.max(1, Math.ceil(totalBytes / TARGET_PARTITION_BYTES));
  if (Math.abs(advised - partitions) <= partitions * PARTITION_COUNT_THRESHOLD) return undefined;
  return { partitions, totalBytes, advised };
}

/** "stage 3: 8 partitions of about 1.00 GiB (8.00 GiB in all); about 128 MiB per partition gives 64". */
export function partitionAdviceText(what: string, a: PartitionAdvice): string {
  return (
    `${what}: ${a.partitions} partition${a.partitions > 1 ? 's' : ''} of about ${formatBytes(a.totalBytes / a.partitions)} ` +
    `(${formatBytes(a.totalBytes)} in all); about ${formatBytes(TARGET_PARTITION_BYTES)} per partition gives ${a.advised} ` +
    `(${a.advised > a.partitions ? 'more' : 'fewer'} than ${a.partitions} by over ${PARTITION_COUNT_THRESHOLD * 100} %)`
  );
}

/** The data one partition of a stage holds: its largest data op (sizes are per partition). */
function partitionBytes(ops: readonly TaskOp[]): number {
  let max = 0;
  for (const op of ops) {
    if (
      op.op === 'cache' ||
      op.op === 'read' ||
      op.op === 'shuffleSort' ||
      op.op === 'aggregate' ||
      op.op === 'hashJoinBuild'
    )
      max = Math.max(max, op.bytes);
  }
  return max;
}

/** The advice for each stage of a scenario whose partition count is far from about 128 MiB per partition. */
export function scenarioPartitionAdvice(s: Scenario): string[] {
  const out: string[] = [];
  for (const st of s.stages) {
    const a = partitionAdvice(partitionBytes(st.ops) * st.tasks, st.tasks);
    if (a !== undefined) out.push(partitionAdviceText(`"${st.name}"`, a));
  }
  return out;
}
