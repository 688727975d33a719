// Spark's own public test event logs (apache/spark core/src/test/resources/spark-events/, copied
// into test/fixtures/spark-events/ as test data): each is read without a problem and its facts are
// checked against the raw file (counts of its lines) and against values read off the file by hand.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun, javaVersionOfLog, readEventLog } from '../../../src/core/eventlog';

const DIR = join(__dirname, '../../../../test/fixtures/spark-events');
const read = (name: string) => readEventLog([{ name, chunks: [readFileSync(join(DIR, name))] }]);
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('Spark’s own test event logs', () => {
  const names = readdirSync(DIR).filter((n) => !n.endsWith('.md'));

  it('are all there (18 logs from Spark 1.2 to 3.3)', () => {
    assert.equal(names.length, 18);
  });

  for (const name of names) {
    it(`${name}: read without a problem; task, stage and job counts match the raw lines`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const facts = read(name);
      assert.deepEqual(
        facts.problems.filter((p) => p.severity !== 'info'),
        [],
      );
      assert.equal(facts.lines, text.split('\n').filter((l) => l !== '').length);
      assert.equal(facts.totals.tasks, count(text, '"Event":"SparkListenerTaskEnd"'));
      assert.equal(facts.jobs.length, count(text, '"Event":"SparkListenerJobStart"'));
      assert.equal(
        facts.totals.failedTasks,
        count(text, '"Reason":"ExceptionFailure"') +
          count(text, '"Reason":"FetchFailed"') +
          count(text, '"Reason":"ExecutorLostFailure"') +
          count(text, '"Reason":"TaskResultLost"'),
      );
      assert.equal(facts.inProgress, !text.includes('"Event":"SparkListenerApplicationEnd"'));
      // The analysis of every log runs to the end (a layout for each executor, findings).
      const a = analyzeRun(facts);
      assert.equal(a.executors.length, Object.keys(facts.executors).length);
    });
  }

  it('app-20161116163331-0000: Spark 2.1 standalone, four executors of 866 MiB maximum memory, 500 MiB of it off heap', () => {
    const f = read('app-20161116163331-0000');
    assert.equal(f.application.id, 'app-20161116163331-0000');
    assert.equal(f.application.name, 'Spark shell');
    assert.equal(f.application.sparkVersion, '2.1.0-SNAPSHOT');
    const x = f.executors['2'];
    assert.equal(x?.maxMemory, 908381388);
    assert.equal(x?.maxOnHeapMemory, 384093388);
    assert.equal(x?.maxOffHeapMemory, 524288000);
    assert.equal(x?.cores, 4);
    assert.equal(f.totals.failedTasks, 8);
  });

  it('application_1553914137147_0018: executor metric peaks from stage executor metrics and task ends', () => {
    const f = read('application_1553914137147_0018');
    assert.equal(f.application.sparkVersion, '3.0.0-SNAPSHOT');
    assert.equal(f.application.name, 'LargeBlocks');
    const x = f.executors['1'];
    assert.equal(x?.maxOnHeapMemory, 3820172083);
    // The largest JVMHeapMemory executor 1 reports in any StageExecutorMetrics or Task Executor Metrics line.
    const text = readFileSync(join(DIR, 'application_1553914137147_0018'), 'utf8');
    let max = 0;
    for (const line of text.split('\n')) {
      if (!line.includes('"Executor ID":"1"')) continue;
      for (const m of line.matchAll(/"JVMHeapMemory":(\d+)/g)) max = Math.max(max, Number(m[1]));
    }
    assert.ok(max > 0);
    assert.equal(x?.peaks['JVMHeapMemory'], max);
    assert.equal(f.cachedRdds['1']?.storageLevel, 'DISK_ONLY');
  });

  it('application_1628109047826_1317105: executors removed by YARN on request are not counted as lost to memory', () => {
    const f = read('application_1628109047826_1317105');
    const removed = Object.values(f.executors).filter((x) => x.removedReason !== undefined);
    assert.equal(removed.length, 6);
    assert.equal(f.memoryFailures.length, 0);
  });

  it('application_1578436911597_0052: resource profiles with their executor and task requests', () => {
    const f = read('application_1578436911597_0052');
    assert.ok(f.resourceProfiles.length >= 1);
    const p0 = f.resourceProfiles.find((p) => p.id === 0);
    assert.equal(p0?.executor['memory'], 1024);
    assert.equal(p0?.task['cpus'], 1);
  });

  it('local-1422981759269: Spark 1.2, the cached RDD and its block updates from the tasks’ Updated Blocks', () => {
    const f = read('local-1422981759269');
    assert.equal(f.executors['driver']?.maxMemory, 278302556);
    const rdds = Object.values(f.cachedRdds);
    assert.equal(rdds.length, 1);
    assert.equal(rdds[0]?.storageLevel, 'MEMORY_ONLY');
    assert.equal(rdds[0]?.numCachedPartitions, 8);
    assert.equal(rdds[0]?.blocksStoredInMemory, 8);
  });

  it('maximum memory: the layout of the log’s properties and JVM beside what the log reports', () => {
    const f = read('app-20200706201101-0003');
    assert.equal(javaVersionOfLog(f), 8);
    const d = analyzeRun(f).executors.find((x) => x.id === 'driver');
    // spark.driver.memory is not logged: 1g; Java 8's default collector, Parallel, leaves a survivor
    // space out of Runtime.maxMemory (910.50 MiB of 1 GiB): (910.50 MiB − 300 MiB) × 0.6.
    assert.equal(d?.maxMemory.observed, 384093388);
    assert.equal(d?.maxMemory.predicted, 384093388);
    assert.equal(d?.maxMemory.collector, 'Parallel (default of Java 8)');
    assert.equal(d?.maxMemory.note, 'agrees exactly');
  });

  it('maximum memory agrees to the byte for every executor of the Spark 2.x and 3.x logs but one', () => {
    // The one: the YARN driver of application_1578436911597_0052 reports 95.8 % of 1 GiB, which
    // no modelled collector gives (spark.driver.memory is not logged there).
    const known = new Set(['application_1578436911597_0052/driver']);
    let agreed = 0;
    for (const name of names) {
      const f = read(name);
      if (!/^[23]\./.test(f.application.sparkVersion ?? '')) continue;
      for (const x of analyzeRun(f).executors) {
        const m = x.maxMemory;
        if (m.observedOnHeap === undefined || known.has(`${name}/${x.id}`)) continue;
        assert.equal(m.predictedOnHeap, m.observedOnHeap, `${name} executor ${x.id}: ${m.note}`);
        agreed++;
      }
    }
    assert.equal(agreed, 39);
  });

  it('the Java version comes from JVM Information; the collector from the driver’s java options in local mode', () => {
    const props = (p: Record<string, string>) =>
      JSON.stringify({
        Event: 'SparkListenerEnvironmentUpdate',
        'JVM Information': { 'Java Version': '17.0.15 (Debian)' },
        'Spark Properties': p,
      });
    const log = (p: Record<string, string>) =>
      [
        JSON.stringify({ Event: 'SparkListenerLogStart', 'Spark Version': '3.5.7' }),
        props(p),
        JSON.stringify({
          Event: 'SparkListenerBlockManagerAdded',
          'Block Manager ID': { 'Executor ID': 'driver', Host: 'h', Port: 1 },
          'Maximum Memory': 1,
        }),
      ].join('\n') + '\n';
    const run = (p: Record<string, string>) =>
      analyzeRun(readEventLog([{ name: 'local-1', chunks: [Buffer.from(log(p))] }])).executors[0]?.maxMemory;
    assert.equal(run({ 'spark.master': 'local[2]' })?.collector, 'G1 (default of Java 17)');
    // (1 GiB aligned to 2 MiB − its 113.5 MiB survivor space − 300 MiB reserved) × 0.6
    const parallel = run({ 'spark.master': 'local[2]', 'spark.driver.extraJavaOptions': '-XX:+UseParallelGC' });
    assert.equal(parallel?.collector, 'Parallel (from spark.driver.extraJavaOptions)');
    assert.equal(parallel?.predicted, 384093388);
    // The executors' options are not the driver's JVM.
    const exec = run({ 'spark.master': 'local[2]', 'spark.executor.extraJavaOptions': '-XX:+UseSerialGC' });
    assert.equal(exec?.collector, 'G1 (default of Java 17)');
    const old = readEventLog([
      {
        name: 'x',
        chunks: [
          Buffer.from(
            JSON.stringify({
              Event: 'SparkListenerEnvironmentUpdate',
              'JVM Information': { 'Java Version': '1.7.0_67 (Oracle Corporation)' },
            }) + '\n',
          ),
        ],
      },
    ]);
    assert.equal(javaVersionOfLog(old), 8);
    const j21 = readEventLog([
      {
        name: 'x',
        chunks: [
          Buffer.from(
            JSON.stringify({
              Event: 'SparkListenerEnvironmentUpdate',
              'JVM Information': { 'Java Version': '23.0.1' },
            }) + '\n',
          ),
        ],
      },
    ]);
    assert.equal(javaVersionOfLog(j21), 21);
  });
});
