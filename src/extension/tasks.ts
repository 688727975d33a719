// A task that runs the bundled command line (`dist/cli.js lint`) over the workspace, with the
// `$spark-memory` problem matcher, so a CI-style run lists its findings in Problems and links to
// the lines. How it runs is the platform's: on the host's own runtime where there is Node (nothing
// else to install), and in a web worker host it only says why it cannot (platform/web.ts).
import * as vscode from 'vscode';
import type { Platform } from './platform/types';

export const TASK_TYPE = 'spark-memory';

interface SparkMemoryTaskDefinition extends vscode.TaskDefinition {
  readonly command: 'lint';
  /** Files or folders, relative to the workspace folder (default: the whole folder). */
  readonly paths?: readonly string[];
  /** `--spark-version`, e.g. "3.5". */
  readonly sparkVersion?: string;
}

function lintArgs(def: SparkMemoryTaskDefinition): string[] {
  const args = ['lint', ...(def.paths !== undefined && def.paths.length > 0 ? def.paths : ['.'])];
  if (typeof def.sparkVersion === 'string') args.push('--spark-version', def.sparkVersion);
  return args;
}

function taskFor(
  platform: Platform,
  cli: string,
  def: SparkMemoryTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope,
  name: string,
): vscode.Task {
  const task = new vscode.Task(
    def,
    scope,
    name,
    'Spark Memory',
    platform.lintTaskExecution(cli, lintArgs(def)),
    '$spark-memory',
  );
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

export function registerTasks(context: vscode.ExtensionContext, platform: Platform): void {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      // Where no process can run, no task is offered (a tasks.json entry still gets the reason).
      provideTasks: () =>
        (platform.name === 'web' ? [] : (vscode.workspace.workspaceFolders ?? [])).map((folder) =>
          taskFor(platform, cli, { type: TASK_TYPE, command: 'lint' }, folder, `lint ${folder.name}`),
        ),
      resolveTask: (task) => {
        // A tasks.json entry may name any command: only `lint` is ours.
        if (task.definition['command'] !== 'lint') return undefined;
        const def = task.definition as SparkMemoryTaskDefinition;
        return taskFor(platform, cli, def, task.scope ?? vscode.TaskScope.Workspace, task.name);
      },
    }),
  );
}
