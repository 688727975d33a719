// Spark Memory: Open Event Log… in a real VS Code: a real Spark run's log (the calibration corpus,
// pyspark 3.5.7 in local mode) opens in a Run view with the run's facts, its replay on its own
// config and on the workspace's spark-defaults.conf; what is not an event log says why and opens
// nothing. The what-if controls replay the run on changed settings and Apply writes them to the
// config being edited, whose diagnostics then follow.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunHostMessage } from '../../src/shared/protocol';
import { EXTENSION_ID, Scratch, codeOf, diagnosticsWhen, open, sample, waitFor } from './helpers';

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
  readonly view: {
    handleMessage(raw: unknown): boolean;
    lastPosted(): readonly RunHostMessage[];
    readonly target: vscode.TextDocument | undefined;
  };
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

  it('what-if: a change replays the run again, Apply writes the config and its diagnostics follow', async function () {
    this.timeout(60000);
    const scratch = new Scratch('runview');
    try {
      const uri = await scratch.write('spark-defaults.conf', 'spark.executor.memory 1g\nspark.executor.cores 2\n');
      const doc = await open(uri);
      // 1g and 2 cores: each task is only sure of 1/(2×2) of the execution pool.
      await diagnosticsWhen(uri, (ds) => ds.some((d) => codeOf(d) === 'EXEC-PER-TASK'), 'EXEC-PER-TASK');
      const log = vscode.Uri.file(path.join(CORPUS, 'sort-spill', 'local-1796592374003.zstd'));
      const opened = await vscode.commands.executeCommand<Opened | undefined>(OPEN_EVENT_LOG, log);
      assert.ok(opened);
      // The config in the editor is the one replayed on, and the one Apply writes.
      assert.equal(opened.view.target?.uri.toString(), uri.toString());
      assert.match(opened.replays[1]!, /^Replay on scratch-runview\/spark-defaults\.conf$/);
      const v = opened.view;
      const posted = <T extends RunHostMessage['type']>(
        type: T,
        ok: (m: Extract<RunHostMessage, { type: T }>) => boolean,
      ) =>
        waitFor(
          () =>
            v
              .lastPosted()
              .filter((m): m is Extract<RunHostMessage, { type: T }> => m.type === type)
              .reverse()
              .find(ok),
          type,
          30000,
        );
      assert.ok(v.handleMessage({ type: 'ready', protocol: 1 }));
      const base = (await posted('runBase', () => true)).base;
      assert.deepEqual(base.target, { uri: uri.toString(), version: doc.version });
      assert.equal(base.fileValues['spark.executor.memory'], '1g');
      assert.ok(base.baseline.ok && base.baseline.outcome.spilledBytes > 0, 'the sort spills on 1g');

      // A change: the replay on 4g no longer spills.
      assert.ok(v.handleMessage({ type: 'whatIf', seq: 7, values: { 'spark.executor.memory': '4g' } }));
      const out = (await posted('runOutcome', (m) => m.seq === 7)).result;
      assert.ok(out.ok, out.ok ? '' : out.error);
      assert.equal(out.outcome.spilledBytes, 0);
      assert.equal(out.outcome.heapBytes, 4 * 2 ** 30);
      // Refused at the boundary: a key that is not a what-if setting, a value with a line break.
      const apply = (changes: unknown, version = base.target!.version) =>
        v.handleMessage({ type: 'apply', uri: base.target!.uri, version, changes });
      assert.equal(apply([{ key: 'spark.executor.extraJavaOptions', value: '-javaagent:/tmp/a.jar' }]), false);
      assert.equal(apply([{ key: 'spark.memory.fraction', value: '0.6\nspark.evil true' }]), false);
      assert.equal(doc.getText(), 'spark.executor.memory 1g\nspark.executor.cores 2\n');

      // Apply: one edit of the file, nothing else lost; the diagnostics follow the new values.
      assert.ok(
        apply([
          { key: 'spark.executor.memory', value: '4g' },
          { key: 'spark.memory.fraction', value: '0.95' },
        ]),
      );
      const applied = await posted('applied', () => true);
      assert.equal(applied.ok, true, applied.message);
      assert.equal(doc.getText(), 'spark.executor.memory 4g\nspark.executor.cores 2\nspark.memory.fraction 0.95\n');
      await diagnosticsWhen(
        uri,
        (ds) => ds.some((d) => codeOf(d) === 'FRACTION-USER-MEMORY') && !ds.some((d) => codeOf(d) === 'EXEC-PER-TASK'),
        'FRACTION-USER-MEMORY and no EXEC-PER-TASK',
      );
      // The view follows the file: its base is the new text, on which the sort does not spill.
      const after = await waitFor(
        async () => {
          v.handleMessage({ type: 'ready', protocol: 1 });
          await new Promise((r) => setTimeout(r, 300));
          return v
            .lastPosted()
            .filter((m) => m.type === 'runBase')
            .map((m) => m.base)
            .find((b) => b.target?.version === doc.version && b.fileValues['spark.executor.memory'] === '4g');
        },
        'the Run view on the applied file',
        20000,
      );
      assert.ok(after.baseline.ok && after.baseline.outcome.spilledBytes === 0);
      // An Apply against the text the view had before is refused, and changes nothing.
      const count = v.lastPosted().filter((m) => m.type === 'applied').length;
      assert.ok(apply([{ key: 'spark.executor.memory', value: '2g' }], base.target!.version));
      const stale = await posted('applied', () => v.lastPosted().filter((m) => m.type === 'applied').length > count);
      assert.equal(stale.ok, false);
      assert.match(stale.message, /changed since the replay read it/);
      assert.equal(doc.getText(), 'spark.executor.memory 4g\nspark.executor.cores 2\nspark.memory.fraction 0.95\n');
    } finally {
      // The applied edit is not saved (as the simulation panel's Apply): revert it before the folder goes.
      const left = vscode.workspace.textDocuments.find((d) => d.uri.path.includes('/scratch-runview/'));
      if (left?.isDirty === true) {
        await vscode.window.showTextDocument(left);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await scratch.cleanup();
    }
  });
});
