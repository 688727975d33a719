// Generated SparkApplication YAML files with every trap (CRLF, CR, BOM, no final newline, comments
// after values, block and folded scalars, anchors and aliases, several documents, duplicate keys,
// flow maps), edited the ways the product edits them (Apply of the what-if settings, each quick fix,
// Fix all, suppression comments) and read back with the product's own reader (parseSparkApplication).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { DocumentType } from '../../../src/core/document/kind';
import { applyTextEdits, joinTouchingEdits, settingEdits, type TextEdit } from '../../../src/core/edit';
import { disableNextLineEdit, fileDisableEdit, fixAllEdits } from '../../../src/core/editor';
import {
  TYPED_FIELD_KEYS,
  parseSparkApplication,
  type SparkApplicationDocument,
} from '../../../src/core/parse/sparkApplication';
import { LineIndex } from '../../../src/core/text/lineIndex';
import {
  eolArb,
  findings,
  joinFile,
  keepsEncoding,
  keepsNotes,
  keepsUntouchedLines,
  notes,
  touches,
  touchesBom,
} from './roundTripCheck';

const APP: DocumentType = { kind: 'spark-application' };

// ---- the generator -------------------------------------------------------------------------------

let noteCounter = 0;
/** A comment after a value, or nothing. Each comment is `# note-N` with its own N. */
const trailing = fc.boolean().map((b) => (b ? ` # note-${++noteCounter}` : ''));

/** A value in one of YAML's scalar styles; block and folded scalars take their content on the next line. */
function scalar(value: string, indent: string) {
  return fc
    .tuple(fc.constantFrom('double', 'single', 'plain', 'literal', 'folded', 'literal-strip'), trailing)
    .map(([style, note]) => {
      switch (style) {
        case 'double':
          return [`"${value}"${note}`];
        case 'single':
          return [`'${value}'${note}`];
        case 'plain':
          return [`${value}${note}`];
        case 'literal':
          return [`|${note}`, `${indent}  ${value}`];
        case 'folded':
          return [`>${note}`, `${indent}  ${value}`];
        default:
          return [`|-${note}`, `${indent}  ${value}`];
      }
    });
}

const SIZES = ['512m', '1g', '2Gi', '1.5g', '4096', '600Mi', '8g'];
const CONF_KEYS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['spark.executor.memory', SIZES],
  ['spark.memory.fraction', ['0.6', '0.75', '1.2', 'abc']],
  ['spark.memory.fractoin', ['0.9']],
  ['spark.memory.storageFraction', ['0.5', '0.3']],
  ['spark.executor.cores', ['2', '4', '1.5']],
  ['spark.memory.offHeap.enabled', ['true', 'false']],
  ['spark.memory.offHeap.size', ['1g', '0', '512Mi']],
  ['spark.executor.memoryOverhead', ['384m', '1Gi']],
  ['spark.yarn.executor.memoryOverhead', ['512']],
  ['spark.kubernetes.memoryOverheadFactor', ['0.1', '0.4']],
  ['spark.driver.memory', SIZES],
];

/** One sparkConf entry (the key quoted or not), possibly split over two lines. */
function confEntry(indent: string) {
  return fc.tuple(fc.constantFrom(...CONF_KEYS), fc.nat(), fc.boolean()).chain(([[key, values], i, quoted]) =>
    scalar(values[i % values.length]!, indent).map((v) => {
      const k = quoted ? `"${key}"` : key;
      return [`${indent}${k}: ${v[0]!}`, ...v.slice(1)];
    }),
  );
}

const comment = (indent: string) => fc.constant(null).map(() => [`${indent}# note-${++noteCounter}`]);

/** spec.sparkConf as a block map (duplicates possible, comments between), a flow map, a null, or nothing. */
const sparkConf = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.oneof({ weight: 4, arbitrary: confEntry('    ') }, { weight: 1, arbitrary: comment('    ') }), {
        minLength: 1,
        maxLength: 7,
      })
      .chain((entries) => trailing.map((note) => [`  sparkConf:${note}`, ...entries.flat()])),
  },
  {
    weight: 1,
    arbitrary: fc
      .subarray(['"spark.executor.memory": "1g"', 'spark.memory.fraction: "0.6"', "spark.executor.cores: '2'"])
      .map((items) => [`  sparkConf: {${items.join(', ')}}`]),
  },
  { weight: 1, arbitrary: fc.constantFrom(['  sparkConf: ~ # note-0'], ['  sparkConf:'], []) },
);

const TYPED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['cores', ['1', '2', '"3"', '1.5', '4']],
  ['coreLimit', ['"1200m"']],
  ['memory', ['"512m"', '1g', '"2Gi"', '"1.5g"']],
  ['memoryOverhead', ['"384m"', '512Mi']],
  ['memoryLimit', ['"2Gi"']],
  ['instances', ['2']],
];

/** The fields of spec.driver or spec.executor, one per name (YAML's own duplicates come from sparkConf). */
const typedFields = (indent: string) =>
  fc
    .subarray([...TYPED], { minLength: 1 })
    .chain((fields) =>
      fc.tuple(
        ...fields.map(([name, values]) =>
          fc.tuple(fc.nat(), trailing).map(([i, note]) => `${indent}${name}: ${values[i % values.length]!}${note}`),
        ),
      ),
    );

/** spec.driver / spec.executor: a block map, a flow map, or an alias of an anchored map under another key. */
const role = (name: 'driver' | 'executor') =>
  fc.oneof(
    { weight: 4, arbitrary: typedFields('    ').map((f) => ({ lines: [`  ${name}:`, ...f], anchor: [] as string[] })) },
    {
      weight: 1,
      arbitrary: fc.constant({ lines: [`  ${name}: {cores: 2, memory: "1g"}`], anchor: [] as string[] }),
    },
    {
      weight: 2,
      arbitrary: typedFields('    ').map((f) => ({ lines: [`  ${name}: *res`], anchor: ['  res: &res', ...f] })),
    },
    { weight: 1, arbitrary: fc.constant({ lines: [] as string[], anchor: [] as string[] }) },
  );

const HEAD = ['apiVersion: sparkoperator.k8s.io/v1beta2', 'kind: SparkApplication', 'metadata:', '  name: app'];

/** One SparkApplication document. */
const application = fc
  .tuple(
    sparkConf,
    role('driver'),
    role('executor'),
    fc.constantFrom([], ['  memoryOverheadFactor: "0.2"'], ['  memoryOverheadFactor: 0.1 # note-00']),
    fc.constantFrom(['  type: Scala'], ['  type: Python'], []),
    fc.boolean(),
  )
  .map(([conf, driver, executor, factor, type, confFirst]) => {
    // One anchor per document: the second alias then shares the first's anchor.
    const anchors = driver.anchor.length > 0 ? driver.anchor : executor.anchor;
    const executorLines =
      driver.anchor.length > 0 && executor.anchor.length > 0 ? ['  executor: *res'] : executor.lines;
    const roles = [...driver.lines, ...executorLines];
    const body = confFirst ? [...conf, ...type, ...roles] : [...type, ...roles, ...conf];
    return [...HEAD, 'spec:', ...factor, ...anchors, ...body, '  sparkVersion: "3.5.0"'];
  });

const OTHER_DOC = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  spark.executor.memory: "9g" # note-000'];

const yamlFile = fc
  .tuple(
    fc.array(application, { minLength: 1, maxLength: 2 }),
    fc.constantFrom('none', 'before', 'after'),
    fc.boolean(),
    eolArb,
    fc.boolean(),
    fc.boolean(),
  )
  .map(([apps, other, leadingMarker, eol, finalEol, bom]) => {
    const docs = apps.map((a) => a);
    if (other === 'before') docs.unshift(OTHER_DOC);
    if (other === 'after') docs.push(OTHER_DOC);
    const lines = docs.flatMap((d, i) => (i > 0 || leadingMarker ? ['---', ...d] : d));
    return joinFile(lines, eol, finalEol, bom);
  });

// ---- the reader's view ---------------------------------------------------------------------------

/** The reader's documents of a text, kept for the last texts asked about (each check reads a text several times). */
const read = new Map<string, SparkApplicationDocument[]>();
function docsOf(text: string): SparkApplicationDocument[] {
  const known = read.get(text);
  if (known !== undefined) return known;
  const app = parseSparkApplication(text);
  const docs = [app, ...(app.others ?? [])];
  if (read.size > 64) read.clear();
  read.set(text, docs);
  return docs;
}

/** Every document's Spark conf and non-Spark fields (the memory limits, type, version), as the reader gives them. */
function settingsOf(text: string): Array<Map<string, string>> {
  return docsOf(text).map((d) => {
    const m = new Map(d.conf.map((c) => [c.key, c.value]));
    if (d.driverMemoryLimit !== undefined) m.set('driver.memoryLimit', d.driverMemoryLimit.text);
    if (d.executorMemoryLimit !== undefined) m.set('executor.memoryLimit', d.executorMemoryLimit.text);
    if (d.appType !== undefined) m.set('type', d.appType.text);
    if (d.sparkVersion !== undefined) m.set('sparkVersion', d.sparkVersion.text);
    return m;
  });
}

/** How many places of each document write each Spark key (sparkConf entries and typed fields). */
function writersOf(text: string): Array<Map<string, number>> {
  return docsOf(text).map((d) => {
    const m = new Map<string, number>();
    for (const e of d.sparkConf) m.set(e.key, (m.get(e.key) ?? 0) + 1);
    for (const [path, key] of TYPED_FIELD_KEYS) if (d.fields.has(path)) m.set(key, (m.get(key) ?? 0) + 1);
    return m;
  });
}

/** The source spans of every setting of every document: the key and the value. */
function spansOf(text: string): Array<Map<string, Array<{ start: number; end: number }>>> {
  return docsOf(text).map((d) => {
    const m = new Map<string, Array<{ start: number; end: number }>>();
    const add = (k: string, s: { start: number; end: number }) => m.set(k, [...(m.get(k) ?? []), s]);
    for (const e of d.sparkConf) {
      add(e.key, e.keySpan);
      add(e.key, e.span);
    }
    for (const c of d.conf) {
      add(c.key, c.span ?? { start: 0, end: 0 });
      if (c.keySpan !== undefined) add(c.key, c.keySpan);
    }
    for (const f of [d.driverMemoryLimit, d.executorMemoryLimit, d.appType, d.sparkVersion]) {
      if (f === undefined) continue;
      const k = f.path === 'spec.type' ? 'type' : f.path.replace(/^spec\./, '');
      add(k, f.span);
      add(k, f.keySpan);
    }
    return m;
  });
}

/** Every setting of every document whose source no edit touches keeps its value. */
function keepsUntouchedSettings(before: string, after: string, edits: readonly TextEdit[], what: string): void {
  const was = settingsOf(before);
  const now = settingsOf(after);
  const spans = spansOf(before);
  assert.equal(now.length, was.length, `${what}: documents in ${JSON.stringify(after)}`);
  was.forEach((settings, i) => {
    for (const [k, v] of settings) {
      if ((spans[i]!.get(k) ?? []).some((s) => edits.some((e) => touches(e, s)))) continue;
      assert.equal(now[i]!.get(k), v, `${what}: ${k} of document ${i} in ${JSON.stringify(after)}`);
    }
  });
}

const errorsOf = (text: string) => docsOf(text)[0]!.yamlErrors.length;

// ---- the property --------------------------------------------------------------------------------

/** What Apply may refuse in these files, each with a reason: a file the reader cannot read, or an anchor two roles share. */
const FAIR_REFUSAL =
  /^The YAML has errors \(|comes from the anchor &res, which [0-9]+ aliases share: change it by hand\.$/;

const APPLY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['spark.executor.memory', ['1g', '3g', '640m']],
  ['spark.executor.cores', ['1', '3', '8']],
  ['spark.memory.fraction', ['0.5', '0.65']],
  ['spark.memory.storageFraction', ['0.4']],
  ['spark.memory.offHeap.enabled', ['true', 'false']],
  ['spark.memory.offHeap.size', ['2g', '256m']],
];

function checkApply(text: string, key: string, value: string, stats: { applied: number; refused: number }): void {
  const what = `Apply ${key}=${value}`;
  const r = settingEdits(APP, text, [{ key, value }]);
  if (!r.ok) {
    assert.match(r.message, FAIR_REFUSAL, `${what}: ${r.message} for ${JSON.stringify(text)}`);
    stats.refused++;
    return;
  }
  stats.applied++;
  const out = applyTextEdits(text, r.edits);
  assert.equal(errorsOf(out), 0, `${what}: YAML errors in ${JSON.stringify(out)}`);
  const after = settingsOf(out);
  assert.equal(after[0]!.get(key), value, `${what}: ${JSON.stringify(out)}`);
  // Every other setting of the first document, and every setting of the others, keeps its value.
  const before = settingsOf(text);
  before.forEach((settings, i) => {
    for (const [k, v] of settings)
      if (i > 0 || k !== key)
        assert.equal(after[i]!.get(k), v, `${what}: ${k} of document ${i} in ${JSON.stringify(out)}`);
  });
  // No comment is lost, nothing but the setting's own lines changes, and a second Apply writes nothing new.
  assert.deepEqual(notes(out).sort(), notes(text).sort(), `${what}: comments in ${JSON.stringify(out)}`);
  keepsEncoding(text, out, what);
  keepsUntouchedLines(text, out, r.edits, what);
  const again = settingEdits(APP, out, [{ key, value }]);
  assert.ok(again.ok, what);
  assert.equal(applyTextEdits(out, again.edits), out, `${what} twice: ${JSON.stringify(out)}`);
}

/**
 * A fix (or Fix all) keeps the YAML readable and every setting it does not touch; a preferred fix
 * (what Fix all takes) writes no key a second time. A fix that is only offered may rename onto a key
 * that is set: its finding says so, and the user chooses it.
 */
function checkFix(text: string, edits: readonly TextEdit[], what: string, preferred = true): void {
  const out = applyTextEdits(text, edits);
  assert.equal(errorsOf(out), 0, `${what}: YAML errors in ${JSON.stringify(out)}`);
  keepsUntouchedSettings(text, out, edits, what);
  keepsNotes(text, out, edits, what);
  keepsEncoding(text, out, what);
  keepsUntouchedLines(text, out, edits, what);
  // A rename or an added line never writes onto a key the document already sets.
  if (!preferred) return;
  const was = writersOf(text);
  writersOf(out).forEach((m, i) => {
    for (const [k, n] of m)
      if (was[i]!.has(k)) assert.ok(n <= was[i]!.get(k)!, `${what}: ${k} written again in ${JSON.stringify(out)}`);
  });
}

describe('edits of generated SparkApplication YAML read back with the product reader', () => {
  it('Apply, each quick fix, Fix all and suppression comments keep every other setting, comment and line', function () {
    // About 2 s on a quiet machine; several times that when the machine is shared.
    this.timeout(180_000);
    const stats = { applied: 0, refused: 0, fixes: 0, fixAll: 0, suppressed: 0 };
    fc.assert(
      fc.property(yamlFile, fc.constantFrom(...APPLY), fc.nat(), (text, [key, values], i) => {
        const readable = errorsOf(text) === 0;
        checkApply(text, key, values[i % values.length]!, stats);
        if (!readable) return;
        const found = findings(APP, text);
        // Each quick fix of the first findings on its own.
        for (const f of found.slice(0, 3))
          for (const fix of f.fixes ?? []) {
            if (touchesBom(text, fix.edits)) continue;
            checkFix(text, fix.edits, `${f.code} "${fix.title}"`, fix.isPreferred === true);
            stats.fixes++;
          }
        // Fix all.
        const all = fixAllEdits(found, (fix) => !touchesBom(text, fix.edits));
        if (all.edits.length > 0) stats.fixAll++;
        // Joined into fewer edits (as the editor gets them), Fix all writes the same text.
        assert.equal(applyTextEdits(text, joinTouchingEdits(all.edits)), applyTextEdits(text, all.edits));
        checkFix(text, all.edits, 'Fix all');
        // A suppression comment above a finding's line silences it and changes no setting.
        const lines = new LineIndex(text);
        for (const f of found.slice(0, 2)) {
          // As the editor offers it: above the line, or for the whole file where a comment cannot go above it.
          const line = disableNextLineEdit(text, lines, f.span.start, f.code, 'spark-application');
          const e = line ?? fileDisableEdit(text, lines, f.code, 'spark-application');
          const silenced = applyTextEdits(text, [e]);
          checkFix(text, [e], `disable ${f.code}`);
          assert.deepEqual(settingsOf(silenced), settingsOf(text), JSON.stringify(silenced));
          const shift = e.newText.length;
          const still = findings(APP, silenced).some(
            (g) =>
              g.code === f.code &&
              (line === undefined || (g.span.start === f.span.start + shift && g.span.end === f.span.end + shift)),
          );
          assert.ok(!still, `disable ${f.code}: still reported in ${JSON.stringify(silenced)}`);
          stats.suppressed++;
        }
      }),
      { numRuns: 150, seed: 15_2026 },
    );
    // The generator reaches every kind of edit often (a property that never edits proves nothing).
    assert.ok(stats.applied > 90 && stats.refused > 5, JSON.stringify(stats));
    assert.ok(stats.fixes > 150 && stats.fixAll > 80 && stats.suppressed > 150, JSON.stringify(stats));
  });
});
