// Event log benchmark: a 1 GiB plain log generated here (task start/end pairs with full metrics,
// stage and block update events, as Spark 3.5 writes them) streamed through the reader with all
// extraction, against a floor measured in the same run on the same bytes: decode, split into
// lines, JSON.parse each line. Peak memory is the largest RSS seen while reading. Then the replay
// (derive the workload, simulate it on the log's config) of a 10,000-task log.
import { EventLogReader, readEventLog, replayOnOwnConfig } from '../core/eventlog';

export interface EventLogBenchFigures {
  readonly bytes: number;
  readonly lines: number;
  readonly eventLogMBps: number;
  readonly floorMBps: number;
  /** eventLogMBps / floorMBps (the target is at least 0.5). */
  readonly ratio: number;
  readonly peakRssMB: number;
  readonly replayTasks: number;
  readonly replayMs: number;
}

const enc = new TextEncoder();

function taskLines(stage: number, task: number, executor: string): string {
  const start = `{"Event":"SparkListenerTaskStart","Stage ID":${stage},"Stage Attempt ID":0,"Task Info":{"Task ID":${task},"Index":${task % 200},"Attempt":0,"Partition ID":${task % 200},"Launch Time":${1700000000000 + task},"Executor ID":"${executor}","Host":"host-${executor}.example","Locality":"PROCESS_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}`;
  const spill = task % 7 === 0 ? 134217728 : 0;
  const end = `{"Event":"SparkListenerTaskEnd","Stage ID":${stage},"Stage Attempt ID":0,"Task Type":"ShuffleMapTask","Task End Reason":{"Reason":"Success"},"Task Info":{"Task ID":${task},"Index":${task % 200},"Attempt":0,"Partition ID":${task % 200},"Launch Time":${1700000000000 + task},"Executor ID":"${executor}","Host":"host-${executor}.example","Locality":"PROCESS_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":${1700000001000 + task},"Failed":false,"Killed":false,"Accumulables":[{"ID":${task * 3},"Name":"internal.metrics.executorRunTime","Update":950,"Value":${task * 950},"Internal":true,"Count Failed Values":true},{"ID":${task * 3 + 1},"Name":"internal.metrics.peakExecutionMemory","Update":268435456,"Value":268435456,"Internal":true,"Count Failed Values":true},{"ID":${task * 3 + 2},"Name":"internal.metrics.jvmGCTime","Update":25,"Value":${task * 25},"Internal":true,"Count Failed Values":true}]},"Task Executor Metrics":{"JVMHeapMemory":${400000000 + (task % 1000) * 1000},"JVMOffHeapMemory":90000000,"OnHeapExecutionMemory":268435456,"OffHeapExecutionMemory":0,"OnHeapStorageMemory":1048576,"OffHeapStorageMemory":0,"OnHeapUnifiedMemory":269484032,"OffHeapUnifiedMemory":0,"DirectPoolMemory":1048576,"MappedPoolMemory":0,"ProcessTreeJVMVMemory":0,"ProcessTreeJVMRSSMemory":0,"ProcessTreePythonVMemory":0,"ProcessTreePythonRSSMemory":0,"ProcessTreeOtherVMemory":0,"ProcessTreeOtherRSSMemory":0,"MinorGCCount":12,"MinorGCTime":120,"MajorGCCount":1,"MajorGCTime":40,"TotalGCTime":160},"Task Metrics":{"Executor Deserialize Time":10,"Executor Deserialize CPU Time":9000000,"Executor Run Time":950,"Executor CPU Time":900000000,"Peak Execution Memory":268435456,"Result Size":2500,"JVM GC Time":25,"Result Serialization Time":0,"Memory Bytes Spilled":${spill},"Disk Bytes Spilled":${spill / 2},"Shuffle Read Metrics":{"Remote Blocks Fetched":10,"Local Blocks Fetched":2,"Fetch Wait Time":3,"Remote Bytes Read":52428800,"Remote Bytes Read To Disk":0,"Local Bytes Read":10485760,"Total Records Read":500000,"Remote Requests Duration":12,"Push Based Shuffle":{"Corrupt Merged Block Chunks":0,"Merged Fetch Fallback Count":0,"Merged Remote Blocks Fetched":0,"Merged Local Blocks Fetched":0,"Merged Remote Chunks Fetched":0,"Merged Local Chunks Fetched":0,"Merged Remote Bytes Read":0,"Merged Local Bytes Read":0,"Merged Remote Requests Duration":0}},"Shuffle Write Metrics":{"Shuffle Bytes Written":41943040,"Shuffle Write Time":20000000,"Shuffle Records Written":500000},"Input Metrics":{"Bytes Read":0,"Records Read":0},"Output Metrics":{"Bytes Written":0,"Records Written":0},"Updated Blocks":[]}}`;
  return `${start}\n${end}\n`;
}

function stageLine(stage: number, completed: boolean, tasks: number): string {
  const kind = completed ? 'SparkListenerStageCompleted' : 'SparkListenerStageSubmitted';
  return `{"Event":"${kind}","Stage Info":{"Stage ID":${stage},"Stage Attempt ID":0,"Stage Name":"sortByKey at Job.scala:${stage}","Number of Tasks":${tasks},"RDD Info":[{"RDD ID":${stage},"Name":"ShuffledRDD","Storage Level":{"Use Disk":false,"Use Memory":false,"Use Off Heap":false,"Deserialized":false,"Replication":1},"Barrier":false,"DeterministicLevel":"DETERMINATE","Number of Partitions":${tasks},"Number of Cached Partitions":0,"Memory Size":0,"Disk Size":0}],"Parent IDs":[],"Details":"","Submission Time":1700000000000,${completed ? '"Completion Time":1700000100000,' : ''}"Accumulables":[],"Resource Profile Id":0}}\n`;
}

const HEADER =
  '{"Event":"SparkListenerLogStart","Spark Version":"3.5.7"}\n' +
  '{"Event":"SparkListenerEnvironmentUpdate","JVM Information":{"Java Version":"17.0.15"},"Spark Properties":{"spark.executor.memory":"8g","spark.executor.cores":"4","spark.master":"yarn"}}\n' +
  '{"Event":"SparkListenerApplicationStart","App Name":"bench","App ID":"application_1_0001","Timestamp":1700000000000,"User":"bench"}\n' +
  '{"Event":"SparkListenerExecutorAdded","Timestamp":1700000000000,"Executor ID":"1","Executor Info":{"Host":"host-1.example","Total Cores":4,"Log Urls":{},"Attributes":{},"Resources":{},"Resource Profile Id":0}}\n' +
  '{"Event":"SparkListenerBlockManagerAdded","Block Manager ID":{"Executor ID":"1","Host":"host-1.example","Port":7337},"Maximum Memory":4823449600,"Timestamp":1700000000000,"Maximum Onheap Memory":4823449600,"Maximum Offheap Memory":0}\n';

/** A log of `tasks` tasks in stages of 1,000, as chunks of about 1 MiB. */
function* generatedLog(tasks: number): Generator<Uint8Array> {
  let buf = HEADER;
  for (let t = 0; t < tasks; t++) {
    const stage = Math.floor(t / 1000);
    if (t % 1000 === 0) buf += stageLine(stage, false, 1000);
    buf += taskLines(stage, t, String(1 + (t % 4)));
    if (t % 1000 === 999) buf += stageLine(stage, true, 1000);
    if (buf.length >= 1 << 20) {
      yield enc.encode(buf);
      buf = '';
    }
  }
  if (buf !== '') yield enc.encode(buf);
}

/** About 1 GiB: the same ~64 MiB of generated chunks, fed 16 times (generation is not what is measured). */
function gigabyteChunks(): { chunks: Uint8Array[]; repeat: number } {
  const chunks = [...generatedLog(26_000)];
  return { chunks, repeat: 16 };
}

function floor(chunks: readonly Uint8Array[], repeat: number): number {
  const td = new TextDecoder('utf-8');
  let carry = '';
  let parsed = 0;
  for (let r = 0; r < repeat; r++) {
    for (const c of chunks) {
      const s = carry + td.decode(c, { stream: true });
      let start = 0;
      for (;;) {
        const nl = s.indexOf('\n', start);
        if (nl < 0) break;
        if (nl > start) {
          JSON.parse(s.slice(start, nl));
          parsed++;
        }
        start = nl + 1;
      }
      carry = s.slice(start);
    }
  }
  return parsed;
}

export function benchEventLog(): EventLogBenchFigures {
  const { chunks, repeat } = gigabyteChunks();
  const bytes = chunks.reduce((n, c) => n + c.length, 0) * repeat;
  const MB = 1024 * 1024;
  let peakRss = process.memoryUsage().rss;

  const t0 = performance.now();
  const r = new EventLogReader();
  r.beginFile('application_1_0001');
  for (let i = 0; i < repeat; i++) {
    for (const c of chunks) r.push(c);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  r.endFile();
  const facts = r.result();
  const readMs = performance.now() - t0;

  const t1 = performance.now();
  floor(chunks, repeat);
  const floorMs = performance.now() - t1;

  const small = readEventLog([{ name: 'application_1_0002', chunks: generatedLog(10_000) }]);
  const t2 = performance.now();
  const replay = replayOnOwnConfig(small);
  const replayMs = performance.now() - t2;
  if ('error' in replay) throw new Error(replay.error);

  const eventLogMBps = bytes / MB / (readMs / 1000);
  const floorMBps = bytes / MB / (floorMs / 1000);
  return {
    bytes,
    lines: facts.lines,
    eventLogMBps: Math.round(eventLogMBps),
    floorMBps: Math.round(floorMBps),
    ratio: Math.round((eventLogMBps / floorMBps) * 100) / 100,
    peakRssMB: Math.round(peakRss / MB),
    replayTasks: small.totals.tasks,
    replayMs: Math.round(replayMs),
  };
}
