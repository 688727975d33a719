// Runs first (index.ts loads the files in name order), while the extension is still inactive: no
// file of its languages is open yet. Times VS Code's activation of it (loading dist/extension.js and
// calling activate(), through the API's own Extension.activate()) and checks the YAML parser,
// dist/yaml.js, stays unloaded until a YAML document is analysed, the panels' host side,
// dist/panel.js, until a panel opens, and the editor features' core, dist/features.js, until a
// feature asks for it (scripts/build.mjs). The figure goes to
// test-results/in-host/activation.json, which `npm run bench` reports (a speed target is never a test).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, diagnosticsWhen, open, sample, waitFor } from './helpers';

const loaded = (file: string): boolean =>
  Object.keys(require.cache).some((k) => k.endsWith(`${path.sep}dist${path.sep}${file}`));
const yamlLoaded = (): boolean => loaded('yaml.js');

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
    const record = { activationMs: Math.round(activationMs * 10) / 10, at: new Date().toISOString() };
    fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify(record, null, 2) + '\n');
    console.log(`activation: ${record.activationMs} ms`);

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
