// One finding of `lint` as the CLI reports it (text, JSON and SARIF all print these), in its own
// file so the SARIF writer and the lint command both import it without importing each other.
import type { Severity } from '../core/rules';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintRecord extends Position {
  /** The path as the user gave it (or as found under a folder they gave). */
  readonly file: string;
  /** The path relative to the working directory, with forward slashes (SARIF). */
  readonly uri: string;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related: ReadonlyArray<Position & { uri: string; message: string }>;
}
