// package.json's generated settings (sparkMemory.rules, sparkMemory.sparkVersion) equal what the
// core produces from RULES and the supported versions: run `node scripts/gen-rule-settings.mjs`
// after adding a rule or a version, or this fails.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_CHOICES, generatedSettings } from '../../../src/core/editor';
import { RULES } from '../../../src/core/rules';

const PKG = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> }; commands: Array<{ command: string }> };
};

describe('package.json settings', () => {
  const props = PKG.contributes.configuration.properties;

  it('sparkMemory.rules and sparkMemory.sparkVersion are what scripts/gen-rule-settings.mjs generates', () => {
    const generated = generatedSettings(RULES);
    for (const [key, schema] of Object.entries(generated)) {
      assert.deepEqual(
        props[key],
        schema,
        `${key} in package.json is out of date: run node scripts/gen-rule-settings.mjs`,
      );
    }
  });

  it('lists every rule code with its default severity', () => {
    const rules = props['sparkMemory.rules'] as { properties: Record<string, { default: string; enum: string[] }> };
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.code).sort());
    for (const r of RULES) {
      assert.equal(rules.properties[r.code]?.default, r.defaultSeverity, r.code);
      assert.deepEqual(rules.properties[r.code]?.enum, [...SEVERITY_CHOICES]);
    }
  });

  it('has the hand-written settings and the commands the extension registers', () => {
    for (const key of ['sparkMemory.containerLimitMiB', 'sparkMemory.pythonApp', 'sparkMemory.inlayHints.enabled'])
      assert.ok(key in props, key);
    const commands = PKG.contributes.commands.map((c) => c.command);
    for (const c of [
      'sparkMemory.lintWorkspace',
      'sparkMemory.chooseSparkVersion',
      'sparkMemory.fixAll',
      'sparkMemory.showRuleDocumentation',
      'sparkMemory.removeByteOrderMark',
      'sparkMemory.openSimulation',
      'sparkMemory.runScenario',
      'sparkMemory.newScenarioFile',
      'sparkMemory.exportReport',
    ]) {
      assert.ok(commands.includes(c), c);
    }
  });
});
