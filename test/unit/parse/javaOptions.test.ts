// CommandBuilderUtils.parseOptionString (spark-launcher 4.1.3), the launcher's splitting of java options.
import * as assert from 'node:assert/strict';
import { isJavaWhitespace, parseOptionString } from '../../../src/core/parse/javaOptions';

const options = (s: string): readonly string[] => {
  const r = parseOptionString(s);
  assert.ok(r.ok, s);
  return r.options;
};

describe('parseOptionString', () => {
  it('splits on blanks and groups quotes; a backslash escapes outside single quotes', () => {
    assert.deepEqual(options('  -Xms1g\t-XX:+UseG1GC  '), ['-Xms1g', '-XX:+UseG1GC']);
    assert.deepEqual(options(`-Da="x y" -Db='p q' -Dc=1\\ 2`), ['-Da=x y', '-Db=p q', '-Dc=1 2']);
    assert.deepEqual(options(`'a\\b' "c'd" 'e"f'`), ['a\\b', "c'd", 'e"f']);
    assert.deepEqual(options(`"" x ''`), ['', 'x', '']);
    assert.deepEqual(options(''), []);
  });
  it('refuses an unclosed quote or a trailing backslash with the launcher text', () => {
    for (const s of [`-Da='x`, `-Da="x`, `-Da=x\\`, `'`])
      assert.deepEqual(parseOptionString(s), { ok: false, message: `Invalid option string: ${s}` });
  });
  it("uses Java's whitespace: a no-break space is part of an option, U+001F and U+2003 are not", () => {
    assert.deepEqual(options('a\u00a0b\u001fc\u2003d'), ['a\u00a0b', 'c', 'd']);
    assert.equal(isJavaWhitespace(0x0b), true);
    assert.equal(isJavaWhitespace(0x202f), false);
    assert.equal(isJavaWhitespace(0x41), false);
  });
});
