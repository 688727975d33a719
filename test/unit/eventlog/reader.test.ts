// The streamed reader on hard input: cut-short, non-JSON, unknown and over-long lines, chunk
// boundaries anywhere (inside a UTF-8 character too), rolling logs, and failures caused by memory.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EventLogReader,
  memoryCause,
  readEventLog,
  rollingLogFiles,
  parseLogFileName,
} from '../../../src/core/eventlog';

const enc = new TextEncoder();
const DIR = join(__dirname, '../../../../test/fixtures/spark-events');
const one = (name: string, text: string) => readEventLog([{ name, chunks: [enc.encode(text)] }]);

const START = '{"Event":"SparkListenerApplicationStart","App Name":"ünïcode app","App ID":"app-1","Timestamp":1}';
const taskEnd = (id: number, reason: string, extra = '') =>
  `{"Event":"SparkListenerTaskEnd","Stage ID":1,"Stage Attempt ID":0,"Task End Reason":{"Reason":"${reason}"${extra}},"Task Info":{"Task ID":${id},"Index":${id},"Attempt":0,"Executor ID":"1","Launch Time":10,"Finish Time":20},"Task Metrics":{"Peak Execution Memory":${1000 * id},"Memory Bytes Spilled":${id === 2 ? 5000 : 0},"Disk Bytes Spilled":${id === 2 ? 2000 : 0},"JVM GC Time":3,"Executor Run Time":9}}`;

describe('event log reader', () => {
  it('reads a log pushed one byte at a time exactly as in one chunk (lines and UTF-8 split anywhere)', () => {
    const text = [START, taskEnd(1, 'Success'), taskEnd(2, 'Success'), ''].join('\n');
    const whole = one('app-1', text);
    const r = new EventLogReader();
    r.beginFile('app-1');
    const bytes = enc.encode(text);
    for (let i = 0; i < bytes.length; i++) r.push(bytes.subarray(i, i + 1));
    r.endFile();
    const bytewise = r.result();
    assert.equal(bytewise.application.name, 'ünïcode app');
    assert.deepEqual(bytewise.stages, whole.stages);
    assert.equal(bytewise.totals.memoryBytesSpilled, 5000);
    assert.equal(bytewise.stages[0]?.peakExecutionMemoryMax, 2000);
  });

  it('a cut-short last line (a log still being written) is reported at its line; the events before it are kept', () => {
    const f = one(
      'app-1.inprogress',
      `${START}\n${taskEnd(1, 'Success')}\n{"Event":"SparkListenerTaskEnd","Stage ID":1,"Sta`,
    );
    assert.equal(f.totals.tasks, 1);
    assert.equal(f.inProgress, true);
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0]?.line, 3);
    assert.match(f.problems[0]?.message ?? '', /last line is cut short/);
  });

  it('a non-JSON line and an unknown event are located and skipped; reading goes on', () => {
    const f = one(
      'x',
      `${START}\nthis is not json\n{"Event":"SparkListenerFromTheFuture","x":1}\n${taskEnd(1, 'Success')}\n`,
    );
    assert.equal(f.totals.tasks, 1);
    assert.deepEqual(
      f.problems.map((p) => [p.line, p.severity]),
      [
        [2, 'warning'],
        [3, 'info'],
      ],
    );
    assert.match(f.problems[0]?.message ?? '', /^not JSON/);
    assert.match(f.problems[1]?.message ?? '', /unknown event SparkListenerFromTheFuture/);
  });

  it('a 50 MB single line is skipped with its line number and size, without holding it; the next lines are read', () => {
    const r = new EventLogReader();
    r.beginFile('big');
    r.push(
      enc.encode(`${START}\n{"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","plan":"`),
    );
    const block = enc.encode('x'.repeat(1024 * 1024));
    for (let i = 0; i < 50; i++) r.push(block);
    r.push(enc.encode(`"}\n${taskEnd(1, 'Success')}\n`));
    r.endFile();
    const f = r.result();
    assert.equal(f.totals.tasks, 1);
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0]?.line, 2);
    assert.match(
      f.problems[0]?.message ?? '',
      /a line of 50\.0 Mi characters \(org\.apache\.spark\.sql\.execution\.ui\.SparkListenerSQLExecutionStart\), longer than the 16 Mi/,
    );
  });

  it('CRLF line ends and blank lines are read', () => {
    const f = one('x', `${START}\r\n\r\n${taskEnd(1, 'Success')}\r\n`);
    assert.equal(f.totals.tasks, 1);
    assert.deepEqual(f.problems, []);
  });

  it('failures caused by memory: OutOfMemoryError, container killed, exit 137/143, and the fetch failure that follows a lost executor', () => {
    const lines = [
      START,
      taskEnd(1, 'ExceptionFailure', ',"Class Name":"java.lang.OutOfMemoryError","Description":"Java heap space"'),
      taskEnd(2, 'ExceptionFailure', ',"Class Name":"java.lang.RuntimeException","Description":"bad input"'),
      '{"Event":"SparkListenerExecutorRemoved","Timestamp":30,"Executor ID":"3","Removed Reason":"Container killed by YARN for exceeding memory limits. 5.5 GB of 5.5 GB physical memory used."}',
      taskEnd(
        3,
        'ExecutorLostFailure',
        ',"Executor ID":"4","Exit Caused By App":true,"Loss Reason":"Container from a bad node: container_1 on host: h. Exit status: 137. Diagnostics: Killed"',
      ),
      taskEnd(
        4,
        'FetchFailed',
        ',"Block Manager Address":{"Executor ID":"3","Host":"h","Port":1},"Shuffle ID":0,"Map ID":1,"Reduce ID":2,"Message":"Failed to connect"',
      ),
      '{"Event":"SparkListenerExecutorRemoved","Timestamp":40,"Executor ID":"5","Removed Reason":"Container killed on request. Exit code is 143"}',
      '{"Event":"SparkListenerExecutorRemoved","Timestamp":50,"Executor ID":"6","Removed Reason":"Container container_e18 exited from explicit termination request."}',
    ];
    const f = one('x', lines.join('\n') + '\n');
    assert.deepEqual(
      f.memoryFailures.map((m) => [m.kind, m.line]),
      [
        ['OutOfMemoryError', 2],
        ['container killed (memory limit)', 4],
        ['exit code 137', 5],
        ['fetch failure after executor loss', 6],
        ['exit code 143', 7],
      ],
    );
    assert.match(f.memoryFailures[3]?.message ?? '', /from executor 3, lost at line 4/);
    assert.equal(f.totals.failedTasks, 4);
  });

  it('memoryCause names Spark’s own memory errors', () => {
    assert.equal(
      memoryCause('org.apache.spark.memory.SparkOutOfMemoryError: Unable to acquire 65536 bytes of memory, got 0'),
      'SparkOutOfMemoryError',
    );
    assert.equal(memoryCause('java.lang.OutOfMemoryError: GC overhead limit exceeded'), 'OutOfMemoryError');
    assert.equal(
      memoryCause('The executor with id 7 exited with exit code 137(SIGKILL, possible container OOM).'),
      'exit code 137',
    );
    assert.equal(memoryCause('java.io.IOException: No space left on device'), undefined);
  });

  it('block updates count partitions stored, dropped to disk and removed from memory', () => {
    const upd = (block: string, mem: number, disk: number) =>
      `{"Event":"SparkListenerBlockUpdated","Block Updated Info":{"Block Manager ID":{"Executor ID":"driver","Host":"h","Port":1},"Block ID":"${block}","Storage Level":{"Use Disk":${disk > 0},"Use Memory":${mem > 0},"Deserialized":true,"Replication":1},"Memory Size":${mem},"Disk Size":${disk}}}`;
    const f = one(
      'x',
      [
        upd('rdd_3_0', 100, 0),
        upd('rdd_3_1', 100, 0),
        upd('rdd_3_0', 0, 80),
        upd('rdd_3_1', 0, 0),
        upd('broadcast_0', 5, 0),
      ].join('\n'),
    );
    const r = f.cachedRdds['3'];
    assert.equal(r?.blocksStoredInMemory, 2);
    assert.equal(r?.blocksDroppedToDisk, 1);
    assert.equal(r?.blocksRemovedFromMemory, 1);
    assert.equal(f.totals.blockUpdates, 5);
  });

  it('a rolling log is read across its events_<n> files in index order (a line split between files is whole again)', () => {
    const text = readFileSync(join(DIR, 'application_1553914137147_0018'), 'utf8');
    const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    const order = rollingLogFiles(['appstatus_app', 'events_10_app', 'events_2_app', 'events_1_app']);
    assert.deepEqual(order.eventFiles, ['events_1_app', 'events_2_app', 'events_10_app']);
    assert.equal(order.inProgress, false);
    const parts: Record<string, string> = {
      events_1_app: text.slice(0, cut),
      events_2_app: text.slice(cut),
      events_10_app: '',
    };
    const f = readEventLog(order.eventFiles.map((name) => ({ name, chunks: [enc.encode(parts[name] ?? '')] })));
    const whole = readEventLog([{ name: 'whole', chunks: [enc.encode(text)] }]);
    assert.equal(f.totals.tasks, whole.totals.tasks);
    assert.deepEqual(f.executors, whole.executors);
    assert.deepEqual(f.problems, []);
  });

  it('file names: codec and in-progress from the name as Spark writes them', () => {
    assert.deepEqual(parseLogFileName('local-1.lz4.inprogress'), { codec: 'lz4', inProgress: true });
    assert.deepEqual(parseLogFileName('application_1_0001_1.zstd'), { codec: 'zstd', inProgress: false });
    assert.deepEqual(parseLogFileName('app-20161116163331-0000'), { inProgress: false });
    assert.equal(rollingLogFiles(['events_1_a', 'appstatus_a.inprogress']).inProgress, true);
  });
});
