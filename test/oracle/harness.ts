// Sends programs to the Java harness of one Spark line and returns one output line each. One JVM
// per line stays up for the whole oracle run (the harness reads programs until its stdin closes),
// so batches and the shrinker's many small runs pay the JVM start once.
import { ChildProcessWithoutNullStreams } from 'node:child_process';
import { SparkLine } from './lines';
import { JavaRunner } from './jvm';
import { Program, programJson } from './program';

export interface HarnessRun {
  /** The release the JVM reports (org.apache.spark.SPARK_VERSION). */
  readonly spark: string;
  readonly outputs: string[];
}

class Session {
  private buf = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | undefined;
  private stderr = '';
  private exited: string | undefined;
  spark = '';

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d: string) => {
      this.buf += d;
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        this.lines.push(this.buf.slice(0, i));
        this.buf = this.buf.slice(i + 1);
      }
      this.waiter?.();
    });
    proc.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    proc.on('close', (code) => {
      this.exited = `exited ${code ?? 'on a signal'}: ${this.stderr}`;
      this.waiter?.();
    });
    proc.stdin.on('error', () => undefined);
  }

  async take(n: number): Promise<string[]> {
    while (this.lines.length < n) {
      if (this.exited !== undefined) throw new Error(`the harness ${this.exited}`);
      await new Promise<void>((res) => (this.waiter = res));
      this.waiter = undefined;
    }
    return this.lines.splice(0, n);
  }
}

const sessions = new Map<string, Promise<Session>>();

async function session(java: JavaRunner, line: SparkLine): Promise<Session> {
  let s = sessions.get(line.label);
  if (s === undefined) {
    s = (async () => {
      const built = java.compile(line);
      if (built.classpath === undefined) throw new Error(built.error ?? 'cannot compile the harness');
      const ses = new Session(java.spawn(built.classpath, 'sparkmemory.oracle.ManagerHarness', []));
      const [head] = await ses.take(1);
      ses.spark = (JSON.parse(head ?? '{}') as { spark?: string }).spark ?? '?';
      return ses;
    })();
    sessions.set(line.label, s);
  }
  return s;
}

/** The outputs already promised by earlier calls, per line: each call takes its own lines after them. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Sends programs to the line's JVM at once and resolves with their outputs. Calls may overlap: the
 * programs are written in call order and each call's outputs are the next ones after those of the calls
 * before it, so a caller can keep several batches in flight (the JVM works while Node generates).
 */
export async function runHarness(java: JavaRunner, line: SparkLine, programs: readonly Program[]): Promise<HarnessRun> {
  const pending = session(java, line).then((s) => {
    s.proc.stdin.write(programs.map(programJson).join('\n') + '\n');
    return s;
  });
  const before = queues.get(line.label) ?? Promise.resolve();
  const mine = Promise.all([pending, before.catch(() => undefined)]).then(async ([s]) => ({
    spark: s.spark,
    outputs: await s.take(programs.length),
  }));
  queues.set(line.label, mine);
  return mine;
}

/** Ends every harness JVM (their stdin closes; they exit). */
export async function closeHarnesses(): Promise<void> {
  for (const s of sessions.values()) {
    try {
      (await s).proc.stdin.end();
    } catch {
      /* a session that never started has nothing to close */
    }
  }
  sessions.clear();
  queues.clear();
}
