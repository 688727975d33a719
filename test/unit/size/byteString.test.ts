import * as assert from 'node:assert/strict';
import {
  BYTE_STRING_HELP,
  byteFromString,
  byteStringAs,
  memoryStringToMb,
  sparkConfGetSizeAs,
} from '../../../src/core/size/byteString';

const value = (s: string, unit: Parameters<typeof byteStringAs>[1]): number => {
  const r = byteStringAs(s, unit);
  assert.ok(r.ok, `${s} should parse: ${r.ok ? '' : r.error}`);
  return r.value;
};
const error = (s: string, unit: Parameters<typeof byteStringAs>[1]): string => {
  const r = byteStringAs(s, unit);
  assert.ok(!r.ok, `${s} should not parse`);
  return r.error;
};

describe('JavaUtils.byteStringAs (config-formats.md A.3)', () => {
  it('reads binary, case-insensitive suffixes and trims', () => {
    for (const s of ['4g', '4G', '4GB', '4gB', ' 4g ', '4096m', '4194304k', '4294967296b'])
      assert.equal(value(s, 'MiB'), 4096, s);
    assert.equal(value('1t', 'GiB'), 1024);
    assert.equal(value('1p', 'TiB'), 1024);
  });
  it('takes a bare number in the caller unit', () => {
    assert.equal(value('2048', 'MiB'), 2048);
    assert.equal(value('2048', 'BYTE'), 2048);
  });
  it('truncates when converting to a larger unit', () => {
    assert.equal(value('512k', 'MiB'), 0);
    assert.equal(value('1536k', 'MiB'), 1);
    assert.equal(value('1048575b', 'MiB'), 0);
  });
  it("gives Spark's exact message for each kind of bad input", () => {
    assert.equal(error('4 g', 'MiB'), `${BYTE_STRING_HELP}\nFailed to parse byte string: 4 g`);
    assert.equal(error('4gib', 'MiB'), `${BYTE_STRING_HELP}\nInvalid suffix: "gib"`);
    assert.equal(error('4Gi', 'MiB'), `${BYTE_STRING_HELP}\nInvalid suffix: "gi"`);
    assert.equal(error('4.5g', 'MiB'), `${BYTE_STRING_HELP}\nFractional values are not supported. Input was: 4.5`);
    assert.equal(error('1.5', 'MiB'), `${BYTE_STRING_HELP}\nFractional values are not supported. Input was: 1.5`);
    for (const bad of ['1e3m', '', '4g,', '+4g', '4g#c', '-1g'])
      assert.equal(error(bad, 'MiB'), `${BYTE_STRING_HELP}\nFailed to parse byte string: ${bad}`);
  });
  it('reports a Long overflow as Long.parseLong and ByteUnit do', () => {
    assert.equal(
      error('99999999999999999999', 'BYTE'),
      `${BYTE_STRING_HELP}\nFor input string: "99999999999999999999"`,
    );
    assert.equal(
      error('9000000p', 'BYTE'),
      'Conversion of 9000000 exceeds Long.MAX_VALUE in PiB. Try a larger unit (e.g. MiB instead of KiB)',
    );
    assert.equal(value('8191p', 'BYTE'), 8191 * 2 ** 50);
  });
  it('typed bytesConf accepts one leading minus (ConfigBuilder.byteFromString)', () => {
    const r = byteFromString('-1g', 'MiB');
    assert.ok(r.ok);
    assert.equal(r.value, -1024);
    assert.ok(!byteFromString('--1g', 'MiB').ok);
  });
  it('untyped SparkConf reads prefix the key', () => {
    const r = sparkConfGetSizeAs('spark.executor.memory', '4gb x', 'BYTE');
    assert.ok(!r.ok);
    assert.equal(
      r.error,
      `Illegal value for config key spark.executor.memory: ${BYTE_STRING_HELP}\nFailed to parse byte string: 4gb x`,
    );
  });
  it('memoryStringToMb reads bytes then whole MiB', () => {
    const r = memoryStringToMb('4096');
    assert.ok(r.ok);
    assert.equal(r.value, 0);
    const g = memoryStringToMb('2g');
    assert.ok(g.ok);
    assert.equal(g.value, 2048);
  });
});
