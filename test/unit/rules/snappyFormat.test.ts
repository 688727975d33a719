// SNAPPY-* rules on the member line format: what snappy-nodes.sh, the shell and QuickLauncher do
// with the characters of a conf/servers, conf/leads or conf/locators line.
import * as assert from 'node:assert/strict';
import { SPAN_TEXT, applyFix, lint, only } from './lintHarness';

const server = { type: { kind: 'snappy-members' as const, role: 'server' as const } };
const lead = { type: { kind: 'snappy-members' as const, role: 'lead' as const } };
const locator = { type: { kind: 'snappy-members' as const, role: 'locator' as const } };

describe('SNAPPY-TAB', () => {
  it('marks the TAB and what it swallowed into the host name, and replaces it with a space', () => {
    const text = 'node-b\t-heap-size=4g -memory-size=1g\n';
    const [f] = only(text, 'SNAPPY-TAB', server);
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(SPAN_TEXT(text, f), '\t-heap-size=4g');
    assert.match(f.message, /host name here is "node-b\\t-heap-size=4g"/);
    assert.equal(applyFix(text, f), 'node-b -heap-size=4g -memory-size=1g\n');
    assert.deepEqual(only(applyFix(text, f), 'SNAPPY-TAB', server), []);
  });
  it('does not fire for tabs between arguments or before the host (the shell and read handle those)', () => {
    assert.deepEqual(only('node-b -heap-size=4g\t-memory-size=1g\n\tnode-c -heap-size=4g\n', 'SNAPPY-TAB', server), []);
  });
});

describe('SNAPPY-INLINE-COMMENT', () => {
  it('marks the comment and moves it above the member, keeping the rest of the line', () => {
    const text = 'node1 -heap-size=4g -memory-size=8g # primary -dir=/x\nnode2\n';
    const [f] = only(text, 'SNAPPY-INLINE-COMMENT', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '# primary -dir=/x');
    assert.match(f.message, /including -dir=\/x/);
    assert.match(f.message, /-locators, -bind-address/);
    assert.equal(applyFix(text, f), '# primary -dir=/x\nnode1 -heap-size=4g -memory-size=8g\nnode2\n');
    assert.deepEqual(only(applyFix(text, f), 'SNAPPY-INLINE-COMMENT', server), []);
  });
  it('names -host-data=false for leads and keeps CRLF line ends when moving', () => {
    const text = 'lead1 -dir=/l # the lead\r\n';
    const [f] = only(text, 'SNAPPY-INLINE-COMMENT', lead);
    assert.ok(f);
    assert.match(f.message, /-host-data=false/);
    assert.equal(applyFix(text, f), '# the lead\r\nlead1 -dir=/l\r\n');
  });
  it('ignores a # inside a word and whole-line comments', () => {
    assert.deepEqual(only('# a comment\nnode1 -J-Dx=a#b\n', 'SNAPPY-INLINE-COMMENT', server), []);
  });
  it('offers no move when the comment swallows a continuation line', () => {
    const text = 'node1 -heap-size=4g # note \\\n  -memory-size=1g\n';
    const [f] = only(text, 'SNAPPY-INLINE-COMMENT', server);
    assert.ok(f);
    assert.equal(f.fixes, undefined);
  });
});

describe('SNAPPY-EQ-SPACE', () => {
  it('reports the docs\' "-heap-size = 4g" with the launcher\'s text and joins it', () => {
    const text = 'node2 -heap-size = 4g -memory-size=16g\n';
    const [f] = only(text, 'SNAPPY-EQ-SPACE', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '=');
    assert.match(f.message, /^Unexpected command-line option: = /);
    assert.equal(applyFix(text, f), 'node2 -heap-size=4g -memory-size=16g\n');
    assert.deepEqual(only(text, 'SNAPPY-NO-DASH', server), [], 'the value word is part of this finding');
  });
  it('joins "-key =value" and "-key= value"', () => {
    const a = 'h -critical-heap-percentage =90\n';
    const [fa] = only(a, 'SNAPPY-EQ-SPACE', server);
    assert.ok(fa);
    assert.equal(SPAN_TEXT(a, fa), '=90');
    assert.equal(applyFix(a, fa), 'h -critical-heap-percentage=90\n');
    const b = 'h -memory-size= 16g\n';
    const [fb] = only(b, 'SNAPPY-EQ-SPACE', server);
    assert.ok(fb);
    assert.equal(SPAN_TEXT(b, fb), '16g');
    assert.equal(applyFix(b, fb), 'h -memory-size=16g\n');
  });
  it('does not fire on well-formed lines', () => {
    assert.deepEqual(only('h -heap-size=4g -memory-size=16g\n', 'SNAPPY-EQ-SPACE', server), []);
  });
});

describe('SNAPPY-NO-DASH', () => {
  it('reports a value left over from "-heap-size 4g" and joins it with =', () => {
    const text = 'node1 -heap-size 4g -memory-size=8g\n';
    const [f] = only(text, 'SNAPPY-NO-DASH', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '4g');
    assert.match(f.message, /^Unexpected command-line option: 4g /);
    assert.match(f.message, /stops at this argument/);
    assert.equal(applyFix(text, f), 'node1 -heap-size=4g -memory-size=8g\n');
  });
  it('joins "-J-Xmx 4g" without =, and offers nothing after a -key=value', () => {
    const a = 'h -J-Xmx 4g\n';
    const [fa] = only(a, 'SNAPPY-NO-DASH', server);
    assert.ok(fa);
    assert.equal(applyFix(a, fa), 'h -J-Xmx4g\n');
    const b = 'h -J-Dlog=a b\n';
    const [fb] = only(b, 'SNAPPY-NO-DASH', server);
    assert.ok(fb);
    assert.equal(SPAN_TEXT(b, fb), 'b');
    assert.equal(fb.fixes, undefined);
  });
  it('reports every stray word, the first as where the launcher stops', () => {
    const text = 'h stray -heap-size=4g other\n';
    const fs = only(text, 'SNAPPY-NO-DASH', server);
    assert.deepEqual(
      fs.map((f) => SPAN_TEXT(text, f)),
      ['stray', 'other'],
    );
    assert.match(fs[0]!.message, /stops at this argument/);
    assert.match(fs[1]!.message, /would stop here too/);
  });
  it('reports a "//" line meant as a comment once, and turns it into one', () => {
    const text = 'node1 -heap-size=8g\n// You can launch more than one server on a host\n';
    const fs = only(text, 'SNAPPY-NO-DASH', server);
    assert.equal(fs.length, 1);
    assert.equal(SPAN_TEXT(text, fs[0]!), '// You can launch more than one server on a host');
    assert.match(fs[0]!.message, /not a comment/);
    assert.equal(applyFix(text, fs[0]!), 'node1 -heap-size=8g\n# You can launch more than one server on a host\n');
  });
  it('leaves words after a shell operator and a lone carriage return to their own rules', () => {
    assert.deepEqual(only('h -heap-size=4g ; echo hi\n', 'SNAPPY-NO-DASH', server), []);
    assert.deepEqual(only('h -heap-size=4g \r\n', 'SNAPPY-NO-DASH', server), []);
  });
});

describe('SNAPPY-SHELL', () => {
  it('reports operators as errors, expansions and globs as warnings, on the character', () => {
    const text = 'h -heap-size=4g ; x\nh2 -dir=$HOME/d -classpath=/opt/*.jar\n';
    const fs = only(text, 'SNAPPY-SHELL', server);
    assert.deepEqual(
      fs.map((f) => [SPAN_TEXT(text, f), f.severity]),
      [
        [';', 'error'],
        ['$', 'warning'],
        ['*', 'warning'],
      ],
    );
    assert.match(fs[0]!.message, /separate command/);
  });
  it('reports an unterminated quote and stays quiet for a quoted value', () => {
    const text = "h -J-Dx='a b\n";
    const [f] = only(text, 'SNAPPY-SHELL', server);
    assert.ok(f);
    assert.match(f.message, /Unterminated single quote/);
    assert.deepEqual(only("h -J-Dx='a;b'\n", 'SNAPPY-SHELL', server), []);
  });
  it('leaves the comment to SNAPPY-INLINE-COMMENT', () => {
    assert.deepEqual(only('h -heap-size=4g # x\n', 'SNAPPY-SHELL', server), []);
  });
});

describe('SNAPPY-CRLF', () => {
  it('marks the carriage return, says where it ends up, and removes it', () => {
    const text = 'node1 -heap-size=4g\r\nnode2 -memory-size=1g\r\n';
    const fs = only(text, 'SNAPPY-CRLF', server);
    assert.equal(fs.length, 2);
    assert.equal(SPAN_TEXT(text, fs[0]!), '\r');
    assert.match(fs[0]!.message, /"-heap-size=4g\\r", a heap size/);
    assert.equal(applyFix(text, fs[0]!), 'node1 -heap-size=4g\nnode2 -memory-size=1g\r\n');
    // The same value is not reported again by the value rules.
    assert.deepEqual(
      lint(text, server).filter((f) => f.code !== 'SNAPPY-CRLF' && f.severity === 'error'),
      [],
    );
  });
  it('names the host when the line has no arguments, and does not fire on LF files', () => {
    const [f] = only('node1\r\n', 'SNAPPY-CRLF', locator);
    assert.match(f?.message ?? '', /host name becomes "node1\\r"/);
    assert.deepEqual(only('node1 -heap-size=4g\n', 'SNAPPY-CRLF', server), []);
  });
});

describe('SnappyData files without a leads file, empty files and comments', () => {
  it('lints a servers file with no leads file and an empty file without failing', () => {
    const fs = lint('node1 -heap-size=8g -spark.memory.fraction=0.8\nnode2\n', server);
    assert.ok(!fs.some((f) => f.code === 'INTERNAL'), JSON.stringify(fs));
    assert.deepEqual(lint('', server), []);
    assert.deepEqual(lint('# only a comment\n\n', lead), []);
  });
  it('is silenced by a disable-next-line comment naming the code', () => {
    assert.deepEqual(
      only('# spark-memory-disable-next-line SNAPPY-NO-DASH\nh -heap-size 4g\n', 'SNAPPY-NO-DASH', server),
      [],
    );
  });
});
