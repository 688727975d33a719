// Resolving version/GC splits and comparing expectations, strictly.
import { SparkVersion, atLeast, versionInRange } from '../../../src/core/version';
import { SparkError } from '../../../src/core/sim/errors';
import { Json, JsonObject, asText } from './schema';

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Applies the entries of a `byVersion`/`expectByVersion` map whose range holds for `v`. */
export function applyVersionSplits(
  base: JsonObject,
  splits: Readonly<Record<string, JsonObject>> | undefined,
  v: SparkVersion,
): JsonObject {
  if (splits === undefined) return base;
  let out: JsonObject = { ...base };
  for (const [range, entry] of Object.entries(splits)) {
    if (!versionInRange(v, range)) continue;
    out = mergeExpect(out, entry);
  }
  return out;
}

/** An entry replaces/extends: an `error` replaces the sizes, sizes replace an `error`. */
export function mergeExpect(base: JsonObject, entry: JsonObject): JsonObject {
  if (entry['error'] !== undefined) return { ...entry };
  const out: JsonObject = { ...base };
  delete out['error'];
  for (const [k, val] of Object.entries(entry)) out[k] = val;
  return out;
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

export function show(x: unknown): string {
  // JSON.stringify gives undefined for undefined and functions, whatever its declared type says.
  return JSON.stringify(x) ?? String(x);
}

/** Only the keys the expectation names are compared. */
export function comparePartialMap(
  key: string,
  expected: Json,
  actual: Readonly<Record<string, number>>,
): string | undefined {
  if (!isObject(expected)) return `${key}: expected an object, case has ${show(expected)}`;
  const diffs: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    const a = actual[k];
    if (!jsonEqual(v, a === undefined ? null : a))
      diffs.push(`${k} expected ${show(v)} got ${a === undefined ? 'nothing' : show(a)}`);
  }
  return diffs.length === 0 ? undefined : `${key}: ${diffs.join(', ')}`;
}

/** Every non-zero entry must be listed; listed zeros may be absent. */
export function compareZeroDefaultMap(
  key: string,
  expected: Json,
  actual: ReadonlyMap<number, number>,
): string | undefined {
  if (!isObject(expected)) return `${key}: expected an object, case has ${show(expected)}`;
  const diffs: string[] = [];
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(expected)) {
    seen.add(String(Number(k)));
    const a = actual.get(Number(k)) ?? 0;
    if (!jsonEqual(v, a)) diffs.push(`${k} expected ${show(v)} got ${a}`);
  }
  actual.forEach((b, t) => {
    if (b !== 0 && !seen.has(String(t))) diffs.push(`${t} holds ${b} (not expected)`);
  });
  return diffs.length === 0 ? undefined : `${key}: ${diffs.join(', ')}`;
}

function simpleClass(name: string): string {
  return name
    .trim()
    .replace(/\s*\(.*$/, '')
    .replace(/^.*\./, '');
}

/**
 * Compares a thrown error with an expected one: before 3.5 (or without an errorClass) the message
 * (`messageBefore3_5` preferred before 3.5); from 3.5 the errorClass and messageParameters.
 */
export function compareError(
  expected: Json,
  actual: SparkError | undefined,
  v: SparkVersion,
  checkClass: boolean,
): string | undefined {
  if (actual === undefined) return `expected ${describeExpectedError(expected)} but nothing was thrown`;
  if (typeof expected === 'string') {
    return actual.isInstanceOf(simpleClass(expected))
      ? undefined
      : `expected ${simpleClass(expected)} but got ${actual.sparkClass}: ${actual.message}`;
  }
  if (!isObject(expected)) return `error expectation must be a string or an object, got ${show(expected)}`;
  const cls = expected['class'];
  if (checkClass && typeof cls === 'string') {
    const alternatives = cls
      .split(/[()]|\bfrom\b|,|\bor\b/)
      .map((s) => s.trim())
      .filter((s) => /^[A-Za-z_.$]+$/.test(s) && /[A-Z]/.test(s));
    if (alternatives.length > 0 && !alternatives.some((c) => actual.isInstanceOf(c))) {
      return `expected ${cls} but got ${actual.sparkClass}: ${actual.message}`;
    }
  }
  const errorClass = expected['errorClass'];
  if (atLeast(v, 3, 5) && typeof errorClass === 'string') {
    if (actual.errorClass !== errorClass)
      return `expected error class ${errorClass} but got ${actual.errorClass ?? actual.sparkClass}: ${actual.message}`;
    const params = expected['messageParameters'];
    if (isObject(params)) {
      const ap = actual.messageParameters ?? {};
      const diffs: string[] = [];
      for (const [k, val] of Object.entries(params))
        if (asText(val) !== ap[k]) diffs.push(`${k} expected ${show(val)} got ${show(ap[k])}`);
      for (const k of Object.keys(ap)) if (!(k in params)) diffs.push(`unexpected parameter ${k}=${show(ap[k])}`);
      if (diffs.length > 0) return `messageParameters of ${errorClass}: ${diffs.join(', ')}`;
    }
    return undefined;
  }
  const before = expected['messageBefore3_5'];
  const msg = !atLeast(v, 3, 5) && typeof before === 'string' ? before : (expected['message'] ?? before);
  if (typeof msg === 'string' && !messageMatches(msg, actual.message)) {
    return `expected message ${show(msg)} but got ${actual.sparkClass}: ${show(actual.message)}`;
  }
  return undefined;
}

/** Exact, allowing Scala's `require` prefix that some texts leave out. */
function messageMatches(expected: string, actual: string): boolean {
  return (
    expected === actual || `requirement failed: ${expected}` === actual || `assertion failed: ${expected}` === actual
  );
}

export function describeExpectedError(e: Json): string {
  if (typeof e === 'string') return e;
  if (isObject(e)) return asText(e['errorClass'] ?? e['class'] ?? e['message'] ?? 'an error');
  return 'an error';
}
