// The files the extension bundle loads on first use (dist/analysis.js, dist/yaml.js, dist/sparkRegistry.js) must export
// what the bundle's stand-ins ask for: a stand-in over an empty module gives `undefined` for every name,
// which only the real extension host would show. (The root hook in cli/lintCli.test.ts builds dist/.)
// dist/panel.js and dist/features.js require the vscode module: the in-host tier runs them (every
// panel, hover, completion, quick fix and navigation test goes through them).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import registryData from '../../../src/core/catalog/generated/sparkRegistry.json';
import { analyzeText } from '../../../src/core/editor/analysis';
import { RULES } from '../../../src/core/rules';

const DIST = join(__dirname, '../../../../dist');
// Node's own loader, as the extension host's `require` loads these files.
const load = createRequire(__filename);

describe('files the extension loads on first use', () => {
  it('dist/sparkRegistry.js exports the registry data itself', () => {
    const loaded = load(join(DIST, 'sparkRegistry.js')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(loaded).sort(), Object.keys(registryData).sort());
    assert.ok(Array.isArray(loaded['keys']) && loaded['keys'].length > 1000);
  });

  it('dist/yaml.js exports the yaml package and the SparkApplication reader', () => {
    const loaded = load(join(DIST, 'yaml.js')) as Record<string, Record<string, unknown> | undefined>;
    assert.equal(typeof loaded['yaml']?.['parseAllDocuments'], 'function');
    assert.equal(typeof loaded['sparkApplication']?.['parseSparkApplication'], 'function');
    assert.ok(Array.isArray(loaded['sparkApplication']?.['TYPED_FIELD_KEYS']));
  });

  it('dist/analysis.js exports the analysis, the executor summary and the rules, and analyses as the core does', () => {
    type Analyze = typeof analyzeText;
    const loaded = load(join(DIST, 'analysis.js')) as {
      analysis?: { analyzeText?: Analyze };
      executorStatus?: Record<string, unknown>;
      rules?: { RULES?: typeof RULES; lintDocument?: unknown };
    };
    assert.equal(typeof loaded.executorStatus?.['executorStatus'], 'function');
    assert.equal(typeof loaded.rules?.lintDocument, 'function');
    assert.deepEqual(
      loaded.rules?.RULES?.map((r) => r.code),
      RULES.map((r) => r.code),
    );
    const text = readFileSync(join(__dirname, '../../../../samples/spark-defaults.conf'), 'utf8');
    const analyze = loaded.analysis?.analyzeText;
    assert.ok(analyze !== undefined);
    const findings = (a: ReturnType<Analyze>): unknown => (a.ok ? a.analysis.findings : a.tooLarge);
    const fromFile = findings(analyze({ kind: 'spark-defaults' }, text));
    assert.deepEqual(fromFile, findings(analyzeText({ kind: 'spark-defaults' }, text)));
    assert.ok(Array.isArray(fromFile) && fromFile.length > 0);
  });
});
