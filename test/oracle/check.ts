// The oracle's pluggable checks: each module runs one family of comparisons against Spark's real
// classes (managers, layout grid, JVM maxMemory, SparkContext, event logs, start-up errors) and
// returns its figures; main.ts merges them into one report. Add a check by writing a module that
// exports an OracleCheck and listing it in checks/index.ts.
import { SparkLine } from './lines';
import { JavaRunner } from './jvm';

/** Figures per Spark line, as `npm run oracle -- --json` prints them. */
export interface LineFigures {
  sequences: number;
  divergences: number;
  casesRun: number;
  caseDisagreements: number;
  layoutPoints: number;
  layoutMismatches: number;
  errorCases: number;
  errorMismatches: number;
}

/** A line's figures before any check has added to them. */
export const NO_FIGURES: Readonly<LineFigures> = {
  sequences: 0,
  divergences: 0,
  casesRun: 0,
  caseDisagreements: 0,
  layoutPoints: 0,
  layoutMismatches: 0,
  errorCases: 0,
  errorMismatches: 0,
};

export interface OracleReport {
  lines: ({ spark: string } & LineFigures)[];
  jvm: { measurements: number; mismatches: number };
  sparkContext: { configs: number; mismatches: number };
  eventLogs: { checked: number; mismatches: number };
}

export interface CheckOptions {
  /** `--long`: millions of fuzz sequences instead of the CI count. */
  readonly long: boolean;
  /** `--seed N`: the fuzzer's first seed (default fixed, so a CI run is reproducible). */
  readonly seed: number;
  /** `--sequences N`: fuzz sequences per line (overrides the default and --long). */
  readonly sequences?: number;
}

export interface CheckContext {
  readonly lines: readonly SparkLine[];
  readonly java: JavaRunner;
  readonly options: CheckOptions;
  /** Repository root (case files, scripts/oracle). */
  readonly root: string;
  /** A progress or detail line for people (stderr in --json mode). */
  log(message: string): void;
}

/** What one check adds to the report. Counts add up; `failures` are the mismatch lines to show. */
export interface CheckResult {
  /** Keyed by SparkLine.label. */
  readonly lines?: Readonly<Record<string, Partial<LineFigures>>>;
  readonly jvm?: Partial<OracleReport['jvm']>;
  readonly sparkContext?: Partial<OracleReport['sparkContext']>;
  readonly eventLogs?: Partial<OracleReport['eventLogs']>;
  /** Comparisons that agreed / disagreed (the tier's `N passed, N failed`). */
  readonly passed: number;
  readonly failed: number;
  /** One line per disagreement (shrunk sequences, case ids), and documented differences. */
  readonly failures: readonly string[];
  readonly notes: readonly string[];
}

export interface OracleCheck {
  /** Short name used by `--only NAME` and in the output. */
  readonly name: string;
  run(ctx: CheckContext): Promise<CheckResult>;
}
