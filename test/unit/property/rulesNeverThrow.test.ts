// The rule engine on hostile input: no rule throws (the engine would turn that into an INTERNAL
// finding, which counts as a failure here), every finding's span, related location and fix edit
// lies inside the document, and the edits of one fix do not overlap. Large inputs (100,000 lines,
// a 1 MB line, binary garbage) lint without an exception; their time is not asserted.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../../../src/core/analyze';
import type { DocumentType } from '../../../src/core/document/kind';
import { RULES, lintDocument, type Finding } from '../../../src/core/rules';
import type { Span } from '../../../src/core/text/lineIndex';
import { SPARK_2_4, SPARK_3_5, SPARK_4_1, sparkVersion } from '../../../src/core/version';
import { applyTextEdits } from '../../../src/core/edit';

function inside(span: Span, text: string, what: string): void {
  assert.ok(
    Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      span.start >= 0 &&
      span.start <= span.end &&
      span.end <= text.length,
    `${what} ${JSON.stringify(span)} outside 0..${text.length}`,
  );
}

function checkFindings(findings: readonly Finding[], text: string): void {
  for (const f of findings) {
    assert.notEqual(f.code, 'INTERNAL', f.message);
    inside(f.span, text, f.code);
    assert.ok(f.message.length > 0);
    for (const r of f.related ?? []) if (r.uri === undefined) inside(r.span, text, `${f.code} related`);
    for (const fix of f.fixes ?? []) {
      const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      for (let i = 0; i < edits.length; i++) {
        inside(edits[i]!.span, text, `${f.code} fix "${fix.title}"`);
        if (i > 0)
          assert.ok(
            edits[i - 1]!.span.end <= edits[i]!.span.start,
            `${f.code} fix "${fix.title}" has overlapping edits`,
          );
      }
    }
  }
}

const VERSIONS = [SPARK_2_4, sparkVersion(3, 0, 3), sparkVersion(3, 2, 4), SPARK_3_5, SPARK_4_1];

function lintAll(type: DocumentType, text: string, version = SPARK_3_5, containerLimitMiB?: number): Finding[] {
  const doc = parseDocument(type, text);
  const findings = lintDocument(doc, RULES, {
    version,
    ...(containerLimitMiB !== undefined ? { settings: { containerLimitMiB } } : {}),
  });
  checkFindings(findings, text);
  return findings;
}

const propsAtoms = fc.constantFrom(
  'spark.executor.memory',
  'spark.driver.memory',
  'spark.memory.fraction',
  'spark.memory.storageFraction',
  'spark.memory.offHeap.enabled',
  'spark.memory.offHeap.size',
  'spark.executor.memoryOverhead',
  'spark.yarn.executor.memoryOverhead',
  'spark.executor.cores',
  'spark.task.cpus',
  'spark.executor.extraJavaOptions',
  'spark.storage.memoryFraction',
  'spark.memory.fractoin',
  'Spark.executor.memory',
  'spark.master',
  'k8s://x',
  'yarn',
  ' ',
  '\t',
  '=',
  ':',
  '4g',
  '4096',
  '4.5g',
  '4Gi',
  '2gb',
  '"4g"',
  '0.95',
  '1.2',
  'true',
  '-Xmx4g',
  ' # c',
  ' ! c',
  '\\',
  '\\u00',
  '\\u0041',
  'C:\\p\\t',
  '\n',
  '\r\n',
  '\r',
  '\\\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '#',
  '!',
  '',
  '-1',
  '1p',
  '512k',
  '2048',
);
const yamlAtoms = fc.constantFrom(
  'apiVersion: sparkoperator.k8s.io/v1beta2\n',
  'kind: SparkApplication\n',
  'spec:\n',
  '  sparkConf:\n',
  '    "spark.executor.memory": "4g"\n',
  '    spark.memory.fraction: 0.7\n',
  '    spark.memory.offHeap.enabled: true\n',
  '  memoryOverheadFactor: "0.2"\n',
  '  executor:\n',
  '  driver:\n',
  '    memory: 512Mi\n',
  '    memory: "2gb"\n',
  '    cores: 0.5\n',
  '    cores: "2"\n',
  '    memoryLimit: "1Gi"\n',
  '    memoryLimit: x\n',
  '    javaOptions: "-Xmx2g"\n',
  '  sparkVersion: "2.4.8"\n',
  ': ',
  '- ',
  '{',
  '[',
  '"',
  "'",
  '\t',
  '\n',
  '#',
  '&a ',
  '*a',
  '---\n',
);
const soup = (atoms: fc.Arbitrary<string>, max = 60) => fc.array(atoms, { maxLength: max }).map((a) => a.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b)),
);

describe('rules never throw and keep every range inside the document', () => {
  it('spark-defaults.conf in every modelled release', () => {
    fc.assert(
      fc.property(
        fc.oneof(soup(propsAtoms), anyText),
        fc.constantFrom(...VERSIONS),
        fc.option(fc.integer({ min: 1, max: 20000 }), { nil: undefined }),
        (text, version, limit) => {
          lintAll({ kind: 'spark-defaults' }, text, version, limit);
        },
      ),
      { numRuns: 600 },
    );
  });
  it('SparkApplication YAML', () => {
    fc.assert(
      fc.property(fc.oneof(soup(yamlAtoms), anyText), fc.constantFrom(...VERSIONS), (text, version) => {
        lintAll({ kind: 'spark-application' }, text, version);
      }),
      { numRuns: 400 },
    );
  });
  it('SnappyData member files', () => {
    fc.assert(
      fc.property(fc.oneof(soup(propsAtoms), anyText), fc.constantFrom('server', 'lead', 'locator'), (text, role) => {
        lintAll({ kind: 'snappy-members', role: role }, text);
      }),
      { numRuns: 200 },
    );
  });
  it("fixes keep the text parseable and never touch outside their finding's line range by accident", () => {
    fc.assert(
      fc.property(soup(propsAtoms, 30), (text) => {
        for (const f of lintAll({ kind: 'spark-defaults' }, text)) {
          for (const fix of f.fixes ?? []) {
            lintAll({ kind: 'spark-defaults' }, applyTextEdits(text, fix.edits));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('large and hostile inputs lint without an exception', function () {
  this.timeout(120_000);
  it('a 100,000-line spark-defaults.conf', () => {
    const text = Array.from({ length: 100_000 }, (_v, i) =>
      i % 10 === 0 ? `# c${i}` : i % 7 === 0 ? `spark.executor.memory ${i}` : `spark.k${i} v${i} # x`,
    ).join('\n');
    assert.ok(lintAll({ kind: 'spark-defaults' }, text).length > 0);
  });
  it('a single 1 MB line', () => {
    lintAll({ kind: 'spark-defaults' }, `spark.executor.extraJavaOptions ${'-Xmx4g '.repeat(150_000)}`);
    lintAll({ kind: 'spark-defaults' }, `spark.executor.memory ${'9'.repeat(1 << 20)}`);
    lintAll({ kind: 'spark-defaults' }, `spark.memory.${'x'.repeat(1 << 20)} 1`);
    lintAll(
      { kind: 'spark-application' },
      `apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  executor:\n    memory: "${'4'.repeat(1 << 20)}g"\n`,
    );
  });
  it('binary garbage', () => {
    const bytes = new Uint8Array(1 << 20);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    lintAll({ kind: 'spark-defaults' }, text);
    lintAll({ kind: 'spark-application' }, text);
    lintAll({ kind: 'snappy-members', role: 'server' }, text);
  });
});
