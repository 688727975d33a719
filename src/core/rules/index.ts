// The rule registry: every rule the product runs. Each rule lives in its own file, is listed in
// its family's index, and has a page at docs/rules/<CODE>.md.
import { PROPERTIES_RULES } from './properties';
import { SNAPPY_RULES } from './snappy';
import { SPARK_RULES } from './spark';
import { SPARK_APPLICATION_RULES } from './sparkApplication';
import type { Rule } from './types';

export * from './types';
export { lintDocument, type LintOptions } from './engine';

export const RULES: readonly Rule[] = [
  ...SPARK_RULES,
  ...PROPERTIES_RULES,
  ...SPARK_APPLICATION_RULES,
  ...SNAPPY_RULES,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
