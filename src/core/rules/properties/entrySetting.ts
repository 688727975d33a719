// Properties entries seen as settings (for the helpers shared with the Spark rules), and the
// severity of a text hazard: an error when Spark fails at start-up on this key, a warning otherwise.
import { lookupKey } from '../../catalog';
import type { PropertyEntry, PropertiesDocument } from '../../parse/properties';
import { startupErrorsAt } from '../spark/helpers';
import type { WrittenSetting } from '../settingsOf';
import type { RuleContext, Severity } from '../types';

export function asSetting(e: PropertyEntry): WrittenSetting {
  const entry = lookupKey(e.key);
  const base = { key: e.key, value: e.value, span: e.valueSpan, keySpan: e.keySpan, origin: 'file' as const };
  return entry !== undefined ? { ...base, entry } : base;
}

export function isEffective(doc: PropertiesDocument, e: PropertyEntry): boolean {
  return doc.effective.get(e.key) === e;
}

/** Error when this entry is in effect and Spark's start-up fails on its key; else warning. */
export function hazardSeverity(
  ctx: RuleContext,
  doc: PropertiesDocument,
  e: PropertyEntry,
  typedFailure: boolean,
): Severity {
  if (!typedFailure) return 'warning';
  return isEffective(doc, e) && startupErrorsAt(ctx, e.key).length > 0 ? 'error' : 'warning';
}

/** Unicode space characters java.util.Properties does not treat as blanks (and the BOM inside a line). */
export const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
