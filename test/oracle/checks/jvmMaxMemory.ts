// Runtime.maxMemory() of real JVMs against the layout's model (src/core/layout/jvmMaxMemory.ts):
// every JDK found (findJdks), every collector it has, heaps from 450m to 64g (fixed awkward sizes
// plus seeded random ones). Each JVM gets `-XX:+Use<GC>GC -Xmx<heap>` plus a small -Xms so a 64g
// heap is only reserved, never touched.
import { CheckResult, OracleCheck } from '../check';
import { findJdks, pool, runJava } from '../javaHomes';
import { jvmMaxMemory } from '../../../src/core/layout/jvmMaxMemory';
import type { GarbageCollector } from '../../../src/core/layout/pageSize';

const MiB = 1024 * 1024;
const FLAGS: Readonly<Record<string, string>> = {
  Serial: 'UseSerialGC',
  Parallel: 'UseParallelGC',
  G1: 'UseG1GC',
  ZGC: 'UseZGC',
  Shenandoah: 'UseShenandoahGC',
};
/** Sizes that cross an alignment: 2 MiB card-table alignment, G1 region steps, the 32 MiB region cap. */
const FIXED_MIB = [450, 500, 777, 1024, 2047, 4097, 9001, 17001, 31 * 1024, 65536, 65537];

function heapsMiB(seed: number): number[] {
  let s = seed >>> 0 || 1;
  const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const random = Array.from({ length: 4 }, () => 450 + Math.floor(rnd() * (65536 - 450)));
  return [...FIXED_MIB, ...random];
}

export const jvmMaxMemoryCheck: OracleCheck = {
  name: 'jvm',
  async run(ctx): Promise<CheckResult> {
    const line = ctx.lines[0];
    if (line === undefined) return { passed: 0, failed: 0, failures: [], notes: [] };
    const compiled = ctx.java.compile(line);
    if (compiled.classpath === undefined) return { passed: 0, failed: 1, failures: [compiled.error ?? ''], notes: [] };
    const cp = compiled.classpath;
    const jdks = findJdks();
    const heaps = heapsMiB(ctx.options.seed);
    const jobs: (() => Promise<string | undefined>)[] = [];
    const notes: string[] = [`JDKs measured: ${jdks.map((j) => `${j.major} (${j.java})`).join(', ')}`];
    for (const jdk of jdks)
      for (const [gc, flag] of Object.entries(FLAGS))
        for (const mib of heaps)
          jobs.push(async () => {
            const r = await runJava(jdk.java, [
              `-XX:+${flag}`,
              `-Xmx${mib}m`,
              '-Xms8m',
              '-XX:-AlwaysPreTouch',
              '-Xshare:auto',
              '-cp',
              cp,
              'sparkmemory.oracle.layout.MaxMemory',
            ]);
            // A JDK built without this collector (or Java 8 without ZGC) says so and is skipped.
            if (r.code !== 0)
              return /Unrecognized VM option|not supported|unsupported/i.test(r.stderr)
                ? 'skip'
                : `Java ${jdk.major} ${gc} -Xmx${mib}m: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`;
            // ZGC prints a max_map_count warning on stdout for large heaps: the figure is the last line.
            const measured = Number(r.stdout.trim().split('\n').pop());
            const model = jvmMaxMemory(mib * MiB, gc as GarbageCollector).maxMemory;
            return measured === model
              ? undefined
              : `Java ${jdk.major} ${gc} -Xmx${mib}m: JVM ${measured}, model ${model}`;
          });
    const results = await pool(jobs, 2);
    const failures = results.filter((r): r is string => r !== undefined && r !== 'skip');
    const measured = results.filter((r) => r !== 'skip').length;
    const skipped = results.length - measured;
    if (skipped > 0) notes.push(`${skipped} runs skipped: collector not in that JDK`);
    if (jdks.length < 2) notes.push('only one JDK found: set SPARK_MEMORY_ORACLE_JDKS to measure another');
    return {
      jvm: { measurements: measured, mismatches: failures.length },
      passed: measured - failures.length,
      failed: failures.length,
      failures,
      notes,
    };
  },
};
