// Reading an event log in the extension host: a file or a rolling log's folder, chunk by chunk (the
// host stays responsive, and the read can be cancelled). Where the bytes come from is a LogFiles:
// Node's fs on a local disk (platform/node.ts), or workspace.fs for any scheme VS Code can read
// (vscode-remote, github.dev's vscode-vfs, the web's file system access).
import * as vscode from 'vscode';
import { EventLogReader, type EventLogFacts, rollingLogFiles } from '../../core/eventlog';

export interface ReadProgress {
  report(bytes: number, file: string): void;
  readonly cancelled: () => boolean;
}

export class ReadCancelled extends Error {}

/** The file operations a log read needs, over locations of type L (a path, a Uri). */
export interface LogFiles<L> {
  isDirectory(at: L): Promise<boolean>;
  /** The names of the plain files in a folder. */
  fileNames(dir: L): Promise<string[]>;
  child(dir: L, name: string): L;
  chunks(file: L): AsyncIterable<Uint8Array>;
  /** How messages name a location. */
  label(at: L): string;
}

async function streamFile<L>(
  files: LogFiles<L>,
  reader: EventLogReader,
  file: L,
  name: string,
  p: ReadProgress,
): Promise<void> {
  reader.beginFile(name);
  for await (const chunk of files.chunks(file)) {
    if (p.cancelled()) throw new ReadCancelled('cancelled');
    reader.push(chunk);
    p.report(chunk.length, name);
  }
  reader.endFile();
}

/** The files of a log folder in reading order: a rolling log's events files, or Spark 1.x's EVENT_LOG_<n>. */
function folderFiles(names: readonly string[], dir: string): { files: string[]; inProgress: boolean } {
  const rolling = rollingLogFiles([...names]);
  if (rolling.eventFiles.length > 0) return { files: rolling.eventFiles, inProgress: rolling.inProgress };
  const legacy = names
    .filter((n) => /^EVENT_LOG_\d+$/.test(n))
    .sort((a, b) => Number(a.slice(10)) - Number(b.slice(10)));
  if (legacy.length > 0) return { files: legacy, inProgress: !names.includes('APPLICATION_COMPLETE') };
  throw new Error(`${dir}: no event log files in this folder (expected events_<n>_<appId> files of a rolling log)`);
}

export async function readEventLogFiles<L>(files: LogFiles<L>, at: L, p: ReadProgress): Promise<EventLogFacts> {
  const reader = new EventLogReader();
  if (await files.isDirectory(at)) {
    const { files: names, inProgress } = folderFiles(await files.fileNames(at), files.label(at));
    if (inProgress) reader.markInProgress();
    for (const f of names) await streamFile(files, reader, files.child(at, f), f, p);
  } else {
    const label = files.label(at);
    await streamFile(files, reader, at, label.split(/[\\/]/).pop() ?? label, p);
  }
  return reader.result();
}

/** Pieces a whole-file read is handed over in, so progress and cancellation work as with a stream. */
const PIECE_BYTES = 1 << 20;

async function* pieces(uri: vscode.Uri): AsyncIterable<Uint8Array> {
  // workspace.fs has no streaming read: the file is read whole (the web has no other way in).
  const bytes = await vscode.workspace.fs.readFile(uri);
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
}

/** workspace.fs: every scheme VS Code can read, on every extension host. */
export const workspaceLogFiles: LogFiles<vscode.Uri> = {
  isDirectory: async (uri) => ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0,
  fileNames: async (dir) =>
    (await vscode.workspace.fs.readDirectory(dir))
      .filter(([, type]) => (type & vscode.FileType.File) !== 0)
      .map(([name]) => name),
  child: (dir, name) => vscode.Uri.joinPath(dir, name),
  chunks: pieces,
  label: (uri) => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true)),
};
