// Starts one JVM on a Spark line's classpath with a chosen collector (the layout checks need G1 and
// Parallel, where the managers' own harness runs Serial), with the --add-opens Spark's launcher adds
// on Java 17 (JavaModuleOptions, 3.3+). Spark's log lines on stderr are left there.
import { Run, runJava } from './javaHomes';

/** What Spark's launcher adds on Java 17 (JavaModuleOptions / SparkLauncher, 3.3+); harmless for 2.4. */
export const ADD_OPENS = [
  'java.base/java.lang',
  'java.base/java.lang.invoke',
  'java.base/java.lang.reflect',
  'java.base/java.io',
  'java.base/java.net',
  'java.base/java.nio',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.util.concurrent.atomic',
  'java.base/sun.nio.ch',
  'java.base/sun.nio.cs',
  'java.base/sun.security.action',
  'java.base/sun.util.calendar',
].map((p) => `--add-opens=${p}=ALL-UNNAMED`);

export const GC_FLAGS: Readonly<Record<string, string>> = {
  Serial: '-XX:+UseSerialGC',
  Parallel: '-XX:+UseParallelGC',
  G1: '-XX:+UseG1GC',
  ZGC: '-XX:+UseZGC',
  Shenandoah: '-XX:+UseShenandoahGC',
};

export function runSpark(
  classpath: string,
  mainClass: string,
  jvmArgs: readonly string[],
  input: string,
  args: readonly string[] = [],
  java = 'java',
): Promise<Run> {
  return runJava(
    java,
    ['-XX:TieredStopAtLevel=1', ...jvmArgs, ...ADD_OPENS, '-cp', classpath, mainClass, ...args],
    input,
  );
}

/**
 * The JSON lines a harness printed for `expected` inputs, one each, or the failure to report when it printed
 * fewer or more (its exit code and the end of its stderr say why).
 */
export function harnessResults(
  r: Run,
  expected: number,
): { ok: true; lines: Record<string, unknown>[] } | { ok: false; failure: string } {
  const lines = jsonLines(r.stdout);
  return lines.length === expected
    ? { ok: true, lines }
    : {
        ok: false,
        failure: `the harness printed ${lines.length} of ${expected} results (exit ${r.code}): ${r.stderr.slice(-400)}`,
      };
}

/** The JSON lines a harness printed (anything else on stdout is skipped). */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const l of stdout.split('\n')) {
    if (!l.startsWith('{')) continue;
    try {
      out.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      // not one of ours
    }
  }
  return out;
}
