// SNAPPY-* guidance: the docs' production heap advice and the places where the docs' numbers differ
// from the code's for a line (info only).
import * as assert from 'node:assert/strict';
import {
  SNAPPY_DOCUMENTED_VALUES,
  SNAPPY_OPTION_NAMES,
  SNAPPY_PRODUCTION_HEAP_GUIDANCE,
} from '../../../src/core/catalog/snappyKeys';
import { SPAN_TEXT, only } from './lintHarness';

const server = { type: { kind: 'snappy-members' as const, role: 'server' as const } };
const lead = { type: { kind: 'snappy-members' as const, role: 'lead' as const } };
const locator = { type: { kind: 'snappy-members' as const, role: 'locator' as const } };

describe('SNAPPY-HEAP-GUIDANCE', () => {
  it('reads its 6-8 GB figure and the known option names from the catalog', () => {
    assert.equal(SNAPPY_PRODUCTION_HEAP_GUIDANCE.minBytes, 6 * 2 ** 30);
    assert.ok(SNAPPY_OPTION_NAMES.includes('heap-size') && SNAPPY_OPTION_NAMES.includes('critical-heap-percentage'));
    assert.deepEqual(SNAPPY_DOCUMENTED_VALUES.find((d) => d.key === 'spark.memory.fraction')?.docs, [0.92, 0.97]);
  });
  it('notes a server or lead heap below 6 GB, on the heap value, and not at 6 GB', () => {
    const text = 'node1 -heap-size=4g\n';
    const [f] = only(text, 'SNAPPY-HEAP-GUIDANCE', server);
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.equal(SPAN_TEXT(text, f), '4g');
    assert.match(f.message, /6-8 GB/);
    assert.equal(only('node1 -heap-size=6143m\n', 'SNAPPY-HEAP-GUIDANCE', server).length, 1);
    assert.deepEqual(only('node1 -heap-size=6g\n', 'SNAPPY-HEAP-GUIDANCE', server), []);
    assert.match(only('l -J-Xmx2g\n', 'SNAPPY-HEAP-GUIDANCE', lead)[0]?.message ?? '', /this lead/);
  });
  it('leaves locators and default heaps alone', () => {
    assert.deepEqual(only('loc -heap-size=1g\n', 'SNAPPY-HEAP-GUIDANCE', locator), []);
    assert.deepEqual(only('node1\n', 'SNAPPY-HEAP-GUIDANCE', server), []);
  });
});

describe('SNAPPY-DOCS-DEFAULTS', () => {
  it("explains the docs' 20g example with the code's numbers, once per distinct note", () => {
    const text = 'node1 -heap-size=20g -memory-size=16g\nnode2 -heap-size=20g -memory-size=16g\n';
    const fs = only(text, 'SNAPPY-DOCS-DEFAULTS', server);
    assert.equal(fs.length, 1);
    const f = fs[0]!;
    assert.equal(f.severity, 'info');
    assert.equal(SPAN_TEXT(text, f), '20g');
    assert.match(f.message, /spark\.memory\.fraction 0\.85/);
    assert.match(f.message, /memory-size × 0\.95 = 15\.2 GB, not the docs' × 0\.9 = 14\.4 GB/);
    assert.match(f.message, /critical-heap-percentage defaults to 99\.0 .* reserves 204\.8 MB rather than 1 GB/);
    assert.match(f.message, /eviction-heap-percentage defaults to 89\.1/);
  });
  it('says nothing where the line sets the values the docs talk about', () => {
    assert.deepEqual(
      only(
        'node1 -heap-size=20g -critical-heap-percentage=95 -eviction-heap-percentage=85.5 -spark.memory.fraction=0.85\n',
        'SNAPPY-DOCS-DEFAULTS',
        server,
      ),
      [],
    );
  });
  it("notes a default critical only one point or more away from the docs' 95 (4g: 95.12, quiet; 8g: 97.56, noted)", () => {
    const four = only('a -heap-size=4g -spark.memory.fraction=0.85\n', 'SNAPPY-DOCS-DEFAULTS', server);
    assert.deepEqual(four, []);
    const [eight] = only('a -heap-size=8g -spark.memory.fraction=0.85\n', 'SNAPPY-DOCS-DEFAULTS', server);
    assert.match(eight?.message ?? '', /critical-heap-percentage defaults to 97\.56/);
  });
  it('skips lines without an explicit heap (the default heap depends on the host)', () => {
    assert.deepEqual(only('localhost\n', 'SNAPPY-DOCS-DEFAULTS', server), []);
    assert.deepEqual(only('localhost -memory-size=16g\n', 'SNAPPY-DOCS-DEFAULTS', server), []);
  });
  it('skips lines with format problems and lines that do not start', () => {
    assert.deepEqual(only('node1 -heap-size=20g # c\n', 'SNAPPY-DOCS-DEFAULTS', server), []);
    assert.deepEqual(only('node1 -heap-size=1g -critical-heap-percentage=98\n', 'SNAPPY-DOCS-DEFAULTS', server), []);
  });
});
