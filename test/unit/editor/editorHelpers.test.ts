// The pure helpers behind the editor features: hover text, inlay hints, outline, completion, fix-all
// and suppression edits, version status and the size limits. Small inputs, exact expectations.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentType } from '../../../src/core/document/kind';
import {
  EditorAnalysis,
  EditorOptions,
  MAX_ANALYSED_CHARS,
  analyzeText,
  completionsAt,
  disableNextLineEdit,
  fileDisableEdit,
  fixAllEdits,
  hoverAt,
  inlayHints,
  outline,
  versionChoices,
  versionSetting,
  versionStatus,
} from '../../../src/core/editor';
import type { Finding } from '../../../src/core/rules';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';
import { applyTextEdits, type TextEdit } from '../../../src/core/edit';

const SAMPLES = join(__dirname, '../../../../samples');
const sample = (p: string): string => readFileSync(join(SAMPLES, p), 'utf8');
const SPARK: DocumentType = { kind: 'spark-defaults' };
const SERVERS: DocumentType = { kind: 'snappy-members', role: 'server' };
const APP: DocumentType = { kind: 'spark-application' };

function analyse(type: DocumentType, text: string, opts: EditorOptions = {}): EditorAnalysis {
  const r = analyzeText(type, text, opts);
  if (!r.ok) throw new Error(r.tooLarge.message);
  return r.analysis;
}

const apply = applyTextEdits;

describe('editor: analysis', () => {
  it('lints with the version in force and the severities given', () => {
    const text = 'spark.memory.storageFraction 1.0\n';
    assert.deepEqual(
      analyse(SPARK, text).findings.map((f) => [f.code, f.severity]),
      [['FRACTION-RANGE', 'error']],
    );
    assert.deepEqual(
      analyse(SPARK, text, { sparkVersion: SPARK_2_4 })
        .findings.map((f) => f.code)
        .filter((c) => c === 'FRACTION-RANGE'),
      [],
    );
    assert.deepEqual(
      analyse(SPARK, text, { severities: { 'FRACTION-RANGE': 'off' } })
        .findings.map((f) => f.code)
        .filter((c) => c === 'FRACTION-RANGE'),
      [],
    );
    assert.equal(
      analyse(SPARK, text, { severities: { 'FRACTION-RANGE': 'hint' } }).findings.find(
        (f) => f.code === 'FRACTION-RANGE',
      )?.severity,
      'hint',
    );
  });

  it('takes the version from spec.sparkVersion unless the setting chooses one', () => {
    const yaml = sample('k8s/spark-pi.yaml');
    const a = analyse(APP, yaml);
    assert.equal(a.versionSource, 'document');
    assert.deepEqual(a.version, sparkVersion(3, 5, 0));
    const b = analyse(APP, yaml, { sparkVersion: SPARK_2_4 });
    assert.equal(b.versionSource, 'setting');
  });

  it('reads the leads file beside a servers file and names it in related locations', () => {
    const servers = 'node-a -heap-size=4g -spark.memory.fraction=0.7\n';
    const a = analyse(SERVERS, servers, {
      leads: { text: 'lead-a -spark.memory.fraction=0.8\n', uri: 'file:///x/conf/leads' },
    });
    assert.ok(a.leads !== undefined);
    const related = a.findings.flatMap((f) => f.related ?? []).filter((r) => r.uri === 'file:///x/conf/leads');
    assert.ok(related.length > 0, JSON.stringify(a.findings));
  });

  it('does not analyse a file above the limit of its kind, and says why', () => {
    const big = 'spark.app.x 1\n'.repeat(Math.ceil(MAX_ANALYSED_CHARS['spark-defaults'] / 14) + 1);
    const r = analyzeText(SPARK, big);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.tooLarge.limit, 2_000_000);
      assert.match(r.tooLarge.message, /does not check this file: it has [\d,]+ characters, more than the 2,000,000/);
    }
    // A normal 10,000-line file is always analysed.
    const normal = Array.from(
      { length: 10_000 },
      (_, i) => `spark.app.setting${i}                 value-of-setting-${i}`,
    ).join('\n');
    assert.ok(normal.length > 500_000);
    assert.equal(analyzeText(SPARK, normal).ok, true);
    assert.equal(analyzeText(SERVERS, 'h -heap-size=1g\n'.repeat(15_000)).ok, true);
  });
});

describe('editor: hover', () => {
  const text = 'spark.executor.memory 4g\nspark.memory.fraction 0.6\n';
  it('on a key: description, default for the version, range, source and the derived sizes in bytes and units', () => {
    const a = analyse(SPARK, text);
    const h = hoverAt(a, 3);
    assert.ok(h);
    assert.deepEqual(h.span, { start: 0, end: 21 });
    assert.match(h.markdown, /^\*\*spark\.executor\.memory\*\* — size; a bare number is MiB/);
    assert.match(h.markdown, /Default \(Spark 3\.5\.0\): `1g`/);
    assert.match(h.markdown, /Valid: ≥ 471,859,200 bytes \(450\.00 MiB\)/);
    // Sources read as names and releases, not the catalog's shorthand ("S35 l.323").
    assert.match(
      h.markdown,
      /Source: EXECUTOR\\_MEMORY in core\/src\/main\/.*package.scala \(Spark 2.4.4, line 96, Spark 3.5.0, line 323/,
    );
    assert.doesNotMatch(h.markdown, /\bS(24|35|41)\b|\bl\.\d/);
    // 4 GiB heap: usable 4096 − 300 MiB; unified = trunc(usable × 0.6).
    assert.match(h.markdown, /\| Usable memory \(system − reserved\) \| 3\.71 GiB \(3,980,394,496 bytes\) \|/);
    assert.match(h.markdown, /\| Unified region \(usable × 0\.6\) \| 2\.22 GiB \(2,388,236,697 bytes\) \|/);
    assert.match(h.markdown, /\| Storage region \(unified × 0\.5\) \| 1\.11 GiB \(1,194,118,348 bytes\) \|/);
    assert.match(h.markdown, /\| User memory \(usable − unified\) \| 1\.48 GiB \(1,592,157,799 bytes\) \|/);
    assert.match(
      h.markdown,
      /YARN container: overhead \(heap × 0\.1\) \| 409 MiB \(409\.00 MiB\) \|\n\| YARN container request \| 4,505 MiB \(4\.40 GiB\)/,
    );
  });

  it('on a value: the value span, and the sizes a fraction produces', () => {
    const a = analyse(SPARK, text);
    const h = hoverAt(a, text.indexOf('0.6') + 1);
    assert.ok(h);
    assert.equal(text.slice(h.span.start, h.span.end), '0.6');
    assert.match(h.markdown, /Unified region \(usable × 0\.6\) \| 2\.22 GiB/);
  });

  it('says when the version in force does not read the key, and marks an overridden line', () => {
    const legacy = analyse(SPARK, 'spark.memory.useLegacyMode true\n');
    assert.match(hoverAt(legacy, 2)!.markdown, /\*\*Not read by Spark 3\.5\.0\*\*/);
    assert.match(hoverAt(legacy, 2)!.markdown, /Use `spark\.memory\.fraction` instead/);
    const dup = 'spark.executor.memory 2g\nspark.executor.memory 4g\n';
    assert.match(hoverAt(analyse(SPARK, dup), 2)!.markdown, /A later line sets this key again/);
    assert.doesNotMatch(hoverAt(analyse(SPARK, dup), dup.lastIndexOf('spark') + 2)!.markdown, /A later line/);
  });

  it('shows the start-up error a value causes', () => {
    const h = hoverAt(analyse(SPARK, 'spark.memory.fraction 1.2\n'), 2);
    assert.match(
      h!.markdown,
      /IllegalArgumentException at start-up\*\*: spark\.memory\.fraction should be between 0 and 1 \(was '1\.2'\)/,
    );
  });

  it('on a SnappyData option: the catalog entry and the member layout', () => {
    const servers = 'node-a -heap-size=8g -critical-heap-percentage=95\n';
    const a = analyse(SERVERS, servers);
    const h = hoverAt(a, servers.indexOf('heap-size') + 1);
    assert.ok(h);
    assert.equal(servers.slice(h.span.start, h.span.end), '-heap-size=8g');
    assert.match(h.markdown, /\*\*-heap-size\*\* — JVM heap size/);
    assert.match(h.markdown, /\*\*node-a: server 1, SnappyData 1\.3\*\*/);
    assert.match(h.markdown, /Heap \(-Xmx8g, set\) \| 8\.00 GiB \(8,589,934,592 bytes\)/);
    // reserved = heap − trunc(95 × 0.01 × heap)
    assert.match(h.markdown, /Reserved memory \(above critical\) \| 409\.60 MiB \(429,496,730 bytes\)/);
    assert.match(h.markdown, /Unified region \(usable × 0\.85, default\)/);
    const host = hoverAt(a, 1);
    assert.deepEqual(host!.span, { start: 0, end: 6 });
  });

  it('on a SparkApplication typed field: the Spark key it sets', () => {
    const yaml = sample('k8s/spark-pi.yaml').replace('"512Mi"', '"4g"');
    const a = analyse(APP, yaml);
    const at = yaml.indexOf('"4g"') + 1;
    const h = hoverAt(a, at);
    assert.ok(h);
    assert.match(h.markdown, /^\*\*spec\.executor\.memory → spark\.executor\.memory\*\*/);
    assert.match(h.markdown, /Kubernetes pod request/);
    assert.equal(hoverAt(a, yaml.indexOf('metadata') + 1), undefined);
  });
});

describe('editor: inlay hints', () => {
  it('put the unified, storage and user sizes after spark.executor.memory', () => {
    const text =
      'spark.executor.memory 4g\nspark.memory.fraction 0.6\nspark.memory.storageFraction 0.5\nspark.master yarn\n';
    const hints = inlayHints(analyse(SPARK, text));
    assert.deepEqual(
      hints.map((h) => [text.slice(0, h.offset).split('\n').length, h.label]),
      [
        [1, '⟶ unified 2.22 GiB · storage 1.11 GiB · user 1.48 GiB'],
        [2, '⟶ unified 2.22 GiB · user 1.48 GiB'],
        [3, '⟶ storage 1.11 GiB · execution 1.11 GiB'],
      ],
    );
    assert.equal(hints[0]!.offset, text.indexOf('\n'));
  });

  it('only on the line in effect, only in the range asked for, and say when Spark refuses the value', () => {
    const text = 'spark.executor.memory 2g\nspark.executor.memory 4g\nspark.memory.fraction 1.2\n';
    const a = analyse(SPARK, text);
    const all = inlayHints(a);
    assert.equal(all.length, 2);
    assert.equal(all[0]!.offset, text.indexOf('\n', 26));
    // No sizes for a config Spark refuses (no "user -759 MiB" as if it were laid out).
    assert.equal(all[0]!.label, '⟶ no layout: Spark refuses spark.memory.fraction');
    assert.equal(all[1]!.label, "⟶ Spark refuses this: spark.memory.fraction should be between 0 and 1 (was '1.2').");
    for (const h of all) assert.doesNotMatch(h.label, /user|unified|GiB|MiB/);
    assert.equal(inlayHints(a, { start: 0, end: 10 }).length, 0);
  });

  it("keep the executor's sizes when Spark refuses only a driver setting", () => {
    const hints = inlayHints(analyse(SPARK, 'spark.executor.memory 4g\nspark.driver.memory 300m\n'));
    assert.match(hints[0]!.label, /^⟶ unified 2\.22 GiB/);
    assert.ok(
      hints.some((h) => /^⟶ Spark refuses this: /.test(h.label)),
      JSON.stringify(hints),
    );
  });

  it('show no default size in place of a size Spark cannot read (512Mi)', () => {
    const hints = inlayHints(analyse(SPARK, 'spark.executor.memory 512Mi\nspark.memory.fraction 0.6\n'));
    assert.ok(hints.length > 0);
    assert.match(hints[0]!.label, /^⟶ Spark refuses this: /);
    for (const h of hints) assert.doesNotMatch(h.label, /1\.00 GiB|GiB|MiB/);
  });

  it('give each SnappyData member its heap, reserved, unified, storage cap and off-heap', () => {
    const servers = sample('conf/servers');
    const a = analyse(SERVERS, servers, { leads: { text: sample('conf/leads'), uri: 'leads' } });
    const hints = inlayHints(a);
    assert.deepEqual(
      hints.map((h) => h.label),
      [
        '⟶ heap 8.00 GiB · reserved 409.60 MiB · unified 6.46 GiB · max storage 5.52 GiB · off-heap 16.00 GiB',
        '⟶ does not start',
        '⟶ heap 4.00 GiB · reserved 199.88 MiB · unified 3.23 GiB · max storage 2.77 GiB · off-heap 8.00 GiB',
        '⟶ heap 6.00 GiB · reserved 200.29 MiB · unified 4.93 GiB · max storage 4.30 GiB · off-heap 12.00 GiB',
      ],
    );
  });

  it('follow the typed fields of a SparkApplication', () => {
    const yaml = sample('k8s/spark-pi.yaml').replace('"512Mi"', '"4g"');
    const hints = inlayHints(analyse(APP, yaml));
    const executor = hints.find((h) => h.offset === yaml.indexOf('"4g"') + 4);
    assert.equal(executor?.label, '⟶ unified 2.22 GiB · storage 1.11 GiB · user 1.48 GiB');
  });
});

describe('editor: outline', () => {
  it('groups spark-defaults.conf settings by prefix', () => {
    const symbols = outline(analyse(SPARK, sample('spark-defaults.conf')).doc);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.length]),
      [
        ['spark.master', 0],
        ['spark.app.name', 0],
        ['spark.serializer', 0],
        ['spark.executor.*', 6],
        ['spark.memory.*', 4],
        ['spark.driver.*', 3],
        ['spark.kryoserializer.buffer.max', 0],
        ['spark.shuffle.service.enabled', 0],
        ['spark.dynamicAllocation.enabled', 0],
      ],
    );
    const executor = symbols[3]!;
    assert.deepEqual(
      executor.children.map((c) => c.name),
      [
        'spark.executor.instances',
        'spark.executor.cores',
        'spark.executor.memory',
        'spark.executor.memoryOverhead',
        'spark.executor.extraJavaOptions',
        'spark.executor.cores',
      ],
    );
    assert.match(executor.children[1]!.detail, /^4 \(set again below\)$/);
    for (const s of symbols)
      for (const c of [s, ...s.children])
        assert.ok(c.selectionSpan.start >= c.span.start && c.selectionSpan.end <= c.span.end, c.name);
  });

  it('has one symbol per SnappyData member with its arguments', () => {
    const symbols = outline(analyse(SERVERS, sample('conf/servers')).doc);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['node-a (server)', 'node-b (server)', 'node-c\t-heap-size=4g (server)', 'node-d (server)'],
    );
    assert.deepEqual(
      symbols[0]!.children.map((c) => `${c.name}=${c.detail}`),
      [
        '-heap-size=8g',
        '-memory-size=16g',
        '-critical-heap-percentage=95',
        '-eviction-heap-percentage=85.5',
        '-dir=/data/snappy/server-a',
      ],
    );
    assert.deepEqual(
      symbols[3]!.children.map((c) => c.name),
      ['-J-Xmx6g', '-J-XX:+UseG1GC', '-memory-size', '-spark.memory.storageMaxFraction'],
    );
  });

  it('has sparkConf, driver and executor sections for a SparkApplication', () => {
    const yaml = sample('k8s/spark-pi.yaml');
    const symbols = outline(analyse(APP, yaml).doc);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.map((c) => c.name).join(',')]),
      [
        ['sparkConf', 'spark.memory.fraction,spark.memory.storageFraction,spark.sql.shuffle.partitions'],
        ['driver', 'cores,memory,memoryOverhead'],
        ['executor', 'cores,instances,memory,memoryOverhead'],
      ],
    );
    assert.equal(yaml.slice(symbols[0]!.selectionSpan.start, symbols[0]!.selectionSpan.end), 'sparkConf');
  });
});

describe('editor: completion', () => {
  it('offers catalog keys as a `key default` snippet over what is typed', () => {
    const c = completionsAt(SPARK, 'spark.exec\n', 10, SPARK_3_5);
    assert.ok(c);
    assert.deepEqual(c.replace, { start: 0, end: 10 });
    const mem = c.items.find((i) => i.label === 'spark.executor.memory');
    assert.equal(mem?.insertText, 'spark.executor.memory ${1:1g}');
    assert.equal(mem?.snippet, true);
    assert.match(mem?.documentation ?? '', /Heap of each executor JVM/);
    // With a value already on the line only the key is replaced.
    const k = completionsAt(SPARK, 'spark.exec 4g\n', 5, SPARK_3_5);
    assert.deepEqual(k?.replace, { start: 0, end: 10 });
    assert.equal(k?.items.find((i) => i.label === 'spark.executor.memory')?.insertText, 'spark.executor.memory');
  });

  it('offers only the keys the chosen version reads, and marks deprecated ones', () => {
    const labels = (v: typeof SPARK_3_5) => completionsAt(SPARK, '', 0, v)!.items;
    assert.ok(labels(SPARK_2_4).some((i) => i.label === 'spark.memory.useLegacyMode'));
    assert.ok(!labels(SPARK_3_5).some((i) => i.label === 'spark.memory.useLegacyMode'));
    assert.ok(!labels(SPARK_3_5).some((i) => i.label === 'spark.executor.minMemoryOverhead'));
    assert.ok(labels(SPARK_4_1).some((i) => i.label === 'spark.executor.minMemoryOverhead'));
    assert.equal(labels(SPARK_3_5).find((i) => i.label === 'spark.yarn.executor.memoryOverhead')?.deprecated, true);
    assert.equal(labels(SPARK_3_5).find((i) => i.label === 'spark.executor.memory')?.deprecated, undefined);
  });

  it('offers size units after a number, flagging kb/mb/gb where the value becomes -Xmx', () => {
    const d = completionsAt(SPARK, 'spark.driver.memory 2', 21, SPARK_3_5)!;
    assert.deepEqual(d.replace, { start: 21, end: 21 });
    assert.deepEqual(
      d.items.map((i) => i.label),
      ['k', 'm', 'g', 't', 'kb', 'mb', 'gb', 'tb'],
    );
    assert.equal(d.items.find((i) => i.label === 'gb')?.detail, 'same as g: accepted by Spark but not by -Xmx');
    assert.equal(d.items.find((i) => i.label === 'gb')?.deprecated, true);
    const off = completionsAt(SPARK, 'spark.memory.offHeap.size=512m', 30, SPARK_3_5)!;
    assert.deepEqual(off.replace, { start: 29, end: 30 });
    assert.equal(off.items.find((i) => i.label === 'mb')?.deprecated, undefined);
    assert.equal(completionsAt(SPARK, 'spark.memory.fraction 0', 23, SPARK_3_5), undefined);
  });

  it('offers booleans and enum values', () => {
    assert.deepEqual(
      completionsAt(SPARK, 'spark.memory.offHeap.enabled ', 29, SPARK_3_5)?.items.map((i) => [i.label, i.detail]),
      [
        ['true', ''],
        ['false', 'default'],
      ],
    );
    assert.deepEqual(
      completionsAt(SPARK, 'spark.submit.deployMode: cl', 27, SPARK_3_5)?.items.map((i) => i.label),
      ['client', 'cluster'],
    );
    assert.equal(completionsAt(SPARK, '# spark.exec', 12, SPARK_3_5), undefined);
  });

  it('offers -key= options on a SnappyData member line, with -spark.* ones, and JVM units for -heap-size', () => {
    const c = completionsAt(SERVERS, 'node-a -he', 10, SPARK_3_5)!;
    assert.deepEqual(c.replace, { start: 7, end: 10 });
    assert.equal(c.items.find((i) => i.label === '-heap-size')?.insertText, '-heap-size=$1');
    assert.equal(
      c.items.find((i) => i.label === '-spark.memory.fraction')?.insertText,
      '-spark.memory.fraction=${1:0.85}',
    );
    assert.ok(c.items.some((i) => i.label === '-bind-address'));
    assert.equal(completionsAt(SERVERS, 'node-a', 4, SPARK_3_5), undefined);
    assert.deepEqual(
      completionsAt(SERVERS, 'node-a -heap-size=4', 19, SPARK_3_5)?.items.map((i) => i.label),
      ['k', 'm', 'g', 't'],
    );
    assert.deepEqual(
      completionsAt(SERVERS, 'node-a -memory-size=4', 21, SPARK_3_5)?.items.map((i) => i.label),
      ['k', 'm', 'g', 't', 'kb', 'mb', 'gb', 'tb'],
    );
  });

  it('offers the quoted key under sparkConf and units in typed memory fields of a SparkApplication', () => {
    const y = 'spec:\n  sparkConf:\n    "spark.memory.fr"\n';
    const at = y.indexOf('.fr"') + 3;
    const c = completionsAt(APP, y, at, SPARK_3_5)!;
    assert.equal(y.slice(c.replace.start, c.replace.end), 'spark.memory.fr"');
    assert.equal(
      c.items.find((i) => i.label === 'spark.memory.fraction')?.insertText,
      'spark.memory.fraction": "${1:0.6}"',
    );
    const bare = 'spec:\n  sparkConf:\n    spark.mem';
    assert.equal(
      completionsAt(APP, bare, bare.length, SPARK_3_5)!.items.find((i) => i.label === 'spark.memory.fraction')
        ?.insertText,
      '"spark.memory.fraction": "${1:0.6}"',
    );
    const v = 'spec:\n  driver:\n    memory: "2';
    assert.equal(completionsAt(APP, v, v.length, SPARK_3_5)!.items.find((i) => i.label === 'gb')?.deprecated, true);
    const other = 'spec:\n  image: "sp';
    assert.equal(completionsAt(APP, other, other.length, SPARK_3_5), undefined);
  });
});

describe('editor: fix all and suppression edits', () => {
  const f = (code: string, start: number, end: number, edits: TextEdit[], isPreferred = true): Finding => ({
    code,
    severity: 'error',
    message: code,
    span: { start, end },
    fixes: [{ title: code, edits, isPreferred }],
  });

  it('takes each preferred fix once and skips overlapping ones', () => {
    const r = fixAllEdits([
      f('A', 0, 3, [{ span: { start: 0, end: 3 }, newText: 'x' }]),
      f('B', 2, 5, [{ span: { start: 2, end: 5 }, newText: 'y' }]),
      f('C', 6, 7, [{ span: { start: 6, end: 7 }, newText: 'z' }]),
      f('D', 6, 7, [{ span: { start: 6, end: 7 }, newText: 'z' }]),
      f('E', 8, 9, [{ span: { start: 8, end: 9 }, newText: 'w' }], false),
      f('F', 10, 10, [{ span: { start: 10, end: 10 }, newText: 'p' }]),
      f('G', 10, 10, [{ span: { start: 10, end: 10 }, newText: 'q' }]),
    ]);
    assert.deepEqual(
      r.fixed.map((x) => x.code),
      ['A', 'C', 'D', 'F'],
    );
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['x', 'z', 'p'],
    );
  });

  it('fixes the sample spark-defaults.conf in one pass', () => {
    const text = sample('spark-defaults.conf');
    const a = analyse(SPARK, text);
    const fixed = apply(text, fixAllEdits(a.findings).edits);
    assert.match(fixed, /^spark\.driver\.memory {14}2g$/m);
    assert.match(fixed, /^spark\.executor\.memory {12}4096m$/m);
    const after = analyse(SPARK, fixed).findings.map((x) => x.code);
    for (const gone of ['SIZE-JVM-SUFFIX', 'SIZE-UNITLESS-HEAP'])
      assert.ok(!after.includes(gone), `${gone} still in ${after.join(',')}`);
  });

  it('inserts a disable comment above the line with its indentation, and the engine honours it', () => {
    const text = 'spark.master yarn\n   spark.driver.memory 2gb\n';
    const lines = new LineIndex(text);
    const at = text.indexOf('2gb');
    const edit = disableNextLineEdit(text, lines, at, 'SIZE-JVM-SUFFIX', 'spark-defaults')!;
    const out = apply(text, [edit]);
    assert.equal(
      out,
      'spark.master yarn\n   # spark-memory-disable-next-line SIZE-JVM-SUFFIX\n   spark.driver.memory 2gb\n',
    );
    assert.ok(!analyse(SPARK, out).findings.some((x) => x.code === 'SIZE-JVM-SUFFIX'));
    // A second code joins the directive already there.
    const again = disableNextLineEdit(out, new LineIndex(out), out.indexOf('2gb'), 'OTHER', 'spark-defaults')!;
    assert.equal(apply(out, [again]).split('\n')[1], '   # spark-memory-disable-next-line SIZE-JVM-SUFFIX, OTHER');
    assert.equal(
      disableNextLineEdit(out, new LineIndex(out), out.indexOf('2gb'), 'SIZE-JVM-SUFFIX', 'spark-defaults'),
      undefined,
    );
  });

  it('keeps CRLF line ends, and refuses a continuation line (a file-wide comment instead)', () => {
    const crlf = 'a 1\r\nspark.driver.memory 2gb\r\n';
    const e = disableNextLineEdit(crlf, new LineIndex(crlf), crlf.indexOf('2gb'), 'X', 'spark-defaults')!;
    assert.equal(apply(crlf, [e]), 'a 1\r\n# spark-memory-disable-next-line X\r\nspark.driver.memory 2gb\r\n');
    const cont = 'spark.executor.extraJavaOptions -Xmx1g \\\n  -XX:+UseG1GC\n';
    assert.equal(disableNextLineEdit(cont, new LineIndex(cont), cont.indexOf('-XX'), 'X', 'spark-defaults'), undefined);
    assert.equal(
      apply(cont, [fileDisableEdit(cont, new LineIndex(cont), 'X')]).split('\n')[0],
      '# spark-memory-disable X',
    );
    const snappy = 'node-d -J-Xmx6g \\\n   -spark.memory.storageMaxFraction=0.9\n';
    assert.equal(
      disableNextLineEdit(snappy, new LineIndex(snappy), snappy.indexOf('-spark'), 'X', 'snappy-members'),
      undefined,
    );
  });
});

describe('editor: version status and settings', () => {
  it('says which flavour and version is in force and why', () => {
    assert.equal(versionStatus('spark-defaults', SPARK_3_5, 'default').text, 'Spark 3.5 (default)');
    assert.equal(
      versionStatus('spark-application', sparkVersion(3, 5, 1), 'document').text,
      'Spark 3.5.1 (from spec.sparkVersion)',
    );
    assert.equal(versionStatus('spark-defaults', SPARK_2_4, 'setting').text, 'Spark 2.4 (setting)');
    assert.equal(versionStatus('snappy-members', SPARK_3_5, 'default').text, 'SnappyData 1.3 (Spark 2.1 fork)');
  });

  it('reads the version setting: auto, a line or a release', () => {
    assert.equal(versionSetting('auto'), undefined);
    assert.equal(versionSetting(undefined), undefined);
    assert.equal(versionSetting('nonsense'), undefined);
    assert.deepEqual(versionSetting('2.4'), SPARK_2_4);
    assert.deepEqual(versionSetting('3.5.1'), sparkVersion(3, 5, 1));
    assert.deepEqual(
      versionChoices().map((c) => c.value),
      ['auto', '4.1', '4.0', '3.5', '3.4', '3.3', '3.2', '3.1', '3.0', '2.4'],
    );
  });
});
