// Every config entry Spark 3.5, 4.1 and 4.2 register (ConfigEntry.knownConfigs), generated from the
// jars by `npm run gen:spark-keys` (scripts/gen-spark-keys.mjs, KeyRegistry.java) into
// generated/sparkRegistry.json, which names its modules and releases. The hand-written entries of
// sparkKeys.ts stay first everywhere: this fills in the rest of Spark's keys for typo detection,
// hover, completion and value types. Spark 2.x and 3.0-3.4 are read through the 3.5 registry and a
// key's `version` (the release that added it); 4.0 through the 4.1 registry.
import type { ByteUnit } from '../size/byteUnit';
import { SparkVersion, compareVersions, formatVersion, sparkVersion } from '../version';
import registryData from './generated/sparkRegistry.json';
import type { CatalogEntry } from './types';

/** A value type as the entry's converter defines it (ConfigBuilder.intConf, bytesConf(MiB), ...). */
export type RegistryType =
  | { readonly kind: 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' }
  | { readonly kind: 'bytes'; readonly unit: ByteUnit }
  | { readonly kind: 'time'; readonly unit: string }
  | {
      readonly kind: 'enum';
      readonly values: readonly string[];
      /** Any case accepted; `trims`: blanks around are; `showsUpper`: the message shows the value upper-cased. */
      readonly anyCase: boolean;
      readonly trims: boolean;
      readonly showsUpper: boolean;
    };

export interface RegistryEntry {
  readonly key: string;
  readonly type: RegistryType;
  /** Spark's defaultValueString: "128", "134217728b", "<value of spark.x>"; null when unset. */
  readonly default: string | null;
  /** The release that added the key, as its ConfigBuilder.version says ("" when not given). */
  readonly version: string;
  /** The doc's first sentence. */
  readonly doc: string;
  readonly internal: boolean;
  readonly alternatives: readonly string[];
  /** The registry line this entry comes from (3.5, 4.1, 4.2) and its release. */
  readonly line: string;
  readonly release: string;
}

type Row = [string, number, string, string | null, string, string, number, string, string[]];
interface RegistryData {
  readonly lines: readonly { readonly line: string; readonly release: string; readonly modules: string }[];
  readonly messages: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly freeForm: readonly string[];
  readonly byName: readonly (readonly [string, number])[];
  readonly keys: readonly Row[];
}

interface Index {
  readonly data: RegistryData;
  /** key -> rows (one per set of lines where the entry is the same). */
  readonly rows: ReadonlyMap<string, readonly Row[]>;
  readonly byName: ReadonlyMap<string, number>;
}

let index: Index | undefined;

/** Built on first use: the data may be a lazily loaded file (scripts/build.mjs). */
function idx(): Index {
  if (index !== undefined) return index;
  const data = registryData as unknown as RegistryData;
  const rows = new Map<string, Row[]>();
  for (const r of data.keys) {
    const list = rows.get(r[0]);
    if (list === undefined) rows.set(r[0], [r]);
    else list.push(r);
  }
  index = { data, rows, byName: new Map(data.byName.map(([k, m]) => [k, m])) };
  return index;
}

/** The registry line read for a Spark version: its bit in the rows' masks. */
function lineBit(v: SparkVersion): number {
  const lines = idx().data.lines;
  let bit = 0;
  // The newest line at or below v; below the first line, the first line.
  lines.forEach((l, i) => {
    const [major, minor] = l.line.split('.').map(Number);
    if (i === 0 || compareVersions(v, sparkVersion(major ?? 0, minor ?? 0)) >= 0) bit = i;
  });
  // 4.0 sits between 3.5 and 4.1: its keys are closer to 4.1's (versions filter what 4.1 added).
  if (v.major === 4 && v.minor === 0) bit = lines.findIndex((l) => l.line.startsWith('4.'));
  return 1 << Math.max(0, bit);
}

function lineOfBit(bit: number): { line: string; release: string } {
  const lines = idx().data.lines;
  const i = Math.round(Math.log2(bit));
  return lines[i] ?? lines[0] ?? { line: '?', release: '?' };
}

/** "3.4.0" added after the version in force. */
function addedAfter(version: string, v: SparkVersion): boolean {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (m === null) return false;
  return compareVersions(sparkVersion(Number(m[1]), Number(m[2]), Number(m[3] ?? 0)), v) > 0;
}

const BYTE_UNITS: readonly ByteUnit[] = ['BYTE', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function typeOf(t: string, values: readonly string[]): RegistryType {
  const [kind, unit] = t.split(':');
  if (kind === 'bytes') return { kind: 'bytes', unit: BYTE_UNITS.find((u) => u === unit) ?? 'BYTE' };
  if (kind === 'time') return { kind: 'time', unit: unit ?? 'ms' };
  if (kind === 'enum' || kind?.startsWith('enum/') === true) {
    const flags = kind.slice(5);
    return {
      kind: 'enum',
      values,
      anyCase: flags.includes('i'),
      trims: flags.includes('t'),
      showsUpper: flags.includes('u'),
    };
  }
  if (kind === 'int' || kind === 'long' || kind === 'double' || kind === 'boolean' || kind === 'list') return { kind };
  return { kind: 'string' };
}

function toEntry(r: Row, bit: number): RegistryEntry {
  const { line, release } = lineOfBit(bit);
  return {
    key: r[0],
    type: typeOf(r[2], r[8]),
    default: r[3],
    version: r[4],
    doc: r[5],
    internal: r[6] === 1,
    alternatives: r[7] === '' ? [] : r[7].split(','),
    line,
    release,
  };
}

/**
 * The registry entry of `key` for the Spark version in force: from that version's line, else (the key
 * exists in another line only) from the newest line that has it. undefined when no line registers it.
 */
export function registryEntry(key: string, v: SparkVersion): RegistryEntry | undefined {
  const rows = idx().rows.get(key);
  if (rows === undefined) return undefined;
  const bit = lineBit(v);
  const own = rows.find((r) => (r[1] & bit) !== 0);
  if (own !== undefined) return toEntry(own, bit);
  const last = rows[rows.length - 1];
  if (last === undefined) return undefined;
  const top = 1 << Math.floor(Math.log2(last[1]));
  return toEntry(last, top);
}

/** True when the version in force reads the key: its line registers it and it was added by then. */
export function registeredIn(key: string, v: SparkVersion): boolean {
  const rows = idx().rows.get(key);
  if (rows === undefined) return false;
  const bit = lineBit(v);
  return rows.some((r) => (r[1] & bit) !== 0 && !addedAfter(r[4], v));
}

/** Keys the jars hold as string literals and Spark reads by name (spark.master, spark.app.name). */
export function readByName(key: string): boolean {
  return idx().byName.has(key);
}

/** A key in any line's registry, or read by name: Spark knows it in some release. */
export function knownToSpark(key: string): boolean {
  const i = idx();
  return i.rows.has(key) || i.byName.has(key);
}

/**
 * The free-form family `key` falls under (spark.hadoop., spark.executorEnv., ...): string literals of the
 * jars ending in "." under which Spark registers no entry (scripts/gen-spark-keys/build.mjs), and the
 * families Spark builds by concatenation, which hold some registered entries too (CONCATENATED).
 */
export function freeFormPrefix(key: string): string | undefined {
  for (const p of idx().data.freeForm) if (key.startsWith(p)) return p;
  for (const [p] of CONCATENATED) if (key.startsWith(p)) return p;
  return TRANSPORT_CONF.exec(key)?.[0];
}

/** Families read by concatenating a prefix with a name, each with where Spark does it. */
const CONCATENATED: readonly (readonly [prefix: string, source: string])[] = [
  [
    'spark.sql.catalog.',
    'Catalogs.load: "spark.sql.catalog." + name, and its options under "spark.sql.catalog.<name>."',
  ],
  ['spark.driver.resource.', 'ResourceUtils: componentName + ".resource." + resource name'],
  ['spark.executor.resource.', 'ResourceUtils: componentName + ".resource." + resource name'],
  ['spark.task.resource.', 'ResourceUtils: componentName + ".resource." + resource name'],
  ['spark.worker.resource.', 'ResourceUtils: componentName + ".resource." + resource name'],
  ['spark.sql.streaming.stateStore.rocksdb.', 'RocksDBConf: ROCKSDB_SQL_CONF_NAME_PREFIX + "." + name'],
  ['spark.datasource.', 'SessionConfigSupport: "spark.datasource." + keyPrefix + "." + option'],
];

/** TransportConf.getConfKey: "spark." + module + "." + suffix, e.g. spark.shuffle.io.serverThreads (network-common). */
const TRANSPORT_CONF = /^spark\.[A-Za-z]+\.(?:io|sasl)\./;

/** Every registered key of the line in force (added by then), for suggestions and completion. */
export function registryKeys(v: SparkVersion): readonly string[] {
  const bit = lineBit(v);
  const out: string[] = [];
  for (const [key, rows] of idx().rows) if (rows.some((r) => (r[1] & bit) !== 0 && !addedAfter(r[4], v))) out.push(key);
  return out;
}

/** Spark's conversion message for a type on the line in force, with {key} and {value} (and {values}). */
export function conversionMessage(kind: string, v: SparkVersion): string | undefined {
  const { line } = lineOfBit(lineBit(v));
  return idx().data.messages[line]?.[kind];
}

/** What the registry was generated from: the modules and releases of each line. */
export function registrySource(): string {
  return idx()
    .data.lines.map((l) => `Spark ${l.line}: ${l.modules}`)
    .join('; ');
}

/** A registry entry in the catalog's shape, for hover and completion (hand-written entries come first). */
export function registryCatalogEntry(e: RegistryEntry, v: SparkVersion): CatalogEntry {
  const t = e.type;
  const added = /^(\d+\.\d+)/.exec(e.version)?.[1];
  return {
    key: e.key,
    flavour: 'spark',
    type: t.kind === 'bytes' ? 'size' : t.kind === 'list' ? 'string' : t.kind === 'time' ? 'time' : t.kind,
    ...(t.kind === 'bytes' ? { unit: t.unit } : {}),
    ...(t.kind === 'time' ? { timeUnit: t.unit } : {}),
    ...(t.kind === 'enum' ? { enumValues: t.values } : {}),
    defaults: [['0.x+', e.default]],
    description: e.doc === '' ? 'Spark gives this entry no description.' : e.doc,
    versions: added !== undefined ? `${added}+` : '0.x+',
    ...(e.alternatives.length > 0 ? { alternates: e.alternatives } : {}),
    source: `ConfigEntry ${e.key}, Spark ${e.release}${e.version !== '' ? ` (added in ${e.version})` : ''}; registry generated from the jars (${formatVersion(v)} reads the ${e.line} line)`,
    category: 'misc',
    ...(e.internal ? { internal: true } : {}),
  };
}
