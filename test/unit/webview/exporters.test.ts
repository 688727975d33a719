// Export serializers: CSV rows per sample, a standalone SVG built from the series, safe names.
import * as assert from 'node:assert/strict';
import type { SimResult } from '../../../src/core/workload/types';
import { chartSvg, exportName, toCsv, toJson, toSvg } from '../../../src/webview/exporters';
import { onHeapChart } from '../../../src/webview/chartData';
import { series } from './chartData.test';

const result = (name = 'cache <thrash> & co'): SimResult => ({
  scenario: name,
  memoryManager: 'UnifiedMemoryManager',
  sparkVersion: '3.5.0',
  series: series(),
  events: [],
  summary: {
    spilledBytes: 0,
    spillCount: 0,
    evictedBlocks: 0,
    droppedToDiskBlocks: 0,
    cacheHits: 0,
    cacheMisses: 0,
    waitMs: 0,
    waits: 0,
    failedTasks: 0,
    lowMemoryExceptions: 0,
    peakStorageUsed: 0,
    peakExecutionUsed: 0,
    peakOffHeapUsed: 0,
    durationMs: 1500,
    events: 0,
  },
});

describe('webview exporters', () => {
  it('writes one CSV row per sample with bytes and a column per task slot', () => {
    const lines = toCsv(result()).trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(
      lines[0],
      't_ms,onHeapStorageUsed,onHeapExecutionUsed,onHeapStoragePoolSize,onHeapExecutionPoolSize,offHeapStorageUsed,offHeapExecutionUsed,offHeapStoragePoolSize,offHeapExecutionPoolSize,untracked,slot1Execution,slot2Execution',
    );
    assert.equal(
      lines[1],
      `0,${2 ** 20},${2 * 2 ** 20},${100 * 2 ** 20},${100 * 2 ** 20},0,0,0,0,0,${3 * 2 ** 20},${4 * 2 ** 20}`,
    );
    // The short slot series leaves its cells empty rather than inventing values.
    assert.ok(lines[4]!.endsWith(','));
  });
  it('writes the SimResult as JSON that parses back to the same value', () => {
    assert.deepEqual(JSON.parse(toJson(result())), JSON.parse(JSON.stringify(result())));
  });
  it('draws an SVG with one polyline per line, escaped text and the given colours', () => {
    const svg = toSvg(result(), { colors: ['red', 'green', 'blue', 'black'], background: '#fff' });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<polyline /g) ?? []).length, 4);
    assert.ok(svg.includes('cache &lt;thrash&gt; &amp; co'));
    assert.ok(!svg.includes('<thrash>'));
    assert.ok(svg.includes('stroke="red"'));
    assert.ok(svg.includes('stroke-dasharray="6 4"'));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
  });
  it('places points inside the plot area (x by time, y by MiB)', () => {
    const svg = chartSvg(onHeapChart(series()), 't', { width: 200, height: 100 });
    const pts = /<polyline[^>]*points="([^"]+)"/
      .exec(svg)![1]!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    assert.equal(pts.length, 4);
    for (const [x, y] of pts) {
      assert.ok(x! >= 64 && x! <= 184, `x ${x}`);
      assert.ok(y! >= 32 && y! <= 44 + 56, `y ${y}`);
    }
    assert.ok(pts[0]![0]! < pts[3]![0]!);
  });
  it('suggests a plain file name the protocol accepts', () => {
    assert.equal(exportName(result(), 'csv'), 'cache-thrash-co.csv');
    assert.match(exportName(result('  '), 'png'), /^[\w.-]+$/);
  });

  const ctx = {
    file: 'conf/spark-defaults.conf',
    kind: 'spark-defaults',
    settings: { 'spark.executor.memory': '8g', 'spark.executor.cores': '4' },
    whatIf: { 'spark.executor.memory': '8g' },
    scenario: { name: 'cache thrash', source: 'preset cache-thrash' },
    productVersion: '0.1.0',
  };
  it('a JSON export with a context says the config, the what-if, the scenario and the versions, and keeps the run whole', () => {
    const j = JSON.parse(toJson(result(), ctx)) as Record<string, unknown>;
    assert.equal(j['productVersion'], '0.1.0');
    assert.equal(j['sparkVersion'], '3.5.0');
    assert.deepEqual(j['config'], { file: ctx.file, kind: ctx.kind, settings: ctx.settings });
    assert.deepEqual(j['whatIf'], { 'spark.executor.memory': '8g' });
    assert.deepEqual(j['scenario'], ctx.scenario);
    assert.deepEqual(j['result'], JSON.parse(JSON.stringify(result())));
  });
  it('an SVG export with a context has a title, a legend, axes and the config under the title', () => {
    const svg = toSvg(result(), {}, ctx);
    assert.match(svg, /<title>cache &lt;thrash&gt; &amp; co: on-heap memory/);
    assert.match(svg, />Config: conf\/spark-defaults.conf \(spark.executor.memory=8g, spark.executor.cores=4\)</);
    assert.match(svg, />What-if: spark.executor.memory=8g</);
    assert.match(
      svg,
      />Scenario: cache thrash \(preset cache-thrash\) · UnifiedMemoryManager, Spark 3.5.0 · Spark Memory 0.1.0</,
    );
    assert.match(svg, />time \(s\)</);
    assert.match(svg, />MiB</);
    for (const l of ['Storage used', 'Execution used', 'Untracked (user objects)'])
      assert.ok(svg.includes(`>${l}</text>`), l);
  });
  it('draws charts of a comparison on the axes it is given (shared ends), not on their own', () => {
    const c = onHeapChart(series());
    const own = chartSvg(c, 't', { legend: false });
    const shared = chartSvg(c, 't', { legend: false, xMax: 50, yMax: 1000 });
    assert.notEqual(own, shared);
    assert.match(shared, />50</);
    assert.match(shared, />1000</);
  });
});
