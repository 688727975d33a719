// Spark's own test event logs as an oracle of Runtime.maxMemory: each SparkListenerBlockManagerAdded
// carries the "Maximum Memory" Spark computed in a real JVM, beside the run's Spark properties and JVM
// Information. For every executor whose JVM and heap the log lets us know, the product's prediction
// (the layout of the log's properties with the jvmMaxMemory model of the run's Java version,
// src/core/eventlog/analysis.ts) must equal it to the byte; for the others the verdict says why the
// heap or the JVM cannot be known. No JVM runs: the logs are the real runs (fixtures from
// apache/spark core/src/test/resources/spark-events, see test/fixtures/spark-events/README.md).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun, javaVersionOfLog, readEventLog } from '../../src/core/eventlog';
import type { EventLogFacts } from '../../src/core/eventlog/types';

export interface MaxMemoryVerdict {
  readonly log: string;
  readonly executor: string;
  /** Whether the log lets the heap and the JVM be known (then the prediction must match). */
  readonly known: boolean;
  readonly observed?: number;
  readonly predicted?: number;
  /** Why it cannot be known, or the analysis's own note (agreement or the difference). */
  readonly reason: string;
}

/** How the driver JVM was started: sun.java.command's main class from the log's System Properties. */
function driverMainClass(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.includes('"SparkListenerEnvironmentUpdate"')) continue;
    try {
      const e = JSON.parse(line) as { 'System Properties'?: Record<string, string> };
      const cmd = e['System Properties']?.['sun.java.command'];
      if (cmd !== undefined) return cmd.split(' ')[0];
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Why this executor's JVM heap or collector cannot be known from the log, or undefined when both can:
 * executors get -Xmx from spark.executor.memory (its default when unset: the launchers write
 * -Xmx<spark.executor.memory>m); the driver from spark.driver.memory when spark-submit (client mode)
 * or YARN's ApplicationMaster (cluster mode) started it.
 */
function unknownBecause(facts: EventLogFacts, executor: string, mainClass: string | undefined): string | undefined {
  const spark = facts.application.sparkVersion;
  if (spark === undefined)
    return 'the log names no Spark version (SparkListenerLogStart came with 1.3): a 1.x run, whose memory managers are not modelled';
  if (!/^[2-9]\./.test(spark))
    return `Spark ${spark}: the 1.x memory managers (static before 1.6, unified with fraction 0.75 in 1.6) are not modelled`;
  if (javaVersionOfLog(facts) === undefined)
    return 'the log has no JVM Information: the Java version, hence the default collector, is unknown';
  if (executor !== 'driver' && executor !== '<driver>') return undefined;
  if (mainClass === undefined)
    return 'the log has no System Properties: how the driver JVM was started, hence its -Xmx, is unknown';
  if (mainClass !== 'org.apache.spark.deploy.SparkSubmit' && !mainClass.endsWith('.ApplicationMaster'))
    return `the driver JVM was started by ${mainClass}, not by spark-submit: its -Xmx is not in the log`;
  return undefined;
}

/** One verdict per executor with a BlockManagerAdded in each log of `dir`. */
export function maxMemoryVerdicts(dir: string): MaxMemoryVerdict[] {
  const out: MaxMemoryVerdict[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.endsWith('.md') || !statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const facts = readEventLog([{ name, chunks: [bytes] }]);
    const mainClass = driverMainClass(bytes.toString('utf8'));
    for (const x of analyzeRun(facts).executors) {
      const m = x.maxMemory;
      if (m.observedOnHeap === undefined) continue;
      const why = unknownBecause(facts, x.id, mainClass);
      out.push({
        log: name,
        executor: x.id,
        known: why === undefined,
        observed: m.observedOnHeap,
        ...(m.predictedOnHeap !== undefined ? { predicted: m.predictedOnHeap } : {}),
        reason: why ?? m.note,
      });
    }
  }
  return out;
}
