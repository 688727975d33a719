// The shape of one catalog entry. The catalog is the only place that holds a default, a valid
// range or a description: diagnostics, hover, completion and the layout all read it from here.
import type { ByteUnit } from '../size/byteUnit';

export type ValueType =
  /** Spark byte string (JavaUtils.byteStringAs); `unit` is what a bare number means. */
  | 'size'
  /** A JVM -Xmx string (SnappyData -heap-size). */
  | 'jvm-size'
  /** SnappyData's parseMemorySize string (-memory-size): bare number = bytes. */
  | 'snappy-size'
  | 'double'
  | 'float'
  | 'int'
  | 'long'
  | 'boolean'
  | 'string'
  | 'time'
  | 'enum';

export type Flavour = 'spark' | 'snappydata';

export interface NumericRange {
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** The check's own error text; `{key}` and `{value}` are filled in. */
  readonly message?: string;
  /** Where Spark or SnappyData enforces it. */
  readonly enforcedBy?: string;
}

export interface CatalogEntry {
  readonly key: string;
  readonly flavour: Flavour;
  readonly type: ValueType;
  /** For `size`: the unit of a bare number. */
  readonly unit?: ByteUnit;
  /** For `time`: the unit of a bare number (ns, us, ms, s, min, h, d). */
  readonly timeUnit?: string;
  /**
   * Default by version range (keys of the form used by `versionInRange`: `2.x`, `3.3+`, `3.x-3.2`).
   * `null` means unset (no default: the key is absent unless given). The first matching range wins.
   */
  readonly defaults: ReadonlyArray<readonly [range: string, value: string | null]>;
  /** How an unset value is computed, when it is not a constant. */
  readonly computedDefault?: string;
  /** Valid values, by version range where they differ; the first matching range wins. */
  readonly ranges?: ReadonlyArray<readonly [range: string, check: NumericRange]>;
  readonly enumValues?: readonly string[];
  /** One paragraph in our words. */
  readonly description: string;
  /** The Spark versions where the key is read (a range). SnappyData keys use `snappydata`. */
  readonly versions: string;
  /** From this version on the key is no longer read (silently ignored). */
  readonly removedIn?: string;
  /** Deprecated from this version (still read, with a warning). */
  readonly deprecatedIn?: string;
  /** The key to use instead. */
  readonly replacedBy?: string;
  /** Older names Spark still reads for this key (SparkConf alternates). */
  readonly alternates?: readonly string[];
  /** Where the key, its default and its checks come from (file and version). */
  readonly source: string;
  /** For grouping in completion and docs. */
  readonly category:
    'heap' | 'overhead' | 'fraction' | 'off-heap' | 'legacy' | 'cores' | 'shuffle' | 'storage' | 'misc' | 'snappydata';
  /** Internal Spark key (not in the public docs). */
  readonly internal?: boolean;
}
