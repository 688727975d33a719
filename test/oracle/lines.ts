// The Spark lines the oracle runs (scripts/oracle/lines.txt) and where their jars' classpath lives
// (written by scripts/oracle/fetch-spark.sh).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SparkLine {
  /** `3.5`, `4.1`, `4.2`, `2.4`. */
  readonly label: string;
  /** The release resolved from Maven Central, e.g. `3.5.9`. */
  readonly release: string;
  readonly scala: string;
  /** The classpath file, or undefined when the jars were not fetched. */
  readonly classpathFile: string;
}

export function oracleCacheDir(): string {
  return process.env['SPARK_MEMORY_ORACLE_CACHE'] ?? join(homedir(), '.cache', 'spark-memory-oracle');
}

export function readLines(root: string): SparkLine[] {
  const text = readFileSync(join(root, 'scripts', 'oracle', 'lines.txt'), 'utf8');
  const out: SparkLine[] = [];
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [label, release, scala] = t.split(/\s+/);
    if (label === undefined || release === undefined || scala === undefined) continue;
    out.push({ label, release, scala, classpathFile: join(oracleCacheDir(), label, 'classpath.txt') });
  }
  return out;
}

/** The classpath of a line, or a message saying how to fetch it. */
export function classpathOf(line: SparkLine): { classpath?: string; missing?: string } {
  const versionFile = join(oracleCacheDir(), line.label, 'version.txt');
  if (!existsSync(line.classpathFile) || !existsSync(versionFile))
    return { missing: `Spark ${line.release} jars not fetched: run scripts/oracle/fetch-spark.sh ${line.label}` };
  if (readFileSync(versionFile, 'utf8').trim() !== line.release)
    return {
      missing: `Spark ${line.label} jars are for another release: run scripts/oracle/fetch-spark.sh ${line.label}`,
    };
  return { classpath: readFileSync(line.classpathFile, 'utf8').trim() };
}
