// SNAPPY-* rules that read the member's memory layout (thresholds, reserved memory, the lead's
// Spark properties on servers) and the relations between lines (several servers on one host).
import * as assert from 'node:assert/strict';
import { SPAN_TEXT, applyFix, lint, only } from './lintHarness';

const server = { type: { kind: 'snappy-members' as const, role: 'server' as const } };
const lead = { type: { kind: 'snappy-members' as const, role: 'lead' as const } };
const withLeads = (leads: string) => ({ ...server, leads });

describe('SNAPPY-EVICT-CRIT', () => {
  it('needs eviction below critical: 79.9 passes, 80 fails on the eviction value with the critical as related', () => {
    assert.deepEqual(
      only(
        'h -heap-size=8g -critical-heap-percentage=80 -eviction-heap-percentage=79.9\n',
        'SNAPPY-EVICT-CRIT',
        server,
      ),
      [],
    );
    const text = 'h -heap-size=8g -critical-heap-percentage=80 -eviction-heap-percentage=80\n';
    const [f] = only(text, 'SNAPPY-EVICT-CRIT', server);
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(SPAN_TEXT(text, f), '80');
    assert.equal(f.span.start, text.lastIndexOf('80'));
    assert.match(f.message, /^Eviction percentage must be less than the critical percentage\./);
    assert.equal(f.related?.[0]?.span.start, text.indexOf('80'));
  });
  it("compares with the launcher's default critical when only eviction is set", () => {
    const [f] = only('h -heap-size=4g -eviction-heap-percentage=96\n', 'SNAPPY-EVICT-CRIT', server);
    assert.match(f?.message ?? '', /critical-heap-percentage is 95\.12 \(the launcher's default for -Xmx4g\)/);
  });
  it("keeps eviction within SnappyData's 10..98 on both sides", () => {
    assert.deepEqual(
      only('h -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=10\n', 'SNAPPY-EVICT-CRIT', server),
      [],
    );
    const [low] = only(
      'h -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=9.99\n',
      'SNAPPY-EVICT-CRIT',
      server,
    );
    assert.match(low?.message ?? '', /^Eviction fraction 0\.0998\d* must be between 0\.1 and 0\.98\./);
    assert.deepEqual(
      only('h -heap-size=8g -critical-heap-percentage=99 -eviction-heap-percentage=98\n', 'SNAPPY-EVICT-CRIT', server),
      [],
    );
    assert.equal(
      only(
        'h -heap-size=8g -critical-heap-percentage=99 -eviction-heap-percentage=98.01\n',
        'SNAPPY-EVICT-CRIT',
        server,
      ).length,
      1,
    );
  });
  it('keeps critical within [0, 100] and warns when 0 switches protection off', () => {
    const [over] = only('h -heap-size=8g -critical-heap-percentage=100.5\n', 'SNAPPY-EVICT-CRIT', server);
    assert.equal(
      over?.message.startsWith('Critical percentage must be greater than 0.0 and less than or equal to 100.0.'),
      true,
    );
    const [off] = only('h -heap-size=8g -critical-heap-percentage=0\n', 'SNAPPY-EVICT-CRIT', server);
    assert.equal(off?.severity, 'warning');
    assert.match(off?.message ?? '', /disables the critical threshold/);
    assert.deepEqual(
      only(
        'h -heap-size=8g -critical-heap-percentage=0.5 -eviction-heap-percentage=0.4\n',
        'SNAPPY-EVICT-CRIT',
        server,
      ).filter((f) => f.severity === 'warning'),
      [],
    );
  });
  it("reports only where the member stops: one finding per argument, and no memory-manager check after GemFire's", () => {
    const text = 'h -heap-size=8g -critical-heap-percentage=120 -eviction-heap-percentage=110\n';
    const fs = only(text, 'SNAPPY-EVICT-CRIT', server);
    assert.deepEqual(
      fs.map((f) => SPAN_TEXT(text, f)),
      ['120', '110'],
    );
    assert.deepEqual(only(text, 'SNAPPY-RESERVED-SMALL', server), []);
    assert.equal(
      only('h -heap-size=8g -critical-heap-percentage=95 -eviction-heap-percentage=101\n', 'SNAPPY-EVICT-CRIT', server)
        .length,
      1,
    );
    assert.deepEqual(only('h -heap-size=8g -critical-heap-percentage=100\n', 'SNAPPY-EVICT-CRIT', server), []);
    assert.equal(only('h -heap-size=8g -critical-heap-percentage=100\n', 'SNAPPY-RESERVED-SMALL', server).length, 1);
  });
  it("reports SnappyData's system memory check: critical 33.4 passes on 8g, 33.3 fails", () => {
    assert.deepEqual(only('h -heap-size=8g -critical-heap-percentage=33.4\n', 'SNAPPY-EVICT-CRIT', server), []);
    const [f] = only('h -heap-size=8g -critical-heap-percentage=33.3\n', 'SNAPPY-EVICT-CRIT', server);
    assert.match(f?.message ?? '', /^System memory 8589934592 must be at least \d+\./);
    assert.match(f?.message ?? '', /raise critical-heap-percentage/);
  });
});

describe('SNAPPY-RESERVED-SMALL', () => {
  it("gives SnappyData's text, says the advice is backwards, and writes 97.55 for a 1g heap", () => {
    const text = 'h -heap-size=1g -critical-heap-percentage=98 -eviction-heap-percentage=90\n';
    const [f] = only(text, 'SNAPPY-RESERVED-SMALL', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '98');
    assert.match(
      f.message,
      /^Reserved memory 21474837 must be at least 25MB\. Please increase critical-heap-percentage/,
    );
    assert.match(f.message, /backwards/);
    assert.match(f.message, /\*decrease\* critical-heap-percentage/);
    const fixed = applyFix(text, f);
    assert.equal(fixed, 'h -heap-size=1g -critical-heap-percentage=97.55 -eviction-heap-percentage=90\n');
    assert.deepEqual(
      lint(fixed, server).filter((x) => x.severity === 'error'),
      [],
    );
    assert.deepEqual(only('h -heap-size=1g -critical-heap-percentage=97.55\n', 'SNAPPY-RESERVED-SMALL', server), []);
  });
  it("adds a critical percentage when the launcher's default leaves too little (a 200m heap)", () => {
    const text = 'h -heap-size=200m\n';
    const [f] = only(text, 'SNAPPY-RESERVED-SMALL', server);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '200m');
    assert.equal(applyFix(text, f), 'h -heap-size=200m -critical-heap-percentage=87.5\n');
    assert.deepEqual(
      lint(applyFix(text, f), server).filter((x) => x.severity === 'error'),
      [],
    );
  });
  it('offers no percentage when eviction stands in the way or the heap is too small for any', () => {
    const [e] = only(
      'h -heap-size=1g -critical-heap-percentage=98 -eviction-heap-percentage=97.6\n',
      'SNAPPY-RESERVED-SMALL',
      server,
    );
    assert.equal(e?.fixes, undefined);
    assert.match(e?.message ?? '', /lower eviction-heap-percentage/);
    const [t] = only('h -heap-size=30m\n', 'SNAPPY-RESERVED-SMALL', server);
    assert.match(t?.message ?? '', /increase -heap-size/);
    assert.equal(t?.fixes, undefined);
  });
});

describe('SNAPPY-EXECUTOR-MEMORY', () => {
  it("checks a lead's spark.executor.memory against 1.5 x reserved on both sides", () => {
    assert.deepEqual(
      only('l -heap-size=40g -critical-heap-percentage=95 -spark.executor.memory=3g\n', 'SNAPPY-EXECUTOR-MEMORY', lead),
      [],
    );
    const text = 'l -heap-size=40g -critical-heap-percentage=95 -spark.executor.memory=3071m\n';
    const [f] = only(text, 'SNAPPY-EXECUTOR-MEMORY', lead);
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), '3071m');
    assert.match(f.message, /^Executor memory 3220176896 must be at least 3221225472\./);
  });
  it('reads a bare number as bytes and offers MB', () => {
    const text = 'l -heap-size=8g -spark.executor.memory=4096\n';
    const [f] = only(text, 'SNAPPY-EXECUTOR-MEMORY', lead);
    assert.ok(f);
    assert.match(f.message, /bare number is bytes/);
    assert.equal(applyFix(text, f), 'l -heap-size=8g -spark.executor.memory=4096m\n');
  });
  it("shows the lead's value on each server line it fails for, with the lead as related location", () => {
    const leads = 'lead1 -spark.executor.memory=2g\n';
    const text = 'node1 -heap-size=40g -critical-heap-percentage=95\nnode2 -heap-size=8g\n';
    const fs = only(text, 'SNAPPY-EXECUTOR-MEMORY', withLeads(leads));
    assert.equal(fs.length, 1);
    assert.equal(SPAN_TEXT(text, fs[0]!), '95');
    assert.equal(fs[0]!.related?.[0]?.uri, 'conf/leads');
    assert.equal(leads.slice(fs[0]!.related[0].span.start, fs[0]!.related[0].span.end), '2g');
    assert.equal(fs[0]!.fixes, undefined);
  });
});

describe('SNAPPY-OFFHEAP-PCT', () => {
  it('warns that off-heap percentages do not govern -memory-size', () => {
    const text = 'h -heap-size=8g -memory-size=16g -critical-off-heap-percentage=90\n';
    const [f] = only(text, 'SNAPPY-OFFHEAP-PCT', server);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(SPAN_TEXT(text, f), '90');
    assert.match(f.message, /No off-heap memory has been configured/);
    assert.match(f.message, /storageMaxFraction \(default 0\.95\)/);
    assert.equal(applyFix(text, f), 'h -heap-size=8g -memory-size=16g\n');
  });
  it("calls 0 a no-op and stays quiet with GemFire's own off-heap-memory-size", () => {
    const [z] = only('h -eviction-off-heap-percentage=0\n', 'SNAPPY-OFFHEAP-PCT', server);
    assert.deepEqual(z?.tags, ['unnecessary']);
    assert.deepEqual(
      only('h -off-heap-memory-size=4g -critical-off-heap-percentage=90\n', 'SNAPPY-OFFHEAP-PCT', server),
      [],
    );
  });
});

describe('SNAPPY-MULTI-SERVER and SNAPPY-DIR-SHARED', () => {
  it('marks the server lines of a multi-server host that get -memory-size=0', () => {
    const text = 'h1 -heap-size=8g\nh2 -heap-size=8g\nh1 -heap-size=8g -memory-size=4g\n';
    const fs = only(text, 'SNAPPY-MULTI-SERVER', server);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'info');
    assert.equal(fs[0]!.span.start, 0);
    assert.match(fs[0]!.message, /adds -memory-size=0/);
    assert.match(fs[0]!.message, /\$SNAPPY_HOME\/work\/h1-server-1/);
    assert.equal(fs[0]!.related?.[0]?.span.start, text.lastIndexOf('h1'));
    assert.deepEqual(only('h1 -heap-size=8g\nh2 -heap-size=8g\n', 'SNAPPY-MULTI-SERVER', server), []);
    const many = Array.from({ length: 30 }, () => 'h1').join('\n');
    assert.ok(only(many, 'SNAPPY-MULTI-SERVER', server).every((f) => (f.related?.length ?? 0) <= 8));
    assert.deepEqual(only('h1\nh1\n', 'SNAPPY-MULTI-SERVER', lead), []);
  });
  it('warns when two members of one host share an explicit -dir (the last -dir counts)', () => {
    const text = 'h1 -dir=/a\nh1 -dir=/b -dir=/a\nh2 -dir=/a\n';
    const [f] = only(text, 'SNAPPY-DIR-SHARED', server);
    assert.ok(f);
    assert.equal(f.span.start, text.indexOf('/a', text.indexOf('\n')));
    assert.match(f.message, /already running in directory/);
    assert.equal(only(text, 'SNAPPY-DIR-SHARED', server).length, 1);
    assert.deepEqual(only('h1 -dir=/a\nh1 -dir=/b\n', 'SNAPPY-DIR-SHARED', server), []);
  });
});

describe('SNAPPY-SPARK-ON-SERVER', () => {
  it("points at the lead line whose value wins, and removes the server's copy", () => {
    const leads = '# leads\nlead1 -spark.memory.fraction=0.7\n';
    const text = 'node1 -heap-size=8g -spark.memory.fraction=0.5\n';
    const [f] = only(text, 'SNAPPY-SPARK-ON-SERVER', withLeads(leads));
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.equal(SPAN_TEXT(text, f), '-spark.memory.fraction=0.5');
    assert.match(f.message, /conf\/leads line 2/);
    assert.match(f.message, /the lead's 0\.7 wins and this line's 0\.5 only sizes the boot-time memory manager/);
    assert.equal(f.related?.[0]?.uri, 'conf/leads');
    assert.equal(leads.slice(f.related[0].span.start, f.related[0].span.end), '-spark.memory.fraction=0.7');
    assert.equal(applyFix(text, f), 'node1 -heap-size=8g\n');
  });
  it('calls an identical value redundant', () => {
    const [f] = only('n -spark.executor.cores=8\n', 'SNAPPY-SPARK-ON-SERVER', withLeads('l -spark.executor.cores=8\n'));
    assert.deepEqual(f?.tags, ['unnecessary']);
  });
  it('says the server value applies only while the lead does not set it, and never for storageFraction', () => {
    const [own] = only('n -spark.memory.fraction=0.5\n', 'SNAPPY-SPARK-ON-SERVER', withLeads('l -heap-size=4g\n'));
    assert.match(own?.message ?? '', /reaches this server's executor only because the lead line does not set it/);
    const [noLeads] = only('n -spark.memory.fraction=0.5\n', 'SNAPPY-SPARK-ON-SERVER', server);
    assert.match(noLeads?.message ?? '', /if conf\/leads sets it, the lead's value wins/);
    const [sf] = only(
      'n -spark.memory.storageFraction=0.3\n',
      'SNAPPY-SPARK-ON-SERVER',
      withLeads('l -heap-size=4g\n'),
    );
    assert.match(sf?.message ?? '', /does not reach this server's executor.*sends its default \(0\.5\)/);
    assert.deepEqual(only('l -spark.memory.fraction=0.5\n', 'SNAPPY-SPARK-ON-SERVER', lead), []);
  });
});

describe('SNAPPY-JAVA8', () => {
  it("warns about a second collector next to the launcher's CMS flags, with or without -J", () => {
    const text = 'h -heap-size=8g -J-XX:+UseG1GC -XX:+UseParallelGC\n';
    const fs = only(text, 'SNAPPY-JAVA8', server);
    assert.deepEqual(
      fs.map((f) => SPAN_TEXT(text, f)),
      ['-J-XX:+UseG1GC', '-XX:+UseParallelGC'],
    );
    assert.match(fs[0]!.message, /Conflicting collector combinations in option list/);
    assert.equal(applyFix(text, fs[0]!), 'h -heap-size=8g -XX:+UseParallelGC\n');
    assert.equal(
      applyFix('h -J-XX:+UseG1GC\n', only('h -J-XX:+UseG1GC\n', 'SNAPPY-JAVA8', server)[0]!, /CMS and ParNew off/),
      'h -J-XX:+UseG1GC -J-XX:-UseConcMarkSweepGC -J-XX:-UseParNewGC\n',
    );
  });
  it("leaves a flag that ends in the line's carriage return to SNAPPY-CRLF", () => {
    assert.deepEqual(only('h -J-XX:+UseG1GC\r\n', 'SNAPPY-JAVA8', server), []);
    assert.equal(only('h -J-XX:+UseG1GC\r\n', 'SNAPPY-CRLF', server).length, 1);
  });
  it('stays quiet when CMS and ParNew are turned off too, or for CMS itself', () => {
    assert.deepEqual(
      only('h -J-XX:+UseG1GC -J-XX:-UseConcMarkSweepGC -J-XX:-UseParNewGC\n', 'SNAPPY-JAVA8', server),
      [],
    );
    assert.deepEqual(only('h -J-XX:+UseConcMarkSweepGC -J-XX:+UseG1GCx\n', 'SNAPPY-JAVA8', server), []);
  });
});

describe('SNAPPY-STARTUP', () => {
  it('reports the startup errors no other rule covers, with their exact text', () => {
    const [a] = only('h -heap-size=8g -critical-heap-percentage=abc\n', 'SNAPPY-STARTUP', server);
    assert.match(a?.message ?? '', /^NumberFormatException: For input string: "abc"/);
    const [p] = only('h -password1\n', 'SNAPPY-STARTUP', server);
    assert.match(p?.message ?? '', /Unexpected option \(should be -password or -password=\): -password1/);
    const [s] = only('h -sync=maybe\n', 'SNAPPY-STARTUP', server);
    assert.match(s?.message ?? '', /Expected true or false for "sync=<value>" but was "maybe"/);
  });
  it("catches a hex -Xmx the JVM takes but SnappyData's launcher cannot read", () => {
    const text = 'h -J-Xmx0x80000000\n';
    const [f] = only(text, 'SNAPPY-STARTUP', server);
    assert.match(f?.message ?? '', /^IllegalArgumentException: Memory size specification = 0x80000000/);
    assert.deepEqual(only(text, 'SNAPPY-HEAP-SYNTAX', server), []);
  });
  it("shows a lead value that breaks a server on the server's host, with the lead as related", () => {
    const leads = 'l -spark.memory.fraction=xyz\n';
    const text = 'node1 -heap-size=8g\n';
    const [f] = only(text, 'SNAPPY-STARTUP', withLeads(leads));
    assert.ok(f);
    assert.equal(SPAN_TEXT(text, f), 'node1');
    assert.equal(leads.slice(f.related![0]!.span.start, f.related![0]!.span.end), 'xyz');
  });
  it('does not repeat what a specific rule reports', () => {
    for (const line of [
      'h -heap-size=4gb\n',
      'h -memory-size=1.5g\n',
      'h -heap-size=8g -critical-heap-percentage=95%\n',
      'h -heap-size = 4g\n',
      'h -heap-size=8g -critical-heap-percentage=80 -eviction-heap-percentage=85\n',
      'h -heap-size=1g -critical-heap-percentage=98\n',
    ]) {
      assert.deepEqual(only(line, 'SNAPPY-STARTUP', server), [], line);
    }
  });
});
