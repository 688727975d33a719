// The rule registry: every rule the product runs, in one list. Each rule lives in its own file
// and has a page at docs/rules/<CODE>.md.
import type { Rule } from './types';
import { fractionRange } from './spark/fractionRange';
import { sizeParse } from './spark/sizeParse';
import { duplicateKey } from './properties/duplicateKey';

export * from './types';
export { lintDocument, type LintOptions } from './engine';

export const RULES: readonly Rule[] = [
  sizeParse,
  fractionRange,
  duplicateKey,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
