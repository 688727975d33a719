// Event log names as Spark writes them (core/.../deploy/history/EventLogFileWriters.scala, 3.0+):
// a single file `<appId>[_<attemptId>][.<codec>][.inprogress]`, or a rolling directory
// `eventlog_v2_<appId>[_<attemptId>]/` holding `events_<n>_<appId>[_<attemptId>][.<codec>]` and an
// `appstatus_<appId>[_<attemptId>][.inprogress]` marker. The codec is the short name of
// spark.io.compression.codec (CompressionCodec.shortCompressionCodecNames).

export type Codec = 'lz4' | 'lzf' | 'snappy' | 'zstd';
export const CODECS: readonly Codec[] = ['lz4', 'lzf', 'snappy', 'zstd'];

/** EventLogFileWriter.IN_PROGRESS */
export const IN_PROGRESS = '.inprogress';
/** RollingEventLogFilesWriter: EVENT_LOG_DIR_NAME_PREFIX, EVENT_LOG_FILE_NAME_PREFIX, APPSTATUS_FILE_NAME_PREFIX */
export const ROLLING_DIR_PREFIX = 'eventlog_v2_';
export const EVENTS_PREFIX = 'events_';
export const APPSTATUS_PREFIX = 'appstatus_';

export interface LogFileName {
  readonly codec?: Codec;
  readonly inProgress: boolean;
}

/** The codec and in-progress state a file's name says (EventLogFileWriter.codecName reads the extension). */
export function parseLogFileName(name: string): LogFileName {
  const inProgress = name.endsWith(IN_PROGRESS);
  const base = inProgress ? name.slice(0, -IN_PROGRESS.length) : name;
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1) : '';
  const codec = (CODECS as readonly string[]).includes(ext) ? (ext as Codec) : undefined;
  return { ...(codec !== undefined ? { codec } : {}), inProgress };
}

export function isRollingDirName(name: string): boolean {
  return name.startsWith(ROLLING_DIR_PREFIX);
}

export interface RollingLogFiles {
  /** Event files in index order. */
  readonly eventFiles: string[];
  readonly appStatus?: string;
  /** The appstatus marker still ends in .inprogress (or is missing). */
  readonly inProgress: boolean;
  /** Names that are neither (ignored, reported). */
  readonly others: string[];
}

/** RollingEventLogFilesFileReader.listEventLogFiles: the events_ files ordered by their index. */
export function rollingLogFiles(names: readonly string[]): RollingLogFiles {
  const events: { name: string; index: number }[] = [];
  const others: string[] = [];
  let appStatus: string | undefined;
  for (const name of names) {
    if (name.startsWith(EVENTS_PREFIX)) {
      const m = /^events_(\d+)_/.exec(name);
      if (m !== null) {
        events.push({ name, index: Number(m[1]) });
        continue;
      }
    }
    if (name.startsWith(APPSTATUS_PREFIX)) appStatus = name;
    else others.push(name);
  }
  events.sort((a, b) => a.index - b.index);
  return {
    eventFiles: events.map((e) => e.name),
    ...(appStatus !== undefined ? { appStatus } : {}),
    inProgress: appStatus === undefined || appStatus.endsWith(IN_PROGRESS),
    others,
  };
}
