// A Spark configuration as Spark's code reads it: key -> string, with `contains` semantics and
// the SparkConf alternates. Each value remembers where it came from, so a derived number or an
// error can point back at the text that caused it.
import type { Span } from '../text/lineIndex';

export type ConfOrigin =
  /** A line of spark-defaults.conf. */
  | 'file'
  /** `spec.sparkConf` of a SparkApplication. */
  | 'sparkConf'
  /** A typed SparkApplication field (spec.executor.memory, ...), which wins over sparkConf. */
  | 'typed-field'
  /** A SnappyData member line's own `-spark.*` option. */
  | 'member'
  /** A `-spark.*` option of the lead, which servers' executors take over. */
  | 'lead'
  /** A what-if override set in the panel or on the command line. */
  | 'override';

export interface ConfValue {
  readonly key: string;
  readonly value: string;
  readonly origin: ConfOrigin;
  /** The value's characters in its document (absent for overrides). */
  readonly span?: Span;
  /** The key's characters in its document. */
  readonly keySpan?: Span;
  /** The document the span refers to, when it is not the one being analysed (the lead file). */
  readonly uri?: string;
}

export class SparkConfView {
  private readonly values: Map<string, ConfValue>;

  constructor(values: Iterable<ConfValue> = []) {
    this.values = new Map();
    for (const v of values) this.values.set(v.key, v);
  }

  get(key: string): ConfValue | undefined {
    return this.values.get(key);
  }

  getString(key: string): string | undefined {
    return this.values.get(key)?.value;
  }

  contains(key: string): boolean {
    return this.values.has(key);
  }

  /** The first key that is set, in order (a key and its SparkConf alternates). */
  getFirst(...keys: string[]): ConfValue | undefined {
    for (const k of keys) {
      const v = this.values.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  entries(): IterableIterator<ConfValue> {
    return this.values.values();
  }

  /** A copy with some keys replaced (what-if) or removed (value undefined). */
  with(overrides: Readonly<Record<string, string | undefined>>): SparkConfView {
    const next = new Map(this.values);
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
