// Bad input must not break the extension or stall the host: a 100,000-line file, a 1 MB line, and
// binary garbage opened as spark-defaults.conf produce no exception, and the host keeps answering.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Scratch, codeOf, diagnosticsWhen, open, ours } from './helpers';

/** The host answers a command of ours and a built-in provider while it still has the big file. */
async function hostAnswers(): Promise<void> {
  const t0 = Date.now();
  const kind = await vscode.commands.executeCommand('sparkMemory.showDocumentKind');
  assert.ok(kind !== null);
  const small = vscode.workspace.workspaceFolders![0]!.uri;
  await vscode.commands.executeCommand(
    'vscode.executeDocumentSymbolProvider',
    vscode.Uri.joinPath(small, 'spark-defaults.conf'),
  );
  // Not a timing assertion: only that both calls came back.
  assert.ok(Date.now() >= t0);
}

async function providersSurvive(uri: vscode.Uri, pos: vscode.Position): Promise<void> {
  await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
  await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos);
  await vscode.commands.executeCommand('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, 50, 0));
  await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(pos, pos));
}

describe('bad input', function () {
  this.timeout(120000);
  const scratch = new Scratch('bad-input');
  after(() => scratch.cleanup());

  it('a 100,000-line spark-defaults.conf gets one information diagnostic and no work', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++)
      lines.push(i % 10 === 0 ? `# section ${i}` : `spark.app.setting${i}   value-${i}`);
    lines[5] = 'spark.driver.memory 2gb';
    const uri = await scratch.write('huge/spark-defaults.conf', `${lines.join('\n')}\n`);
    await open(uri);
    const [d] = await diagnosticsWhen(uri, (ds) => ds.length > 0, 'the too-large diagnostic', 60000);
    assert.strictEqual(codeOf(d!), 'FILE-TOO-LARGE');
    assert.strictEqual(d!.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d!.message, /does not check this file: it has [\d,]+ characters/);
    assert.strictEqual(ours(uri).length, 1);
    await providersSurvive(uri, new vscode.Position(5, 21));
    await hostAnswers();
  });

  it('a 10,000-line spark-defaults.conf is linted', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(`spark.app.setting${i}                 value-of-setting-${i}`);
    lines[9_000] = 'spark.driver.memory 2gb';
    const uri = await scratch.write('tenk/spark-defaults.conf', `${lines.join('\n')}\n`);
    await open(uri);
    const ds = await diagnosticsWhen(
      uri,
      (xs) => xs.some((x) => codeOf(x) === 'SIZE-JVM-SUFFIX'),
      'SIZE-JVM-SUFFIX on line 9000',
      60000,
    );
    assert.strictEqual(ds.find((x) => codeOf(x) === 'SIZE-JVM-SUFFIX')!.range.start.line, 9000);
    await providersSurvive(uri, new vscode.Position(9000, 21));
  });

  it('a 1 MB single line neither throws nor stalls', async () => {
    const uri = await scratch.write(
      'line/spark-defaults.conf',
      `spark.executor.extraJavaOptions ${'-XX:+UseG1GC '.repeat(80_000)}\nspark.driver.memory 2gb\n`,
    );
    await open(uri);
    await diagnosticsWhen(
      uri,
      (xs) => xs.some((x) => codeOf(x) === 'SIZE-JVM-SUFFIX'),
      'the finding on the line after the long one',
      60000,
    );
    await providersSurvive(uri, new vscode.Position(0, 500_000));
    await hostAnswers();
  });

  it('binary garbage opened as spark-defaults.conf, conf/servers and a SparkApplication', async () => {
    // Deterministic bytes (no NUL, so VS Code opens them as text), including invalid UTF-8 and lone surrogates' encodings.
    const bytes = new Uint8Array(256 * 1024);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = ((x >> 16) % 255) + 1;
    }
    for (const [rel, size] of [
      ['garbage/spark-defaults.conf', bytes.length],
      ['garbage/conf/servers', 64 * 1024],
    ] as const) {
      const uri = await scratch.write(rel, bytes.subarray(0, size));
      await open(uri);
      await diagnosticsWhen(uri, () => true, 'a lint run', 60000);
      await providersSurvive(uri, new vscode.Position(3, 10));
    }
    const yaml = await scratch.write(
      'garbage/app.yaml',
      new Uint8Array([
        ...new TextEncoder().encode('apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec: {\n'),
        ...bytes,
      ]),
    );
    await open(yaml);
    await providersSurvive(yaml, new vscode.Position(2, 3));
    // With NUL bytes VS Code will not open the file; the workspace lint still reads it from disk.
    const nul = new Uint8Array(bytes);
    for (let i = 0; i < nul.length; i += 97) nul[i] = 0;
    const withNul = await scratch.write('garbage-nul/spark-defaults.conf', nul);
    const result = await vscode.commands.executeCommand<{ files: string[] }>('sparkMemory.lintWorkspace');
    assert.ok(result?.files.includes(withNul.toString()));
    await hostAnswers();
  });
});
