// Node's `assert` for the tests bundled into the web worker extension host, which has no Node
// built-in (run-in-host.js --web aliases 'assert' to this file). Only what the suites use, with
// Node's meaning: strict equality is Object.is, deep strict equality compares prototypes, own
// enumerable keys, arrays, Maps, Sets, Dates and RegExps; the loose forms use == for primitives.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

function failWith(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

function deep(a: unknown, b: unknown, strict: boolean, seen: Map<object, object>): boolean {
  if (strict ? Object.is(a, b) : a === b || (a == null && b == null) || a == b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof RegExp || b instanceof RegExp)
    return a instanceof RegExp && b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deep(v, b.get(k), strict, seen)) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deep(ra[k], rb[k], strict, seen));
}

export function fail(message?: string | Error): never {
  return failWith(message, 'failed');
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) failWith(message, `expected a truthy value, got ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) failWith(message, `expected ${show(actual)} to be ${show(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) failWith(message, `expected ${show(actual)} not to be ${show(expected)}`);
}

export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))))
    failWith(message, `expected ${show(actual)} == ${show(expected)}`);
}

export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deep(actual, expected, true, new Map()))
    failWith(message, `expected ${show(actual)} to deep-strict-equal ${show(expected)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!deep(actual, expected, false, new Map()))
    failWith(message, `expected ${show(actual)} to deep-equal ${show(expected)}`);
}

export function match(actual: string, expected: RegExp, message?: string | Error): void {
  if (typeof actual !== 'string' || !expected.test(actual))
    failWith(message, `expected ${show(actual)} to match ${String(expected)}`);
}

export default ok;
