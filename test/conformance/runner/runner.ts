// Runs the cases of a file once per release their `versions` name.
import { CaseFile, CaseFormatError, ConformanceCase, parseCaseFile } from './schema';
import { versionInRange } from '../../../src/core/version';
import { CaseRelease, releasesForCase } from './versions';
import { runOpsCase } from './opsRunner';
import { runDeriveCase } from './deriveRunner';

export interface CaseResult {
  readonly id: string;
  readonly release: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface RunOptions {
  /** Run every case as this release only (e.g. from `--release 3.3`). */
  readonly release?: CaseRelease;
}

/** Parses and validates a whole file (versions included); throws CaseFormatError. */
export function loadCaseFile(text: string): CaseFile {
  const file = parseCaseFile(text);
  for (const c of file.cases) {
    const { unknown } = releasesForCase(c.versions);
    if (unknown.length > 0)
      throw new CaseFormatError(
        `case "${c.id}": "versions" has entries that name no Spark line: ${unknown.map((u) => JSON.stringify(u)).join(', ')}`,
      );
  }
  return file;
}

export function runCase(c: ConformanceCase, rel: CaseRelease): CaseResult {
  let failures: string[];
  try {
    failures = c.kind === 'ops' ? runOpsCase(c, rel) : runDeriveCase(c, rel);
  } catch (e) {
    failures = [`simulator error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  return { id: c.id, release: rel.label, ok: failures.length === 0, detail: failures.join('; ') };
}

export function runCaseFile(file: CaseFile, opts: RunOptions = {}): CaseResult[] {
  const out: CaseResult[] = [];
  for (const c of file.cases) {
    // A forced release runs only the cases that claim to hold for it.
    const forced = opts.release;
    const rels =
      forced !== undefined
        ? c.versions.some((v) => versionInRange(forced.version, v))
          ? [legacyAware(c, forced)]
          : []
        : releasesForCase(c.versions).releases;
    for (const rel of rels) out.push(runCase(c, rel));
  }
  return out;
}

/** A legacy-mode case keeps its static manager when a release is forced. */
function legacyAware(c: ConformanceCase, rel: CaseRelease): CaseRelease {
  const legacy = c.versions.some((v) => /legacy/i.test(v)) && c.versions.every((v) => /legacy/i.test(v));
  return legacy ? { ...rel, legacy: true, label: `${rel.label} legacy` } : rel;
}

export function formatResult(r: CaseResult): string {
  return r.ok ? `ok ${r.id} @${r.release}` : `FAIL ${r.id} @${r.release}: ${r.detail}`;
}

export { CaseFormatError };
