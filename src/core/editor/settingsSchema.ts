// The JSON schema of the settings whose allowed values come from the core: `sparkMemory.rules`
// (every rule code with its default severity) and `sparkMemory.sparkVersion` (the supported
// lines). scripts/gen-rule-settings.mjs writes them into package.json and a unit test checks that
// package.json still equals what this produces, so the two cannot drift.
import type { Rule } from '../rules/types';
import { versionChoices } from './versionStatus';

export const SEVERITY_CHOICES = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type SeverityChoice = (typeof SEVERITY_CHOICES)[number];

export function rulesSettingSchema(rules: readonly Rule[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const r of [...rules].sort((a, b) => a.code.localeCompare(b.code))) {
    properties[r.code] = {
      type: 'string',
      enum: [...SEVERITY_CHOICES],
      default: r.defaultSeverity,
      markdownDescription: `${r.title}. Default: \`${r.defaultSeverity}\`.`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    markdownDescription:
      'Severity per rule code: `off`, `hint`, `info`, `warning` or `error` (each rule has a page in `docs/rules/<CODE>.md`). ' +
      'Codes left out keep their default. A comment `# spark-memory-disable-next-line CODE` silences one line.',
    properties,
    additionalProperties: false,
  };
}

export function sparkVersionSettingSchema(): Record<string, unknown> {
  const choices = versionChoices();
  return {
    type: 'string',
    scope: 'resource',
    default: 'auto',
    enum: choices.map((c) => c.value),
    enumDescriptions: choices.map((c) => `${c.label}: ${c.description}`),
    markdownDescription:
      'The Spark version whose rules, defaults and memory layout apply to `spark-defaults.conf` and SparkApplication files. ' +
      '`auto` takes `spec.sparkVersion` of a SparkApplication, else the default line. SnappyData member files always use SnappyData 1.3.',
  };
}

/** The generated part of `contributes.configuration.properties`. */
export function generatedSettings(rules: readonly Rule[]): Record<string, Record<string, unknown>> {
  return {
    'sparkMemory.sparkVersion': sparkVersionSettingSchema(),
    'sparkMemory.rules': rulesSettingSchema(rules),
  };
}
