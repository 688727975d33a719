// Runtime.maxMemory per collector (layout/jvmMaxMemory.ts) against what real JVMs reported
// (test/fixtures/jvm-max-memory.json, measured on OpenJDK 17 and Temurin 25; the oracle re-measures).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkConfView } from '../../../src/core/config/confSource';
import {
  collectorFromJavaOptions,
  defaultCollector,
  g1RegionSize,
  jvmMaxMemory,
  resolveJvm,
} from '../../../src/core/layout/jvmMaxMemory';
import type { GarbageCollector } from '../../../src/core/layout/pageSize';
import { sparkLayout } from '../../../src/core/layout/sparkLayout';
import { SPARK_3_5 } from '../../../src/core/version';

const MiB = 2 ** 20;
const conf = (r: Record<string, string>): SparkConfView => SparkConfView.fromRecord(r, 'file');

/** -Xmx text as the JVM reads it (k/m/g suffixes, or bytes). */
function xmxBytes(s: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(s);
  if (m === null) throw new Error(s);
  const mult = { '': 1, k: 1024, m: MiB, g: 1024 * MiB }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * mult;
}

interface Measurement {
  readonly java: number;
  readonly collector: GarbageCollector;
  readonly xmx: string;
  readonly maxMemory: number;
}

describe('Runtime.maxMemory per collector (HotSpot heap sizing)', () => {
  const fixture = JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fixtures/jvm-max-memory.json'), 'utf8'),
  ) as { measurements: Measurement[] };

  it('equals every measured JVM, byte for byte', () => {
    assert.ok(fixture.measurements.length >= 200);
    const wrong = fixture.measurements.filter(
      (m) => jvmMaxMemory(xmxBytes(m.xmx), m.collector).maxMemory !== m.maxMemory,
    );
    assert.deepEqual(wrong, []);
  });

  it('leaves out one survivor space under Parallel and Serial, none under G1', () => {
    // Parallel 500m: 466092032, the figure SPARK-58513 quotes for spark.executor.memory=500m.
    assert.equal(jvmMaxMemory(500 * MiB, 'Parallel').maxMemory, 466092032);
    assert.equal(jvmMaxMemory(1024 * MiB, 'Serial').maxMemory, 1073741824 - 35782656);
    assert.equal(jvmMaxMemory(1024 * MiB, 'G1').maxMemory, 1073741824);
  });

  it('aligns the heap up to the G1 region (4097m uses 4 MiB regions: 4100m)', () => {
    assert.equal(g1RegionSize(4097 * MiB), 4 * MiB);
    assert.equal(jvmMaxMemory(4097 * MiB, 'G1').maxMemory, 4100 * MiB);
    assert.equal(jvmMaxMemory(777 * MiB, 'G1').maxMemory, 778 * MiB);
  });

  it('does not guess for CMS', () => {
    assert.equal(jvmMaxMemory(GiBs(4), 'CMS').maxMemory, undefined);
  });
});

function GiBs(n: number): number {
  return n * 1024 * MiB;
}

describe('the collector a JVM runs', () => {
  it('takes the last -XX:+Use…GC of the java options', () => {
    assert.equal(collectorFromJavaOptions('-XX:+UseG1GC -verbose:gc'), 'G1');
    assert.equal(collectorFromJavaOptions('-Dx=1 -XX:+UseParallelGC'), 'Parallel');
    assert.equal(collectorFromJavaOptions('-XX:+UseZGC -XX:+ZGenerational'), 'ZGC');
    assert.equal(collectorFromJavaOptions('-XX:-UseG1GC'), undefined);
    assert.equal(collectorFromJavaOptions('-XX:+UseG1GCX'), undefined);
    assert.equal(collectorFromJavaOptions(undefined), undefined);
  });

  it('defaults to Parallel up to Java 8, G1 from 9 on a server-class machine, Serial otherwise', () => {
    assert.equal(defaultCollector(8, true), 'Parallel');
    assert.equal(defaultCollector(11, true), 'G1');
    assert.equal(defaultCollector(17, false), 'Serial');
    assert.equal(defaultCollector(8, false), 'Serial');
  });

  it('prefers a chosen collector, then the java options, then the default', () => {
    assert.equal(resolveJvm(GiBs(1), '-XX:+UseSerialGC', { gc: 'ZGC' }).collector, 'ZGC');
    assert.equal(resolveJvm(GiBs(1), '-XX:+UseSerialGC', {}).collectorFrom, 'java options');
    assert.equal(resolveJvm(GiBs(1), undefined, { javaVersion: 8 }).collector, 'Parallel');
  });
});

describe('the layout on the modelled JVM', () => {
  it("sizes the unified region from Runtime.maxMemory, and Parallel's 500m executor is refused", () => {
    const l = sparkLayout(
      conf({ 'spark.executor.memory': '500m', 'spark.executor.extraJavaOptions': '-XX:+UseParallelGC' }),
      { version: SPARK_3_5 },
    );
    assert.equal(l.executorJvm.collector, 'Parallel');
    assert.equal(l.executorJvm.maxMemory, 466092032);
    assert.equal(l.unified, undefined);
    assert.ok(l.startupErrors.some((e) => /System memory 466092032 must be at least 471859200/.test(e.message)));
  });

  it('uses the JVM default collector of the chosen Java version', () => {
    const l = sparkLayout(conf({ 'spark.executor.memory': '4g' }), { version: SPARK_3_5, javaVersion: 8 });
    assert.equal(l.executorJvm.collector, 'Parallel');
    assert.equal(l.unified?.systemMemory, 3817865216);
    const g1 = sparkLayout(conf({ 'spark.executor.memory': '4g' }), { version: SPARK_3_5 });
    assert.equal(g1.unified?.systemMemory, 4 * 1024 * MiB);
    assert.ok(g1.assumptions.some((a) => /G1 \(default of Java 17\)/.test(a)));
  });

  it('keeps an explicit shortfall or system memory over the model', () => {
    const l = sparkLayout(conf({ 'spark.executor.memory': '4g' }), { version: SPARK_3_5, jvmMaxMemoryShortfall: 0.5 });
    assert.equal(l.unified?.systemMemory, 2 * 1024 * MiB);
  });
});
