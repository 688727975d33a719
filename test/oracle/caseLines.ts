// Whether a case's `versions` entry covers a Spark line's release (conformance-format.md
// "Versions"): `3.x`, `4.x`, `3.3+`, `2.x-3.1`, `4.1+` are ranges over releases.
import { SparkVersion, versionInRange } from '../../src/core/version';

export function caseCheckLines(entry: string, v: SparkVersion): boolean {
  return versionInRange(v, entry.trim());
}
