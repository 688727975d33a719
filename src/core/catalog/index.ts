// The one catalog of memory keys and the lookups every feature uses.
import { SparkVersion, versionInRange } from '../version';
import { registryCatalogEntry, registryEntry, registryKeys } from './registry';
import { SPARK_KEYS } from './sparkKeys';
import { SNAPPY_KEYS } from './snappyKeys';
import type { CatalogEntry, Flavour, NumericRange } from './types';

export * from './types';
export * from './guidance';

const BY_KEY: ReadonlyMap<string, CatalogEntry> = new Map(SPARK_KEYS.map((e) => [e.key, e]));
const SNAPPY_BY_KEY: ReadonlyMap<string, CatalogEntry> = new Map(SNAPPY_KEYS.map((e) => [e.key, e]));

export function catalogEntries(flavour: Flavour): readonly CatalogEntry[] {
  return flavour === 'spark' ? SPARK_KEYS : SNAPPY_KEYS;
}

export function lookupKey(key: string, flavour: Flavour = 'spark'): CatalogEntry | undefined {
  return flavour === 'spark' ? BY_KEY.get(key) : SNAPPY_BY_KEY.get(key);
}

/**
 * A Spark key's entry: the hand-written one when there is one, else the entry Spark registers
 * (registry.ts, generated from the jars) as the version in force reads it.
 */
export function lookupSparkKey(key: string, v: SparkVersion): CatalogEntry | undefined {
  const own = BY_KEY.get(key);
  if (own !== undefined) return own;
  const e = registryEntry(key, v);
  return e === undefined ? undefined : registryCatalogEntry(e, v);
}

/** Every key Spark registers in the line in force that the hand-written catalog does not describe. */
export function registeredOnlyEntries(v: SparkVersion): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const key of registryKeys(v)) {
    if (BY_KEY.has(key)) continue;
    const e = registryEntry(key, v);
    if (e !== undefined) out.push(registryCatalogEntry(e, v));
  }
  return out;
}

/** SnappyData entries carry the version range `snappydata`, which matches any Spark version. */
function inRange(v: SparkVersion, range: string): boolean {
  return range === 'snappydata' || versionInRange(v, range);
}

/** True when the key is read by this Spark version (not yet added, or removed, otherwise). */
export function existsIn(entry: CatalogEntry, v: SparkVersion): boolean {
  if (!inRange(v, entry.versions)) return false;
  return entry.removedIn === undefined || !versionInRange(v, `${entry.removedIn}+`);
}

/** The default as a config string, or null when the key is unset by default. */
export function defaultValue(entry: CatalogEntry, v: SparkVersion): string | null {
  for (const [range, value] of entry.defaults) if (inRange(v, range)) return value;
  return null;
}

/** The constant default, required: for keys whose default every caller relies on. */
export function requiredDefault(key: string, v: SparkVersion, flavour: Flavour = 'spark'): string {
  const e = lookupKey(key, flavour);
  const d = e === undefined ? null : defaultValue(e, v);
  if (d === null) throw new Error(`catalog: ${flavour} key ${key} has no constant default for this version`);
  return d;
}

export function rangeFor(entry: CatalogEntry, v: SparkVersion): NumericRange | undefined {
  for (const [range, check] of entry.ranges ?? []) if (inRange(v, range)) return check;
  return undefined;
}

export function inNumericRange(x: number, r: NumericRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? !(x > r.min) : !(x >= r.min))) return false;
  if (r.max !== undefined && (r.maxExclusive ? !(x < r.max) : !(x <= r.max))) return false;
  return true;
}

/** "[0, 1)", "> 0", "≥ 1" — the range as people read it. */
export function describeRange(r: NumericRange): string {
  if (r.min !== undefined && r.max !== undefined) {
    return `${r.minExclusive ? '(' : '['}${r.min}, ${r.max}${r.maxExclusive ? ')' : ']'}`;
  }
  if (r.min !== undefined) return `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  if (r.max !== undefined) return `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return 'any';
}
