// The few SparkConf reads the memory managers make, with the parse rules and value checks of each
// release: typed ConfigEntries (core/.../internal/config/package.scala, ConfigBuilder.scala) from
// 3.0, SparkConf.getLong/getDouble/getSizeAsBytes in 2.4. Sizes go through src/core/size only.
import { SparkVersion, atLeast } from '../version';
import { byteFromString, sparkConfGetSizeAs } from '../size';
import { SparkError, sparkErrorOf } from './errors';
import { timeStringAsMs } from '../config/timeString';
import { checkValueError } from '../layout/startupError';
import { SparkConfView } from '../config/confSource';

export type ConfMap = Readonly<Record<string, string>>;

const LONG_FORM = /^[+-]?\d+$/;
const DOUBLE_FORM = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?))[fFdD]?$/;

/** A SparkConf as the memory code of one Spark release reads it. */
export class SimConf {
  constructor(
    readonly entries: ConfMap,
    readonly version: SparkVersion,
  ) {}

  private viewCache: SparkConfView | undefined;

  /** The same entries as the layout reads them (one derivation of the sizes: src/core/layout). */
  view(): SparkConfView {
    this.viewCache ??= SparkConfView.fromRecord(this.entries);
    return this.viewCache;
  }

  private get typed(): boolean {
    return atLeast(this.version, 3, 0);
  }

  contains(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.entries, key);
  }

  get(key: string): string | undefined {
    return this.contains(key) ? this.entries[key] : undefined;
  }

  private badValue(key: string, raw: string, type: string): SparkError {
    if (this.typed) return new SparkError('IllegalArgumentException', `${key} should be ${type}, but was ${raw}`);
    return new SparkError('NumberFormatException', `Illegal value for config key ${key}: For input string: "${raw}"`);
  }

  getLong(key: string, dflt: number): number {
    const raw = this.get(key);
    if (raw === undefined) return dflt;
    const t = raw.trim();
    if (!LONG_FORM.test(t)) throw this.badValue(key, raw, 'long');
    return Number(t);
  }

  getDouble(key: string, dflt: number): number {
    const raw = this.get(key);
    if (raw === undefined) return dflt;
    const t = raw.trim();
    if (!DOUBLE_FORM.test(t)) throw this.badValue(key, raw, 'double');
    return Number(t.replace(/[fFdD]$/, ''));
  }

  getBoolean(key: string, dflt: boolean, alternative?: string): boolean {
    let raw = this.get(key);
    if (raw === undefined && alternative !== undefined) raw = this.get(alternative);
    if (raw === undefined) return dflt;
    const t = raw.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw new SparkError('IllegalArgumentException', `${key} should be boolean, but was ${raw}`);
  }

  /** A `bytesConf(ByteUnit.BYTE)` entry (3.x+) — or, in 2.4, the same key read by getSizeAsBytes. */
  getBytesEntry(key: string, dflt: number): number {
    const raw = this.get(key);
    if (raw === undefined) return dflt;
    const r = byteFromString(raw, 'BYTE');
    if (!r.ok) throw new SparkError('NumberFormatException', r.error);
    return r.value;
  }

  /** `SparkConf.getSizeAsBytes(key)`: a bytes-default parse of the raw string (no leading '-'). */
  getSizeAsBytes(key: string, dflt?: number): number {
    const raw = this.get(key);
    if (raw === undefined) {
      if (dflt === undefined) throw new SparkError('NoSuchElementException', key);
      return dflt;
    }
    const r = sparkConfGetSizeAs(key, raw, 'BYTE');
    if (!r.ok) throw new SparkError('NumberFormatException', r.error);
    return r.value;
  }

  /** A `timeConf(TimeUnit.MILLISECONDS)` entry. */
  getTimeMs(key: string, dflt: number): number {
    const raw = this.get(key);
    if (raw === undefined) return dflt;
    const r = timeStringAsMs(raw);
    if (!r.ok) throw new SparkError('NumberFormatException', r.error);
    return r.ms;
  }

  /** ConfigBuilder.checkValue failure, worded for the release (layout/startupError.ts checkValueError). */
  checkValueError(key: string, shown: string, msg: string): SparkError {
    return sparkErrorOf(checkValueError(key, shown, msg, this.version));
  }
}

/** `spark.buffer.pageSize` if set (3.x+: optional bytesConf; 2.4: getSizeAsBytes with a default). */
export function readPageSizeOverride(conf: SimConf): number | undefined {
  if (!conf.contains('spark.buffer.pageSize')) return undefined;
  return atLeast(conf.version, 3, 0)
    ? conf.getBytesEntry('spark.buffer.pageSize', 0)
    : conf.getSizeAsBytes('spark.buffer.pageSize');
}
