// The HotSpot `-Xmx`/`-Xms` grammar (JDK 17 arguments.cpp atojulong + parse_memory_size), which
// Spark's launcher and SnappyData's `-heap-size` hand values to verbatim. Verified on JDK 17:
// `2g`, `2G`, `2048m`, `2t`, `0x80000000` work; `2gb`, `1.5g`, `+2g`, `` and `0` are
// "Invalid maximum heap size"; a heap under about 2 MiB fails with "Too small maximum heap".

export type JvmSizeResult =
  { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly error: string };

const SUFFIX_SHIFT: Readonly<Record<string, bigint>> = { k: 10n, m: 20n, g: 30n, t: 40n };
const ULONG_MAX = (1n << 64n) - 1n;

/** Smallest -Xmx that JDK 17 (G1, x86_64) started with in our checks: 1m and 1024k were too small, 3m was fine. */
export const JVM_TOO_SMALL_HEAP_BYTES = 2 * 1024 * 1024;

/** Parses the text after `-Xmx`; the error is the JVM's own first line for `-Xmx<text>`. */
export function parseJvmHeapSize(text: string, flag: '-Xmx' | '-Xms' = '-Xmx'): JvmSizeResult {
  const invalid: JvmSizeResult = {
    ok: false,
    error: flag === '-Xmx' ? `Invalid maximum heap size: ${flag}${text}` : `Invalid initial heap size: ${flag}${text}`,
  };
  const first = text.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return invalid;
  const hex = text.length > 1 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X');
  const digits = hex ? /^0[xX]([0-9a-fA-F]*)/.exec(text) : /^([0-9]+)/.exec(text);
  const body = digits?.[1] ?? '';
  // strtoull on "0x" with no hex digits reads just the "0".
  const consumed = hex && body.length === 0 ? 1 : (digits?.[0].length ?? 0);
  const n = hex ? (body.length === 0 ? 0n : BigInt('0x' + body)) : BigInt(body);
  if (n > ULONG_MAX) return invalid;
  const rest = text.slice(consumed);
  if (rest.length > 1) return invalid;
  let bytes = n;
  if (rest.length === 1) {
    const shift = SUFFIX_SHIFT[rest.toLowerCase()];
    if (shift === undefined) return invalid;
    bytes = n << shift;
    if (bytes > ULONG_MAX) return invalid;
  }
  if (bytes === 0n) return invalid;
  if (flag === '-Xmx' && bytes < BigInt(JVM_TOO_SMALL_HEAP_BYTES)) {
    return { ok: false, error: 'Error occurred during initialization of VM\nToo small maximum heap' };
  }
  return { ok: true, bytes: Number(bytes) };
}

/** True when `text` would pass the -Xmx grammar (whatever its size). */
export function isJvmSizeSyntax(text: string): boolean {
  return /^(?:[0-9]+|0[xX][0-9a-fA-F]+)[kKmMgGtT]?$/.test(text);
}

const SHIFT_OF_UNIT: Readonly<Record<string, number>> = { k: 10, m: 20, g: 30, t: 40, p: 50 };

/**
 * The nearest size the JVM accepts for a heap value people write the way other tools read sizes
 * (`4gb`, `4GB`, `4Gi`, `1.5g`, `1p`), or for a bare number that is too small to be bytes
 * (`4096` read as MB). Undefined when the text already passes or no reading is obvious. A
 * fractional value is rounded to whole MB (whole KB below 1 MB).
 */
export function suggestJvmHeapSize(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d+(?:\.\d*)?|\.\d+)([kKmMgGtTpP])?([iI]?[bB]?)$/.exec(t);
  if (m === null) return undefined;
  const num = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  const tail = m[3] ?? '';
  if (!Number.isFinite(num) || num <= 0) return undefined;
  let suggestion: string;
  if (unit === undefined) {
    // A bare number (or `<n>b`): bytes to the JVM. Only a too-small whole number reads as MB.
    if (!Number.isInteger(num) || tail.toLowerCase() === 'ib' || tail.toLowerCase() === 'i') return undefined;
    if (tail === '' && parseJvmHeapSize(t).ok) return undefined;
    suggestion = num >= JVM_TOO_SMALL_HEAP_BYTES ? toJvmSize(num) : `${num}m`;
  } else {
    const shift = SHIFT_OF_UNIT[unit] ?? 0;
    const bytes = num * 2 ** shift;
    suggestion =
      Number.isInteger(bytes) && bytes % 1024 === 0
        ? toJvmSize(bytes)
        : bytes >= 2 ** 20
          ? `${Math.round(bytes / 2 ** 20)}m`
          : `${Math.max(1, Math.round(bytes / 1024))}k`;
  }
  if (suggestion === t || !parseJvmHeapSize(suggestion).ok) return undefined;
  return suggestion;
}

/** The shortest exact -Xmx string for a byte count (t, g, m or k; bytes rounded up to whole KB). */
function toJvmSize(bytes: number): string {
  for (const [suffix, shift] of [
    ['t', 40],
    ['g', 30],
    ['m', 20],
    ['k', 10],
  ] as const) {
    if (bytes % 2 ** shift === 0) return `${bytes / 2 ** shift}${suffix}`;
  }
  return `${Math.ceil(bytes / 1024)}k`;
}
