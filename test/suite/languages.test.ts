// Languages and document kinds, in the real extension host: the file names the launch scripts
// use get our language ids, a SparkApplication YAML stays `yaml`, and the extension activates and
// tells the kinds apart through sparkMemory.showDocumentKind.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, sample, waitFor, workspaceRoot } from './helpers';

type Kind = { kind: string; role?: string } | undefined;

async function kindOf(uri: vscode.Uri): Promise<Kind> {
  await open(uri);
  return vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind');
}

describe('languages and document kinds', () => {
  const scratch: vscode.Uri[] = [];

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of scratch)
      await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
  });

  async function writeScratch(relPath: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'scratch', ...relPath.split('/'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    if (scratch.length === 0) scratch.push(vscode.Uri.joinPath(workspaceRoot(), 'scratch'));
    return uri;
  }

  it('gives spark-defaults.conf the spark-defaults language and activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the development extension`);
    const doc = await open(sample('spark-defaults.conf'));
    assert.strictEqual(doc.languageId, 'spark-defaults');
    await waitFor(() => ext.isActive, 'the extension to activate on a spark-defaults document');
    assert.deepStrictEqual(await vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind'), {
      kind: 'spark-defaults',
    });
  });

  it('recognises the clean template copy and a .template file as spark-defaults', async () => {
    assert.strictEqual((await open(sample('clean', 'spark-defaults.conf'))).languageId, 'spark-defaults');
    const template = await writeScratch('spark-defaults.conf.template', 'spark.executor.memory 4g\n');
    assert.strictEqual((await open(template)).languageId, 'spark-defaults');
  });

  for (const [file, role] of [
    ['servers', 'server'],
    ['leads', 'lead'],
    ['locators', 'locator'],
  ] as const) {
    it(`gives conf/${file} the snappydata-members language and the ${role} role`, async () => {
      const uri = sample('conf', file);
      const doc = await open(uri);
      assert.strictEqual(doc.languageId, 'snappydata-members');
      assert.deepStrictEqual(await kindOf(uri), { kind: 'snappy-members', role });
    });
  }

  it('recognises conf/servers.template but not a "servers" file outside conf/', async () => {
    const template = await writeScratch('conf/servers.template', 'localhost -heap-size=4g\n');
    assert.strictEqual((await open(template)).languageId, 'snappydata-members');
    const stray = await writeScratch('other/servers', 'localhost\n');
    const doc = await open(stray);
    assert.notStrictEqual(doc.languageId, 'snappydata-members');
    assert.strictEqual(await vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind'), undefined);
  });

  it('keeps a SparkApplication YAML as yaml but detects it by content', async () => {
    const uri = sample('k8s', 'spark-pi.yaml');
    const doc = await open(uri);
    assert.strictEqual(doc.languageId, 'yaml');
    assert.deepStrictEqual(await kindOf(uri), { kind: 'spark-application' });
  });

  it('does not claim an ordinary YAML file', async () => {
    const uri = await writeScratch(
      'deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    );
    const doc = await open(uri);
    assert.strictEqual(doc.languageId, 'yaml');
    assert.strictEqual(await kindOf(uri), undefined);
  });

  it('follows unsaved edits: a YAML becomes a SparkApplication once its text says so', async () => {
    const uri = await writeScratch('app.yaml', 'kind: Deployment\n');
    const doc = await open(uri);
    assert.strictEqual(await vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind'), undefined);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepStrictEqual(await vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind'), {
      kind: 'spark-application',
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('returns undefined with no active editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'all editors to close');
    assert.strictEqual(await vscode.commands.executeCommand<Kind>('sparkMemory.showDocumentKind'), undefined);
  });
});
