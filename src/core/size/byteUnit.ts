// Spark's ByteUnit enum (common/network-common .../ByteUnit.java in 2.4, common/utils in 3.5+/4.x).
// Sizes are JS numbers; the overflow checks run on BigInt so they match Java's 64-bit Long exactly.

export type ByteUnit = 'BYTE' | 'KiB' | 'MiB' | 'GiB' | 'TiB' | 'PiB';

const SHIFT: Readonly<Record<ByteUnit, bigint>> = { BYTE: 0n, KiB: 10n, MiB: 20n, GiB: 30n, TiB: 40n, PiB: 50n };

export const LONG_MAX = (1n << 63n) - 1n;
export const LONG_MIN = -(1n << 63n);

export const KiB = 1024;
export const MiB = 1024 * 1024;
export const GiB = 1024 * 1024 * 1024;

export function multiplierOf(unit: ByteUnit): bigint {
  return 1n << SHIFT[unit];
}

/**
 * `ByteUnit.convertTo(d, to)` called on `from`: scaling up checks `Long.MAX_VALUE / ratio < d`,
 * scaling down is an integer division (so 512k as MiB is 0).
 */
export function convertUnit(
  d: bigint,
  from: ByteUnit,
  to: ByteUnit,
): { ok: true; value: bigint } | { ok: false; error: string } {
  const fm = multiplierOf(from);
  const tm = multiplierOf(to);
  if (fm > tm) {
    const ratio = fm / tm;
    if (LONG_MAX / ratio < d) {
      return {
        ok: false,
        error: `Conversion of ${d} exceeds Long.MAX_VALUE in ${from}. Try a larger unit (e.g. MiB instead of KiB)`,
      };
    }
    return { ok: true, value: d * ratio };
  }
  // Java's long division truncates toward zero, as BigInt division does.
  return { ok: true, value: d / (tm / fm) };
}
