// Spark's time strings, restated from JavaUtils.timeStringAs (common/network-common 2.4,
// common/utils 3.5 and 4.x: the same logic): lower-cased and trimmed, digits and an optional suffix
// from timeSuffixes; a bare number is in the entry's own unit (milliseconds for every entry read here).
import { javaTrim } from '../size/byteString';

/** JavaUtils.timeSuffixes, each as milliseconds (us is truncated, as TimeUnit.MICROSECONDS.toMillis does). */
const MS_PER_SUFFIX: Readonly<Record<string, number>> = {
  us: 1 / 1000,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** The first line of timeStringAs' NumberFormatException. */
const TIME_STRING_HELP =
  'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.';

export type TimeResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly error: string };

/** timeStringAs(str, MILLISECONDS), or Spark's NumberFormatException text. */
export function timeStringAsMs(str: string): TimeResult {
  const m = /^(-?[0-9]+)([a-z]+)?$/.exec(javaTrim(str.toLowerCase()));
  const fail = (detail: string): TimeResult => ({ ok: false, error: `${TIME_STRING_HELP}\n${detail}` });
  if (m === null) return fail(`Failed to parse time string: ${str}`);
  const digits = m[1] ?? '';
  // Long.parseLong's range; past 25 digits it is out of range anyway (no BigInt of a megabyte-long number).
  const n = BigInt(digits.length > 25 ? digits.slice(0, 25) : digits);
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) return fail(`For input string: "${digits}"`);
  const per = m[2] === undefined ? 1 : MS_PER_SUFFIX[m[2]];
  if (per === undefined) return fail(`Invalid suffix: "${m[2] ?? ''}"`);
  return { ok: true, ms: Math.trunc(Number(n) * per) };
}
