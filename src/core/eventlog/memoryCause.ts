// Which failure texts speak of memory. The phrases are the ones the JVM, Spark and the cluster
// managers print: OutOfMemoryError's messages (Java heap space, GC overhead limit exceeded, Direct
// buffer memory, Metaspace); SparkOutOfMemoryError ("Unable to acquire N bytes of memory",
// TaskMemoryManager / MemoryConsumer); YARN's "Container killed by YARN for exceeding memory limits"
// / "running beyond physical memory limits" (YarnAllocator); Kubernetes' "OOMKilled"; and the exit
// codes 137 (SIGKILL: the kernel or a container runtime's OOM killer) and 143 (SIGTERM, what YARN
// sends first when it kills a container; YarnAllocator names both).
import type { MemoryFailureKind } from './types';

export function memoryCause(text: string): MemoryFailureKind | undefined {
  if (/SparkOutOfMemoryError|Unable to acquire \d+ bytes of memory/.test(text)) return 'SparkOutOfMemoryError';
  if (/OutOfMemoryError|Java heap space|GC overhead limit exceeded|Direct buffer memory|Metaspace/.test(text))
    return 'OutOfMemoryError';
  if (/exceeding memory limits|beyond (physical|virtual) memory limits|OOMKilled/i.test(text))
    return 'container killed (memory limit)';
  if (/exit (code|status)( is)?[:=]?\s*137\b|exitCode[:=]\s*137\b/i.test(text)) return 'exit code 137';
  if (/exit (code|status)( is)?[:=]?\s*143\b|exitCode[:=]\s*143\b/i.test(text)) return 'exit code 143';
  return undefined;
}

/** Removal reasons that are not a loss: dynamic allocation releasing an idle executor, the end of the app. */
export function isOrderlyRemoval(reason: string): boolean {
  return /explicit termination request|Executor killed by driver|decommission|Application .* (finished|killed)|stopped by driver/i.test(
    reason,
  );
}
