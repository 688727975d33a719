// An application's event log from a Spark History Server: GET /api/v1/applications/<id>/logs
// (or .../<id>/<attempt>/logs) answers a zip of the log's files (ApplicationListResource /
// EventLogFileReader.zipEventLogFiles). The zip is saved to a temporary file, its central directory
// read, and each entry streamed through inflate into the reader, so a large log is never held whole.
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { EventLogReader, isRollingDirName, rollingLogFiles } from '../core/eventlog';
import type { EventLogFacts } from '../core/eventlog';
import { InputError } from './input';

export function isLogUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** The History Server's logs endpoint for a URL given as the endpoint, an application's API URL or its UI page. */
export function logsEndpoint(url: string): string {
  const u = new URL(url);
  if (/\/logs\/?$/.test(u.pathname)) return u.toString();
  const api = /\/api\/v1\/applications\/([^/]+)(?:\/([^/]+))?\/?$/.exec(u.pathname);
  if (api !== null) return new URL(`${u.pathname.replace(/\/$/, '')}/logs`, u).toString();
  const ui = /\/history\/([^/]+)(?:\/([^/]+))?/.exec(u.pathname);
  if (ui !== null)
    return new URL(
      `/api/v1/applications/${ui[1]}${ui[2] !== undefined && ui[2] !== 'jobs' ? `/${ui[2]}` : ''}/logs`,
      u,
    ).toString();
  throw new InputError(`${url}: not a History Server URL (expected …/api/v1/applications/<app-id>/logs)`);
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  readSync(fd, b, 0, length, offset);
  return b;
}

/** The central directory of a zip file (no zip64: a History Server zip of one log stays far below 4 GiB per entry). */
export function zipEntries(fd: number, size: number): ZipEntry[] {
  const tail = Math.min(size, 65_557);
  const end = readAt(fd, size - tail, tail);
  const eocd = end.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new InputError('the answer is not a zip file (no end of central directory)');
  const count = end.readUInt16LE(eocd + 10);
  const cdSize = end.readUInt32LE(eocd + 12);
  const cdOffset = end.readUInt32LE(eocd + 16);
  const cd = readAt(fd, cdOffset, cdSize);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new InputError('a damaged zip central directory');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    out.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Streams one entry's bytes (stored or deflated) into the reader, chunk by chunk. */
async function streamEntry(path: string, fd: number, e: ZipEntry, reader: EventLogReader): Promise<void> {
  const local = readAt(fd, e.localHeaderOffset, 30);
  const start = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (e.method !== 0 && e.method !== 8)
    throw new InputError(`${e.name}: zip method ${e.method} is not read (stored or deflate expected)`);
  reader.beginFile(e.name.split('/').pop() ?? e.name);
  if (e.compressedSize > 0) {
    const raw = createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 20 });
    const bytes = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    for await (const chunk of bytes) reader.push(chunk as Buffer);
  }
  reader.endFile();
}

/** Reads the log files of a History Server zip (a rolling log's events files in index order). */
export async function readLogZip(path: string): Promise<EventLogFacts> {
  const fd = openSync(path, 'r');
  try {
    const entries = zipEntries(fd, statSync(path).size).filter((e) => !e.name.endsWith('/'));
    if (entries.length === 0) throw new InputError('the History Server answered an empty zip');
    const reader = new EventLogReader();
    const base = (e: ZipEntry) => e.name.split('/').pop() ?? e.name;
    if (entries.some((e) => isRollingDirName(e.name.split('/')[0] ?? ''))) {
      const files = rollingLogFiles(entries.map(base));
      if (files.inProgress) reader.markInProgress();
      for (const f of files.eventFiles) {
        const e = entries.find((x) => base(x) === f);
        if (e !== undefined) await streamEntry(path, fd, e, reader);
      }
    } else for (const e of entries) await streamEntry(path, fd, e, reader);
    return reader.result();
  } finally {
    closeSync(fd);
  }
}

/** Downloads the logs endpoint to a temporary file and reads it. */
export async function readLogUrl(url: string): Promise<EventLogFacts> {
  const endpoint = logsEndpoint(url);
  let res: Response;
  try {
    res = await fetch(endpoint);
  } catch (e) {
    throw new InputError(`${endpoint}: cannot connect (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok) throw new InputError(`${endpoint}: the History Server answered ${res.status} ${res.statusText}`);
  const dir = mkdtempSync(join(tmpdir(), 'spark-memory-log-'));
  const file = join(dir, 'logs.zip');
  try {
    if (res.body === null) throw new InputError(`${endpoint}: the History Server answered no body`);
    // Saved as it arrives: the zip is never held whole either.
    await pipeline(Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0]), createWriteStream(file));
    return await readLogZip(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
