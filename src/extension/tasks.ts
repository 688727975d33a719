// A task that runs the bundled command line (`dist/cli.js lint`) over the workspace, with the
// `$spark-memory` problem matcher, so a CI-style run lists its findings in Problems and links to
// the lines. The CLI runs on the extension host's own runtime (Node in a VS Code server, Electron
// as Node on the desktop), so nothing else needs to be installed.
import * as vscode from 'vscode';

export const TASK_TYPE = 'spark-memory';

interface SparkMemoryTaskDefinition extends vscode.TaskDefinition {
  readonly command: 'lint';
  /** Files or folders, relative to the workspace folder (default: the whole folder). */
  readonly paths?: readonly string[];
  /** `--spark-version`, e.g. "3.5". */
  readonly sparkVersion?: string;
}

function execution(cli: string, def: SparkMemoryTaskDefinition): vscode.ProcessExecution {
  const args = [cli, 'lint', ...(def.paths !== undefined && def.paths.length > 0 ? def.paths : ['.'])];
  if (typeof def.sparkVersion === 'string') args.push('--spark-version', def.sparkVersion);
  return new vscode.ProcessExecution(process.execPath, args, { env: { ELECTRON_RUN_AS_NODE: '1' } });
}

function taskFor(
  cli: string,
  def: SparkMemoryTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope,
  name: string,
): vscode.Task {
  const task = new vscode.Task(def, scope, name, 'Spark Memory', execution(cli, def), '$spark-memory');
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

export function registerTasks(context: vscode.ExtensionContext): void {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () =>
        (vscode.workspace.workspaceFolders ?? []).map((folder) =>
          taskFor(cli, { type: TASK_TYPE, command: 'lint' }, folder, `lint ${folder.name}`),
        ),
      resolveTask: (task) => {
        // A tasks.json entry may name any command: only `lint` is ours.
        if (task.definition['command'] !== 'lint') return undefined;
        const def = task.definition as SparkMemoryTaskDefinition;
        return taskFor(cli, def, task.scope ?? vscode.TaskScope.Workspace, task.name);
      },
    }),
  );
}
