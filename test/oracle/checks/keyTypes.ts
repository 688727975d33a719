// Values through the real converters of the keys Spark registers (ConfigEntry.valueConverter, what
// SparkConf.get(entry) runs) against the product's VALUE-TYPE conversion (src/core/catalog/registryConvert.ts):
// whether each value converts, and when it does not, Spark's message word for word. A few keys of each
// type, a dozen values each, one JVM per line on the oracle's spark-core classpath (SQL keys are not on
// it and answer "missing"). A value of the right type that a key's own checkValue refuses is counted
// apart: VALUE-TYPE checks types, not ranges.
import { CheckContext, CheckResult, OracleCheck } from '../check';
import { moduleClasspath } from './containers';
import { registryEntry, registryKeys, type RegistryEntry } from '../../../src/core/catalog/registry';
import { convertValue } from '../../../src/core/catalog/registryConvert';
import registry from '../../../src/core/catalog/generated/sparkRegistry.json';
import { SparkVersion, parseSparkVersion } from '../../../src/core/version';

const KEYS_PER_TYPE = 6;
const VALUES: Readonly<Record<string, readonly string[]>> = {
  int: ['1', ' 42 ', '+7', '-3', '2147483647', '2147483648', '512m', '1.5', '', '0x10', 'x'],
  long: ['9223372036854775807', '9223372036854775808', '1k', '-1', ' 5', '1e3'],
  double: ['0.5', '1e3', 'NaN', '-Infinity', '1d', '0x1p3', '.5', '5.', '1,5', 'abc', ' 2 '],
  boolean: ['true', 'TRUE', ' false ', 'yes', '1', 'tru e', 'False'],
  bytes: ['1g', '512m', '1.5g', '100', '-1k', '1gb', '10 m', '1x', '1GiB', ' 64k ', '9999999999999999999'],
  time: ['10s', '100ms', '5min', '1h', '2d', '1.5s', '10', '-5s', '10 sec', '1ns', '3us', ' 7m '],
  enum: [],
};

function sample(keys: readonly string[], n: number): string[] {
  if (keys.length <= n) return [...keys];
  return Array.from({ length: n }, (_, i) => keys[Math.floor((i * keys.length) / n)] ?? '');
}

/** 3.5: "'v' in key is invalid. ..."; 4.x: an error class other than the type and option ones. */
function isRangeCheck(message: string): boolean {
  return (
    /^'.*' in \S+ is invalid\./s.test(message) ||
    /^\[INVALID_CONF_VALUE\.(?!TYPE_MISMATCH|OUT_OF_RANGE_OF_OPTIONS)/.test(message)
  );
}

/** A few keys of each type among `entries`, with the values each is tried with. */
function casesOf(entries: readonly RegistryEntry[]): { e: RegistryEntry; value: string }[] {
  const byKind = new Map<string, RegistryEntry[]>();
  for (const e of entries) {
    if (e.type.kind === 'string' || e.type.kind === 'list') continue;
    byKind.set(e.type.kind, [...(byKind.get(e.type.kind) ?? []), e]);
  }
  const cases: { e: RegistryEntry; value: string }[] = [];
  for (const [kind, ofKind] of byKind) {
    for (const key of sample(
      ofKind.map((e) => e.key),
      KEYS_PER_TYPE,
    )) {
      const e = ofKind.find((x) => x.key === key);
      if (e === undefined) continue;
      const values =
        e.type.kind === 'enum'
          ? [e.type.values[0] ?? '', (e.type.values[0] ?? '').toLowerCase(), 'bogus', ` ${e.type.values[0] ?? ''}`]
          : (VALUES[kind] ?? []);
      for (const value of values) cases.push({ e, value });
    }
  }
  return cases;
}

interface Pass {
  passed: number;
  failed: number;
  failures: string[];
  ran: number;
  ranges: number;
  cases: number;
}

/** The cases through KeyRegistry convert (the named config objects initialised first), against convertValue. */
async function convertPass(
  ctx: CheckContext,
  classpath: string,
  owners: readonly string[],
  cases: readonly { e: RegistryEntry; value: string }[],
  release: string,
  v: SparkVersion,
): Promise<Pass> {
  const pass: Pass = { passed: 0, failed: 0, failures: [], ran: 0, ranges: 0, cases: cases.length };
  const input = cases.map((c) => `${c.e.key}\t${c.value.replace(/\\/g, '\\\\')}`).join('\n') + '\n';
  const r = await ctx.java.run(classpath, 'sparkmemory.oracle.KeyRegistry', ['convert', ...owners], input);
  if (r.code !== 0) {
    pass.failed++;
    pass.failures.push(
      `Spark ${release}: KeyRegistry convert exited ${r.code}: ${r.stderr.trim().split('\n')[0] ?? ''}`,
    );
    return pass;
  }
  const out = r.stdout.split('\n');
  cases.forEach((c, i) => {
    const [status, ...rest] = (out[i] ?? '').split('\t');
    if (status === 'missing') return;
    pass.ran++;
    const spark = rest.join('\t').replace(/\\n/g, '\n');
    const ours = convertValue(c.e, c.value, v);
    if (status === 'err' && ours.ok && isRangeCheck(spark)) {
      pass.ranges++;
      return;
    }
    const agree = status === 'ok' ? ours.ok : !ours.ok && ours.message === spark;
    if (agree) pass.passed++;
    else {
      pass.failed++;
      pass.failures.push(
        `Spark ${release} ${c.e.key} (${c.e.type.kind}) ${JSON.stringify(c.value)}: Spark ${status === 'ok' ? 'accepts it' : JSON.stringify(spark)}, ours ${ours.ok ? 'accepts it' : JSON.stringify(ours.message)}`,
      );
    }
  });
  return pass;
}

export const keyTypesCheck: OracleCheck = {
  name: 'key-types',
  async run(ctx): Promise<CheckResult> {
    const failures: string[] = [];
    const notes: string[] = [];
    let passed = 0;
    let failed = 0;
    const lines = registry.lines.map((l) => l.line);
    const add = (p: Pass, what: string): void => {
      passed += p.passed;
      failed += p.failed;
      failures.push(...p.failures);
      notes.push(what);
      ctx.log(what);
    };
    for (const line of ctx.lines) {
      const at = lines.indexOf(line.label);
      const v = parseSparkVersion(line.release);
      if (at < 0 || v === undefined) continue;
      const compiled = ctx.java.compile(line);
      if (compiled.classpath === undefined) {
        failed++;
        failures.push(compiled.error ?? `Spark ${line.release}: no classpath`);
        continue;
      }
      const entries = registryKeys(v)
        .filter((key) => !key.startsWith('spark.sql.'))
        .flatMap((key) => registryEntry(key, v) ?? []);
      const loaded = registry.loaded[at] ?? [];
      const core = await convertPass(
        ctx,
        compiled.classpath,
        loaded.filter((o) => o.startsWith('org.apache.spark.internal.config.')),
        casesOf(entries),
        line.release,
        v,
      );
      add(
        core,
        `key-types ${line.release}: ${core.ran} values through the real converters (${core.cases - core.ran} on keys outside spark-core), ${core.ranges} refused by a key's own range check (not a type error)`,
      );
      // The Kubernetes module's own keys on its classpath (3.5's is the 2.12 module on spark-core_2.12).
      const k8s = moduleClasspath(ctx.java, line, 'kubernetes');
      if (k8s.classpath === undefined) continue;
      const kp = await convertPass(
        ctx,
        k8s.classpath,
        loaded.filter((o) => o.startsWith('org.apache.spark.deploy.k8s.')),
        casesOf(entries.filter((e) => e.key.startsWith('spark.kubernetes.'))),
        line.release,
        v,
      );
      add(
        kp,
        `key-types ${line.release}: ${kp.ran} values of spark.kubernetes.* keys through spark-kubernetes ${k8s.release ?? '?'}'s converters (${kp.cases - kp.ran} not found there), ${kp.ranges} refused by a range check`,
      );
    }
    return { passed, failed, failures, notes };
  },
};
