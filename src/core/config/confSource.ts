// A Spark configuration as Spark's code reads it: key -> string, with `contains` semantics and
// the SparkConf alternates. Each value remembers where it came from, so a derived number or an
// error can point back at the text that caused it.
import type { ConfOrigin, ConfValue } from '../parse/confValue';

/** Where a view reads its values: a key lookup plus a way to list every value. */
export interface ConfLookup {
  get(key: string): ConfValue | undefined;
  all(): Iterable<ConfValue>;
}

export class SparkConfView {
  private readonly lookup: ConfLookup;

  /** From values (later ones win), or from a lookup that reads a document lazily. */
  constructor(values: Iterable<ConfValue> | ConfLookup = []) {
    if (Symbol.iterator in values) {
      const map = new Map<string, ConfValue>();
      for (const v of values) map.set(v.key, v);
      this.lookup = { get: (k) => map.get(k), all: () => map.values() };
    } else this.lookup = values;
  }

  get(key: string): ConfValue | undefined {
    return this.lookup.get(key);
  }

  getString(key: string): string | undefined {
    return this.lookup.get(key)?.value;
  }

  contains(key: string): boolean {
    return this.lookup.get(key) !== undefined;
  }

  /** The first key that is set, in order (a key and its SparkConf alternates). */
  getFirst(...keys: string[]): ConfValue | undefined {
    for (const k of keys) {
      const v = this.lookup.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  entries(): Iterable<ConfValue> {
    return this.lookup.all();
  }

  /** A copy with some keys replaced (what-if) or removed (value undefined). */
  with(overrides: Readonly<Record<string, string | undefined>>): SparkConfView {
    const next = new Map<string, ConfValue>();
    for (const v of this.lookup.all()) next.set(v.key, v);
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) next.delete(key);
      else next.set(key, { key, value, origin: 'override' });
    }
    return new SparkConfView(next.values());
  }

  static fromRecord(record: Readonly<Record<string, string>>, origin: ConfOrigin = 'override'): SparkConfView {
    return new SparkConfView(Object.entries(record).map(([key, value]) => ({ key, value, origin })));
  }
}
