// What an entry's valueConverter does with a string (SparkConf.get(entry), SQLConf.setConfString):
// ConfigBuilder.intConf/longConf/doubleConf use ConfigHelpers.toNumber (trim, then Integer.parseInt,
// Long.parseLong, Double.parseDouble), booleanConf ConfigHelpers.toBoolean (trim, Scala's toBoolean),
// bytesConf ConfigHelpers.byteFromString (JavaUtils.byteStringAs), timeConf JavaUtils.timeStringAs,
// checkValues a set. The messages are Spark's, taken per line from the jars by the generator
// (registry.ts conversionMessage); test/oracle/checks/keyTypes.ts runs a sample through the real classes.
import { javaParseDouble, javaParseInt, javaParseLong, scalaToBoolean } from '../config/javaParse';
import { byteFromString, byteSuffixesFor, javaTrim } from '../size/byteString';
import { timeStringAsMs } from '../config/timeString';
import { SparkVersion } from '../version';
import { RegistryEntry, conversionMessage, registryEntry } from './registry';

export type Conversion = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OK: Conversion = { ok: true };

/** JavaUtils.timeStringAs's NumberFormatException text (the value itself is not converted further). */
export function timeStringError(str: string): string | undefined {
  const r = timeStringAsMs(str);
  return r.ok ? undefined : r.error;
}

function fill(template: string, key: string, value: string): string {
  return template.split('{key}').join(key).split('{value}').join(value);
}

/**
 * The key a converter names: a FallbackConfigEntry runs its fallback's converter, which was built with
 * the fallback's key (spark.driver.blockManager.port says spark.blockManager.port).
 */
function converterKey(e: RegistryEntry, v: SparkVersion): string {
  let key = e.key;
  let d = e.default;
  for (let i = 0; i < 5; i++) {
    const m = d === null ? null : /^<value of (.+)>$/.exec(d);
    if (m === null) break;
    key = m[1] ?? key;
    d = registryEntry(key, v)?.default ?? null;
  }
  return key;
}

/** The registry's template for a type on the line in force (`bytes:KiB`, `time:s` by unit). */
function typeKey(t: RegistryEntry['type']): string {
  return t.kind === 'bytes' || t.kind === 'time' ? `${t.kind}:${t.unit}` : t.kind;
}

/** Runs `value` through the entry's converter as Spark would; the failure carries Spark's message. */
export function convertValue(e: RegistryEntry, value: string, v: SparkVersion): Conversion {
  const t = e.type;
  const template = conversionMessage(typeKey(t), v);
  const fail = (fallback: string, shown = value): Conversion => ({
    ok: false,
    message: template === undefined ? fallback : fill(template, converterKey(e, v), shown),
  });
  switch (t.kind) {
    case 'int':
    case 'long':
    case 'double': {
      const s = javaTrim(value);
      const r = t.kind === 'int' ? javaParseInt(s) : t.kind === 'long' ? javaParseLong(s) : javaParseDouble(s);
      return r.ok ? OK : fail(`${converterKey(e, v)} should be ${t.kind}, but was ${value}`);
    }
    case 'boolean':
      return scalaToBoolean(javaTrim(value)).ok
        ? OK
        : fail(`${converterKey(e, v)} should be boolean, but was ${value}`);
    case 'bytes': {
      const r = byteFromString(value, t.unit, byteSuffixesFor(v));
      return r.ok ? OK : fail(r.error);
    }
    case 'time': {
      const err = timeStringError(value);
      return err === undefined ? OK : fail(err);
    }
    case 'enum': {
      // transform(_.toUpperCase(Locale.ROOT)) before checkValues shows the upper-cased value; 4.x's enum
      // entries trim and compare in any case but show the value as written.
      const shown = t.showsUpper ? value.toUpperCase() : value;
      const given = t.trims ? javaTrim(value) : value;
      const same = (x: string): boolean => (t.anyCase ? x.toUpperCase() === given.toUpperCase() : x === given);
      if (t.values.some(same)) return OK;
      const r = fail(`The value of ${converterKey(e, v)} should be one of {values}, but was ${shown}`, shown);
      return r.ok ? r : { ok: false, message: r.message.split('{values}').join(t.values.join(', ')) };
    }
    default:
      return OK;
  }
}
