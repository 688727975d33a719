// Navigation and structure in the real host, through the commands VS Code itself uses: definition
// across conf/servers, conf/leads and conf/locators, references, document links, folding,
// semantic tokens, the formatter (only while enabled) and the lint task with its problem matcher.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Scratch, itWithNode, open, setSetting, waitFor } from './helpers';

type Loc = vscode.Location | vscode.LocationLink;
const uriOf = (l: Loc): vscode.Uri => ('targetUri' in l ? l.targetUri : l.uri);
const rangeOf = (l: Loc): vscode.Range => ('targetRange' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range);
const name = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);

async function definitions(uri: vscode.Uri, pos: vscode.Position): Promise<Loc[]> {
  return (await vscode.commands.executeCommand<Loc[]>('vscode.executeDefinitionProvider', uri, pos)) ?? [];
}

describe('navigation and structure', () => {
  const scratch = new Scratch('navigation');
  after(() => scratch.cleanup());

  it('goes from a shadowed key to the one in effect and lists the other occurrences', async () => {
    const uri = await scratch.write(
      'dup/spark-defaults.conf',
      'spark.executor.memory 2g\nspark.memory.fraction 0.6\nspark.executor.memory 4g\n',
    );
    await open(uri);
    const defs = await waitFor(async () => {
      const d = await definitions(uri, new vscode.Position(0, 8));
      return d.length > 0 ? d : undefined;
    }, 'a definition');
    assert.equal(defs.length, 1);
    assert.equal(rangeOf(defs[0]!).start.line, 2);
    const refs =
      (await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        uri,
        new vscode.Position(2, 3),
      )) ?? [];
    assert.deepEqual(refs.map((r) => r.range.start.line).sort(), [0, 2]);
  });

  it('goes from a server to its lead line and from -locators= to the locators line', async () => {
    await scratch.write('snappy/conf/leads', 'lead-1 -spark.executor.cores=4\n');
    await scratch.write('snappy/conf/locators', 'loc-a\nloc-b -peer-discovery-port=10335\n');
    const servers = await scratch.write('snappy/conf/servers', 'node-a -heap-size=4g -locators=loc-b:10335\n');
    await open(servers);
    const toLead = await waitFor(async () => {
      const d = await definitions(servers, new vscode.Position(0, 2));
      return d.length > 0 ? d : undefined;
    }, 'the lead line');
    assert.equal(name(uriOf(toLead[0]!)), 'leads');
    const toLocator = await definitions(servers, new vscode.Position(0, 33));
    assert.equal(toLocator.length, 1);
    assert.equal(name(uriOf(toLocator[0]!)), 'locators');
    assert.equal(rangeOf(toLocator[0]!).start.line, 1);
    const linksFile = await scratch.write('links/conf/servers', 'node-a -dir=/data/server-a\n');
    await open(linksFile);
    const links = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', linksFile);
      return l !== undefined && l.length > 0 ? l : undefined;
    }, 'document links');
    assert.deepEqual(
      links.map((l) => l.target?.path),
      ['/data/server-a'],
    );
  });

  it('folds comment blocks and groups, and colours keys and sizes', async () => {
    const uri = await scratch.write(
      'fold/spark-defaults.conf',
      '# a\n# b\nspark.memory.fraction 0.6\nspark.memory.storageFraction 0.5\nspark.executor.memory 4g\n',
    );
    await open(uri);
    const ranges = await waitFor(async () => {
      const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      return r !== undefined && r.length > 0 ? r : undefined;
    }, 'folding ranges');
    assert.deepEqual(
      ranges.map((r) => [r.start, r.end]),
      [
        [0, 1],
        [2, 3],
      ],
    );
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      uri,
    );
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
      'vscode.provideDocumentSemanticTokens',
      uri,
    );
    assert.ok(legend !== undefined && tokens !== undefined, 'semantic tokens are provided');
    const types = [];
    for (let i = 3; i < tokens.data.length; i += 5) types.push(legend.tokenTypes[tokens.data[i]!]);
    assert.deepEqual(types, ['property', 'number', 'property', 'number', 'property', 'number', 'sizeUnit']);
  });

  it('formats spark-defaults.conf only while sparkMemory.format.enable is on', async () => {
    const uri = await scratch.write('format/spark-defaults.conf', 'spark.executor.memory 4g\nspark.a\t\t1\n');
    await open(uri);
    const off = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, {
      tabSize: 2,
      insertSpaces: true,
    });
    assert.equal(off?.length ?? 0, 0, 'no formatter while the setting is off');
    const restore = await setSetting('format.enable', true);
    try {
      const edits = await waitFor(async () => {
        const e = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, {
          tabSize: 2,
          insertSpaces: true,
        });
        return e !== undefined && e.length > 0 ? e : undefined;
      }, 'format edits');
      const we = new vscode.WorkspaceEdit();
      we.set(uri, edits);
      assert.ok(await vscode.workspace.applyEdit(we));
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(), 'spark.executor.memory 4g\nspark.a               1\n');
    } finally {
      await restore();
    }
  });

  itWithNode('provides a lint task that runs the command line with the $spark-memory problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'spark-memory' });
    assert.ok(tasks.length >= 1, 'one task per workspace folder');
    const task = tasks[0]!;
    assert.deepEqual(task.problemMatchers, ['$spark-memory']);
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type !== 'spark-memory') return;
        sub.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    const code = await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r('timeout'), 60000))]);
    // The samples hold errors on purpose, so the command line exits 1 (2 would be a usage error).
    assert.equal(code, 1);
  });
});

describe('getting started', () => {
  it('contributes a walkthrough whose commands exist', async () => {
    const ext = vscode.extensions.getExtension('spark-memory.spark-memory');
    const walkthroughs = (ext?.packageJSON as { contributes?: { walkthroughs?: Array<{ steps: unknown[] }> } })
      .contributes?.walkthroughs;
    assert.equal(walkthroughs?.length, 1);
    const all = await vscode.commands.getCommands(true);
    const text = JSON.stringify(walkthroughs);
    for (const m of text.matchAll(/command:(sparkMemory\.[A-Za-z]+)/g)) assert.ok(all.includes(m[1]!), m[1]);
    // The steps a first-time user walks, each completed by doing it (the event log's step included).
    const ids = (walkthroughs?.[0]?.steps as Array<{ id: string }>).map((s) => s.id);
    for (const id of ['openConfig', 'fixFinding', 'openSimulation', 'runPreset', 'whatIf', 'openEventLog'])
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  it('New spark-defaults.conf opens a starter file whose refused fraction is flagged', async () => {
    await vscode.commands.executeCommand('sparkMemory.newSparkDefaults');
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.languageId, 'spark-defaults');
    const codes = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(doc!.uri).filter((d) => d.source === 'spark-memory');
      return ds.length > 0
        ? ds.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)))
        : undefined;
    }, 'findings on the starter file');
    assert.ok(codes.includes('FRACTION-RANGE'), codes.join(' '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
