// How much work the editor features do per document. Above these sizes a file is not analysed at
// all (one information diagnostic says so) so that a huge file, a megabyte on one line or binary
// garbage cannot stall the editor. The limits are per document kind because the readers differ in
// cost: spark-defaults.conf reads at about 100 ms per 10,000 ordinary lines (420,000 characters),
// SnappyData member lines go through a bash and shell-word emulation that is several times slower,
// and no real member file has more than a few hundred lines.
import type { DocumentKind } from '../document/kind';

export const MAX_ANALYSED_CHARS: Readonly<Record<DocumentKind, number>> = {
  'spark-defaults': 2_000_000,
  'spark-application': 1_000_000,
  'snappy-members': 250_000,
};

/**
 * Bytes of one file the command line reads. Far above any real config file (a 1,000,000-line
 * spark-defaults.conf has about 30 MB) and low enough that the reader, the lint and the output of
 * the largest accepted file stay within a few GB of memory; /dev/zero-like inputs are refused
 * before this by not being regular files.
 */
export const MAX_CLI_FILE_BYTES = 128 * 1024 * 1024;

/** Characters of the current line before the cursor that completion looks at. */
export const MAX_COMPLETION_LINE_CHARS = 10_000;

/** Lines completion walks up to find the YAML mapping the cursor is in. */
export const MAX_COMPLETION_SCAN_LINES = 500;

export interface TooLarge {
  readonly size: number;
  readonly limit: number;
  readonly message: string;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Undefined when a text of `size` characters is analysed; otherwise why not. */
export function tooLargeToAnalyse(kind: DocumentKind, size: number): TooLarge | undefined {
  const limit = MAX_ANALYSED_CHARS[kind];
  if (size <= limit) return undefined;
  return {
    size,
    limit,
    message:
      `Spark Memory does not check this file: it has ${grouped(size)} characters, more than the ${grouped(limit)} it analyses in the editor. ` +
      'Diagnostics, hovers, hints and the outline are off for it; the command line (node dist/cli.js lint) checks files up to 128 MiB.',
  };
}
