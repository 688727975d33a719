// Spark Memory: Open Event Log… in a real VS Code: a real Spark run's log (the calibration corpus,
// pyspark 3.5.7 in local mode) opens in a Run view with the run's facts, its replay on its own
// config and on the workspace's spark-defaults.conf; what is not an event log says why and opens
// nothing.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, sample, waitFor } from './helpers';

const OPEN_EVENT_LOG = 'sparkMemory.openEventLog';
const CORPUS = path.join(__dirname, '../../../test/fixtures/eventlog-corpus');

interface Opened {
  readonly application: { readonly name?: string; readonly id?: string; readonly sparkVersion?: string };
  readonly counts: {
    readonly jobs: number;
    readonly stages: number;
    readonly tasks: number;
    readonly failedTasks: number;
  };
  readonly findings: number;
  readonly replays: readonly string[];
}

function runTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sparkMemory.run'));
}

describe('Open Event Log', function () {
  before(async function () {
    // The corpus is read from the repository: a host without a file system (the web worker) has none.
    if (vscode.env.uiKind === vscode.UIKind.Web && typeof process === 'undefined') this.skip();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a real run’s log in a Run view with its facts and both replays', async () => {
    const log = vscode.Uri.file(path.join(CORPUS, 'sort-spill', 'local-1796592374003.zstd'));
    const opened = await vscode.commands.executeCommand<Opened | undefined>(OPEN_EVENT_LOG, log);
    assert.ok(opened, 'the command reports what it opened');
    assert.equal(opened.application.name, 'sort-spill');
    assert.equal(opened.application.sparkVersion, '3.5.7');
    assert.equal(opened.counts.tasks, 10);
    assert.equal(opened.counts.failedTasks, 0);
    assert.ok(opened.findings >= 1);
    // Replayed on its own config first, then on the workspace's spark-defaults.conf; samples/ holds one
    // that Spark refuses (-Xmx2gb) and one that starts, and a refused one is shown with its reason.
    assert.equal(opened.replays.length, 2, opened.replays.join(' | '));
    assert.equal(opened.replays[0], "Replay on the log's own config (calibration)");
    assert.match(opened.replays[1]!, /^Replay on .*spark-defaults\.conf(: not replayed: .*\S)?$/);
    const tab = await waitFor(() => runTabs()[0], 'the Run view');
    assert.equal(tab.label, 'Spark Run: sort-spill');
  });

  it('reads a log in another codec the same way (lz4, Spark’s own framing)', async () => {
    const log = vscode.Uri.file(path.join(CORPUS, 'codec-lz4', 'local-1796596736001.lz4'));
    const opened = await vscode.commands.executeCommand<Opened | undefined>(OPEN_EVENT_LOG, log);
    assert.ok(opened);
    assert.equal(opened.application.name, 'cache-fits');
    assert.equal(opened.counts.tasks, 18);
  });

  it('a file that is not an event log opens nothing', async () => {
    const opened = await vscode.commands.executeCommand<Opened | undefined>(
      OPEN_EVENT_LOG,
      sample('spark-defaults.conf'),
    );
    assert.equal(opened, undefined);
    assert.equal(runTabs().length, 0);
  });
});
