// Quick fixes through vscode.executeCodeActionProvider, applied to the document, with the text
// checked: 2gb -> 2g, the SNAPPY-EQ-SPACE join, "Disable CODE for this line", "Show documentation",
// the "Fix all" source action (also on save through editor.codeActionsOnSave) and the BOM removal.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Scratch, applyAction, codeOf, diagnosticsWhen, expectDiagnostics, open, ours, waitFor } from './helpers';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return actions ?? [];
}

async function waitForCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const ds = await diagnosticsWhen(uri, (xs) => xs.some((d) => codeOf(d) === code), code);
  return ds.find((d) => codeOf(d) === code)!;
}

describe('quick fixes', () => {
  const scratch = new Scratch('fixes');
  after(() => scratch.cleanup());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('rewrites spark.driver.memory 2gb to 2g (the preferred fix)', async () => {
    const uri = await scratch.copy('spark-defaults.conf', 'jvm/spark-defaults.conf');
    const doc = await open(uri);
    const d = await waitForCode(uri, 'SIZE-JVM-SUFFIX');
    const actions = await actionsAt(uri, d.range);
    const fix = actions.find((a) => a.title === 'Write 2g');
    assert.ok(fix, `a "Write 2g" fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(fix.isPreferred, true);
    assert.strictEqual(fix.kind?.value, 'quickfix');
    await applyAction(fix);
    assert.strictEqual(doc.lineAt(18).text, 'spark.driver.memory              2g');
    await diagnosticsWhen(uri, (xs) => !xs.some((x) => codeOf(x) === 'SIZE-JVM-SUFFIX'), 'SIZE-JVM-SUFFIX to go');
  });

  it('joins -heap-size = 4g into -heap-size=4g (SNAPPY-EQ-SPACE)', async () => {
    const uri = await scratch.copy('conf/servers', 'eq/conf/servers');
    const doc = await open(uri);
    const d = await waitForCode(uri, 'SNAPPY-EQ-SPACE');
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title === 'Join to -heap-size=4g');
    assert.ok(fix);
    assert.strictEqual(fix.isPreferred, true);
    await applyAction(fix);
    assert.strictEqual(doc.lineAt(2).text, 'node-b -heap-size=4g -memory-size=8g');
    await diagnosticsWhen(uri, (xs) => !xs.some((x) => codeOf(x) === 'SNAPPY-EQ-SPACE'), 'SNAPPY-EQ-SPACE to go');
  });

  it('"Disable CODE for this line" inserts the comment above with the indentation, and the finding goes', async () => {
    const uri = await scratch.write('disable/spark-defaults.conf', 'spark.master yarn\n    spark.driver.memory 2gb\n');
    const doc = await open(uri);
    const d = await waitForCode(uri, 'SIZE-JVM-SUFFIX');
    const actions = await actionsAt(uri, d.range);
    const disable = actions.find((a) => a.title === 'Disable SIZE-JVM-SUFFIX for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(
      actions.some(
        (a) =>
          a.title === 'Show documentation for SIZE-JVM-SUFFIX' &&
          a.command?.command === 'sparkMemory.showRuleDocumentation',
      ),
    );
    await applyAction(disable);
    assert.strictEqual(
      doc.getText(),
      'spark.master yarn\n    # spark-memory-disable-next-line SIZE-JVM-SUFFIX\n    spark.driver.memory 2gb\n',
    );
    await expectDiagnostics(uri, []);
  });

  it('"Show documentation for CODE" opens the rule page', async () => {
    const target = await vscode.commands.executeCommand<string>('sparkMemory.showRuleDocumentation', 'SIZE-JVM-SUFFIX');
    assert.ok(target?.endsWith('/docs/rules/SIZE-JVM-SUFFIX.md'), target);
    assert.strictEqual(
      await vscode.commands.executeCommand('sparkMemory.showRuleDocumentation', 'NO-SUCH-RULE'),
      undefined,
    );
  });

  it('"Fix all Spark Memory problems" applies each preferred fix in one edit, without overlaps', async () => {
    const uri = await scratch.write(
      'all/spark-defaults.conf',
      'spark.driver.memory 2gb\nspark.executor.memory 4096\nspark.memory.offHeap.size 1g\n',
    );
    const doc = await open(uri);
    await diagnosticsWhen(uri, (xs) => xs.length >= 3, 'three findings');
    const actions = await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.sparkMemory');
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind?.value]),
      [['Fix all Spark Memory problems', 'source.fixAll.sparkMemory']],
    );
    // Asking for every fix-all (source.fixAll) includes ours too.
    assert.ok(
      (await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll')).some(
        (a) => a.kind?.value === 'source.fixAll.sparkMemory',
      ),
    );
    await applyAction(actions[0]!);
    assert.strictEqual(
      doc.getText(),
      'spark.driver.memory 2g\nspark.executor.memory 4096m\nspark.memory.offHeap.size 1g\nspark.memory.offHeap.enabled true\n',
    );
    await expectDiagnostics(uri, []);
  });

  it('editor.codeActionsOnSave runs the fix-all on save', async () => {
    const uri = await scratch.write('save/spark-defaults.conf', 'spark.executor.memory 1g\n');
    const doc = await open(uri);
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'spark-defaults' });
    await config.update(
      'codeActionsOnSave',
      { 'source.fixAll.sparkMemory': 'explicit' },
      vscode.ConfigurationTarget.Workspace,
      true,
    );
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 0), 'spark.driver.memory 2gb\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitForCode(uri, 'SIZE-JVM-SUFFIX');
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(() => !doc.isDirty && doc.getText().includes('spark.driver.memory 2g\n'), 'the save to fix 2gb');
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.strictEqual(onDisk, 'spark.executor.memory 1g\nspark.driver.memory 2g\n');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  it('"Fix All Problems in This File" from the palette, and a plain message when no config is active', async () => {
    const uri = await scratch.write('palette/spark-defaults.conf', 'spark.driver.memory 2gb\n');
    const doc = await open(uri);
    await waitForCode(uri, 'SIZE-JVM-SUFFIX');
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.fixAll'), 1);
    assert.strictEqual(doc.getText(), 'spark.driver.memory 2g\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.fixAll'), 0);
  });

  it('removes a byte-order mark from the file on disk (PROPS-BOM)', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('spark.executor.memory 4g\n')]);
    const uri = await scratch.write('bom/spark-defaults.conf', bytes);
    const doc = await open(uri);
    const d = await waitForCode(uri, 'PROPS-BOM');
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title === 'Remove the byte-order mark');
    assert.ok(fix);
    assert.strictEqual(fix.command?.command, 'sparkMemory.removeByteOrderMark');
    await applyAction(fix);
    const after = await vscode.workspace.fs.readFile(uri);
    assert.strictEqual(new TextDecoder().decode(after), 'spark.executor.memory 4g\n');
    assert.notStrictEqual(after[0], 0xef);
    await expectDiagnostics(uri, []);
    // The next save does not write the mark back.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), 'spark.driver.memory 1g\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    const saved = await vscode.workspace.fs.readFile(uri);
    assert.notStrictEqual(saved[0], 0xef, 'saved without a BOM');
    assert.deepStrictEqual(ours(uri), []);
  });
});
