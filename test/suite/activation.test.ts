// Runs first (index.ts loads the files in name order), while the extension is still inactive: no
// file of its languages is open yet. Times VS Code's activation of it (loading dist/extension.js and
// calling activate(), through the API's own Extension.activate()) and checks which of its files load
// while VS Code activates it: dist/extension.js only (scripts/build.mjs). The rules, catalogs and
// layout, dist/analysis.js, load for the first lint, after activation; the YAML parser, dist/yaml.js,
// when a YAML document is analysed; the panels' host side, dist/panel.js, when a panel opens; the
// editor features' core, dist/features.js, when a feature asks for it. The figures (the API call's
// round trip, the host's own marks for code loading and the activate() call, how long dist/analysis.js
// took to load after activation, with the build and the load average) go to
// test-results/in-host/activation.json, which `npm run bench` reports (a speed target is never a test).
import * as assert from 'assert';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, diagnosticsWhen, open, sample, waitFor } from './helpers';

const loaded = (file: string): boolean =>
  Object.keys(require.cache).some((k) => k.endsWith(`${path.sep}dist${path.sep}${file}`));
const yamlLoaded = (): boolean => loaded('yaml.js');

interface DistLoad {
  readonly file: string;
  /** Whether VS Code had finished activating the extension when the file was required. */
  readonly afterActivation: boolean;
  readonly ms: number;
}

/**
 * Records every file of dist/ that Node's loader loads from now on (the extension host loads the
 * extension's `main`, and the extension its lazy files, through Module._load), with whether the
 * extension was active by then: VS Code marks it active only once activate() has returned and its
 * result has settled, so a file loaded while it is not yet active is part of activation.
 */
function recordDistLoads(ext: vscode.Extension<unknown>): { readonly loads: DistLoad[]; stop(): void } {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const loads: DistLoad[] = [];
  const inDist = (k: string): boolean => k.includes(`${path.sep}dist${path.sep}`) && k.endsWith('.js');
  loader._load = function (this: unknown, request: string, ...rest: unknown[]): unknown {
    const afterActivation = ext.isActive;
    const before = new Set(Object.keys(require.cache).filter(inDist));
    const t0 = performance.now();
    const result = original.call(this, request, ...rest);
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    // A nested load (a file that requires another) was recorded by its own, inner call first.
    for (const k of Object.keys(require.cache).filter(inDist)) {
      const file = path.basename(k);
      if (!before.has(k) && !loads.some((l) => l.file === file)) loads.push({ file, afterActivation, ms });
    }
    return result;
  };
  return {
    loads,
    stop: () => {
      loader._load = original;
    },
  };
}

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
  it('loads only dist/extension.js to activate, the analysis for the first lint and YAML for a YAML document', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    assert.strictEqual(ext.isActive, false, 'something activated the extension before this first test');
    const recorder = recordDistLoads(ext);
    try {
      const t0 = performance.now();
      await ext.activate();
      const activationMs = performance.now() - t0;
      const atActivation = recorder.loads.filter((l) => !l.afterActivation).map((l) => l.file);
      assert.deepStrictEqual(atActivation, ['extension.js'], 'the files loaded while VS Code activated the extension');
      for (const file of ['analysis.js', 'yaml.js', 'panel.js', 'features.js'])
        assert.strictEqual(loaded(file), false, `activation loaded dist/${file}`);

      // A spark-defaults.conf is analysed: that loads dist/analysis.js, and not YAML or the panels.
      const conf = await open(sample('spark-defaults.conf'));
      await diagnosticsWhen(conf.uri, (ds) => ds.length > 0, 'findings on the sample spark-defaults.conf');
      const analysis = recorder.loads.find((l) => l.file === 'analysis.js');
      assert.ok(analysis?.afterActivation, 'dist/analysis.js loaded after activation, for the first lint');
      assert.strictEqual(yamlLoaded(), false, 'a spark-defaults.conf loaded dist/yaml.js');
      assert.strictEqual(loaded('panel.js'), false, 'a spark-defaults.conf loaded dist/panel.js');
      writeRecord(ext, activationMs, analysis.ms);

      const app = await open(sample('k8s', 'spark-pi.yaml'));
      await waitFor(() => yamlLoaded() || undefined, 'dist/yaml.js to load for a SparkApplication');
      await diagnosticsWhen(app.uri, (ds) => ds.length > 0, 'findings on the SparkApplication');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      recorder.stop();
    }
  });
});

/** The figures for `npm run bench`: test-results/in-host/activation.json in the extension's folder. */
function writeRecord(ext: vscode.Extension<unknown>, activationMs: number, analysisLoadMs: number): void {
  const out = path.join(ext.extensionPath, 'test-results', 'in-host');
  fs.mkdirSync(out, { recursive: true });
  // A development build links its source map; the production build (npm run package) does not.
  const bundle = fs.readFileSync(path.join(ext.extensionPath, 'dist', 'extension.js'), 'utf8');
  const record = {
    activationMs: Math.round(activationMs * 10) / 10,
    host: hostMarks(EXTENSION_ID),
    // Not part of activation: loading the rules, catalogs and layout for the first lint, right after it.
    analysisLoadMs,
    build: bundle.includes('//# sourceMappingURL=') ? 'development' : 'production',
    bundleBytes: Buffer.byteLength(bundle),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    at: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify(record, null, 2) + '\n');
  console.log(`activation: ${JSON.stringify(record)}`);
}
