// SnappyData's `ClientSharedUtils.parseMemorySize(v, defaultValue, defaultShift)` (snappy-store
// shared/src/main/java/com/gemstone/gemfire/internal/shared/ClientSharedUtils.java), used for
// `-memory-size` with (v, 0, 0): a bare number is bytes, one of p/t/g/m/k (any case) may follow,
// optionally with a trailing 'b'; `Long.parseLong(v) << shift` wraps silently on overflow.

export type SnappySizeResult =
  { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly error: string };

function shiftOf(ch: string): number {
  switch (ch.toLowerCase()) {
    case 'p':
      return 50;
    case 't':
      return 40;
    case 'g':
      return 30;
    case 'm':
      return 20;
    case 'k':
      return 10;
    case 'b':
      return 0;
    default:
      return -1;
  }
}

/** Java's Long.parseLong: optional sign, ASCII digits only, 64-bit range. */
function javaParseLong(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > (1n << 63n) - 1n || v < -(1n << 63n)) return undefined;
  return v;
}

export function parseSnappyMemorySize(value: string, defaultValue = 0, defaultShift = 0): SnappySizeResult {
  if (value.length === 0) return { ok: true, bytes: defaultValue };
  let v = value;
  const len = v.length;
  let shift = shiftOf(v.charAt(len - 1));
  let trim = shift >= 0 ? 1 : 0;
  if (shift === 0) {
    if (len > 1) {
      const prev = shiftOf(v.charAt(len - 2));
      if (prev > 0) {
        shift = prev;
        trim = 2;
      } else {
        shift = 0;
      }
    }
  } else if (shift < 0) {
    shift = defaultShift;
  }
  if (trim > 0) v = v.slice(0, len - trim);
  const n = javaParseLong(v);
  if (n === undefined) {
    return {
      ok: false,
      error:
        `Memory size specification = ${v}: memory size must be specified as <n>[p|t|g|m|k], where <n> is ` +
        'the size and and [p|t|g|m|k] specifies the units in peta|tera|giga|mega|kilobytes. ' +
        "No unit or with 'b' specifies in bytes. Each of these units can be followed optionally by 'b' i.e. pb|tb|gb|mb|kb.",
    };
  }
  return { ok: true, bytes: Number(BigInt.asIntN(64, n << BigInt(shift))) };
}
