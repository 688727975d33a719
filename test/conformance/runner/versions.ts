// Which release a case runs as for each Spark line in its `versions` (conformance-format.md
// "Versions"): 2.x → 2.4, 3.x → 3.5, 4.x → 4.1, 3.3+ → 3.5, 4.1+ → 4.1, legacy mode → 2.4 static.
import {
  SPARK_2_4,
  SPARK_3_5,
  SPARK_4_1,
  SparkVersion,
  compareVersions,
  parseSparkVersion,
  sparkVersion,
  versionInRange,
} from '../../../src/core/version';

export interface CaseRelease {
  readonly version: SparkVersion;
  /** Legacy mode: the static manager. */
  readonly legacy: boolean;
  /** How the release is named in output lines (`3.5`, `2.4 legacy`). */
  readonly label: string;
}

const LINE_REP: Readonly<Record<number, SparkVersion>> = { 2: SPARK_2_4, 3: SPARK_3_5, 4: SPARK_4_1 };

function release(v: SparkVersion, legacy = false): CaseRelease {
  return { version: v, legacy, label: `${v.major}.${v.minor}${legacy ? ' legacy' : ''}` };
}

/** The release a `versions` entry stands for, or undefined if the entry is not understood. */
export function releaseForLine(entry: string): CaseRelease | undefined {
  const t = entry.trim().toLowerCase();
  if (/legacy/.test(t)) return release(SPARK_2_4, true);
  const plus = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+))?\+$/.exec(t);
  if (plus) {
    const major = Number(plus[1]);
    const rep = LINE_REP[major];
    if (rep === undefined) return undefined;
    const minor = plus[2] === undefined || plus[2] === 'x' ? 0 : Number(plus[2]);
    const lo = sparkVersion(major, minor, plus[3] === undefined ? 0 : Number(plus[3]));
    // The line's representative if it is in range, else the lowest release named.
    return release(compareVersions(rep, lo) >= 0 ? rep : lo);
  }
  const span = /^(\d+)(?:\.(\d+|x))?\s*-\s*(\d+)(?:\.(\d+|x))?$/.exec(t);
  if (span) {
    for (let major = Number(span[1]); major <= Number(span[3]); major++) {
      const rep = LINE_REP[major];
      if (rep !== undefined && versionInRange(rep, t)) return release(rep);
    }
    const lo = parseSparkVersion(`${span[1]}.${span[2] === undefined || span[2] === 'x' ? 0 : span[2]}`);
    return lo === undefined ? undefined : release(lo);
  }
  const v = parseSparkVersion(t);
  return v === undefined ? undefined : release(v);
}

/** The distinct releases a case runs as, in the order its lines are listed. */
export function releasesForCase(versions: readonly string[]): { releases: CaseRelease[]; unknown: string[] } {
  const releases: CaseRelease[] = [];
  const unknown: string[] = [];
  for (const e of versions) {
    const r = releaseForLine(e);
    if (r === undefined) unknown.push(e);
    else if (!releases.some((x) => x.label === r.label)) releases.push(r);
  }
  return { releases, unknown };
}

/** An explicit release from the command line (`--release 3.3`), applied to every case. */
export function parseReleaseOption(text: string): CaseRelease | undefined {
  const r = releaseForLine(text);
  return r;
}
