// Finds Java, compiles the harness in scripts/oracle/spark/src against one Spark line's jars (javac,
// no Scala compiler) and runs it. The compiled classes are cached per line and per source hash.
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SparkLine, classpathOf, oracleCacheDir } from './lines';
import { Run, runJava } from './javaHomes';
import { ADD_OPENS } from './sparkJvm';

export type JavaResult = Run;

export class JavaRunner {
  constructor(private readonly root: string) {}

  /** undefined when java and javac (17 or newer) are usable, else the one line saying what to install. */
  static missing(): string | undefined {
    const v = spawnSync('javac', ['-version'], { encoding: 'utf8' });
    if (v.error !== undefined || v.status !== 0)
      return 'oracle: javac is missing: install Java 17 and Maven (apt-get install openjdk-17-jdk-headless maven), as .ci/run does';
    const m = /javac (\d+)/.exec(`${v.stdout}${v.stderr}`);
    if (m !== null && Number(m[1]) < 17)
      return `oracle: javac ${m[1]} is too old: install Java 17 (openjdk-17-jdk-headless)`;
    const j = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (j.error !== undefined || j.status !== 0) return 'oracle: java is missing: install openjdk-17-jdk-headless';
    return undefined;
  }

  get sourceDir(): string {
    return join(this.root, 'scripts', 'oracle', 'spark', 'src', 'main', 'java');
  }

  private sources(): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e.endsWith('.java')) out.push(p);
      }
    };
    walk(this.sourceDir);
    return out.sort();
  }

  /** Compiles the harness for a line (once per source version); returns the classpath to run with. */
  compile(line: SparkLine): { classpath?: string; error?: string } {
    const cp = classpathOf(line);
    if (cp.classpath === undefined) return { error: cp.missing ?? 'no classpath' };
    const srcs = this.sources();
    const h = createHash('sha256');
    for (const s of srcs) h.update(s).update(readFileSync(s));
    const out = join(oracleCacheDir(), line.label, `classes-${h.digest('hex').slice(0, 16)}`);
    if (!existsSync(join(out, '.done'))) {
      mkdirSync(out, { recursive: true });
      const r = spawnSync('javac', ['-nowarn', '-encoding', 'UTF-8', '-d', out, '-cp', cp.classpath, ...srcs], {
        encoding: 'utf8',
      });
      if (r.status !== 0) return { error: `javac against Spark ${line.release} failed:\n${r.stdout}${r.stderr}` };
      spawnSync('touch', [join(out, '.done')]);
    }
    return { classpath: `${out}:${cp.classpath}` };
  }

  /** JVM options: Spark's --add-opens, quiet logging; C1 only unless `fullJit` (a long timed loop). */
  jvmArgs(fullJit = false): string[] {
    return [
      '-Xss4m',
      '-XX:+UseSerialGC',
      // C1 only: the harness runs each program once on fresh objects, so C2's compilations cost more
      // than they return (20,000 sequences of 4.1.3: 12 s of JVM CPU with C1, about 40 s with C2).
      ...(fullJit ? [] : ['-XX:TieredStopAtLevel=1']),
      // Spark logs at ERROR only (log4j 2 from 3.3, log4j 1 before): the harness's stdout is data.
      `-Dlog4j2.configurationFile=${join(this.root, 'scripts', 'oracle', 'spark', 'log4j2.properties')}`,
      `-Dlog4j.configuration=file:${join(this.root, 'scripts', 'oracle', 'spark', 'log4j.properties')}`,
      ...ADD_OPENS,
    ];
  }

  /** Starts a harness main class that reads its stdin as it comes (see harness.ts). */
  spawn(classpath: string, mainClass: string, args: readonly string[]): ChildProcessWithoutNullStreams {
    return spawn('java', [...this.jvmArgs(), '-cp', classpath, mainClass, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Runs a harness main class with `input` on stdin. */
  run(classpath: string, mainClass: string, args: readonly string[], input: string): Promise<JavaResult> {
    return runJava('java', [...this.jvmArgs(), '-cp', classpath, mainClass, ...args], input);
  }
}
