// Scenario files: field-level errors with 1-based lines, "did you mean", sizes read the Spark way,
// and no input that makes the parser throw.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { PRESETS, parseScenario, scenarioTemplate } from '../../../src/core/workload';

const ok = (text: string) => {
  const r = parseScenario(text, 'w.yaml');
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
};
const errors = (text: string) => {
  const r = parseScenario(text, 'w.yaml');
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors;
};

describe('workload scenario parser', () => {
  it('reads sizes as Spark does and fills defaults', () => {
    const s = ok(
      'name: a\nstages:\n  - tasks: 3\n    ops:\n      - cache: { rdd: 2, size: 512m }\n      - read: { rdd: 2 }\n      - shuffleSort: { size: 2g, recordSize: 64 }\n',
    );
    assert.equal(s.stages[0]?.name, 'stage 1');
    assert.deepEqual(s.stages[0]?.ops[0], {
      op: 'cache',
      rdd: 2,
      bytes: 512 * 1024 * 1024,
      level: 'MEMORY_ONLY',
      elementBytes: 100,
    });
    assert.deepEqual(s.stages[0]?.ops[1], {
      op: 'read',
      rdd: 2,
      bytes: 512 * 1024 * 1024,
      level: 'MEMORY_ONLY',
      elementBytes: 100,
    });
    assert.deepEqual(s.stages[0]?.ops[2], { op: 'shuffleSort', bytes: 2 * 1024 ** 3, recordBytes: 64 });
    assert.equal(s.maxEvents, 500000);
    // 2000 MiB/s = 2097.152 bytes per simulated ms.
    assert.equal(s.throughput.memoryBytesPerMs, (2000 * 1048576) / 1000);
  });

  it('reports an unknown field with its line and a suggestion', () => {
    const e = errors(
      'name: a\nstages:\n  - tasks: 3\n    ops:\n      - cache: { rdd: 2, size: 512m, levle: MEMORY_ONLY }\n',
    );
    assert.equal(e.length, 1);
    assert.equal(e[0]?.line, 5);
    assert.equal(e[0]?.field, 'stages[0].ops[0].cache.levle');
    assert.match(
      e[0]?.message ?? '',
      /^w\.yaml:5: stages\[0\]\.ops\[0\]\.cache\.levle: unknown field "levle" \(did you mean level\?\)/,
    );
  });

  it('reports bad sizes, numbers, levels and ops on their own lines', () => {
    const e = errors(
      'name: a\nmaxEvents: -3\nthroughput:\n  memoryMbps: 10\nstages:\n  - tasks: 1.5\n    ops:\n      - cache: { rdd: 1, size: 12q, level: MEMORY_ONY }\n      - sortt: { size: 1g }\n',
    );
    const by = new Map(e.map((x) => [x.field, x]));
    assert.equal(by.get('maxEvents')?.line, 2);
    assert.equal(by.get('throughput.memoryMbps')?.line, 4);
    assert.match(by.get('throughput.memoryMbps')?.message ?? '', /did you mean memoryMBps\?/);
    assert.equal(by.get('stages[0].tasks')?.line, 6);
    assert.match(by.get('stages[0].ops[0].cache.size')?.message ?? '', /w\.yaml:8: .*Invalid suffix: "q"/);
    assert.match(by.get('stages[0].ops[0].cache.level')?.message ?? '', /did you mean MEMORY_ONLY\?/);
    assert.equal(by.get('stages[0].ops[1].sortt')?.line, 9);
    assert.deepEqual(
      e.map((x) => x.line),
      [...e.map((x) => x.line)].sort((a, b) => a - b),
    );
  });

  it('requires name and stages, and a size for a read with no cache op', () => {
    const e = errors('description: x\n');
    assert.deepEqual(e.map((x) => x.field).sort(), ['name', 'stages']);
    const r = errors('name: a\nstages:\n  - tasks: 1\n    ops:\n      - read: { rdd: 9 }\n');
    assert.equal(r[0]?.field, 'stages[0].ops[0].read.size');
    assert.equal(r[0]?.line, 5);
  });

  it('requires a size and a holdMs for a stateStore, on its line', () => {
    const e = errors('name: a\nstages:\n  - tasks: 1\n    ops:\n      - stateStore: { size: 1x, hold: 5 }\n');
    const fields = e.map((x) => x.field);
    assert.ok(fields.includes('stages[0].ops[0].stateStore.size'), JSON.stringify(e));
    assert.ok(fields.includes('stages[0].ops[0].stateStore.holdMs'), JSON.stringify(e));
    assert.ok(
      e.every((x) => x.line === 5),
      JSON.stringify(e),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errors('name: a\nstages: [\n  - x\n');
    assert.ok(e.length >= 1);
    assert.ok((e[0]?.line ?? 0) >= 2);
    assert.match(e[0]?.message ?? '', /^w\.yaml:\d+: YAML: /);
  });

  it('takes conf values as strings and rejects non-Spark keys', () => {
    const s = ok(
      'name: a\nconf:\n  spark.memory.fraction: 0.50\n  spark.memory.offHeap.enabled: true\nstages:\n  - tasks: 1\n    ops: [ { compute: { ms: 1 } } ]\n',
    );
    assert.deepEqual(s.conf, { 'spark.memory.fraction': '0.50', 'spark.memory.offHeap.enabled': 'true' });
    const e = errors(
      'name: a\nconf:\n  memory.fraction: 0.5\nstages:\n  - tasks: 1\n    ops: [ { compute: { ms: 1 } } ]\n',
    );
    assert.equal(e[0]?.line, 3);
  });

  it('also reads the flat op spelling (- op: cache with its fields beside it)', () => {
    const s = ok(
      'name: a\nstages:\n  - tasks: 2\n    ops:\n      - op: cache\n        rdd: 1\n        size: 256m\n        level: MEMORY_AND_DISK\n      - op: compute\n        ms: 200\n',
    );
    assert.deepEqual(s.stages[0]?.ops, [
      { op: 'cache', rdd: 1, bytes: 256 * 1024 * 1024, level: 'MEMORY_AND_DISK', elementBytes: 100 },
      { op: 'compute', ms: 200 },
    ]);
    const e = errors(
      'name: a\nstages:\n  - tasks: 2\n    ops:\n      - op: cache\n        rdd: 1\n        sze: 256m\n',
    );
    const by = new Map(e.map((x) => [x.field, x]));
    assert.equal(by.get('stages[0].ops[0].sze')?.line, 7);
    assert.match(by.get('stages[0].ops[0].sze')?.message ?? '', /did you mean size\?/);
    assert.equal(by.get('stages[0].ops[0].size')?.line, 5);
    const k = errors('name: a\nstages:\n  - tasks: 2\n    ops:\n      - op: shufleSort\n        size: 1g\n');
    assert.match(
      k[0]?.message ?? '',
      /^w\.yaml:5: stages\[0\]\.ops\[0\]\.op: unknown op "shufleSort" \(did you mean shuffleSort\?\)/,
    );
  });

  it('parses the template and every preset', () => {
    ok(scenarioTemplate());
    for (const p of PRESETS) {
      const r = parseScenario(p.yaml, p.id);
      assert.ok(r.ok, `${p.id}: ${r.ok ? '' : r.errors.map((e) => e.message).join('; ')}`);
    }
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        const r = parseScenario(t, 'f');
        assert.ok(r.ok || r.errors.every((e) => e.line >= 1 && e.message.startsWith('f:')));
      }),
      { numRuns: 300 },
    );
    const base = PRESETS[0]?.yaml ?? '';
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ maxLength: 8 }), (i, ins) => {
        const r = parseScenario(base.slice(0, i) + ins + base.slice(i), 'f');
        assert.ok(r.ok || r.errors.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('names .nan and .inf as written, not as "null"', () => {
    const [e] = errors('name: a\nstages:\n  - tasks: .nan\n    ops:\n      - compute: { ms: 1 }\n');
    assert.equal(e?.message, 'w.yaml:3: stages[0].tasks: expected a number, got .nan');
    const [f] = errors('name: a\nmaxEvents: -.inf\nstages:\n  - ops:\n      - compute: { ms: 1 }\n');
    assert.match(f?.message ?? '', /^w\.yaml:2: maxEvents: expected a number, got -\.inf$/);
  });

  it('says a scenario holds one document, on the line of the second', () => {
    const all = errors('name: a\nstages: []\n---\nname: b\n');
    assert.equal(all.length, 1);
    assert.match(all[0]?.message ?? '', /^w\.yaml:3: a scenario file holds one YAML document/);
    assert.doesNotMatch(all[0]?.message ?? '', /parseAllDocuments/);
  });
});
