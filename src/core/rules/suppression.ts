// `# spark-memory-disable-next-line CODE[, CODE...]` (or with no code: every rule) on the line
// before a finding silences it; `# spark-memory-disable CODE` anywhere silences it for the file.
import type { LineIndex, Span } from '../text/lineIndex';

export interface Suppressions {
  /** line (0-based) -> codes silenced on it; an empty set silences every code. */
  readonly nextLine: ReadonlyMap<number, ReadonlySet<string>>;
  readonly file: ReadonlySet<string> | 'all' | undefined;
}

const DIRECTIVE = /spark-memory-disable(-next-line)?(?:[ \t]+([A-Za-z0-9#_,\- \t]+))?\s*$/;

/**
 * `comments` are the spans of comment lines as the document's reader found them; only they are
 * read (not the whole text). `lines` is asked for only when a next-line directive is found.
 * Undefined when no comment holds a directive.
 */
export function findSuppressions(
  text: string,
  comments: readonly Span[],
  lines: () => LineIndex,
): Suppressions | undefined {
  const nextLine = new Map<number, Set<string>>();
  let file: Set<string> | 'all' | undefined;
  let found = false;
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    if (!body.includes('spark-memory-disable')) continue;
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    found = true;
    const codes = new Set(
      (m[2] ?? '')
        .split(/[\s,]+/)
        .filter((s) => s.length > 0)
        .map((s) => s.toUpperCase()),
    );
    if (m[1] !== undefined) {
      const line = lines().positionAt(c.end).line + 1;
      const existing = nextLine.get(line);
      if (existing === undefined) nextLine.set(line, codes);
      else if (codes.size === 0 || existing.size === 0) nextLine.set(line, new Set());
      else for (const code of codes) existing.add(code);
    } else if (codes.size === 0) file = 'all';
    else if (file !== 'all') {
      file = file ?? new Set();
      for (const code of codes) file.add(code);
    }
  }
  return found ? { nextLine, file } : undefined;
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (s.file === 'all' || (s.file !== undefined && s.file.has(code))) return true;
  const set = s.nextLine.get(line);
  return set !== undefined && (set.size === 0 || set.has(code));
}
