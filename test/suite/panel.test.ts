// The simulation panel's host side in a real VS Code: the commands from the palette with and
// without a config, the page's CSP and resource roots, the config message (with diagnostics and
// the leads file), validation of what the page sends, Apply as one undoable edit (and its
// refusals), Export, Reveal and the serializer that restores the panel after a reload. The page
// itself is another suite's business: here the tests speak for it through handleMessage.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SparkMemoryApi } from '../../src/extension/extension';
import type { ConfigPayload, HostMessage } from '../../src/shared/protocol';
import { scenarioTemplate } from '../../src/core/workload';
import { EXTENSION_ID, Scratch, codeOf, diagnosticsWhen, open, ours, sample, waitFor } from './helpers';

const VIEW_TYPE = 'sparkMemory.simulation';
const COMMANDS = [
  'sparkMemory.openSimulation',
  'sparkMemory.runScenario',
  'sparkMemory.newScenarioFile',
  'sparkMemory.exportReport',
];

let api: SparkMemoryApi;

function handle(): NonNullable<ReturnType<SparkMemoryApi['simulationPanel']>> {
  const h = api.simulationPanel();
  assert.ok(h, 'the simulation panel is open');
  return h;
}

function configs(): ConfigPayload[] {
  return handle()
    .lastPosted()
    .flatMap((m) => (m.type === 'config' ? [m.config] : []));
}

/** The newest config message for `uri` that satisfies `ok`. */
function configWhen(uri: vscode.Uri, ok: (c: ConfigPayload) => boolean, what: string): Promise<ConfigPayload> {
  return waitFor(
    () =>
      configs()
        .reverse()
        .find((c) => c.uri === uri.toString() && ok(c)),
    what,
    20000,
  );
}

function postedWhen<T extends HostMessage['type']>(
  type: T,
  ok: (m: Extract<HostMessage, { type: T }>) => boolean = () => true,
): Promise<Extract<HostMessage, { type: T }>> {
  return waitFor(
    () =>
      handle()
        .lastPosted()
        .find(
          (m): m is Extract<HostMessage, { type: T }> => m.type === type && ok(m as Extract<HostMessage, { type: T }>),
        ),
    `a ${type} message`,
    20000,
  );
}

async function closePanel(): Promise<void> {
  const h = api.simulationPanel();
  if (h === undefined) return;
  h.panel.dispose();
  await waitFor(() => api.simulationPanel() === undefined, 'the panel to close');
}

/** Runs a palette command that shows a quick pick, and dismisses the pick as a user would. */
async function dismissPick(command: string): Promise<unknown> {
  const running = vscode.commands.executeCommand(command);
  await new Promise((r) => setTimeout(r, 700));
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return running;
}

function applyMessage(
  c: ConfigPayload,
  changes: Array<{ key: string; value: string }>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'apply', uri: c.uri, version: c.version, changes, ...extra };
}

describe('simulation panel', function () {
  // Several waits on the linter and the page on a machine that may be busy.
  this.timeout(60000);
  const scratch = new Scratch('panel');

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = (await ext.activate()) as SparkMemoryApi;
    assert.ok(typeof api?.simulationPanel === 'function', 'activate returns the test hooks');
  });
  afterEach(async () => {
    api.setSaveTarget(undefined);
    await closePanel();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => scratch.cleanup());

  it('contributes its commands in the Spark Memory category, registered, with a CodeLens on config files', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      activationEvents: string[];
      contributes: {
        commands: Array<{ command: string; category: string; title: string }>;
        menus: Record<string, Array<{ command: string; when?: string }>>;
      };
    };
    const registered = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) {
      const c = pkg.contributes.commands.find((x) => x.command === id);
      assert.ok(c, `${id} is contributed`);
      assert.strictEqual(c.category, 'Spark Memory');
      assert.ok(registered.includes(id), `${id} is registered`);
    }
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:sparkMemory.simulation'));
    assert.ok(
      pkg.contributes.menus['editor/title']?.some(
        (m) => m.command === 'sparkMemory.openSimulation' && /spark-application/.test(m.when ?? ''),
      ),
    );

    const uri = sample('spark-defaults.conf');
    await open(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = (lenses ?? []).filter((l) => l.command?.command === 'sparkMemory.openSimulation');
    assert.deepStrictEqual(
      lens.map((l) => [l.range.start.line, l.command?.title, String(l.command?.arguments?.[0])]),
      [[0, '$(graph) Open Simulation', uri.toString()]],
    );
  });

  it('Open Simulation without a config opens the panel with a message; its page has the CSP and resource roots', async () => {
    const before = api.notices().length;
    const r = await vscode.commands.executeCommand<{ uri?: string; message?: string }>('sparkMemory.openSimulation');
    assert.ok(r?.message !== undefined && r.uri === undefined, JSON.stringify(r));
    assert.ok(
      api
        .notices()
        .slice(before)
        .some((n) => /open a spark-defaults\.conf/i.test(n)),
      JSON.stringify(api.notices()),
    );
    const h = handle();
    assert.strictEqual(h.panel.viewType, VIEW_TYPE);
    assert.strictEqual(h.panel.title, 'Spark Memory Simulation');
    const html = h.panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, html);
    const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const src = h.panel.webview.cspSource;
    assert.strictEqual(
      csp,
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${src} 'nonce-${nonce}'; img-src ${src} data: blob:; font-src ${src}`,
    );
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="[^"]+/dist/webview\\.js"></script>`));
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/webview\.css"/);
    assert.match(html, /<main id="app"><\/main>/, 'the page announces its status line only, not the whole panel');
    assert.strictEqual(h.panel.webview.options.enableScripts, true);
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/media\/style\.css"/);
    const rootUris = h.panel.webview.options.localResourceRoots ?? [];
    assert.deepStrictEqual(
      rootUris.map((u) => u.path.split('/').slice(-1)[0]),
      ['dist', 'media'],
    );
    // Each root is a folder the extension ships, and each file the page links lies in one.
    for (const u of rootUris) assert.strictEqual((await vscode.workspace.fs.stat(u)).type, vscode.FileType.Directory);
    for (const file of ['dist/webview.js', 'dist/webview.css', 'media/style.css'])
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(rootUris[0]!, '..', file));
    assert.strictEqual(h.panel.options.retainContextWhenHidden, undefined);

    // Nothing goes to the page before it says it is ready; then the message does.
    assert.deepStrictEqual(
      h.lastPosted().filter((m) => m.type !== 'noConfig'),
      [],
    );
    assert.strictEqual(h.handleMessage({ type: 'ready', protocol: 1 }), true);
    const m = await postedWhen('noConfig');
    assert.match(m.message, /spark-defaults\.conf/);
  });

  it('Run Scenario…, New Scenario File and Export Simulation Report run from the palette without a config', async () => {
    let before = api.notices().length;
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.exportReport'), undefined);
    assert.ok(
      api
        .notices()
        .slice(before)
        .some((n) => /open the simulation first/.test(n)),
      JSON.stringify(api.notices()),
    );

    // Dismissing the quick pick does nothing.
    assert.strictEqual(await dismissPick('sparkMemory.runScenario'), undefined);
    assert.strictEqual(api.simulationPanel(), undefined);

    before = api.notices().length;
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.runScenario', 'iterative-ml'), 'iterative-ml');
    assert.ok(
      api
        .notices()
        .slice(before)
        .some((n) => /runs once a config file is open/.test(n)),
      JSON.stringify(api.notices()),
    );
    handle().handleMessage({ type: 'ready', protocol: 1 });
    await postedWhen('noConfig');
    const run = await postedWhen('runScenario');
    assert.deepStrictEqual(run.scenario, { source: 'preset', id: 'iterative-ml' });
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.runScenario', 'no-such-preset'), undefined);

    // With the panel open but no config in it there is nothing to export yet.
    before = api.notices().length;
    assert.strictEqual(await vscode.commands.executeCommand('sparkMemory.exportReport'), undefined);
    assert.ok(
      api
        .notices()
        .slice(before)
        .some((n) => /has no config yet/.test(n)),
      JSON.stringify(api.notices()),
    );

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('sparkMemory.newScenarioFile');
    assert.ok(doc);
    assert.strictEqual(doc.languageId, 'yaml');
    assert.strictEqual(doc.isUntitled, true);
    assert.strictEqual(doc.getText(), scenarioTemplate(), "the engine's commented template");
    assert.match(doc.getText(), /\nstages:\n/);
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('posts the config of samples/spark-defaults.conf with its diagnostics, and follows the active config (servers with its leads file)', async () => {
    const uri = sample('spark-defaults.conf');
    const doc = await open(uri);
    const diags = await diagnosticsWhen(uri, (ds) => ds.length > 0, 'diagnostics on the sample');
    const r = await vscode.commands.executeCommand<{ uri?: string }>('sparkMemory.openSimulation');
    assert.strictEqual(r?.uri, uri.toString());
    assert.strictEqual(
      vscode.window.activeTextEditor?.document,
      doc,
      'the panel opens beside the editor without taking the focus',
    );
    handle().handleMessage({ type: 'ready', protocol: 1 });
    const sorted = (ds: ReadonlyArray<{ code: string; severity: string; message: string; line: number }>): string =>
      JSON.stringify(
        ds
          .map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line }))
          .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code) || a.message.localeCompare(b.message)),
      );
    const want = sorted(
      ours(uri).map((d) => ({
        code: codeOf(d) ?? '',
        severity: ['error', 'warning', 'info', 'hint'][d.severity]!,
        message: d.message,
        line: d.range.start.line,
      })),
    );
    assert.ok(diags.length > 0);
    const c = await configWhen(
      uri,
      (x) => sorted(x.diagnostics) === want,
      `a config message with the diagnostics ${want}`,
    );
    assert.strictEqual(c.fileName, 'spark-defaults.conf');
    assert.strictEqual(c.kind, 'spark-defaults');
    assert.strictEqual(c.role, undefined);
    assert.strictEqual(c.text, doc.getText());
    assert.strictEqual(c.version, doc.version);
    assert.strictEqual(c.leadsText, undefined);
    assert.ok(
      c.diagnostics.some((d) => d.code === 'SIZE-UNITLESS-HEAP' && d.severity === 'error'),
      JSON.stringify(c.diagnostics),
    );

    // The panel follows the active editor when it is a config; a servers file brings its leads file.
    const servers = sample('conf', 'servers');
    await open(servers);
    const s = await configWhen(servers, () => true, 'the servers config');
    assert.strictEqual(s.fileName, 'conf/servers');
    assert.strictEqual(s.kind, 'snappy-members');
    assert.strictEqual(s.role, 'server');
    assert.strictEqual(
      s.leadsText,
      new TextDecoder().decode(await vscode.workspace.fs.readFile(sample('conf', 'leads'))),
    );
    // ... and its cluster: the servers, leads and locators files of the folder, for the Cluster view.
    const cluster = await postedWhen('cluster', (m) => m.cluster.uri === servers.toString());
    for (const f of ['servers', 'leads', 'locators'] as const)
      assert.strictEqual(
        cluster.cluster[f],
        new TextDecoder().decode(await vscode.workspace.fs.readFile(sample('conf', f))),
        `the ${f} file in the cluster message`,
      );

    // A config left for another editor before the panel's follow delay has passed is still shown (the
    // panel's own tab, clicked at once, used to leave the previous file on screen). The delay is made
    // long here so that the second editor surely comes within it.
    const leads = sample('conf', 'leads');
    api.setFollowDelay(3000);
    try {
      await open(leads);
      await open(sample('README.md'));
    } finally {
      api.setFollowDelay(undefined);
    }
    const l = await configWhen(leads, () => true, 'the leads config, left at once for README.md');
    assert.strictEqual(l.role, 'lead');

    // A file that is not a config leaves the last config shown.
    const posted = handle().lastPosted().length;
    await open(sample('README.md'));
    await new Promise((res) => setTimeout(res, 600));
    // (The leads file, and so its cluster, may still be sent again as its diagnostics arrive; nothing else is.)
    const later = handle().lastPosted().slice(posted);
    assert.ok(
      later.every(
        (m) =>
          (m.type === 'config' && m.config.uri === leads.toString()) ||
          (m.type === 'cluster' && m.cluster.uri === leads.toString()),
      ),
      JSON.stringify(later.map((m) => m.type)),
    );
  });

  it('rejects a bad message without editing; applies a good one as one undoable edit; refuses a stale or unknown one', async () => {
    const original = 'spark.executor.memory   4g\r\n# the pools\r\nspark.memory.fraction   0.75\r\n';
    const uri = await scratch.write('apply/spark-defaults.conf', original);
    const doc = await open(uri);
    await vscode.commands.executeCommand('sparkMemory.openSimulation', uri);
    const h = handle();
    h.handleMessage({ type: 'ready', protocol: 1 });
    const c = await configWhen(uri, () => true, 'the config');
    assert.strictEqual(c.version, doc.version);

    // Bad messages: a value with a line break, an unknown field, an unknown type, not an object.
    assert.strictEqual(
      h.handleMessage(applyMessage(c, [{ key: 'spark.memory.fraction', value: '0.6\nspark.evil true' }])),
      false,
    );
    assert.strictEqual(
      h.handleMessage(applyMessage(c, [{ key: 'spark.memory.fraction', value: '0.6' }], { path: '/etc/passwd' })),
      false,
    );
    assert.strictEqual(h.handleMessage({ type: 'writeFile', uri: c.uri }), false);
    // Only the what-if settings: never a JVM option the page could smuggle in.
    assert.strictEqual(
      h.handleMessage(
        applyMessage(c, [{ key: 'spark.executor.extraJavaOptions', value: '-javaagent:/tmp/agent.jar' }]),
      ),
      false,
    );
    assert.strictEqual(h.handleMessage('apply'), false);
    await new Promise((res) => setTimeout(res, 300));
    assert.strictEqual(doc.getText(), original);
    assert.ok(!h.lastPosted().some((m) => m.type === 'applied'));

    assert.strictEqual(
      h.handleMessage(
        applyMessage(c, [
          { key: 'spark.memory.fraction', value: '0.6' },
          { key: 'spark.memory.storageFraction', value: '0.3' },
          { key: 'spark.executor.memory', value: '8g' },
        ]),
      ),
      true,
    );
    const applied = await postedWhen('applied');
    assert.strictEqual(applied.ok, true, applied.message);
    const expected =
      'spark.executor.memory   8g\r\n# the pools\r\nspark.memory.fraction   0.6\r\nspark.memory.storageFraction 0.3\r\n';
    assert.strictEqual(doc.getText(), expected);
    assert.strictEqual(doc.isDirty, true);

    // The panel is sent the new text.
    const after = await configWhen(uri, (x) => x.version === doc.version, 'the config after the edit');
    assert.strictEqual(after.text, expected);

    // A stale version is refused, with a clear message, and nothing changes.
    const count = h.lastPosted().filter((m) => m.type === 'applied').length;
    assert.strictEqual(h.handleMessage(applyMessage(c, [{ key: 'spark.memory.fraction', value: '0.5' }])), true);
    const stale = await waitFor(
      () => h.lastPosted().filter((m): m is Extract<HostMessage, { type: 'applied' }> => m.type === 'applied')[count],
      'the stale apply answer',
    );
    assert.strictEqual(stale.ok, false);
    assert.match(stale.message, /changed since the simulation read it/);
    // A file the panel did not send is refused.
    assert.strictEqual(
      h.handleMessage({
        ...applyMessage(after, [{ key: 'spark.memory.fraction', value: '0.5' }]),
        uri: sample('clean', 'spark-defaults.conf').toString(),
      }),
      true,
    );
    const unknown = await waitFor(
      () =>
        h.lastPosted().filter((m): m is Extract<HostMessage, { type: 'applied' }> => m.type === 'applied')[count + 1],
      'the unknown-file answer',
    );
    assert.strictEqual(unknown.ok, false);
    assert.match(unknown.message, /not the one the panel shows/);
    // What settingEdits refuses comes back as the reason.
    assert.strictEqual(h.handleMessage(applyMessage(after, [{ key: '-heap-size', value: '4g' }])), true);
    const member = await waitFor(
      () =>
        h.lastPosted().filter((m): m is Extract<HostMessage, { type: 'applied' }> => m.type === 'applied')[count + 2],
      'the member-flag answer',
    );
    assert.strictEqual(member.ok, false);
    assert.match(member.message, /SnappyData member flag/);
    assert.strictEqual(doc.getText(), expected);

    // One undo step restores the file.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === original, 'undo to restore the text');

    // A version the panel never sent is refused, even the document's current one: after an edit the
    // panel sends the new text only after FOLLOW_DELAY_MS, and a page naming that version has not seen it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# edited\r\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const unsent = doc.version;
    assert.ok(
      !h.lastPosted().some((m) => m.type === 'config' && m.config.uri === c.uri && m.config.version === unsent),
      'the panel has not sent the new version yet',
    );
    const answered = h.lastPosted().filter((m) => m.type === 'applied').length;
    assert.strictEqual(
      h.handleMessage({ ...applyMessage(c, [{ key: 'spark.memory.fraction', value: '0.5' }]), version: unsent }),
      true,
    );
    const neverSent = await waitFor(
      () =>
        h.lastPosted().filter((m): m is Extract<HostMessage, { type: 'applied' }> => m.type === 'applied')[answered],
      'the answer to a version never sent',
    );
    assert.strictEqual(neverSent.ok, false);
    assert.match(neverSent.message, /changed since the simulation read it/);
    assert.strictEqual(doc.getText(), `# edited\r\n${original}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('exports what the page sends to the file the save dialog names, and reveals a line of the config', async () => {
    const uri = sample('spark-defaults.conf');
    await open(uri);
    await vscode.commands.executeCommand('sparkMemory.openSimulation');
    const h = handle();
    h.handleMessage({ type: 'ready', protocol: 1 });
    await configWhen(uri, () => true, 'the config');

    // Export asks which format; dismissing the pick does nothing.
    assert.strictEqual(await dismissPick('sparkMemory.exportReport'), undefined);
    assert.ok(!h.lastPosted().some((m) => m.type === 'requestExport'));

    const target = scratch.uri('export/report.csv');
    await vscode.workspace.fs.createDirectory(scratch.uri('export'));
    let suggested: vscode.Uri | undefined;
    api.setSaveTarget((s) => {
      suggested = s;
      return Promise.resolve(target);
    });
    const running = vscode.commands.executeCommand<string | undefined>('sparkMemory.exportReport', 'csv');
    const req = await postedWhen('requestExport');
    assert.strictEqual(req.format, 'csv');
    assert.strictEqual(
      h.handleMessage({
        type: 'export',
        format: 'csv',
        requestId: req.requestId,
        suggestedName: 'spark-memory-report.csv',
        data: 't,used\n0,1\n',
        encoding: 'utf8',
      }),
      true,
    );
    assert.strictEqual(await running, target.toString());
    assert.strictEqual(suggested?.path.split('/').slice(-1)[0], 'spark-memory-report.csv');
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 't,used\n0,1\n');

    // The page cannot export (nothing run yet): its error ends the command with its reason.
    const before = api.notices().length;
    const failing = vscode.commands.executeCommand<string | undefined>('sparkMemory.exportReport', 'json');
    await postedWhen('requestExport', (m) => m.format === 'json');
    assert.strictEqual(
      h.handleMessage({
        type: 'log',
        level: 'error',
        message: 'Nothing to export: choose a scenario on a config that starts.',
      }),
      true,
    );
    assert.strictEqual(await failing, undefined);
    assert.ok(
      api
        .notices()
        .slice(before)
        .some((n) => /no report was exported: Nothing to export/.test(n)),
      JSON.stringify(api.notices()),
    );

    // The page may also export on its own (its Export button): base64 bytes.
    const png = scratch.uri('export/chart.png');
    api.setSaveTarget(() => Promise.resolve(png));
    assert.strictEqual(
      h.handleMessage({
        type: 'export',
        format: 'png',
        suggestedName: 'chart.png',
        data: btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47)),
        encoding: 'base64',
      }),
      true,
    );
    await waitFor(
      () =>
        Promise.resolve(vscode.workspace.fs.readFile(png)).then(
          (b) => b.length === 4 && b[1] === 0x50,
          () => false,
        ),
      'the png file',
    );
    // A name with a path is not a plain file name: rejected.
    assert.strictEqual(
      h.handleMessage({ type: 'export', format: 'csv', suggestedName: '../x.csv', data: '', encoding: 'utf8' }),
      false,
    );

    assert.strictEqual(h.handleMessage({ type: 'reveal', uri: uri.toString(), line: 12 }), true);
    await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() &&
        vscode.window.activeTextEditor.selection.start.line === 12,
      'line 12 selected',
    );
    assert.strictEqual(h.handleMessage({ type: 'log', level: 'info', message: 'hello from the page' }), true);

    // Run Scenario with a workspace scenario file: the page gets its text, after the config.
    const file = await scratch.write('scenarios/etl.scenario.yaml', 'name: etl\nstages: []\n');
    await open(uri);
    assert.strictEqual(
      await vscode.commands.executeCommand('sparkMemory.runScenario', file),
      'scratch-panel/scenarios/etl.scenario.yaml',
    );
    const run = await postedWhen('runScenario');
    assert.deepStrictEqual(run.scenario, {
      source: 'file',
      fileName: 'scratch-panel/scenarios/etl.scenario.yaml',
      text: 'name: etl\nstages: []\n',
    });
    const posted = h.lastPosted();
    const lastConfig = posted.map((m) => m.type).lastIndexOf('config');
    assert.ok(lastConfig >= 0 && lastConfig < posted.indexOf(run), 'the config goes before the scenario');
  });

  it('restores the panel through its serializer, with the config of the saved state', async () => {
    const uri = sample('k8s', 'spark-pi.yaml');
    // A panel VS Code kept across a reload: created by VS Code, handed to the serializer.
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Spark Memory Simulation', vscode.ViewColumn.One, {});
    await api.serializer.deserializeWebviewPanel(panel, {
      uri: uri.toString(),
      view: 'simulation',
      speed: 2,
      bogus: { x: 1 },
    });
    const h = handle();
    assert.strictEqual(h.panel, panel);
    assert.match(panel.webview.html, /Content-Security-Policy/);
    assert.strictEqual(panel.webview.options.enableScripts, true);
    assert.strictEqual(h.handleMessage({ type: 'ready', protocol: 1 }), true);
    const c = await configWhen(uri, () => true, 'the restored config');
    assert.strictEqual(c.kind, 'spark-application');
    assert.strictEqual(c.fileName, 'k8s/spark-pi.yaml');
    await closePanel();

    // A state naming a file that is gone (or garbage) restores the panel with the message.
    const again = vscode.window.createWebviewPanel(VIEW_TYPE, 'Spark Memory Simulation', vscode.ViewColumn.One, {});
    await api.serializer.deserializeWebviewPanel(again, { uri: scratch.uri('gone/spark-defaults.conf').toString() });
    handle().handleMessage({ type: 'ready', protocol: 1 });
    await postedWhen('noConfig');
    await closePanel();
    const third = vscode.window.createWebviewPanel(VIEW_TYPE, 'Spark Memory Simulation', vscode.ViewColumn.One, {});
    await api.serializer.deserializeWebviewPanel(third, 'not a state');
    assert.strictEqual(handle().panel, third);
  });
});
