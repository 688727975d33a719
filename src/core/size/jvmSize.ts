// The HotSpot `-Xmx`/`-Xms` grammar (JDK 17 arguments.cpp atojulong + parse_memory_size), which
// Spark's launcher and SnappyData's `-heap-size` hand values to verbatim. Verified on JDK 17:
// `2g`, `2G`, `2048m`, `2t`, `0x80000000` work; `2gb`, `1.5g`, `+2g`, `` and `0` are
// "Invalid maximum heap size"; a heap under about 2 MiB fails with "Too small maximum heap".

export type JvmSizeResult =
  | { readonly ok: true; readonly bytes: number }
  | { readonly ok: false; readonly error: string };

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
