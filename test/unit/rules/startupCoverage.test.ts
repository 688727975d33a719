// Every start-up error the layout derives appears as an error finding on the value it names, and
// exactly one rule owns it (STARTUP-ERROR takes whatever no specific rule reports).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { layoutOfDocument, parseDocument } from '../../../src/core/analyze';
import { RULES, lintDocument } from '../../../src/core/rules';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';

const VALUES: Readonly<Record<string, readonly string[]>> = {
  'spark.executor.memory': ['4g', '4096', '400m', '4.5g', '4Gi', '4gb', '"4g"', '4g # c', '', '0', '512k', '40g', 'x'],
  'spark.driver.memory': ['2g', '2048', '2gb', '300m', '1.5g', '1p', '1m', ''],
  'spark.executor.memoryOverhead': ['512m', '1 g', '200m', '1.5g', '512Mi', '"1g"'],
  'spark.memory.fraction': ['0.6', '1.2', '-1', '0', '0.95', 'abc', '"0.6"', '0.2'],
  'spark.memory.storageFraction': ['0.5', '1.0', '50', '0.95', 'x'],
  'spark.memory.offHeap.enabled': ['true', 'false', 'yes', ''],
  'spark.memory.offHeap.size': ['2g', '2048', '0', '-1', '1.5g', 'abc'],
  'spark.executor.cores': ['4', '0', '2.5', '1', '16'],
  'spark.task.cpus': ['1', '4', 'x'],
  'spark.executor.extraJavaOptions': ['-Xmx4g', '-XX:+UseG1GC', '-Dspark.x=1'],
  'spark.driver.extraJavaOptions': ['-Xmx2g', '-Xss4m'],
  'spark.executor.memoryOverheadFactor': ['0.1', '0', '-1', 'x'],
  'spark.kubernetes.memoryOverheadFactor': ['0.1', '1.5', '-0.1'],
  'spark.master': ['yarn', 'k8s://https://k:6443', 'spark://m:7077', 'local[4]'],
  'spark.submit.deployMode': ['client', 'cluster'],
  'spark.executor.instances': ['2', '0'],
  'spark.dynamicAllocation.enabled': ['true', 'false'],
  'spark.testing.memory': ['100000000'],
  'spark.executor.pyspark.memory': ['1g', 'x'],
};
const KEYS = Object.keys(VALUES);

const conf = fc
  .array(fc.constantFrom(...KEYS), { maxLength: 8 })
  .chain((keys) =>
    fc
      .tuple(...[...new Set(keys)].map((k) => fc.constantFrom(...(VALUES[k] ?? [''])).map((v) => `${k} ${v}`)))
      .map((lines) => lines.join('\n') + '\n'),
  );

describe('start-up errors are all reported, once, as errors', () => {
  it('for random spark-defaults.conf files in every modelled release', () => {
    fc.assert(
      fc.property(
        conf,
        fc.constantFrom(SPARK_2_4, sparkVersion(3, 0, 3), sparkVersion(3, 2, 4), SPARK_3_5, SPARK_4_1),
        (text, version) => {
          const doc = parseDocument({ kind: 'spark-defaults' }, text);
          const layout = layoutOfDocument(doc, { sparkVersion: version });
          if (layout.kind !== 'spark') return;
          const findings = lintDocument(doc, RULES, { version });
          const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
          const errors = findings.filter((f) => f.severity === 'error');
          for (const e of layout.layout.startupErrors) {
            const span = e.from?.span;
            const hit =
              span === undefined
                ? errors.length > 0
                : errors.some(
                    (f) =>
                      lineOf(f.span.start) === lineOf(span.start) ||
                      f.related?.some((r) => r.span.start === span.start),
                  );
            assert.ok(
              hit,
              `no error for ${JSON.stringify(e.message)} in\n${text}\nfindings: ${JSON.stringify(findings.map((f) => [f.code, f.severity, f.span]))}`,
            );
          }
          const seen = new Set<string>();
          for (const f of findings) {
            const k = `${f.code}@${f.span.start}-${f.span.end}`;
            assert.ok(!seen.has(k), `duplicate ${k}`);
            seen.add(k);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
