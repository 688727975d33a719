// Spark's size-string parsers, restated from JavaUtils.byteStringAs (2.4: common/network-common,
// 3.5: common/utils, 4.x master: common/utils — same logic in all three) and
// ConfigBuilder.byteFromString (core/.../internal/config/ConfigBuilder.scala).
import { SparkVersion, atLeast } from '../version';
import { ByteUnit, LONG_MAX, convertUnit } from './byteUnit';

export type SizeErrorKind = 'parse' | 'suffix' | 'fraction' | 'overflow';

export type SizeResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly kind: SizeErrorKind; readonly error: string };

/** JavaUtils.byteSuffixes: binary, case-insensitive after lower-casing. */
export const BYTE_SUFFIXES: Readonly<Record<string, ByteUnit>> = {
  b: 'BYTE',
  k: 'KiB',
  kb: 'KiB',
  m: 'MiB',
  mb: 'MiB',
  g: 'GiB',
  gb: 'GiB',
  t: 'TiB',
  tb: 'TiB',
  p: 'PiB',
  pb: 'PiB',
};

/**
 * Spark 4.2's JavaUtils.byteStringAs also takes the binary suffixes of Kubernetes quantities and IEC
 * names, case-insensitive: ki/kib, mi/mib, gi/gib, ti/tib, pi/pib (no "ei"; seen through the oracle:
 * 4.2.0 reads "2Gi" as 2 GiB and "2GiB" alike, 4.1.3 refuses both with Invalid suffix).
 */
export const BYTE_SUFFIXES_4_2: Readonly<Record<string, ByteUnit>> = {
  ...BYTE_SUFFIXES,
  ki: 'KiB',
  kib: 'KiB',
  mi: 'MiB',
  mib: 'MiB',
  gi: 'GiB',
  gib: 'GiB',
  ti: 'TiB',
  tib: 'TiB',
  pi: 'PiB',
  pib: 'PiB',
};

/** The suffixes a Spark release's byte strings take. */
export function byteSuffixesFor(v: SparkVersion): Readonly<Record<string, ByteUnit>> {
  return atLeast(v, 4, 2) ? BYTE_SUFFIXES_4_2 : BYTE_SUFFIXES;
}

/** The first line of every byte-string NumberFormatException (JavaUtils.byteStringAs). */
export const BYTE_STRING_HELP =
  'Size must be specified as bytes (b), kibibytes (k), mebibytes (m), gibibytes (g), tebibytes (t), or pebibytes(p). E.g. 50b, 100k, or 250m.';

const INTEGER_FORM = /^([0-9]+)([a-z]+)?$/;
const FRACTION_FORM = /^([0-9]+\.[0-9]+)([a-z]+)?$/;

/** Java's String.trim(): strips every char <= U+0020 from both ends. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function numberFormat(kind: SizeErrorKind, detail: string): SizeResult {
  return { ok: false, kind, error: `${BYTE_STRING_HELP}\n${detail}` };
}

/**
 * `JavaUtils.byteStringAs(str, unit)`: the value of `str` in `unit`; a bare number is taken in
 * `unit`. Errors carry Spark's exact exception message.
 */
export function byteStringAs(
  str: string,
  unit: ByteUnit,
  suffixes: Readonly<Record<string, ByteUnit>> = BYTE_SUFFIXES,
): SizeResult {
  const lower = javaTrim(str.toLowerCase());
  const m = INTEGER_FORM.exec(lower);
  if (m) {
    const digits = m[1] ?? '';
    // More than 19 significant digits cannot fit a Long: answer before BigInt parses (quadratic on
    // megabyte-long inputs).
    const significant = digits.length - (/^0*/.exec(digits)?.[0].length ?? 0);
    const val = significant > 19 ? LONG_MAX + 1n : BigInt(digits);
    if (val > LONG_MAX) {
      // Long.parseLong's own NumberFormatException text (radix 10).
      return numberFormat('overflow', `For input string: "${digits}"`);
    }
    const suffix = m[2];
    let from: ByteUnit = unit;
    if (suffix !== undefined) {
      const u = suffixes[suffix];
      if (u === undefined) return numberFormat('suffix', `Invalid suffix: "${suffix}"`);
      from = u;
    }
    const conv = convertUnit(val, from, unit);
    // The overflow is an IllegalArgumentException thrown outside the NumberFormatException
    // handler, so it carries no "Size must be specified" prefix.
    if (!conv.ok) return { ok: false, kind: 'overflow', error: conv.error };
    return { ok: true, value: Number(conv.value) };
  }
  const f = FRACTION_FORM.exec(lower);
  if (f) return numberFormat('fraction', `Fractional values are not supported. Input was: ${f[1] ?? ''}`);
  return numberFormat('parse', `Failed to parse byte string: ${str}`);
}

/** `ConfigBuilder.byteFromString`: typed `bytesConf` entries accept one leading '-' and negate. */
export function byteFromString(
  str: string,
  unit: ByteUnit,
  suffixes: Readonly<Record<string, ByteUnit>> = BYTE_SUFFIXES,
): SizeResult {
  const negative = str.length > 0 && str.charAt(0) === '-';
  const r = byteStringAs(negative ? str.slice(1) : str, unit, suffixes);
  if (!r.ok || !negative) return r;
  return { ok: true, value: r.value === 0 ? 0 : -r.value };
}

/** `SparkConf.getSizeAsBytes(key)` and friends: the same parse, prefixed by the key (SparkConf.catchIllegalValue). */
export function sparkConfGetSizeAs(
  key: string,
  str: string,
  unit: ByteUnit,
  suffixes: Readonly<Record<string, ByteUnit>> = BYTE_SUFFIXES,
): SizeResult {
  const r = byteStringAs(str, unit, suffixes);
  if (r.ok) return r;
  return { ok: false, kind: r.kind, error: `Illegal value for config key ${key}: ${r.error}` };
}

/** `Utils.memoryStringToMb`: bytes-default parse, then whole MiB (bare numbers are bytes here). */
export function memoryStringToMb(str: string): SizeResult {
  const r = byteStringAs(str, 'BYTE');
  if (!r.ok) return r;
  return { ok: true, value: Math.trunc(r.value / 1024 / 1024) };
}
