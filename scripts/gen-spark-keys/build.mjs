// Turns KeyRegistry's per-line dumps into the committed registry (see ../gen-spark-keys.mjs). Every field
// is what Spark's classes said; nothing here is a default or a message of our own.

/** bytesConf prints a Long through ByteUnit.convertTo(v, BYTE) + "b" (ConfigHelpers.byteToString). */
const BYTE_UNITS = { 1: 'BYTE', 1024: 'KiB', 1048576: 'MiB', 1073741824: 'GiB' };
/** timeConf prints through TimeUnit.MILLISECONDS.convert(v, unit) + "ms" (ConfigHelpers.timeToString): 10^6 of the unit in ms. */
const TIME_UNITS = {
  1: 'ns',
  1000: 'us',
  1000000: 'ms',
  1000000000: 's',
  60000000000: 'min',
  3600000000000: 'h',
  86400000000000: 'd',
};
const PROBE = 'x!';

/** What the entry's own converters say its type is (KeyRegistry.entry). */
function typeOf(e) {
  const printed = e.printed ?? '';
  const n = /^(\d+)(b|ms)$/.exec(printed);
  if (n !== null) {
    const unit = n[2] === 'b' ? BYTE_UNITS[Number(n[1]) / 1000000] : TIME_UNITS[Number(n[1])];
    if (unit === undefined) throw new Error(`${e.key}: unknown unit in ${printed}`);
    return { type: `${n[2] === 'b' ? 'bytes' : 'time'}:${unit}` };
  }
  const err = e.probeError ?? '';
  // 3.5: ConfigHelpers.toNumber/toBoolean; 4.x: the error class INVALID_CONF_VALUE.TYPE_MISMATCH.
  const num =
    / should be (int|long|double|boolean), but was /.exec(err) ??
    / It should be a\/an '(int|long|double|boolean)' value/.exec(err);
  if (num !== null) return { type: num[1] };
  const values = enumValues(e, err);
  if (values !== undefined) return values;
  if (e.listClass !== null && /List|Seq|colon/.test(e.listClass)) return { type: 'list' };
  return { type: 'string' };
}

/**
 * checkValues' message lists the valid values: "The value of <key> should be one of A, B, but was X!"
 * (3.5) or INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS's "It should be one of 'A, B'" (4.x). Flags from
 * what the converter did (KeyRegistry.entry): i = any case (it took the first value lower- and
 * upper-cased), t = blanks around are trimmed, u = the message shows the value upper-cased (a
 * transform(_.toUpperCase) before the check).
 */
function enumValues(e, err) {
  const old = /should be one of (.*), but was (.*)$/s.exec(err);
  const cls = /The value '(.*)' in the config ".*" is invalid\. It should be one of '(.*)'\./s.exec(err);
  const m = old ?? (cls === null ? null : [cls[0], cls[2], cls[1]]);
  if (m === null) return undefined;
  const accepts = e.enumAccepts ?? '';
  const flags = `${accepts.includes('l') && accepts.includes('u') ? 'i' : ''}${accepts.includes('t') ? 't' : ''}${m[2] === PROBE.toUpperCase() ? 'u' : ''}`;
  return { type: flags === '' ? 'enum' : `enum/${flags}`, values: m[1].split(', ') };
}

/** The first sentence of a doc, at most about 110 characters (the full text is in Spark's docs). */
function shortDoc(doc) {
  const text = doc.replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  const end = /\.(\s|$)/.exec(text);
  let s = end === null ? text : text.slice(0, end.index + 1);
  if (s.length > 110) s = `${s.slice(0, s.lastIndexOf(' ', 107))}…`;
  return s;
}

/**
 * Message templates per type from the first entry whose probe failed that way: {key}, {value} and, for
 * a checkValues set, {values}. Sizes and durations have one per unit in 4.x ("It should be a/an 'bytes
 * in KiB' value"); in 3.5 they fail with JavaUtils' own NumberFormatException, which has no key in it.
 */
function messages(dump) {
  const out = {};
  for (const e of dump.entries) {
    const t = typeOf(e).type.replace(/\/\w+$/, '');
    // A string or list entry fails the probe only through its own checkValue: not a conversion message.
    if (out[t] !== undefined || e.probeError === null || t === 'string' || t === 'list') continue;
    const msg = e.probeError.slice(e.probeError.indexOf(': ') + 2);
    if (!msg.includes(e.key)) continue;
    out[t] = msg.split(e.key).join('{key}').split(PROBE.toUpperCase()).join('{value}').split(PROBE).join('{value}');
    if (t === 'enum')
      out[t] = out[t]
        .replace(/one of (.*), but/s, 'one of {values}, but')
        .replace(/one of '(.*)'\./s, "one of '{values}'.");
  }
  return out;
}

/**
 * Key prefixes Spark reads as free-form families (spark.hadoop.*, spark.executorEnv.*,
 * spark.kubernetes.driver.label.*): string literals of the jars that end in "." and under which Spark
 * registers no entry (spark.sql. holds hundreds: a namespace, not a family). Families that also hold
 * registered entries (spark.sql.catalog.) are named in catalog/registry.ts.
 */
function freeFormPrefixes(dump) {
  const keys = dump.entries.map((e) => e.key);
  return dump.literals.filter((p) => p.endsWith('.') && p.split('.').length > 2 && !keys.some((k) => k.startsWith(p)));
}

export function buildRegistry(lines, dumps) {
  const rows = new Map(); // key -> [{ mask, row }]
  dumps.forEach((dump, i) => {
    const bit = 1 << i;
    for (const e of dump.entries) {
      const t = typeOf(e);
      const dflt = e.default === '<undefined>' ? null : e.default;
      const row = [
        e.key,
        0,
        t.type,
        dflt,
        e.version,
        shortDoc(e.doc),
        e.public ? 0 : 1,
        e.alternatives,
        t.values ?? [],
      ];
      const variants = rows.get(e.key) ?? [];
      const same = variants.find((v) => JSON.stringify(v.slice(2)) === JSON.stringify(row.slice(2)));
      if (same !== undefined) same[1] |= bit;
      else {
        row[1] = bit;
        variants.push(row);
      }
      rows.set(e.key, variants);
    }
  });
  const registered = new Set(rows.keys());
  const byName = new Map();
  const freeForm = new Set();
  dumps.forEach((dump, i) => {
    for (const p of freeFormPrefixes(dump)) freeForm.add(p);
    for (const s of dump.literals) {
      if (s.endsWith('.') || registered.has(s)) continue;
      byName.set(s, (byName.get(s) ?? 0) | (1 << i));
    }
  });
  return {
    about:
      "Every config entry Spark registers (ConfigEntry.knownConfigs), read from the jars by scripts/oracle/spark/src/main/java/sparkmemory/oracle/KeyRegistry.java. keys: [key, mask of lines, type, default (Spark's defaultValueString; null when unset), version added, first sentence of the doc, internal, alternatives, valid values]. byName: [key, mask] for the jars' string literals that look like keys Spark reads by name. freeForm: key prefixes read as free-form families. messages: Spark's conversion messages per line.",
    regenerate:
      'npm run gen:spark-keys (scripts/gen-spark-keys.mjs; modules per line in scripts/oracle/spark/keys/lines.txt)',
    lines: lines.map((l) => ({
      line: l.line,
      release: l.core,
      modules: `spark-core, spark-sql, spark-catalyst, spark-sql-api ${l.core}; spark-streaming ${l.streaming}; spark-yarn ${l.yarn}; spark-kubernetes_${l.kubernetesScala} ${l.kubernetes}; spark-hive ${l.hive}; spark-sql-kafka-0-10 ${l.kafka}${l.connect === '-' ? '' : `; spark-connect ${l.connect}`} (org.apache.spark, Maven Central)`,
    })),
    loaded: dumps.map((d) => d.owners),
    messages: Object.fromEntries(lines.map((l, i) => [l.line, messages(dumps[i])])),
    freeForm: [...freeForm].sort(),
    byName: [...byName.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    keys: [...rows.values()].flat().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])),
  };
}
