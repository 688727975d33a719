// Shared helpers for rule tests: lint a text as a given document kind and pick findings by code.
import { parseDocument } from '../../../src/core/analyze';
import type { DocumentType } from '../../../src/core/document/kind';
import { parseMembers } from '../../../src/core/parse/members';
import { RULES, lintDocument, type Finding, type LintSettings } from '../../../src/core/rules';
import { SPARK_3_5, SparkVersion } from '../../../src/core/version';
import { applyTextEdits } from '../../../src/core/edit';

export interface LintCase {
  readonly type?: DocumentType;
  readonly version?: SparkVersion;
  readonly settings?: LintSettings;
  readonly leads?: string;
}

export function lint(text: string, c: LintCase = {}): Finding[] {
  const doc = parseDocument(c.type ?? { kind: 'spark-defaults' }, text);
  return lintDocument(doc, RULES, {
    version: c.version ?? SPARK_3_5,
    ...(c.settings !== undefined ? { settings: c.settings } : {}),
    ...(c.leads !== undefined ? { leads: parseMembers(c.leads, 'lead'), leadsUri: 'conf/leads' } : {}),
  });
}

export function codes(text: string, c: LintCase = {}): string[] {
  return lint(text, c).map((f) => f.code);
}

export function only(text: string, code: string, c: LintCase = {}): Finding[] {
  return lint(text, c).filter((f) => f.code === code);
}

/** Applies a finding's first (or preferred) fix to the text. */
export function applyFix(text: string, f: Finding, title?: RegExp): string {
  const fix =
    title === undefined
      ? (f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0])
      : f.fixes?.find((x) => title.test(x.title));
  if (fix === undefined) throw new Error(`no fix on ${f.code}`);
  return applyTextEdits(text, fix.edits);
}

export const SPAN_TEXT = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);
