// The Node extension host (desktop VS Code, a VS Code server): local event logs are streamed from
// disk (a log can be gigabytes), a History Server is asked over Node's http, and the lint task runs
// the bundled command line as a process.
import { createReadStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isLogUrl, readLogUrl } from '../../cli/historyServer';
import { type LogFiles, readEventLogFiles, workspaceLogFiles } from '../panel/eventLogRead';
import type { Platform } from './types';

const diskLogFiles: LogFiles<string> = {
  isDirectory: async (path) => (await fsp.stat(path)).isDirectory(),
  fileNames: async (dir) =>
    (await fsp.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
  child: join,
  chunks: (path) => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
  label: (path) => path,
};

export const nodePlatform: Platform = {
  name: 'node',
  readEventLog: (source, progress) => {
    if (typeof source === 'string') {
      if (isLogUrl(source)) return readLogUrl(source);
      return readEventLogFiles(diskLogFiles, source, progress);
    }
    if (source.scheme === 'file') return readEventLogFiles(diskLogFiles, source.fsPath, progress);
    return readEventLogFiles(workspaceLogFiles, source, progress);
  },
  // The host's own runtime runs the CLI: Node in a VS Code server, Electron as Node on the desktop.
  lintTaskExecution: (cli, args) =>
    new vscode.ProcessExecution(process.execPath, [cli, ...args], { env: { ELECTRON_RUN_AS_NODE: '1' } }),
};
