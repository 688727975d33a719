// Hover, completion, inlay hints, the outline and the language status, through the commands VS Code
// itself uses (vscode.execute*Provider), on the samples and on scratch files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Scratch, diagnosticsWhen, open, sample, setSetting, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (
    (hovers ?? [])
      // A hover's contents may still be the deprecated { language, value } form: read it too.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n')
  );
}

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos));
}

async function completions(uri: vscode.Uri, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    pos,
    trigger,
  );
  return list?.items ?? [];
}

const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
const insert = (i: vscode.CompletionItem): string =>
  i.insertText instanceof vscode.SnippetString ? i.insertText.value : (i.insertText ?? label(i));

/** The hints per line (one per line; joined with a space if there were more). */
async function hints(uri: vscode.Uri, doc: vscode.TextDocument): Promise<Array<[number, string]>> {
  const got = await vscode.commands.executeCommand<vscode.InlayHint[]>(
    'vscode.executeInlayHintProvider',
    uri,
    new vscode.Range(0, 0, doc.lineCount, 0),
  );
  const byLine = new Map<number, string[]>();
  for (const h of got ?? []) {
    const text = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    byLine.set(h.position.line, [...(byLine.get(h.position.line) ?? []), text]);
  }
  return [...byLine].map(([line, parts]) => [line, parts.join(' ')]);
}

describe('hover', () => {
  const scratch = new Scratch('hover');
  after(() => scratch.cleanup());

  it('on spark.executor.memory: description, default, range, source and the derived sizes in bytes and units', async () => {
    const uri = await scratch.write(
      'spark-defaults.conf',
      'spark.executor.memory            4g\nspark.memory.fraction 0.6\n',
    );
    await open(uri);
    const text = await hoverAt(uri, new vscode.Position(0, 8));
    assert.match(text, /\*\*spark\.executor\.memory\*\*/);
    assert.match(text, /Heap of each executor JVM/);
    assert.match(text, /Default \(Spark 3\.5\.0\): `1g`/);
    assert.match(text, /Valid: ≥ 471,859,200 bytes \(450\.00 MiB\)/);
    assert.match(text, /Source: EXECUTOR\\_MEMORY in core\/src\/main\/.*package.scala \(Spark 2.4.4, line 96/);
    assert.match(text, /Unified region \(usable × 0\.6\) \| 2\.22 GiB \(2,388,236,697 bytes\)/);
    assert.match(text, /User memory \(usable − unified\) \| 1\.48 GiB \(1,592,157,799 bytes\)/);
    assert.match(text, /YARN container request \| 4,505 MiB/);
  });

  it('on a fraction value: the sizes it produces', async () => {
    const uri = await scratch.write(
      'fraction/spark-defaults.conf',
      'spark.executor.memory 4g\nspark.memory.fraction 0.75\n',
    );
    await open(uri);
    const text = await hoverAt(uri, new vscode.Position(1, 23));
    assert.match(text, /Default \(Spark 3\.5\.0\): `0\.6`/);
    assert.match(text, /Unified region \(usable × 0\.75\) \| 2\.78 GiB \(2,985,295,872 bytes\)/);
  });

  it('on a SnappyData member: the heap, reserved, unified and off-heap of that member', async () => {
    const uri = sample('conf', 'servers');
    await open(uri);
    const text = await hoverAt(uri, new vscode.Position(1, 10));
    assert.match(text, /\*\*-heap-size\*\*/);
    assert.match(text, /\*\*node-a: server 1, SnappyData 1\.3\*\*/);
    assert.match(text, /Heap \(-Xmx8g, set\) \| 8\.00 GiB \(8,589,934,592 bytes\)/);
    assert.match(text, /Reserved memory \(above critical\) \| 409\.60 MiB/);
    assert.match(text, /Unified region \(usable × 0\.85, from the lead\) \| 6\.46 GiB/);
    assert.match(text, /Off-heap \(memory-size, set\) \| 16\.00 GiB/);
  });

  it('nothing on a comment line', async () => {
    const uri = sample('spark-defaults.conf');
    await open(uri);
    assert.strictEqual(await hoverAt(uri, new vscode.Position(0, 5)), '');
  });
});

describe('completion', () => {
  const scratch = new Scratch('completion');
  after(() => scratch.cleanup());
  let restore: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await restore?.();
    restore = undefined;
  });

  it('offers catalog keys in spark-defaults.conf as a `key default` snippet', async () => {
    const uri = await scratch.write('spark-defaults.conf', 'spark.memory.f\n');
    await open(uri);
    const items = await completions(uri, new vscode.Position(0, 14));
    const fraction = items.find((i) => label(i) === 'spark.memory.fraction');
    assert.ok(fraction, `spark.memory.fraction among ${items.length} items`);
    assert.strictEqual(insert(fraction), 'spark.memory.fraction ${1:0.6}');
    assert.strictEqual(fraction.kind, vscode.CompletionItemKind.Property);
    assert.deepStrictEqual((fraction.range as vscode.Range).start, new vscode.Position(0, 0));
  });

  it('leaves out keys the chosen version does not read', async () => {
    const uri = await scratch.write('version/spark-defaults.conf', 'spark.memory.u\n');
    await open(uri);
    assert.ok(
      !(await completions(uri, new vscode.Position(0, 14))).some((i) => label(i) === 'spark.memory.useLegacyMode'),
    );
    restore = await setSetting('sparkVersion', '2.4');
    await waitFor(
      async () =>
        (await completions(uri, new vscode.Position(0, 14))).some((i) => label(i) === 'spark.memory.useLegacyMode'),
      'spark.memory.useLegacyMode in Spark 2.4',
    );
  });

  it('offers size units after a number, with gb marked as refused by -Xmx for the driver', async () => {
    const uri = await scratch.write('units/spark-defaults.conf', 'spark.driver.memory 2\nspark.submit.deployMode \n');
    await open(uri);
    const items = await completions(uri, new vscode.Position(0, 21));
    assert.deepStrictEqual(items.map(label).sort(), ['g', 'gb', 'k', 'kb', 'm', 'mb', 't', 'tb']);
    const gb = items.find((i) => label(i) === 'gb')!;
    assert.strictEqual(gb.detail, 'same as g: accepted by Spark but not by -Xmx');
    assert.deepStrictEqual(gb.tags, [vscode.CompletionItemTag.Deprecated]);
    assert.deepStrictEqual((await completions(uri, new vscode.Position(1, 24))).map(label), ['client', 'cluster']);
  });

  it('offers -key= options on a SnappyData member line, including -spark.* ones', async () => {
    const uri = await scratch.write('conf/servers', 'node-a -he\nnode-b -spark.memory.fr\n');
    await open(uri);
    const items = await completions(uri, new vscode.Position(0, 10));
    assert.strictEqual(insert(items.find((i) => label(i) === '-heap-size')!), '-heap-size=$1');
    const spark = (await completions(uri, new vscode.Position(1, 23))).find(
      (i) => label(i) === '-spark.memory.fraction',
    );
    assert.ok(spark);
    assert.strictEqual(insert(spark), '-spark.memory.fraction=${1:0.85}');
  });

  it('offers the quoted key under sparkConf in a SparkApplication', async () => {
    const uri = await scratch.write(
      'app.yaml',
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  sparkConf:\n    spark.memory.st\n',
    );
    await open(uri);
    const item = (await completions(uri, new vscode.Position(4, 19))).find(
      (i) => label(i) === 'spark.memory.storageFraction',
    );
    assert.ok(item);
    assert.strictEqual(insert(item), '"spark.memory.storageFraction": "${1:0.5}"');
  });
});

describe('inlay hints', () => {
  const scratch = new Scratch('hints');
  after(() => scratch.cleanup());

  it('show unified, storage and user memory beside spark.executor.memory, and follow sparkMemory.inlayHints.enabled', async () => {
    const uri = await scratch.write(
      'spark-defaults.conf',
      'spark.master yarn\nspark.executor.memory 4g\nspark.memory.storageFraction 0.5\n',
    );
    const doc = await open(uri);
    assert.deepStrictEqual(await hints(uri, doc), [
      [1, '⟶ unified 2.22 GiB · storage 1.11 GiB · user 1.48 GiB'],
      [2, '⟶ storage 1.11 GiB · execution 1.11 GiB'],
    ]);
    const restore = await setSetting('inlayHints.enabled', false);
    try {
      await waitFor(async () => (await hints(uri, doc)).length === 0, 'no hints once disabled');
    } finally {
      await restore();
    }
  });

  it('show heap, reserved, unified, max storage and off-heap for each SnappyData member', async () => {
    const uri = sample('conf', 'servers');
    const doc = await open(uri);
    const got = await hints(uri, doc);
    assert.deepStrictEqual(got[0], [
      1,
      '⟶ heap 8.00 GiB · reserved 409.60 MiB · unified 6.46 GiB · max storage 5.52 GiB · off-heap 16.00 GiB',
    ]);
    assert.deepStrictEqual(got[1], [2, '⟶ does not start']);
  });
});

describe('outline', () => {
  const symbols = async (uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> => {
    await open(uri);
    return (
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? []
    );
  };

  it('groups spark-defaults.conf settings by prefix', async () => {
    const s = await symbols(sample('spark-defaults.conf'));
    const memory = s.find((x) => x.name === 'spark.memory.*');
    assert.ok(memory, JSON.stringify(s.map((x) => x.name)));
    assert.deepStrictEqual(
      memory.children.map((c) => [c.name, c.detail]),
      [
        ['spark.memory.fraction', '1.2'],
        ['spark.memory.storageFraction', '0.5'],
        ['spark.memory.offHeap.enabled', 'true'],
        ['spark.memory.offHeap.size', '1536m'],
      ],
    );
    assert.strictEqual(memory.kind, vscode.SymbolKind.Namespace);
    assert.strictEqual(memory.children[0]!.selectionRange.start.line, 12);
  });

  it('has one symbol per SnappyData member with its options as children', async () => {
    const s = await symbols(sample('conf', 'servers'));
    assert.deepStrictEqual(
      s.map((x) => x.name),
      ['node-a (server)', 'node-b (server)', 'node-c\t-heap-size=4g (server)', 'node-d (server)'],
    );
    assert.deepStrictEqual(
      s[0]!.children.map((c) => c.name),
      ['-heap-size', '-memory-size', '-critical-heap-percentage', '-eviction-heap-percentage', '-dir'],
    );
    assert.deepStrictEqual([s[3]!.range.start.line, s[3]!.range.end.line], [4, 5]);
  });

  it('has sparkConf, driver and executor for a SparkApplication', async () => {
    const s = await symbols(sample('k8s', 'spark-pi.yaml'));
    assert.deepStrictEqual(
      s.map((x) => [x.name, x.children.length]),
      [
        ['sparkConf', 3],
        ['driver', 3],
        ['executor', 4],
      ],
    );
  });
});

describe('language status and version', () => {
  const scratch = new Scratch('status');
  after(() => scratch.cleanup());

  const status = (): Thenable<{ text: string } | undefined> =>
    vscode.commands.executeCommand('sparkMemory.internal.versionStatus');

  it('says which flavour and version applies, and follows the setting', async () => {
    await open(sample('spark-defaults.conf'));
    assert.strictEqual((await status())?.text, 'Spark 3.5 (default)');
    await open(sample('k8s', 'spark-pi.yaml'));
    assert.strictEqual((await status())?.text, 'Spark 3.5.0 (from spec.sparkVersion)');
    await open(sample('conf', 'servers'));
    assert.strictEqual((await status())?.text, 'SnappyData 1.3 (Spark 2.1 fork)');
    const uri = await scratch.write(
      'app.yaml',
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  sparkVersion: "3.5.1"\n',
    );
    await open(uri);
    assert.strictEqual((await status())?.text, 'Spark 3.5.1 (from spec.sparkVersion)');
    await vscode.commands.executeCommand('sparkMemory.chooseSparkVersion', '3.3');
    try {
      await waitFor(async () => (await status())?.text === 'Spark 3.3 (setting)', 'the status to follow the setting');
    } finally {
      await vscode.commands.executeCommand('sparkMemory.chooseSparkVersion', 'auto');
    }
    assert.strictEqual((await status())?.text, 'Spark 3.5.1 (from spec.sparkVersion)');
    // Auto removes the setting and does not leave an empty `{}` settings file behind.
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder !== undefined) {
      const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
      const left = await vscode.workspace.fs.readFile(file).then(
        (b) => new TextDecoder().decode(b),
        () => undefined,
      );
      assert.ok(left === undefined || !/^\s*\{\s*\}\s*$/.test(left), `settings.json left as ${JSON.stringify(left)}`);
    }
  });

  it('has nothing to say with no config file active, and refuses a version it does not model', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'no editor');
    assert.strictEqual(await status(), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.chooseSparkVersion', '1.6'), undefined);
  });

  it('every command answers with no config file active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.fixAll'), 0);
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.removeByteOrderMark'), false);
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.showDocumentKind'), undefined);
    // Diagnostics on a file keep working afterwards.
    await open(sample('conf', 'servers'));
    await diagnosticsWhen(sample('conf', 'servers'), (ds) => ds.length > 0, 'servers diagnostics');
  });
});
