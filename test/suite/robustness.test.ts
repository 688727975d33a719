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

  it('Fix all of 80,000 duplicate lines (2 MB) is built in slices, handed over when resolved, and applies', async function () {
    this.timeout(600000);
    // 25 characters × 80,000 = 2,000,000: the largest spark-defaults.conf the editor analyses (limits.ts).
    const uri = await scratch.write('fixall-2mb/spark-defaults.conf', 'spark.executor.memory 1g\n'.repeat(80_000));
    // Figures for the issue note (printed, never asserted): the longest the host went without running
    // a timer while the file was opened, linted and its Fix all built, and the time to the resolved edit.
    let longest = 0;
    let last = Date.now();
    let ticking = true;
    const tick = (): void => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const t0 = Date.now();
    const doc = await open(uri);
    await diagnosticsWhen(uri, (xs) => xs.length >= 79_999, '79,999 PROPS-DUP findings', 300000);
    const linted = Date.now() - t0;
    const lintLongest = longest;
    longest = 0;
    const resolved = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.sparkMemory',
      1,
    );
    const fixed = Date.now() - t0;
    ticking = false;
    const action = resolved.find((a) => a.kind?.value === 'source.fixAll.sparkMemory');
    assert.ok(action?.edit, 'the resolved Fix all has its edit');
    // A cursor move once it is built: the quick-fix menu offers it with its count, and without the
    // edit, which only crosses to the editor when the action is chosen (resolved).
    const t1 = Date.now();
    const bulb = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(40_000, 3, 40_000, 3),
    );
    const bulbMs = Date.now() - t1;
    assert.ok(
      bulb.some((a) => a.title === 'Fix all Spark Memory problems (79999)' && a.edit === undefined),
      JSON.stringify(bulb.map((a) => a.title)),
    );
    console.log(
      `      [figures] 2 MB, 80,000 duplicate lines: diagnostics after ${linted} ms (longest host turn ${lintLongest} ms), ` +
        `resolved Fix all after ${fixed} ms (longest host turn since the diagnostics ${longest} ms); a lightbulb then ${bulbMs} ms`,
    );
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.strictEqual(doc.getText(), 'spark.executor.memory 1g\n');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
