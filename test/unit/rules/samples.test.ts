// The sample files show exactly the problems they were broken with; Spark's own template shows none.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1 } from '../../../src/core/version';
import { lint } from './lintHarness';

const FIXTURES = join(__dirname, '../../../../test/unit/rules/fixtures');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('sample files', () => {
  it('spark-defaults.conf: unit-less heap, fraction 1.2, 2gb driver, inline comment, duplicate cores, 256k Kryo buffer', () => {
    const text = read('spark-defaults.conf');
    const got = lint(text).map((f) => `${lineOf(text, f.span.start)} ${f.severity} ${f.code}`);
    assert.deepEqual(got, [
      '10 warning PROPS-DUP',
      '11 error SIZE-UNITLESS-HEAP',
      '13 error FRACTION-RANGE',
      '19 error SIZE-JVM-SUFFIX',
      '20 warning PROPS-INLINE-COMMENT',
      '22 warning SIZE-TRUNCATE',
    ]);
  });
  it('k8s/spark-pi.yaml: the 512Mi executor memory', () => {
    const text = read('k8s/spark-pi.yaml');
    const got = lint(text, { type: { kind: 'spark-application' } }).map(
      (f) => `${lineOf(text, f.span.start)} ${f.code}`,
    );
    assert.deepEqual(got, ['31 SIZE-K8S-QUANTITY']);
  });
  it("Spark's conf/spark-defaults.conf.template shows nothing in any version", () => {
    const text = read('clean/spark-defaults.conf.template');
    for (const version of [SPARK_2_4, SPARK_3_5, SPARK_4_1]) {
      assert.deepEqual(lint(text, { version }), []);
      assert.deepEqual(lint(text.replace(/\n/g, '\r\n'), { version }), []);
    }
  });
  it('an empty file and a file of defaults show nothing', () => {
    assert.deepEqual(lint(''), []);
    assert.deepEqual(
      lint(
        'spark.executor.memory 1g\nspark.driver.memory 1g\nspark.memory.fraction 0.6\nspark.memory.storageFraction 0.5\nspark.executor.cores 1\n',
      ),
      [],
    );
  });
});
