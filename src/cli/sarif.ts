// SARIF 2.1.0 for GitHub code scanning: one run, the rule catalogue with help pages, results with
// physical locations relative to the working directory (1-based lines and columns, endColumn one
// past the last character, as SARIF defines it).
import { RULES, type Rule, type Severity } from '../core/rules';
import type { LintRecord } from './lintRecord';

export const TOOL_NAME = 'spark-memory';
export const INFORMATION_URI = 'https://example.invalid/spark-memory';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export function helpUri(code: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${code}.md`;
}

function ruleDescriptor(r: Rule): Record<string, unknown> {
  return {
    id: r.code,
    name: r.code.toLowerCase().replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    helpUri: helpUri(r.code),
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  };
}

export function toSarif(records: readonly LintRecord[], version: string): Record<string, unknown> {
  const rules = RULES.filter((r, i) => RULES.findIndex((x) => x.code === r.code) === i);
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const results = records.map((f) => {
    const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
    const ruleIndex = index.get(f.code);
    return {
      ruleId: f.code,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: f.uri, uriBaseId: '%SRCROOT%' }, region } }],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: r.uri, uriBaseId: '%SRCROOT%' },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            })),
          }
        : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: TOOL_NAME, version, informationUri: INFORMATION_URI, rules: rules.map(ruleDescriptor) },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
