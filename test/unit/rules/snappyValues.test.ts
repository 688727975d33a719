// SNAPPY-* rules on argument values: heap and memory sizes, percentages, fractions, option names
// and heap settings that fight each other.
import * as assert from 'node:assert/strict';
import { SPAN_TEXT, applyFix, only } from './lintHarness';

const server = { type: { kind: 'snappy-members' as const, role: 'server' as const } };
const lead = { type: { kind: 'snappy-members' as const, role: 'lead' as const } };

describe('SNAPPY-HEAP-SYNTAX', () => {
  it("rejects 4gb, 1GB and 1.5g with the JVM's text and writes the nearest valid size", () => {
    for (const [value, fixed] of [
      ['4gb', '4g'],
      ['1GB', '1g'],
      ['1.5g', '1536m'],
      ['8Gi', '8g'],
    ] as const) {
      const text = `node1 -heap-size=${value} -memory-size=2g\n`;
      const [f] = only(text, 'SNAPPY-HEAP-SYNTAX', server);
      assert.ok(f, value);
      assert.equal(SPAN_TEXT(text, f), value);
      assert.match(f.message, new RegExp(`Invalid maximum heap size: -Xmx${value.replace('.', '\\.')}`));
      assert.equal(applyFix(text, f), `node1 -heap-size=${fixed} -memory-size=2g\n`);
    }
  });
  it("quotes the launcher's own earlier stop for a fractional heap", () => {
    const [f] = only('h -heap-size=1.5g\n', 'SNAPPY-HEAP-SYNTAX', server);
    assert.match(f?.message ?? '', /launcher stops even earlier.*Memory size specification = 1\.5:/);
  });
  it('reads a bare number as bytes: too small below 2 MiB, fine from 2 MiB', () => {
    const [f] = only('h -heap-size=4096\n', 'SNAPPY-HEAP-SYNTAX', server);
    assert.ok(f);
    assert.match(f.message, /Too small maximum heap/);
    assert.equal(applyFix('h -heap-size=4096\n', f), 'h -heap-size=4096m\n');
    assert.equal(only('h -heap-size=2097151\n', 'SNAPPY-HEAP-SYNTAX', server).length, 1);
    assert.equal(only('h -heap-size=2097152\n', 'SNAPPY-HEAP-SYNTAX', server).length, 0);
    assert.equal(only('h -heap-size=2047k\n', 'SNAPPY-HEAP-SYNTAX', server).length, 1);
    assert.equal(only('h -heap-size=2048k\n', 'SNAPPY-HEAP-SYNTAX', server).length, 0);
  });
  it('checks -J-Xmx and -J-Xms values on their value only', () => {
    const text = 'h -J-Xmx4gb -J-Xms1.5g\n';
    const fs = only(text, 'SNAPPY-HEAP-SYNTAX', server);
    assert.deepEqual(
      fs.map((f) => SPAN_TEXT(text, f)),
      ['4gb', '1.5g'],
    );
    assert.match(fs[1]!.message, /Invalid initial heap size: -Xms1\.5g/);
    assert.equal(applyFix(text, fs[0]!), 'h -J-Xmx4g -J-Xms1.5g\n');
  });
  it('ignores a -heap-size the launcher never passes on, and valid values', () => {
    assert.deepEqual(only('h -heap-size=4g -heap-size=8gb\n', 'SNAPPY-HEAP-SYNTAX', server), []);
    assert.deepEqual(only('h -heap-size=4g -J-Xmx0x100000000\n', 'SNAPPY-HEAP-SYNTAX', server), []);
  });
});

describe('SNAPPY-MEMORY-SIZE', () => {
  it("gives SnappyData's parseMemorySize text for 1.5g and fixes it", () => {
    const text = 'h -memory-size=1.5g\n';
    const [f] = only(text, 'SNAPPY-MEMORY-SIZE', server);
    assert.ok(f);
    assert.match(f.message, /^Memory size specification = 1\.5: memory size must be specified as <n>\[p\|t\|g\|m\|k\]/);
    assert.equal(applyFix(text, f), 'h -memory-size=1536m\n');
  });
  it('rejects a negative size and accepts 16gb (parseMemorySize takes a b)', () => {
    const [f] = only('h -memory-size=-1g\n', 'SNAPPY-MEMORY-SIZE', server);
    assert.equal(f?.message.startsWith('Invalid memory-size: -1g'), true);
    assert.deepEqual(only('h -memory-size=16gb\n', 'SNAPPY-MEMORY-SIZE', server), []);
    assert.deepEqual(only('h -memory-size=0\n', 'SNAPPY-MEMORY-SIZE', server), []);
  });
  it('warns about a bare number of bytes below 1 MiB only', () => {
    const [f] = only('h -memory-size=16\n', 'SNAPPY-MEMORY-SIZE', server);
    assert.equal(f?.severity, 'warning');
    assert.equal(applyFix('h -memory-size=16\n', f, /16g/), 'h -memory-size=16g\n');
    assert.equal(only('h -memory-size=1048575\n', 'SNAPPY-MEMORY-SIZE', server).length, 1);
    assert.equal(only('h -memory-size=1048576\n', 'SNAPPY-MEMORY-SIZE', server).length, 0);
  });
  it('uses the last -memory-size of the line, as QuickLauncher does', () => {
    assert.deepEqual(only('h -memory-size=bad -memory-size=4g\n', 'SNAPPY-MEMORY-SIZE', server), []);
  });
});

describe('SNAPPY-PERCENT-SIGN', () => {
  it("reports 95% as the launcher's NumberFormatException and drops the %", () => {
    const text = 'h -heap-size=8g -critical-heap-percentage=95%\n';
    const [f] = only(text, 'SNAPPY-PERCENT-SIGN', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '95%');
    assert.match(f.message, /For input string: "95%"/);
    assert.match(f.message, /launcher stops/);
    assert.equal(applyFix(text, f), 'h -heap-size=8g -critical-heap-percentage=95\n');
    assert.deepEqual(only(text, 'SNAPPY-STARTUP', server), [], 'not reported twice');
  });
  it("says the member stops when -Xmx differs from -Xms, and strips the docs' curly quotes", () => {
    const a = only('h -J-Xmx8g -J-Xms4g -eviction-heap-percentage=85%\n', 'SNAPPY-PERCENT-SIGN', server)[0];
    assert.match(a?.message ?? '', /The member stops/);
    const text = 'h -eviction-heap-percentage=\u201c20\u201d\n';
    const [f] = only(text, 'SNAPPY-PERCENT-SIGN', server);
    assert.ok(f);
    assert.equal(applyFix(text, f), 'h -eviction-heap-percentage=20\n');
    assert.deepEqual(only('h -critical-heap-percentage=95\n', 'SNAPPY-PERCENT-SIGN', server), []);
  });
});

describe('SNAPPY-STORAGE-FRACTION-PCT', () => {
  it("turns the docs' storageFraction 50 into 0.5, with Spark's message", () => {
    const text = 'lead1 -spark.memory.storageFraction=50\n';
    const [f] = only(text, 'SNAPPY-STORAGE-FRACTION-PCT', lead);
    assert.ok(f);
    assert.match(f.message, /^spark\.memory\.storageFraction should be between 0 and 1 \(was '50\.0'\)\./);
    assert.equal(applyFix(text, f), 'lead1 -spark.memory.storageFraction=0.5\n');
  });
  it('checks [0, 1] on both sides for both fractions', () => {
    assert.equal(only('l -spark.memory.fraction=1\n', 'SNAPPY-STORAGE-FRACTION-PCT', lead).length, 0);
    assert.equal(only('l -spark.memory.fraction=0\n', 'SNAPPY-STORAGE-FRACTION-PCT', lead).length, 0);
    assert.equal(only('l -spark.memory.fraction=1.0001\n', 'SNAPPY-STORAGE-FRACTION-PCT', lead).length, 1);
    const [neg] = only('l -spark.memory.fraction=-0.1\n', 'SNAPPY-STORAGE-FRACTION-PCT', lead);
    assert.ok(neg);
    assert.equal(neg.fixes, undefined);
    assert.match(
      only('s -spark.memory.storageFraction=85\n', 'SNAPPY-STORAGE-FRACTION-PCT', server)[0]?.message ?? '',
      /boot-time memory manager/,
    );
  });
});

describe('SNAPPY-UNKNOWN-OPTION', () => {
  it('suggests the near miss as a hint and renames only the key', () => {
    const text = 'h -heap-szie=8g -memory_size=4g\n';
    const fs = only(text, 'SNAPPY-UNKNOWN-OPTION', server);
    assert.deepEqual(
      fs.map((f) => [SPAN_TEXT(text, f), f.severity]),
      [
        ['heap-szie', 'hint'],
        ['memory_size', 'hint'],
      ],
    );
    assert.match(fs[0]!.message, /did you mean -heap-size\?/);
    assert.equal(applyFix(text, fs[0]!), 'h -heap-size=8g -memory_size=4g\n');
    assert.equal(applyFix(text, fs[1]!), 'h -heap-szie=8g -memory-size=4g\n');
  });
  it('catches a doubled dash and a misspelt Spark memory key, and leaves other names alone', () => {
    assert.equal(
      applyFix('h --heap-size=8g\n', only('h --heap-size=8g\n', 'SNAPPY-UNKNOWN-OPTION', server)[0]!),
      'h -heap-size=8g\n',
    );
    assert.equal(only('l -spark.memory.fractoin=0.8\n', 'SNAPPY-UNKNOWN-OPTION', lead).length, 1);
    assert.deepEqual(
      only(
        'h -spark.sql.shuffle.partitions=8 -my-own-flag=1 -log-level=fine -heap-size=4g\n',
        'SNAPPY-UNKNOWN-OPTION',
        server,
      ),
      [],
    );
  });
});

describe('SNAPPY-HEAP-XMX-MIX', () => {
  it('says which heap the JVM uses and that the default thresholds are off', () => {
    const text = 'h -heap-size=4g -J-Xmx8g\n';
    const [f] = only(text, 'SNAPPY-HEAP-XMX-MIX', server);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(SPAN_TEXT(text, f), '-J-Xmx8g');
    assert.match(f.message, /runs with -Xmx8g -Xms4g/);
    assert.match(f.message, /LowMemoryException safety net is off/);
    assert.equal(SPAN_TEXT(text, { ...f, span: f.related![0]!.span }), '-heap-size=4g');
    assert.equal(applyFix(text, f, /^Keep/), 'h -heap-size=4g\n');
    assert.equal(applyFix(text, f, /^Use 8g/), 'h -heap-size=8g\n');
  });
  it('knows that -heap-size after -J-Xmx only sets -Xms', () => {
    const [f] = only('h -J-Xmx8g -heap-size=4g\n', 'SNAPPY-HEAP-XMX-MIX', server);
    assert.match(f?.message ?? '', /-Xmx8g -Xms4g/);
  });
  it('is an error when -Xms is larger than -Xmx', () => {
    const [f] = only('h -J-Xms8g -heap-size=4g\n', 'SNAPPY-HEAP-XMX-MIX', server);
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /refuses to start/);
  });
  it('warns about unequal -J-Xmx/-J-Xms without -heap-size and equalises them', () => {
    const text = 'h -J-Xmx8g -J-Xms4g\n';
    const [f] = only(text, 'SNAPPY-HEAP-XMX-MIX', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '-J-Xms4g');
    assert.equal(applyFix(text, f), 'h -J-Xmx8g -J-Xms8g\n');
    assert.deepEqual(only('h -J-Xmx8g -J-Xms8g\n', 'SNAPPY-HEAP-XMX-MIX', server), []);
    assert.deepEqual(only('h -J-Xmx8g\n', 'SNAPPY-HEAP-XMX-MIX', server), []);
    assert.deepEqual(only('h -heap-size=8g\n', 'SNAPPY-HEAP-XMX-MIX', server), []);
  });
  it('marks a second -heap-size as ignored (the first one wins)', () => {
    const text = 'h -heap-size=4g -heap-size=8g\n';
    const [f] = only(text, 'SNAPPY-HEAP-XMX-MIX', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '-heap-size=8g');
    assert.deepEqual(f.tags, ['unnecessary']);
    assert.equal(applyFix(text, f), 'h -heap-size=4g\n');
  });
});
