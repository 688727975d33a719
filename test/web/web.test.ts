// What is particular to the web worker extension host (vscode.dev, github.dev): the extension runs
// from its `browser` entry with no Node in reach, reads files through workspace.fs (an event log
// too), and what needs Node says so instead of failing. The editor features themselves are checked
// by the suites of test/suite that test/web/index.ts runs here as well.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, diagnosticsWhen, open, sample } from '../suite/helpers';

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

  it('offers no lint task, whose command line needs Node', async () => {
    assert.deepStrictEqual(await vscode.tasks.fetchTasks({ type: 'spark-memory' }), []);
  });
});
