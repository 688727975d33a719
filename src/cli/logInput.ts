// Feeding an event log to the core's streamed reader from the file system: a single file (any
// codec, .inprogress), a rolling log directory (eventlog_v2_<appId>/), or Spark 1.x's log
// directory (EVENT_LOG_<n> files). Read 1 MiB at a time: the file is never held whole.
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EventLogReader, rollingLogFiles } from '../core/eventlog';
import type { EventLogFacts } from '../core/eventlog';
import { InputError } from './input';

const CHUNK = 1024 * 1024;

export function streamFile(reader: EventLogReader, path: string, name = basename(path)): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read'}`,
    );
  }
  try {
    reader.beginFile(name);
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      // The reader may keep a view of what it is given: give it its own copy.
      reader.push(buf.slice(0, n));
    }
    reader.endFile();
  } finally {
    closeSync(fd);
  }
}

/** The files of a log directory in reading order, and whether it says it is still being written. */
export function logDirFiles(dir: string): { files: string[]; inProgress: boolean } {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const rolling = rollingLogFiles(names);
  if (rolling.eventFiles.length > 0) return { files: rolling.eventFiles, inProgress: rolling.inProgress };
  // Spark 1.x (FileLogger): EVENT_LOG_<n>, with APPLICATION_COMPLETE once finished.
  const legacy = names
    .filter((n) => /^EVENT_LOG_\d+$/.test(n))
    .sort((a, b) => Number(a.slice(10)) - Number(b.slice(10)));
  if (legacy.length > 0) return { files: legacy, inProgress: !names.includes('APPLICATION_COMPLETE') };
  throw new InputError(
    `${dir}: no event log files in this folder (expected events_<n>_<appId> files of a rolling log)`,
  );
}

export function readLogPath(path: string): EventLogFacts {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
  const reader = new EventLogReader();
  if (isDir) {
    const { files, inProgress } = logDirFiles(path);
    if (inProgress) reader.markInProgress();
    for (const f of files) streamFile(reader, join(path, f), f);
  } else streamFile(reader, path);
  return reader.result();
}
