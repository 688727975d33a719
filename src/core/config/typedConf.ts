// Reading one key the way a given Spark call reads it: typed ConfigEntry reads (ConfigBuilder:
// values are trimmed, errors "<key> should be double, but was <v>"), untyped SparkConf getters
// (SparkConf.catchIllegalValue: "Illegal value for config key <key>: ..."), and size reads.
import { lookupKey, requiredDefault } from '../catalog';
import { ByteUnit, byteFromString, byteSuffixesFor, javaTrim, sparkConfGetSizeAs } from '../size';
import { SparkVersion, atLeast } from '../version';
import type { ConfValue } from '../parse/confValue';
import type { SparkConfView } from './confSource';
import { Parsed, javaParseDouble, javaParseInt, javaParseLong, scalaToBoolean } from './javaParse';
import { timeStringAsMs } from './timeString';

export interface ReadValue<T> {
  readonly value: T;
  /** The conf value it came from; undefined when it is the catalog default. */
  readonly from?: ConfValue;
}

export interface ReadError {
  readonly key: string;
  readonly message: string;
  readonly from?: ConfValue;
}

export type Read<T> =
  { readonly ok: true; readonly read: ReadValue<T> } | { readonly ok: false; readonly error: ReadError };

function ok<T>(value: T, from: ConfValue | undefined): Read<T> {
  return { ok: true, read: from === undefined ? { value } : { value, from } };
}

function fail<T>(key: string, message: string, from: ConfValue | undefined): Read<T> {
  return { ok: false, error: from === undefined ? { key, message } : { key, message, from } };
}

/**
 * A typed entry's conversion failure (ConfigHelpers.toNumber/toBoolean, byteFromString): up to 4.0 the
 * 3.x text given, from 4.1 a SparkIllegalArgumentException of class INVALID_CONF_VALUE.TYPE_MISMATCH
 * quoting the raw value and the entry's type ('int', 'bytes in MiB'; seen through the oracle on 4.1.3
 * and 4.2.0, test/oracle/checks/startupErrors.ts; 4.0 is not run there).
 */
export function typeMismatch(key: string, text: string, type: string, v: SparkVersion, upTo40: string): string {
  if (!atLeast(v, 4, 1)) return upTo40;
  return `[INVALID_CONF_VALUE.TYPE_MISMATCH] The value '${text}' in the config "${key}" is invalid. It should be a/an '${type}' value. SQLSTATE: 22022`;
}

function pick(conf: SparkConfView, keys: readonly string[]): ConfValue | undefined {
  return conf.getFirst(...keys);
}

/** Keys and their SparkConf alternates from the catalog, primary first. */
function keysOf(key: string): string[] {
  return [key, ...(lookupKey(key)?.alternates ?? [])];
}

/** A typed `doubleConf` read (ConfigHelpers.toNumber trims first). */
export function readTypedDouble(conf: SparkConfView, key: string, v: SparkVersion, fallback?: string): Read<number> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = javaParseDouble(javaTrim(text));
  return r.ok
    ? ok(r.value, from)
    : fail(key, typeMismatch(key, text, 'double', v, `${key} should be double, but was ${text}`), from);
}

/** An untyped `SparkConf.getDouble(key, default)` read (no trimming beyond Double.parseDouble's own). */
export function readConfDouble(conf: SparkConfView, key: string, v: SparkVersion, fallback?: string): Read<number> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = javaParseDouble(text);
  return r.ok ? ok(r.value, from) : fail(key, `Illegal value for config key ${key}: ${r.error}`, from);
}

export function readTypedInt(conf: SparkConfView, key: string, v: SparkVersion, fallback?: string): Read<number> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = javaParseInt(javaTrim(text));
  return r.ok
    ? ok(r.value, from)
    : fail(key, typeMismatch(key, text, 'int', v, `${key} should be int, but was ${text}`), from);
}

export function readTypedLong(conf: SparkConfView, key: string, v: SparkVersion, fallback?: string): Read<number> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = javaParseLong(javaTrim(text));
  return r.ok
    ? ok(r.value, from)
    : fail(key, typeMismatch(key, text, 'long', v, `${key} should be long, but was ${text}`), from);
}

/** `SparkConf.getLong(key, default)`: untyped, no trimming. */
export function readConfLong(conf: SparkConfView, key: string, fallback: number): Read<number> {
  const from = conf.get(key);
  if (from === undefined) return ok(fallback, undefined);
  const r: Parsed<number> = javaParseLong(from.value);
  return r.ok ? ok(r.value, from) : fail(key, `Illegal value for config key ${key}: ${r.error}`, from);
}

/** `SparkConf.getBoolean(key, default)`: untyped, Scala's toBoolean of the raw text (no trimming). */
export function readConfBoolean(conf: SparkConfView, key: string, fallback: boolean): Read<boolean> {
  const from = conf.get(key);
  if (from === undefined) return ok(fallback, undefined);
  const r = scalaToBoolean(from.value);
  return r.ok ? ok(r.value, from) : fail(key, `Illegal value for config key ${key}: ${r.error}`, from);
}

/**
 * `SparkConf.getTimeAsSeconds(key, default)`: JavaUtils.timeStringAsSec of the value or the default text (a
 * bare number is in seconds; a suffixed one converted and truncated toward zero, as TimeUnit.convert does).
 */
export function readConfTimeAsSeconds(conf: SparkConfView, key: string, fallback: string): Read<number> {
  const from = conf.get(key);
  const text = from?.value ?? fallback;
  if (/^-?[0-9]+$/.test(javaTrim(text.toLowerCase()))) {
    const n = javaParseLong(javaTrim(text));
    if (n.ok) return ok(n.value, from);
  }
  const r = timeStringAsMs(text);
  return r.ok ? ok(Math.trunc(r.ms / 1000), from) : fail(key, `Illegal value for config key ${key}: ${r.error}`, from);
}

export function readTypedBoolean(conf: SparkConfView, key: string, v: SparkVersion, fallback?: string): Read<boolean> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = scalaToBoolean(javaTrim(text));
  return r.ok
    ? ok(r.value, from)
    : fail(key, typeMismatch(key, text, 'boolean', v, `${key} should be boolean, but was ${text}`), from);
}

/** A typed `bytesConf(unit)` read: value in `unit`, one leading '-' accepted (ConfigBuilder.byteFromString). */
export function readTypedBytes(
  conf: SparkConfView,
  key: string,
  unit: ByteUnit,
  v: SparkVersion,
  fallback?: string,
): Read<number> {
  const from = pick(conf, keysOf(key));
  const text = from?.value ?? fallback ?? requiredDefault(key, v);
  const r = byteFromString(javaTrim(text), unit, byteSuffixesFor(v));
  return r.ok ? ok(r.value, from) : fail(key, typeMismatch(key, text, `bytes in ${unit}`, v, r.error), from);
}

/** An untyped `SparkConf.getSizeAsBytes(key)` / `getSizeAsMb(key)` read. */
export function readConfSize(conf: SparkConfView, key: string, unit: ByteUnit): Read<number> | undefined {
  const from = conf.get(key);
  if (from === undefined) return undefined;
  const r = sparkConfGetSizeAs(key, from.value, unit);
  return r.ok ? ok(r.value, from) : fail(key, r.error, from);
}
