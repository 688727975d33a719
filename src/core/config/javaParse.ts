// The JVM's number and boolean parsing, as Spark and SnappyData call it:
// Double.parseDouble / Float.parseFloat (FloatingDecimal.readJavaFormatString: trims chars <= ' ',
// optional sign, NaN, Infinity, decimal or hex digits, exponent, one f/F/d/D suffix),
// Integer.parseInt / Long.parseLong (sign, ASCII digits, range), Scala's String.toBoolean; and
// Double.toString, how the JVM prints a double back in a message.
import { javaTrim } from '../size/byteString';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const DECIMAL = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?$/;

function hexToNumber(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)/.exec(s);
  if (!m) return NaN;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const mant = parseInt(intPart + frac || '0', 16);
  const v = mant * Math.pow(2, Number(m[4]) - 4 * frac.length);
  return m[1] === '-' ? -v : v;
}

/** `java.lang.Double.parseDouble`. The error is the NumberFormatException's message. */
export function javaParseDouble(text: string): Parsed<number> {
  const s = javaTrim(text);
  if (s.length === 0) return { ok: false, error: 'empty String' };
  if (DECIMAL.test(s)) {
    const core = s.replace(/[fFdD]$/, '');
    const v = core.endsWith('NaN') ? NaN : Number(core);
    return { ok: true, value: v };
  }
  if (HEX.test(s)) return { ok: true, value: hexToNumber(s) };
  return { ok: false, error: `For input string: "${text}"` };
}

/** `java.lang.Float.parseFloat`: the same grammar, rounded to float. */
export function javaParseFloat(text: string): Parsed<number> {
  const d = javaParseDouble(text);
  return d.ok ? { ok: true, value: Math.fround(d.value) } : d;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** `java.lang.Integer.parseInt` (radix 10). */
export function javaParseInt(text: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `For input string: "${text}"` };
  const v = Number(text);
  if (v < INT_MIN || v > INT_MAX) return { ok: false, error: `For input string: "${text}"` };
  return { ok: true, value: v };
}

/** `java.lang.Long.parseLong` (radix 10); values beyond 2^53 lose precision as JS numbers. */
export function javaParseLong(text: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `For input string: "${text}"` };
  const v = BigInt(text);
  if (v < -(1n << 63n) || v > (1n << 63n) - 1n) return { ok: false, error: `For input string: "${text}"` };
  return { ok: true, value: Number(v) };
}

/** Scala's `StringOps.toBoolean`: "true"/"false" in any case, nothing else (no trimming). */
export function scalaToBoolean(text: string): Parsed<boolean> {
  const l = text.toLowerCase();
  if (l === 'true') return { ok: true, value: true };
  if (l === 'false') return { ok: true, value: false };
  return { ok: false, error: `For input string: "${text}"` };
}

/**
 * `String.format(Locale.ENGLISH, "%.2f", x)` as Java does it: the digits of the shortest
 * representation of the double, rounded HALF_UP at `digits` places.
 */
export function javaFormatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  // Expand the shortest repr (which may be in exponent form) into plain digits.
  const [mant, expPart] = abs.toExponential().split('e');
  const exp = Number(expPart);
  const allDigits = (mant ?? '0').replace('.', '');
  let intDigits: string;
  let fracDigits: string;
  const pointPos = exp + 1;
  if (pointPos <= 0) {
    intDigits = '0';
    fracDigits = '0'.repeat(-pointPos) + allDigits;
  } else if (pointPos >= allDigits.length) {
    intDigits = allDigits + '0'.repeat(pointPos - allDigits.length);
    fracDigits = '';
  } else {
    intDigits = allDigits.slice(0, pointPos);
    fracDigits = allDigits.slice(pointPos);
  }
  const kept = (fracDigits + '0'.repeat(digits)).slice(0, digits);
  const roundUp = (fracDigits.charAt(digits) || '0') >= '5';
  let n = BigInt(intDigits + kept);
  if (roundUp) n += 1n;
  let s = n.toString().padStart(digits + 1, '0');
  s = digits > 0 ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  return (neg && /[1-9]/.test(s) ? '-' : '') + s;
}

/**
 * `Float.toString` for a float value (as MemoryThresholds and the launcher's parsed percentages
 * print): the shortest decimal that reads back as the same float, with ".0" on whole numbers;
 * 95.12f prints "95.12", not its double widening 95.12000274658203.
 */
export function javaFloatToString(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? 'Infinity' : '-Infinity';
  let text = String(f);
  for (let p = 1; p <= 9; p++) {
    const t = f.toPrecision(p);
    if (Math.fround(Number(t)) === f) {
      text = String(Number(t));
      break;
    }
  }
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) {
    const [m, e] = Number(text).toExponential().split('e');
    return `${(m ?? '0').includes('.') ? m : `${m}.0`}E${Number(e)}`;
  }
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
 * Java's Double.toString (what Scala's string interpolation prints in Spark's and SnappyData's
 * messages): "1.0", "0.6", "1.0E-5", "1.0E7", "NaN", "Infinity", "-0.0".
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(d);
  if (a === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = d.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${Number(exp)}`;
}
