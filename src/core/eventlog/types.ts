// What the event log reader extracts: plain data (structured-clone safe), so it can cross the
// webview boundary and be written as JSON by the CLI. Names follow Spark's JsonProtocol fields.

/** A problem met while reading, located at a file and a 1-based line ("file:line: message"). */
export interface LogProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

export interface ApplicationFacts {
  id?: string | undefined;
  attemptId?: string | undefined;
  name?: string | undefined;
  user?: string | undefined;
  sparkVersion?: string | undefined;
  startTime?: number | undefined;
  endTime?: number | undefined;
}

/** A SparkListenerResourceProfileAdded: executor and task requests (amounts as Spark logs them). */
export interface ResourceProfileFacts {
  readonly id: number;
  readonly executor: Readonly<Record<string, number>>;
  readonly task: Readonly<Record<string, number>>;
}

/** Executor metric peaks (ExecutorMetricType names); max over stage executor metrics and task ends. */
export type MetricPeaks = Record<string, number>;

export interface ExecutorFacts {
  readonly id: string;
  host?: string | undefined;
  cores?: number | undefined;
  resourceProfileId?: number | undefined;
  addedTime?: number | undefined;
  removedTime?: number | undefined;
  removedReason?: string | undefined;
  /** BlockManagerAdded "Maximum Memory" (on + off heap storage the executor can reach at start). */
  maxMemory?: number | undefined;
  maxOnHeapMemory?: number | undefined;
  maxOffHeapMemory?: number | undefined;
  /** The peaks of each executor metric (JVMHeapMemory, OnHeapExecutionMemory, ...). */
  peaks: MetricPeaks;
  tasks: number;
  failedTasks: number;
}

export interface TaskFacts {
  readonly stageId: number;
  readonly stageAttempt: number;
  readonly taskId: number;
  readonly index: number;
  readonly attempt: number;
  readonly executorId: string;
  readonly launchTime: number;
  readonly finishTime: number;
  /** "Success", "ExceptionFailure", "FetchFailed", "ExecutorLostFailure", "TaskKilled", ... */
  readonly reason: string;
  readonly failure?: string;
  readonly peakExecutionMemory: number;
  readonly memoryBytesSpilled: number;
  readonly diskBytesSpilled: number;
  readonly inputBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly resultSize: number;
  readonly gcTime: number;
  readonly runTime: number;
}

/** Per stage attempt: counts and totals over its tasks (every task is summarised, none is kept). */
export interface StageFacts {
  readonly stageId: number;
  readonly attempt: number;
  name?: string | undefined;
  numTasks?: number | undefined;
  submissionTime?: number | undefined;
  completionTime?: number | undefined;
  failureReason?: string | undefined;
  /** RDDs the stage computes that it persists (RDD Info with a storage level that uses memory or disk). */
  cachedRddIds: number[];
  tasks: number;
  failedTasks: number;
  killedTasks: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  /** Tasks that spilled (memoryBytesSpilled > 0). */
  spilledTasks: number;
  peakExecutionMemoryMax: number;
  peakExecutionMemorySum: number;
  inputBytes: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  /** Per task the most records it read or wrote (input, shuffle read, shuffle write), summed. */
  records: number;
  gcTime: number;
  runTime: number;
  firstLaunch?: number | undefined;
  lastFinish?: number | undefined;
  /** A bounded sample of task peaks (for percentiles and the replay), at most STAGE_TASK_SAMPLE. */
  taskPeaks: number[];
  taskSpills: number[];
}

export interface JobFacts {
  readonly jobId: number;
  stageIds: number[];
  submissionTime?: number | undefined;
  completionTime?: number | undefined;
  result?: string | undefined;
}

/** A persisted RDD as the last StageCompleted's RDD Info reported it, plus what block updates said. */
export interface CachedRddFacts {
  readonly rddId: number;
  name?: string | undefined;
  storageLevel: string;
  numPartitions: number;
  numCachedPartitions: number;
  memorySize: number;
  diskSize: number;
  /** From block updates (BlockUpdated events or a task's Updated Blocks), when logged. */
  blocksStoredInMemory: number;
  blocksDroppedToDisk: number;
  blocksRemovedFromMemory: number;
  unpersisted?: boolean | undefined;
}

export type MemoryFailureKind =
  | 'OutOfMemoryError'
  | 'SparkOutOfMemoryError'
  | 'container killed (memory limit)'
  | 'exit code 137'
  | 'exit code 143'
  | 'executor lost'
  | 'fetch failure after executor loss';

/** A failure whose cause is (or follows from) memory. */
export interface MemoryFailure {
  readonly kind: MemoryFailureKind;
  readonly line: number;
  readonly executorId?: string;
  readonly stageId?: number;
  readonly taskId?: number;
  readonly time?: number;
  readonly message: string;
}

export interface EventLogFacts {
  /** Files read, in order (a rolling log has several). */
  readonly files: string[];
  readonly application: ApplicationFacts;
  sparkProperties: Record<string, string>;
  jvm: Record<string, string>;
  readonly resourceProfiles: ResourceProfileFacts[];
  /** By executor id ("driver" included). */
  readonly executors: Record<string, ExecutorFacts>;
  readonly jobs: JobFacts[];
  /** By "stageId.attempt", in submission order. */
  readonly stages: StageFacts[];
  readonly cachedRdds: Record<string, CachedRddFacts>;
  readonly memoryFailures: MemoryFailure[];
  /** Events by type, as counted. */
  readonly eventCounts: Record<string, number>;
  readonly problems: LogProblem[];
  lines: number;
  bytes: number;
  /** Set when the log was still being written (.inprogress, or no ApplicationEnd). */
  inProgress: boolean;
  totals: {
    tasks: number;
    failedTasks: number;
    memoryBytesSpilled: number;
    diskBytesSpilled: number;
    blockUpdates: number;
  };
}
