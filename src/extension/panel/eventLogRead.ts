// Reading an event log in the extension host: a local file or folder streamed chunk by chunk (the
// host stays responsive, and the read can be cancelled), or a History Server URL.
import { createReadStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { EventLogReader, type EventLogFacts, rollingLogFiles } from '../../core/eventlog';
import { isLogUrl, readLogUrl } from '../../cli/historyServer';

export interface ReadProgress {
  report(bytes: number, file: string): void;
  readonly cancelled: () => boolean;
}

export class ReadCancelled extends Error {}

async function streamFile(reader: EventLogReader, path: string, name: string, p: ReadProgress): Promise<void> {
  reader.beginFile(name);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (p.cancelled()) throw new ReadCancelled('cancelled');
    reader.push(chunk as Buffer);
    p.report((chunk as Buffer).length, name);
  }
  reader.endFile();
}

/** The files of a log folder in reading order: a rolling log's events files, or Spark 1.x's EVENT_LOG_<n>. */
async function folderFiles(dir: string): Promise<{ files: string[]; inProgress: boolean }> {
  const names: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) if (e.isFile()) names.push(e.name);
  const rolling = rollingLogFiles(names);
  if (rolling.eventFiles.length > 0) return { files: rolling.eventFiles, inProgress: rolling.inProgress };
  const legacy = names
    .filter((n) => /^EVENT_LOG_\d+$/.test(n))
    .sort((a, b) => Number(a.slice(10)) - Number(b.slice(10)));
  if (legacy.length > 0) return { files: legacy, inProgress: !names.includes('APPLICATION_COMPLETE') };
  throw new Error(`${dir}: no event log files in this folder (expected events_<n>_<appId> files of a rolling log)`);
}

export async function readEventLogSource(source: string, p: ReadProgress): Promise<EventLogFacts> {
  if (isLogUrl(source)) return readLogUrl(source);
  const reader = new EventLogReader();
  const st = await fsp.stat(source);
  if (st.isDirectory()) {
    const { files, inProgress } = await folderFiles(source);
    if (inProgress) reader.markInProgress();
    for (const f of files) await streamFile(reader, join(source, f), f, p);
  } else await streamFile(reader, source, source.split(/[\\/]/).pop() ?? source, p);
  return reader.result();
}
