// Spark release lines the product models. Behaviour that changed inside a line is keyed by the
// release that changed it (e.g. 3.2.0 for SPARK-35486), so a version is a full major.minor.patch.

export interface SparkVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function sparkVersion(major: number, minor: number, patch = 0): SparkVersion {
  return { major, minor, patch };
}

/** The representative release of each line (conformance-format.md "Versions"). */
export const SPARK_2_4: SparkVersion = sparkVersion(2, 4, 8);
export const SPARK_3_5: SparkVersion = sparkVersion(3, 5, 0);
export const SPARK_4_1: SparkVersion = sparkVersion(4, 1, 1);
export const DEFAULT_SPARK_VERSION: SparkVersion = SPARK_3_5;

/** The releases a user can pick; each is the newest patch we model for that minor line. */
export const SUPPORTED_SPARK_VERSIONS: readonly SparkVersion[] = [
  sparkVersion(2, 4, 8),
  sparkVersion(3, 0, 3),
  sparkVersion(3, 1, 3),
  sparkVersion(3, 2, 4),
  sparkVersion(3, 3, 4),
  sparkVersion(3, 4, 4),
  sparkVersion(3, 5, 0),
  sparkVersion(4, 0, 1),
  sparkVersion(4, 1, 1),
];

export function compareVersions(a: SparkVersion, b: SparkVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function atLeast(v: SparkVersion, major: number, minor = 0, patch = 0): boolean {
  return compareVersions(v, sparkVersion(major, minor, patch)) >= 0;
}

export function formatVersion(v: SparkVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

/**
 * Parses `3`, `3.5`, `3.5.1`, `2.x`, `4.x` (a line maps to its representative release).
 * Returns undefined for anything else.
 */
export function parseSparkVersion(text: string): SparkVersion | undefined {
  const t = text.trim().toLowerCase();
  const line = /^([234])(?:\.x)?$/.exec(t);
  if (line) {
    const major = Number(line[1]);
    return major === 2 ? SPARK_2_4 : major === 3 ? SPARK_3_5 : SPARK_4_1;
  }
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const v = sparkVersion(
    Number(m[1]),
    Number(m[2]),
    m[3] === undefined ? latestPatch(Number(m[1]), Number(m[2])) : Number(m[3]),
  );
  if (v.major < 2 || v.major > 4 || (v.major === 2 && v.minor < 4)) return undefined;
  return v;
}

function latestPatch(major: number, minor: number): number {
  const known = SUPPORTED_SPARK_VERSIONS.find((s) => s.major === major && s.minor === minor);
  return known?.patch ?? 0;
}

/**
 * A version range as written in conformance files and the catalog: `3.2+`, `2.x-3.1`, `3.x+`,
 * `2.x`, `4.1+`, `3.3`, `1.6-2.4 (legacy mode)`, and with patch levels `3.4.4+`, `3.0-3.4.3`,
 * `3.5.2` (releases named in SPARK-48642-style back-ports).
 */
export function versionInRange(v: SparkVersion, range: string): boolean {
  const r = range
    .replace(/\(.*\)/, '')
    .trim()
    .toLowerCase();
  const BOUND = '(\\d+)(?:\\.(\\d+|x))?(?:\\.(\\d+))?';
  const plus = new RegExp(`^${BOUND}\\+$`).exec(r);
  if (plus) return compareVersions(v, lowerBound(plus[1], plus[2], plus[3])) >= 0;
  const span = new RegExp(`^${BOUND}\\s*-\\s*${BOUND}$`).exec(r);
  if (span) {
    if (compareVersions(v, lowerBound(span[1], span[2], span[3])) < 0) return false;
    return withinUpperBound(v, span[4], span[5], span[6]);
  }
  const one = new RegExp(`^${BOUND}$`).exec(r);
  if (one)
    return compareVersions(v, lowerBound(one[1], one[2], one[3])) >= 0 && withinUpperBound(v, one[1], one[2], one[3]);
  return false;
}

function lowerBound(major: string | undefined, minor: string | undefined, patch: string | undefined): SparkVersion {
  return sparkVersion(
    Number(major),
    minor === undefined || minor === 'x' ? 0 : Number(minor),
    patch === undefined ? 0 : Number(patch),
  );
}

/** An upper bound covers the whole line (`3`, `3.x`), minor (`3.4`) or exactly one patch (`3.4.3`). */
function withinUpperBound(
  v: SparkVersion,
  major: string | undefined,
  minor: string | undefined,
  patch: string | undefined,
): boolean {
  const hiMajor = Number(major);
  if (v.major !== hiMajor) return v.major < hiMajor;
  if (minor === undefined || minor === 'x') return true;
  const hiMinor = Number(minor);
  if (v.minor !== hiMinor) return v.minor < hiMinor;
  return patch === undefined || v.patch <= Number(patch);
}
