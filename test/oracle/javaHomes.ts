// The JDKs the JVM-facing checks measure: `java` on PATH (the JDK .ci/run installs) and any other JDK
// under /usr/lib/jvm or in SPARK_MEMORY_ORACLE_JDKS (colon-separated homes), one per major version.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Jdk {
  readonly major: number;
  readonly java: string;
}

function majorOf(java: string): number | undefined {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (m === null) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

export function findJdks(): Jdk[] {
  const candidates = ['java'];
  for (const h of (process.env['SPARK_MEMORY_ORACLE_JDKS'] ?? '').split(':').filter((x) => x !== ''))
    candidates.push(join(h, 'bin', 'java'));
  if (existsSync('/usr/lib/jvm'))
    for (const d of readdirSync('/usr/lib/jvm').sort()) candidates.push(join('/usr/lib/jvm', d, 'bin', 'java'));
  const out: Jdk[] = [];
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue;
    const major = majorOf(java);
    if (major !== undefined && !out.some((j) => j.major === major)) out.push({ major, java });
  }
  return out;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runJava(java: string, args: readonly string[], input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (b: Buffer) => out.push(b));
    p.stderr.on('data', (b: Buffer) => err.push(b));
    p.on('error', (e) => resolve({ code: -1, stdout: '', stderr: e.message }));
    p.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    p.stdin.on('error', () => undefined);
    p.stdin.end(input);
  });
}

/** Runs `jobs` with at most `width` at a time, keeping their order. */
export async function pool<T>(jobs: readonly (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return out;
}
