import * as assert from 'node:assert/strict';
import { parseJvmHeapSize, suggestJvmHeapSize } from '../../../src/core/size/jvmSize';
import { parseSnappyMemorySize } from '../../../src/core/size/snappySize';

describe('the JVM -Xmx grammar (checked against JDK 17 on this kind of machine)', () => {
  const accepted: Array<[string, number]> = [
    ['2g', 2 ** 31],
    ['2G', 2 ** 31],
    ['2048m', 2 ** 31],
    ['2t', 2 * 2 ** 40],
    ['3m', 3 * 2 ** 20],
    ['0x80000000', 2 ** 31],
    ['0X80000000', 2 ** 31],
    ['00010m', 10 * 2 ** 20],
    ['8388608', 8388608],
    ['1T', 2 ** 40],
  ];
  for (const [text, bytes] of accepted) {
    it(`accepts -Xmx${text}`, () => {
      const r = parseJvmHeapSize(text);
      assert.ok(r.ok);
      assert.equal(r.bytes, bytes);
    });
  }
  for (const text of ['2gb', '1.5g', '99999999999999999999', '+2g', '-2g', '', '2M0', '0', '4 g', '2GB']) {
    it(`rejects -Xmx${text} as the JVM does`, () => {
      const r = parseJvmHeapSize(text);
      assert.ok(!r.ok);
      assert.equal(r.error, `Invalid maximum heap size: -Xmx${text}`);
    });
  }
  for (const text of ['2048', '1m', '1024k', '2K']) {
    it(`-Xmx${text} is too small a heap`, () => {
      const r = parseJvmHeapSize(text);
      assert.ok(!r.ok);
      assert.match(r.error, /Too small maximum heap/);
    });
  }
});

describe('SnappyData parseMemorySize (ClientSharedUtils)', () => {
  const ok = (v: string): number => {
    const r = parseSnappyMemorySize(v);
    assert.ok(r.ok, v);
    return r.bytes;
  };
  it('reads p/t/g/m/k with an optional b, any case, and bare bytes', () => {
    assert.equal(ok('16g'), 16 * 2 ** 30);
    assert.equal(ok('16GB'), 16 * 2 ** 30);
    assert.equal(ok('512mb'), 512 * 2 ** 20);
    assert.equal(ok('1024'), 1024);
    assert.equal(ok('100b'), 100);
    assert.equal(ok('1P'), 2 ** 50);
    assert.equal(ok(''), 0);
  });
  it('parses the number with Long.parseLong (sign allowed) and names the trimmed text in errors', () => {
    assert.equal(ok('-5g'), -5 * 2 ** 30);
    const r = parseSnappyMemorySize('1.5g');
    assert.ok(!r.ok);
    assert.match(r.error, /^Memory size specification = 1\.5: memory size must be specified as <n>\[p\|t\|g\|m\|k\]/);
    const x = parseSnappyMemorySize('16 g');
    assert.ok(!x.ok);
    assert.match(x.error, /^Memory size specification = 16 :/);
  });
});

describe('suggestJvmHeapSize: the nearest value the JVM accepts', () => {
  const cases: Array<[string, string | undefined]> = [
    ['4gb', '4g'],
    ['4GB', '4g'],
    ['4Gi', '4g'],
    ['4GiB', '4g'],
    ['1.5g', '1536m'],
    ['1.5gb', '1536m'],
    ['0.5g', '512m'],
    ['1.3g', '1331m'],
    ['1p', '1024t'],
    ['2048mb', '2g'],
    ['4096', '4096m'],
    ['512b', '512m'],
    ['8589934592b', '8g'],
    ['4g', undefined],
    ['8589934592', undefined],
    ['abc', undefined],
    ['', undefined],
    ['-4g', undefined],
    ['0g', undefined],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text)} -> ${String(want)}`, () => {
      assert.equal(suggestJvmHeapSize(text), want);
      if (want !== undefined) assert.ok(parseJvmHeapSize(want).ok);
    });
  }
});
