// Runs first (index.ts loads the files in name order), while the extension is still inactive: no
// file of its languages is open yet. Times VS Code's activation of it (loading dist/extension.js and
// calling activate(), through the API's own Extension.activate()) and checks the YAML parser,
// dist/yaml.js, stays unloaded until a YAML document is analysed, the panels' host side,
// dist/panel.js, until a panel opens, and the editor features' core, dist/features.js, until a
// feature asks for it (scripts/build.mjs). The figures (the API call's round trip, and the host's own
// marks for code loading and the activate() call, with the build and the load average) go to
// test-results/in-host/activation.json, which `npm run bench` reports (a speed target is never a test).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, diagnosticsWhen, open, sample, waitFor } from './helpers';

const loaded = (file: string): boolean =>
  Object.keys(require.cache).some((k) => k.endsWith(`${path.sep}dist${path.sep}${file}`));
const yamlLoaded = (): boolean => loaded('yaml.js');

interface PerfMarks {
  getMarks(): readonly { readonly name: string; readonly startTime: number }[];
}

/**
 * The extension host's own marks around our extension (vs/base/common/performance keeps them on
 * globalThis.MonacoPerformanceMarks): loading its code (willLoadExtensionCode .. didLoadExtensionCode)
 * and calling activate() until its result settles (willActivateExtension, set once the code is loaded,
 * .. didActivateExtension). The two are what the Running Extensions view adds up. Left out when this
 * VS Code sets no such marks.
 */
function hostMarks(id: string): { codeLoadingMs?: number; activateCallMs?: number } {
  const perf = (globalThis as { MonacoPerformanceMarks?: PerfMarks }).MonacoPerformanceMarks;
  const marks = perf?.getMarks() ?? [];
  const at = (what: string): number | undefined =>
    marks.find((m) => m.name === `code/extHost/${what}/${id}`)?.startTime;
  const span = (from: string, to: string): number | undefined => {
    const a = at(from);
    const b = at(to);
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  const codeLoadingMs = span('willLoadExtensionCode', 'didLoadExtensionCode');
  const activateCallMs = span('willActivateExtension', 'didActivateExtension');
  return {
    ...(codeLoadingMs !== undefined ? { codeLoadingMs } : {}),
    ...(activateCallMs !== undefined ? { activateCallMs } : {}),
  };
}

describe('Activation', () => {
  it('activates without the YAML parser and loads it for the first YAML document', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    assert.strictEqual(ext.isActive, false, 'something activated the extension before this first test');
    const t0 = performance.now();
    await ext.activate();
    const activationMs = performance.now() - t0;
    assert.strictEqual(yamlLoaded(), false, 'activation loaded dist/yaml.js');
    assert.strictEqual(loaded('panel.js'), false, 'activation loaded dist/panel.js');
    assert.strictEqual(loaded('features.js'), false, 'activation loaded dist/features.js');

    const out = path.join(ext.extensionPath, 'test-results', 'in-host');
    fs.mkdirSync(out, { recursive: true });
    // A development build links its source map; the production build (npm run package) does not.
    const bundle = fs.readFileSync(path.join(ext.extensionPath, 'dist', 'extension.js'), 'utf8');
    const record = {
      activationMs: Math.round(activationMs * 10) / 10,
      host: hostMarks(EXTENSION_ID),
      build: bundle.includes('//# sourceMappingURL=') ? 'development' : 'production',
      bundleBytes: Buffer.byteLength(bundle),
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      at: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify(record, null, 2) + '\n');
    console.log(`activation: ${JSON.stringify(record)}`);

    // A spark-defaults.conf is analysed without it too.
    const conf = await open(sample('spark-defaults.conf'));
    await diagnosticsWhen(conf.uri, (ds) => ds.length > 0, 'findings on the sample spark-defaults.conf');
    assert.strictEqual(yamlLoaded(), false, 'a spark-defaults.conf loaded dist/yaml.js');
    assert.strictEqual(loaded('panel.js'), false, 'a spark-defaults.conf loaded dist/panel.js');

    const app = await open(sample('k8s', 'spark-pi.yaml'));
    await waitFor(() => yamlLoaded() || undefined, 'dist/yaml.js to load for a SparkApplication');
    await diagnosticsWhen(app.uri, (ds) => ds.length > 0, 'findings on the SparkApplication');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
