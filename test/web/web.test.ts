// What is particular to the web worker extension host (vscode.dev, github.dev): the extension runs
// from its `browser` entry with no Node in reach, reads files through workspace.fs (an event log
// too), and what needs Node says so instead of failing. The editor features themselves are checked
// by the suites of test/suite that test/web/index.ts runs here as well.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { NO_HISTORY_SERVER, webPlatform } from '../../src/extension/platform/web';
import { EXTENSION_ID, diagnosticsWhen, open, sample, waitFor } from '../suite/helpers';

describe('web worker extension host', () => {
  it('runs the browser entry, with no Node process in reach', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    // A web worker host runs extensions as UI extensions; a VS Code server's Node host as workspace ones.
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.UI);
    assert.strictEqual((ext.packageJSON as { browser?: string }).browser, './dist/extension.web.js');
    assert.strictEqual(
      typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node,
      'undefined',
    );
    const conf = await open(sample('spark-defaults.conf'));
    await diagnosticsWhen(conf.uri, (ds) => ds.length > 0, 'findings on the sample spark-defaults.conf');
    assert.strictEqual(ext.isActive, true);
  });

  it('reads an event log through workspace.fs and opens its run view', async () => {
    // Spark's own test log (test/fixtures/spark-events/, copied into the workspace by the harness).
    const log = sample('eventlogs', 'app-20161116163331-0000');
    const result = await vscode.commands.executeCommand<{ application: { id?: string; name?: string } }>(
      'sparkMemory.openEventLog',
      log,
    );
    assert.strictEqual(result.application.id, 'app-20161116163331-0000');
    assert.strictEqual(result.application.name, 'Spark shell');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers no lint task, whose command line needs Node; one in tasks.json says why and exits 1', async () => {
    assert.deepStrictEqual(await vscode.tasks.fetchTasks({ type: 'spark-memory' }), []);
    const tasksJson = sample('.vscode', 'tasks.json');
    const text = JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'spark-memory', command: 'lint', label: 'lint' }],
    });
    await vscode.workspace.fs.writeFile(tasksJson, new TextEncoder().encode(text));
    try {
      const task = await waitFor(
        async () => (await vscode.tasks.fetchTasks({ type: 'spark-memory' }))[0],
        'the tasks.json lint task',
      );
      const ended = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.definition.type !== 'spark-memory') return;
          sub.dispose();
          resolve(e.exitCode);
        });
      });
      await vscode.tasks.executeTask(task);
      const code = await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r('timeout'), 20000))]);
      assert.strictEqual(code, 1);
    } finally {
      await vscode.workspace.fs.delete(sample('.vscode'), { recursive: true });
    }
  });

  it('says a History Server URL needs the desktop or a VS Code server', async () => {
    const read = webPlatform.readEventLog('http://localhost:18080/api/v1/applications/app-1/logs', {
      report: () => undefined,
      cancelled: () => false,
    });
    await read.then(
      () => assert.fail('read a History Server URL'),
      (e: unknown) => assert.strictEqual((e as Error).message, NO_HISTORY_SERVER),
    );
  });
});
