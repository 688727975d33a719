// From parsed events to EventLogFacts. One handler per event type Spark's JsonProtocol writes
// (core/.../util/JsonProtocol.scala); every field is read defensively, because a log may come from
// any Spark since 1.x or be cut short. Nothing per task is kept beyond a bounded sample per stage.
import { type Json, arr, num, obj, str } from './json';
import { isOrderlyRemoval, memoryCause } from './memoryCause';
import { storageLevelName, usesStorage } from './storageLevel';
import type {
  CachedRddFacts,
  EventLogFacts,
  ExecutorFacts,
  JobFacts,
  LogProblem,
  MemoryFailure,
  MetricPeaks,
  StageFacts,
} from './types';

/** Task peaks and spills kept per stage for percentiles and the replay. */
export const STAGE_TASK_SAMPLE = 10_000;

/** Events Spark writes that carry nothing this reader needs (counted, not reported as unknown). */
const KNOWN_IGNORED = new Set([
  'SparkListenerTaskStart',
  'SparkListenerTaskGettingResult',
  'SparkListenerSpeculativeTaskSubmitted',
  'SparkListenerExecutorMetricsUpdate',
  'SparkListenerBlockManagerRemoved',
  'SparkListenerNodeBlacklisted',
  'SparkListenerNodeUnblacklisted',
  'SparkListenerExecutorBlacklisted',
  'SparkListenerExecutorUnblacklisted',
  'SparkListenerNodeExcluded',
  'SparkListenerNodeUnexcluded',
  'SparkListenerExecutorExcluded',
  'SparkListenerExecutorUnexcluded',
  'SparkListenerMiscellaneousProcessAdded',
  'SparkListenerUnschedulableTaskSetAdded',
  'SparkListenerUnschedulableTaskSetRemoved',
]);

export function isKnownIgnored(event: string): boolean {
  // Spark's own classes outside the core listener bus (SQL, streaming, exclusion) are written with their full name.
  return KNOWN_IGNORED.has(event) || event.startsWith('org.apache.spark.');
}

interface BlockState {
  memory: number;
  disk: number;
}

/** What block updates say an RDD holds now (summed over its blocks). */
interface RddHeld {
  blocks: number;
  memory: number;
  disk: number;
}

export class FactsBuilder {
  readonly facts: EventLogFacts = {
    files: [],
    application: {},
    sparkProperties: {},
    jvm: {},
    resourceProfiles: [],
    executors: {},
    jobs: [],
    stages: [],
    cachedRdds: {},
    memoryFailures: [],
    eventCounts: {},
    problems: [],
    lines: 0,
    bytes: 0,
    inProgress: false,
    totals: { tasks: 0, failedTasks: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0, blockUpdates: 0 },
  };
  private readonly stageByKey = new Map<string, StageFacts>();
  private readonly blocks = new Map<string, BlockState>();
  private readonly held = new Map<number, RddHeld>();
  /** Executors lost (not an orderly removal): id → the line and reason, for the fetch failures that follow. */
  private readonly lost = new Map<string, { line: number; reason: string }>();
  private readonly unknownSeen = new Set<string>();
  private sawEnd = false;
  file = '';

  problem(line: number, message: string, severity: LogProblem['severity'] = 'warning'): void {
    // Bounded: a log of garbage must not build a list as long as itself.
    if (this.facts.problems.length < 200) this.facts.problems.push({ file: this.file, line, message, severity });
    else if (this.facts.problems.length === 200)
      this.facts.problems.push({ file: this.file, line, message: 'more problems: not listed', severity: 'info' });
  }

  handle(e: Json, line: number): void {
    const event = str(e, 'Event');
    if (event === undefined) {
      this.problem(line, 'a JSON line without an "Event" field: skipped');
      return;
    }
    this.facts.eventCounts[event] = (this.facts.eventCounts[event] ?? 0) + 1;
    switch (event) {
      case 'SparkListenerLogStart':
        this.setApp('sparkVersion', str(e, 'Spark Version'));
        return;
      case 'SparkListenerApplicationStart':
        this.setApp('name', str(e, 'App Name'));
        this.setApp('id', str(e, 'App ID'));
        this.setApp('attemptId', str(e, 'App Attempt ID'));
        this.setApp('user', str(e, 'User'));
        this.setApp('startTime', num(e, 'Timestamp'));
        return;
      case 'SparkListenerApplicationEnd':
        this.setApp('endTime', num(e, 'Timestamp'));
        this.sawEnd = true;
        return;
      case 'SparkListenerEnvironmentUpdate':
        this.facts.sparkProperties = { ...this.facts.sparkProperties, ...stringMap(e['Spark Properties']) };
        this.facts.jvm = { ...this.facts.jvm, ...stringMap(e['JVM Information']) };
        return;
      case 'SparkListenerResourceProfileAdded':
        this.facts.resourceProfiles.push({
          id: num(e, 'Resource Profile Id') ?? 0,
          executor: amounts(obj(e, 'Executor Resource Requests')),
          task: amounts(obj(e, 'Task Resource Requests')),
        });
        return;
      case 'SparkListenerExecutorAdded':
        return this.executorAdded(e);
      case 'SparkListenerExecutorRemoved':
        return this.executorRemoved(e, line);
      case 'SparkListenerBlockManagerAdded':
        return this.blockManagerAdded(e);
      case 'SparkListenerJobStart':
        return this.jobStart(e);
      case 'SparkListenerJobEnd':
        return this.jobEnd(e);
      case 'SparkListenerStageSubmitted':
        this.stageInfo(obj(e, 'Stage Info'), false);
        return;
      case 'SparkListenerStageCompleted':
        this.stageInfo(obj(e, 'Stage Info'), true);
        return;
      case 'SparkListenerTaskEnd':
        return this.taskEnd(e, line);
      case 'SparkListenerStageExecutorMetrics':
        this.peaks(str(e, 'Executor ID'), obj(e, 'Executor Metrics'));
        return;
      case 'SparkListenerBlockUpdated': {
        const info = obj(e, 'Block Updated Info');
        this.blockUpdate(
          str(obj(info, 'Block Manager ID'), 'Executor ID') ?? '?',
          str(info, 'Block ID'),
          obj(info, 'Storage Level'),
          num(info, 'Memory Size') ?? 0,
          num(info, 'Disk Size') ?? 0,
        );
        return;
      }
      case 'SparkListenerUnpersistRDD': {
        const rdd = this.facts.cachedRdds[String(num(e, 'RDD ID'))];
        if (rdd !== undefined) rdd.unpersisted = true;
        return;
      }
      default:
        if (!isKnownIgnored(event) && !this.unknownSeen.has(event)) {
          this.unknownSeen.add(event);
          this.problem(line, `unknown event ${event} (a newer Spark or a custom listener): ignored`, 'info');
        }
    }
  }

  private setApp<K extends keyof EventLogFacts['application']>(
    key: K,
    value: EventLogFacts['application'][K] | undefined,
  ): void {
    if (value !== undefined) this.facts.application[key] = value;
  }

  executor(id: string): ExecutorFacts {
    let x = this.facts.executors[id];
    if (x === undefined) {
      x = { id, peaks: {}, tasks: 0, failedTasks: 0 };
      this.facts.executors[id] = x;
    }
    return x;
  }

  private executorAdded(e: Json): void {
    const x = this.executor(str(e, 'Executor ID') ?? '?');
    const info = obj(e, 'Executor Info');
    x.addedTime = num(e, 'Timestamp') ?? x.addedTime;
    x.host = str(info, 'Host') ?? x.host;
    x.cores = num(info, 'Total Cores') ?? x.cores;
    x.resourceProfileId = num(info, 'Resource Profile Id') ?? x.resourceProfileId;
  }

  private executorRemoved(e: Json, line: number): void {
    const id = str(e, 'Executor ID') ?? '?';
    const x = this.executor(id);
    const reason = str(e, 'Removed Reason') ?? '';
    x.removedTime = num(e, 'Timestamp');
    x.removedReason = reason;
    if (isOrderlyRemoval(reason)) return;
    this.lost.set(id, { line, reason });
    const kind = memoryCause(reason);
    if (kind !== undefined)
      this.memoryFailure({
        kind,
        line,
        executorId: id,
        ...(x.removedTime !== undefined ? { time: x.removedTime } : {}),
        message: `executor ${id} removed: ${reason}`,
      });
  }

  private blockManagerAdded(e: Json): void {
    const id = str(obj(e, 'Block Manager ID'), 'Executor ID') ?? '?';
    // Spark 1.x logs name the driver "<driver>".
    const x = this.executor(id === '<driver>' ? 'driver' : id);
    x.host = x.host ?? str(obj(e, 'Block Manager ID'), 'Host');
    x.maxMemory = num(e, 'Maximum Memory');
    const on = num(e, 'Maximum Onheap Memory');
    const off = num(e, 'Maximum Offheap Memory');
    if (on !== undefined) x.maxOnHeapMemory = on;
    if (off !== undefined) x.maxOffHeapMemory = off;
  }

  private jobStart(e: Json): void {
    const job: JobFacts = {
      jobId: num(e, 'Job ID') ?? -1,
      stageIds: arr(e, 'Stage IDs').filter((v): v is number => typeof v === 'number'),
    };
    const t = num(e, 'Submission Time');
    if (t !== undefined) job.submissionTime = t;
    this.facts.jobs.push(job);
  }

  private jobEnd(e: Json): void {
    const id = num(e, 'Job ID');
    const job = this.facts.jobs.find((j) => j.jobId === id);
    if (job === undefined) return;
    const t = num(e, 'Completion Time');
    if (t !== undefined) job.completionTime = t;
    const r = obj(e, 'Job Result');
    const result = str(r, 'Result');
    if (result !== undefined) {
      const message = str(obj(r, 'Exception'), 'Message');
      job.result = message !== undefined ? `${result}: ${message}` : result;
    }
  }

  stage(id: number, attempt: number): StageFacts {
    const key = `${id}.${attempt}`;
    let s = this.stageByKey.get(key);
    if (s === undefined) {
      s = {
        stageId: id,
        attempt,
        cachedRddIds: [],
        tasks: 0,
        failedTasks: 0,
        killedTasks: 0,
        memoryBytesSpilled: 0,
        diskBytesSpilled: 0,
        spilledTasks: 0,
        peakExecutionMemoryMax: 0,
        peakExecutionMemorySum: 0,
        inputBytes: 0,
        shuffleReadBytes: 0,
        shuffleWriteBytes: 0,
        records: 0,
        gcTime: 0,
        runTime: 0,
        taskPeaks: [],
        taskSpills: [],
      };
      this.stageByKey.set(key, s);
      this.facts.stages.push(s);
    }
    return s;
  }

  private stageInfo(info: Json | undefined, completed: boolean): void {
    if (info === undefined) return;
    const s = this.stage(num(info, 'Stage ID') ?? -1, num(info, 'Stage Attempt ID') ?? num(info, 'Attempt ID') ?? 0);
    s.name = str(info, 'Stage Name') ?? s.name;
    s.numTasks = num(info, 'Number of Tasks') ?? s.numTasks;
    s.submissionTime = num(info, 'Submission Time') ?? s.submissionTime;
    if (completed) {
      s.completionTime = num(info, 'Completion Time') ?? s.completionTime;
      const failure = str(info, 'Failure Reason');
      if (failure !== undefined) s.failureReason = failure;
    }
    for (const r of arr(info, 'RDD Info')) this.rddInfo(r as Json, s, completed);
  }

  private rddInfo(r: Json, s: StageFacts, completed: boolean): void {
    const level = obj(r, 'Storage Level');
    if (!usesStorage(level)) return;
    const id = num(r, 'RDD ID');
    if (id === undefined) return;
    if (!s.cachedRddIds.includes(id)) s.cachedRddIds.push(id);
    const key = String(id);
    const rdd: CachedRddFacts = this.facts.cachedRdds[key] ?? this.addCachedRdd(id, level);
    rdd.name = str(r, 'Name') ?? rdd.name;
    rdd.storageLevel = storageLevelName(level);
    rdd.numPartitions = num(r, 'Number of Partitions') ?? rdd.numPartitions;
    // Later stages that only read the RDD may report it with nothing cached (their RDD Info is not
    // refreshed from the block manager), so the most any stage reported is kept.
    if (completed) {
      rdd.numCachedPartitions = Math.max(rdd.numCachedPartitions, num(r, 'Number of Cached Partitions') ?? 0);
      rdd.memorySize = Math.max(rdd.memorySize, num(r, 'Memory Size') ?? 0);
      rdd.diskSize = Math.max(rdd.diskSize, num(r, 'Disk Size') ?? 0);
    }
    this.facts.cachedRdds[key] = rdd;
  }

  private taskEnd(e: Json, line: number): void {
    const info = obj(e, 'Task Info');
    const m = obj(e, 'Task Metrics');
    const s = this.stage(num(e, 'Stage ID') ?? -1, num(e, 'Stage Attempt ID') ?? 0);
    const executorId = str(info, 'Executor ID') ?? '?';
    const x = this.executor(executorId);
    const reasonObj = obj(e, 'Task End Reason');
    const reason = str(reasonObj, 'Reason') ?? 'Success';
    const t = this.facts.totals;
    s.tasks++;
    x.tasks++;
    t.tasks++;
    const launch = num(info, 'Launch Time');
    const finish = num(info, 'Finish Time');
    if (launch !== undefined && (s.firstLaunch === undefined || launch < s.firstLaunch)) s.firstLaunch = launch;
    if (finish !== undefined && (s.lastFinish === undefined || finish > s.lastFinish)) s.lastFinish = finish;
    if (reason === 'TaskKilled') s.killedTasks++;
    else if (reason !== 'Success') {
      s.failedTasks++;
      x.failedTasks++;
      t.failedTasks++;
      this.taskFailure(reasonObj, reason, line, s.stageId, num(info, 'Task ID'), executorId, finish);
    }
    const spilled = num(m, 'Memory Bytes Spilled') ?? 0;
    const diskSpilled = num(m, 'Disk Bytes Spilled') ?? 0;
    const peak = num(m, 'Peak Execution Memory') ?? accumulable(info, 'internal.metrics.peakExecutionMemory') ?? 0;
    s.memoryBytesSpilled += spilled;
    s.diskBytesSpilled += diskSpilled;
    t.memoryBytesSpilled += spilled;
    t.diskBytesSpilled += diskSpilled;
    if (spilled > 0) s.spilledTasks++;
    s.peakExecutionMemoryMax = Math.max(s.peakExecutionMemoryMax, peak);
    s.peakExecutionMemorySum += peak;
    if (s.taskPeaks.length < STAGE_TASK_SAMPLE) {
      s.taskPeaks.push(peak);
      s.taskSpills.push(spilled);
    }
    const sr = obj(m, 'Shuffle Read Metrics');
    const sw = obj(m, 'Shuffle Write Metrics');
    const input = obj(m, 'Input Metrics');
    s.shuffleReadBytes += (num(sr, 'Remote Bytes Read') ?? 0) + (num(sr, 'Local Bytes Read') ?? 0);
    s.shuffleWriteBytes += num(sw, 'Shuffle Bytes Written') ?? 0;
    s.inputBytes += num(input, 'Bytes Read') ?? 0;
    s.records += Math.max(
      num(sr, 'Total Records Read') ?? 0,
      num(sw, 'Shuffle Records Written') ?? 0,
      num(input, 'Records Read') ?? 0,
    );
    s.gcTime += num(m, 'JVM GC Time') ?? 0;
    s.runTime += num(m, 'Executor Run Time') ?? 0;
    this.peaks(executorId, obj(e, 'Task Executor Metrics'));
    for (const b of arr(m, 'Updated Blocks')) {
      const status = obj(b as Json, 'Status');
      this.blockUpdate(
        executorId,
        str(b as Json, 'Block ID'),
        obj(status, 'Storage Level'),
        num(status, 'Memory Size') ?? 0,
        num(status, 'Disk Size') ?? 0,
      );
    }
  }

  private taskFailure(
    r: Json | undefined,
    reason: string,
    line: number,
    stageId: number,
    taskId: number | undefined,
    executorId: string,
    time: number | undefined,
  ): void {
    const where = {
      line,
      stageId,
      executorId,
      ...(taskId !== undefined ? { taskId } : {}),
      ...(time !== undefined ? { time } : {}),
    };
    if (reason === 'ExceptionFailure') {
      const text = `${str(r, 'Class Name') ?? 'exception'}: ${str(r, 'Description') ?? ''}`;
      const kind = memoryCause(text) ?? memoryCause(str(r, 'Full Stack Trace')?.slice(0, 2000) ?? '');
      if (kind !== undefined) this.memoryFailure({ kind, ...where, message: `task ${taskId ?? '?'} failed: ${text}` });
    } else if (reason === 'ExecutorLostFailure') {
      const lostId = str(r, 'Executor ID') ?? executorId;
      const loss = str(r, 'Loss Reason') ?? '';
      const kind = memoryCause(loss) ?? 'executor lost';
      this.memoryFailure({
        kind,
        ...where,
        executorId: lostId,
        message: `task ${taskId ?? '?'} lost with executor ${lostId}: ${loss}`,
      });
      if (!this.lost.has(lostId)) this.lost.set(lostId, { line, reason: loss });
    } else if (reason === 'FetchFailed') {
      const from = str(obj(r, 'Block Manager Address'), 'Executor ID');
      const lost = from !== undefined ? this.lost.get(from) : undefined;
      if (lost !== undefined)
        this.memoryFailure({
          kind: 'fetch failure after executor loss',
          ...where,
          message: `task ${taskId ?? '?'} could not fetch shuffle ${num(r, 'Shuffle ID') ?? '?'} from executor ${from}, lost at line ${lost.line}${lost.reason ? ` (${lost.reason})` : ''}`,
        });
    }
  }

  private memoryFailure(f: MemoryFailure): void {
    if (this.facts.memoryFailures.length < 1000) this.facts.memoryFailures.push(f);
  }

  private peaks(executorId: string | undefined, metrics: Json | undefined): void {
    if (executorId === undefined || metrics === undefined) return;
    const peaks: MetricPeaks = this.executor(executorId).peaks;
    for (const [k, v] of Object.entries(metrics)) {
      if (typeof v === 'number' && v > (peaks[k] ?? -Infinity)) peaks[k] = v;
    }
  }

  private blockUpdate(
    executorId: string,
    blockId: string | undefined,
    level: Json | undefined,
    memorySize: number,
    diskSize: number,
  ): void {
    if (blockId === undefined) return;
    this.facts.totals.blockUpdates++;
    const m = /^rdd_(\d+)_\d+$/.exec(blockId);
    if (m === null) return;
    const key = `${executorId}/${blockId}`;
    const was = this.blocks.get(key) ?? { memory: 0, disk: 0 };
    const now = { memory: memorySize, disk: diskSize };
    if (now.memory > 0 || now.disk > 0) this.blocks.set(key, now);
    else this.blocks.delete(key);
    const rddId = Number(m[1]);
    const rdd = this.facts.cachedRdds[String(rddId)] ?? this.addCachedRdd(rddId, level);
    if (now.memory > 0 && was.memory === 0) rdd.blocksStoredInMemory++;
    if (was.memory > 0 && now.memory === 0) {
      if (now.disk > 0) rdd.blocksDroppedToDisk++;
      else rdd.blocksRemovedFromMemory++;
    }
    // Spark 2.3+ does not refresh a stage's RDD Info from the block manager: the block updates are
    // what tells how much is cached. The most held at once is kept.
    const h = this.held.get(rddId) ?? { blocks: 0, memory: 0, disk: 0 };
    const wasHeld = was.memory > 0 || was.disk > 0;
    const isHeld = now.memory > 0 || now.disk > 0;
    h.blocks += (isHeld ? 1 : 0) - (wasHeld ? 1 : 0);
    h.memory += now.memory - was.memory;
    h.disk += now.disk - was.disk;
    this.held.set(rddId, h);
    rdd.numCachedPartitions = Math.max(rdd.numCachedPartitions, h.blocks);
    rdd.memorySize = Math.max(rdd.memorySize, h.memory);
    rdd.diskSize = Math.max(rdd.diskSize, h.disk);
  }

  /** A cached RDD first seen (from its RDD Info or its first block update), with nothing counted yet. */
  private addCachedRdd(rddId: number, level: Json | undefined): CachedRddFacts {
    const rdd: CachedRddFacts = {
      rddId,
      storageLevel: storageLevelName(level),
      numPartitions: 0,
      numCachedPartitions: 0,
      memorySize: 0,
      diskSize: 0,
      blocksStoredInMemory: 0,
      blocksDroppedToDisk: 0,
      blocksRemovedFromMemory: 0,
    };
    this.facts.cachedRdds[String(rddId)] = rdd;
    return rdd;
  }

  /** After the last file: in progress when the application's end was never logged. */
  finish(markedInProgress: boolean): EventLogFacts {
    this.facts.inProgress = markedInProgress || !this.sawEnd;
    return this.facts;
  }
}

/** A string map as JsonProtocol writes it (an object; very old logs used arrays of pairs). */
function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const pair of v) if (Array.isArray(pair) && pair.length === 2) out[String(pair[0])] = String(pair[1]);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Json))
      if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
  }
  return out;
}

function amounts(requests: Json | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, r] of Object.entries(requests ?? {})) {
    const amount = num(r as Json, 'Amount');
    if (amount !== undefined) out[name] = amount;
  }
  return out;
}

/** A task's accumulable update by name (Spark before 3.0 has no "Peak Execution Memory" in Task Metrics). */
function accumulable(info: Json | undefined, name: string): number | undefined {
  for (const a of arr(info, 'Accumulables')) {
    if (str(a as Json, 'Name') === name) return num(a as Json, 'Update') ?? num(a as Json, 'Value');
  }
  return undefined;
}
