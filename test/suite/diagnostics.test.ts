// Diagnostics in the real extension host: the samples' deliberate problems with exact ranges, codes
// linking to the rule pages, related locations (also into the leads file), tags, the byte-order
// mark on disk, the workspace lint of files nobody opened, and the settings that change findings.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  Scratch,
  codeOf,
  describeDiagnostic,
  diagnosticsWhen,
  expectDiagnostics,
  open,
  ours,
  sample,
  setSetting,
  waitFor,
} from './helpers';

const SAMPLE_SPARK_DEFAULTS = [
  '9:0-9:20 warning PROPS-DUP',
  '10:33-10:37 error SIZE-UNITLESS-HEAP',
  '12:33-12:36 error FRACTION-RANGE',
  '18:33-18:36 error SIZE-JVM-SUFFIX',
  '19:33-19:58 warning PROPS-INLINE-COMMENT',
  '21:33-21:37 warning SIZE-TRUNCATE',
];

const SAMPLE_SERVERS = [
  '1:18-1:20 info SNAPPY-DOCS-DEFAULTS',
  '2:18-2:19 error SNAPPY-EQ-SPACE',
  '3:6-3:20 error SNAPPY-TAB',
  '4:9-4:15 info SNAPPY-DOCS-DEFAULTS',
  '4:16-4:30 warning SNAPPY-JAVA8',
  '5:3-5:39 info SNAPPY-SPARK-ON-SERVER',
];

describe('diagnostics', () => {
  const scratch = new Scratch('diagnostics');
  after(() => scratch.cleanup());

  it('shows the sample spark-defaults.conf problems with exact ranges, source and linked codes', async () => {
    const uri = sample('spark-defaults.conf');
    await open(uri);
    const ds = await expectDiagnostics(uri, SAMPLE_SPARK_DEFAULTS);
    for (const d of ds) {
      assert.strictEqual(d.source, 'spark-memory');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, `${code.value} has a target`);
      assert.ok(code.target.path.endsWith(`/docs/rules/${code.value}.md`), code.target.toString());
      await vscode.workspace.fs.stat(code.target); // the page exists in the extension
    }
    const jvm = ds.find((d) => codeOf(d) === 'SIZE-JVM-SUFFIX')!;
    assert.match(jvm.message, /Invalid maximum heap size: -Xmx2gb/);
    const dup = ds.find((d) => codeOf(d) === 'PROPS-DUP')!;
    assert.deepStrictEqual(dup.tags, [vscode.DiagnosticTag.Unnecessary]);
    assert.strictEqual(dup.relatedInformation?.length, 1);
    assert.strictEqual(dup.relatedInformation[0]!.location.uri.toString(), uri.toString());
    assert.strictEqual(dup.relatedInformation[0]!.location.range.start.line, 30);
  });

  it('shows the SnappyData, SparkApplication and clean samples as they are', async () => {
    const servers = sample('conf', 'servers');
    await open(servers);
    await expectDiagnostics(servers, SAMPLE_SERVERS);
    const leads = sample('conf', 'leads');
    await open(leads);
    await expectDiagnostics(leads, ['1:21-1:23 info SNAPPY-HEAP-GUIDANCE']);
    const locators = sample('conf', 'locators');
    await open(locators);
    const clean = sample('clean', 'spark-defaults.conf');
    await open(clean);
    const yaml = sample('k8s', 'spark-pi.yaml');
    await open(yaml);
    const [k8s] = await expectDiagnostics(yaml, ['30:12-30:19 error SIZE-K8S-QUANTITY']);
    assert.match(k8s!.message, /Write 512m/);
    // Nothing for the clean files (opened, so linted, before the YAML).
    assert.deepStrictEqual(ours(locators), []);
    assert.deepStrictEqual(ours(clean), []);
  });

  it('relints a servers file when the leads file beside it changes, in the editor or on disk, and relates findings to the lead line', async function () {
    // The file watcher alone may take most of a minute to report a change on a loaded machine.
    this.timeout(90000);
    const servers = await scratch.copy('conf/servers', 'snappy/conf/servers');
    const leadsUri = await scratch.copy('conf/leads', 'snappy/conf/leads');
    await open(servers);
    const [before] = await diagnosticsWhen(
      servers,
      (ds) => ds.some((d) => codeOf(d) === 'SNAPPY-SPARK-ON-SERVER'),
      'SNAPPY-SPARK-ON-SERVER',
    ).then((ds) => ds.filter((d) => codeOf(d) === 'SNAPPY-SPARK-ON-SERVER'));
    assert.match(before!.message, /reaches this server's executor only because the lead line does not set it/);

    // An unsaved edit in the leads editor: the lead now sets the same value.
    const leads = await open(leadsUri);
    const line = leads.lineAt(1);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(leadsUri, line.range.end, ' -spark.memory.storageMaxFraction=0.9');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await diagnosticsWhen(
      servers,
      (xs) => xs.some((d) => codeOf(d) === 'SNAPPY-SPARK-ON-SERVER' && /also set on the lead line/.test(d.message)),
      'the finding to follow the edited lead line',
    );
    const redundant = ds.find((d) => codeOf(d) === 'SNAPPY-SPARK-ON-SERVER')!;
    assert.match(redundant.message, /\(scratch-diagnostics\/snappy\/conf\/leads line 2\)/);
    assert.deepStrictEqual(redundant.tags, [vscode.DiagnosticTag.Unnecessary]);
    const rel = redundant.relatedInformation?.[0];
    assert.ok(rel, 'a related location in the leads file');
    assert.strictEqual(rel.location.uri.toString(), leadsUri.toString());
    const col = line.text.length + 1;
    assert.deepStrictEqual(
      [rel.location.range.start.line, rel.location.range.start.character, rel.location.range.end.character],
      [1, col, col + '-spark.memory.storageMaxFraction=0.9'.length],
    );

    // Closing the leads editor without saving: the servers file reads the leads file from disk again.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await diagnosticsWhen(
      servers,
      (xs) =>
        xs.some(
          (d) => codeOf(d) === 'SNAPPY-SPARK-ON-SERVER' && /only because the lead line does not set it/.test(d.message),
        ),
      'the finding to follow the leads file on disk',
    );

    // The leads file changes on disk.
    const text = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(leadsUri))
      .replace('-spark.ui.port=5050', '-spark.ui.port=5050 -spark.memory.storageMaxFraction=0.8');
    await vscode.workspace.fs.writeFile(leadsUri, new TextEncoder().encode(text));
    await diagnosticsWhen(
      servers,
      (xs) => xs.some((d) => /the lead's 0\.8 wins/.test(d.message)),
      'the finding to follow the leads file changed on disk',
      45000,
    );
  });

  it('reads a byte-order mark from disk and keeps ranges right on every line', async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('spark.executor.memory 4g\nspark.driver.memory 2gb\n'),
    ]);
    const uri = await scratch.write('bom/spark-defaults.conf', bytes);
    const doc = await open(uri);
    assert.strictEqual(doc.getText().charCodeAt(0), 's'.charCodeAt(0), 'VS Code strips the BOM from the document');
    const ds = await expectDiagnostics(uri, ['0:0-0:0 error PROPS-BOM', '1:20-1:23 error SIZE-JVM-SUFFIX']);
    assert.match(ds[0]!.message, /spark\.executor\.memory becomes "\\uFEFFspark\.executor\.memory"/);
  });

  it('lints files nobody opened on "Lint Workspace", finds SparkApplication YAML by content, and keeps the results when a file is closed', async () => {
    const conf = await scratch.write(
      'ws/conf/spark-defaults.conf',
      'spark.driver.memory 2gb\nspark.memory.fraction 1.5\n',
    );
    const app = await scratch.write(
      'ws/apps/nightly.yml',
      'apiVersion: "sparkoperator.k8s.io/v1beta2"\nkind: SparkApplication\nspec:\n  executor:\n    memory: "2Gi"\n',
    );
    const other = await scratch.write('ws/apps/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n');
    const template = await scratch.write('ws/conf/servers.template', 'node-a -heap-size = 4g\n');
    assert.deepStrictEqual(ours(conf), []);
    const result = await vscode.commands.executeCommand<{ files: string[]; problems: number }>(
      'sparkMemory.lintWorkspace',
    );
    assert.ok(result, 'the command returns its result');
    for (const uri of [conf, app, template]) assert.ok(result.files.includes(uri.toString()), `found ${uri.path}`);
    assert.ok(!result.files.includes(other.toString()), 'an ordinary YAML is not a config file');
    assert.ok(result.files.includes(sample('spark-defaults.conf').toString()));
    assert.deepStrictEqual(ours(conf).map(describeDiagnostic), [
      '0:20-0:23 error SIZE-JVM-SUFFIX',
      '1:22-1:25 error FRACTION-RANGE',
    ]);
    assert.deepStrictEqual(ours(app).map(describeDiagnostic), ['4:12-4:17 error SIZE-K8S-QUANTITY']);
    assert.deepStrictEqual(
      ours(template).map((d) => codeOf(d)),
      ['SNAPPY-EQ-SPACE'],
    );
    assert.ok(result.problems >= 4 + SAMPLE_SPARK_DEFAULTS.length);

    // Open, change without saving, close: the results of the file on disk come back.
    const doc = await open(conf);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(conf, doc.lineAt(0).range, 'spark.driver.memory 2g');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await expectDiagnostics(conf, ['1:22-1:25 error FRACTION-RANGE']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await expectDiagnostics(conf, ['0:20-0:23 error SIZE-JVM-SUFFIX', '1:22-1:25 error FRACTION-RANGE']);
  });

  describe('settings', () => {
    let restore: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const r of restore.reverse()) await r();
      restore = [];
    });

    it('sparkMemory.rules turns a rule off or changes its severity', async () => {
      const uri = sample('spark-defaults.conf');
      await open(uri);
      await expectDiagnostics(uri, SAMPLE_SPARK_DEFAULTS);
      restore.push(
        await setSetting('rules', { 'SIZE-JVM-SUFFIX': 'off', 'PROPS-DUP': 'error', 'SIZE-TRUNCATE': 'hint' }),
      );
      await expectDiagnostics(uri, [
        '9:0-9:20 error PROPS-DUP',
        '10:33-10:37 error SIZE-UNITLESS-HEAP',
        '12:33-12:36 error FRACTION-RANGE',
        '19:33-19:58 warning PROPS-INLINE-COMMENT',
        '21:33-21:37 hint SIZE-TRUNCATE',
      ]);
      await restore.pop()!();
      await expectDiagnostics(uri, SAMPLE_SPARK_DEFAULTS);
    });

    it('sparkMemory.sparkVersion changes a version-dependent finding (storageFraction 1.0: fine in 2.4, an error in 3.5)', async () => {
      const uri = await scratch.write('version/spark-defaults.conf', 'spark.memory.storageFraction 1.0\n');
      await open(uri);
      const [err] = await expectDiagnostics(uri, ['0:29-0:32 error FRACTION-RANGE']);
      assert.match(err!.message, /Storage fraction must be in \[0,1\)/);
      restore.push(await setSetting('sparkVersion', '2.4'));
      await diagnosticsWhen(
        uri,
        (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'FRACTION-RANGE'),
        'FRACTION-RANGE to go in Spark 2.4',
      );
      // The command sets the same setting (and "auto" removes it).
      assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.chooseSparkVersion', 'auto'), 'auto');
      assert.strictEqual(
        vscode.workspace.getConfiguration('sparkMemory').inspect('sparkVersion')?.workspaceValue,
        undefined,
      );
      await expectDiagnostics(uri, ['0:29-0:32 error FRACTION-RANGE']);
      assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.chooseSparkVersion', '2.4'), '2.4');
      await diagnosticsWhen(uri, (ds) => !ds.some((d) => codeOf(d) === 'FRACTION-RANGE'), 'FRACTION-RANGE to go again');
    });

    it('sparkMemory.containerLimitMiB reports an executor container above the limit', async () => {
      const uri = await scratch.write('limit/spark-defaults.conf', 'spark.executor.memory 4g\n');
      await open(uri);
      await expectDiagnostics(uri, []);
      restore.push(await setSetting('containerLimitMiB', 2048));
      const [d] = await expectDiagnostics(uri, ['0:22-0:24 error CONTAINER-BUDGET']);
      assert.match(d!.message, /4505 MiB/);
    });
  });

  it('a file that stops being a SparkApplication loses its diagnostics', async () => {
    const uri = await scratch.write(
      'yaml/app.yaml',
      'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  driver:\n    memory: "1Gi"\n',
    );
    const doc = await open(uri);
    await expectDiagnostics(uri, ['4:12-4:17 error SIZE-K8S-QUANTITY']);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(1).range, 'kind: Deployment');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(uri).length === 0, 'the diagnostics to go');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
