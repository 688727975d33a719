// The Spark settings a document writes, each with its catalog entry and exact spans: the effective
// `spark.*` lines of spark-defaults.conf, or every sparkConf entry and typed field of a
// SparkApplication (both are written text, even where a typed field overrides sparkConf).
import { CatalogEntry, lookupKey } from '../catalog';
import type { ConfOrigin } from '../parse/confValue';
import { derived, derivedKey } from '../document/derived';
import { TYPED_FIELD_KEYS } from '../parse/sparkApplication';
import { isSparkKey } from '../parse/properties';
import type { Span } from '../text/lineIndex';
import type { RuleContext } from './types';

export interface WrittenSetting {
  readonly key: string;
  /** The value as Spark receives it. */
  readonly value: string;
  /** The value's characters (for YAML: the whole scalar, quotes included). */
  readonly span: Span;
  readonly keySpan: Span;
  readonly origin: ConfOrigin;
  readonly entry?: CatalogEntry;
  /** YAML only: the scalar's YAML type (a number where the CRD wants a string). */
  readonly yamlType?: string;
  /** YAML only: the typed field path, e.g. spec.executor.memory. */
  readonly path?: string;
}

const WRITTEN = derivedKey<readonly WrittenSetting[]>('writtenSettings');

export function writtenSettings(ctx: RuleContext): readonly WrittenSetting[] {
  return derived(ctx.doc, WRITTEN, () => collect(ctx));
}

function collect(ctx: RuleContext): WrittenSetting[] {
  const out: WrittenSetting[] = [];
  const doc = ctx.doc;
  const add = (s: Omit<WrittenSetting, 'entry'>): void => {
    const entry = lookupKey(s.key);
    out.push(entry !== undefined ? { ...s, entry } : s);
  };
  if (doc.kind === 'spark-defaults') {
    if (doc.loadError === undefined) {
      for (const e of doc.effective.values()) {
        if (isSparkKey(e.key))
          add({ key: e.key, value: e.value, span: e.valueSpan, keySpan: e.keySpan, origin: 'file' });
      }
    }
  } else if (doc.kind === 'spark-application') {
    for (const e of doc.sparkConf)
      add({
        key: e.key,
        value: e.text,
        span: e.span,
        keySpan: e.keySpan,
        origin: 'sparkConf',
        yamlType: e.yamlType,
        path: e.path,
      });
    for (const [path, key] of TYPED_FIELD_KEYS) {
      const f = doc.fields.get(path);
      if (f !== undefined)
        add({
          key,
          value: f.text,
          span: f.span,
          keySpan: f.keySpan,
          origin: 'typed-field',
          yamlType: f.yamlType,
          path,
        });
    }
  }
  return out;
}

/** The replacement text for a value span: YAML scalars are re-quoted, properties values are raw. */
export function valueText(s: WrittenSetting, value: string): string {
  return s.path !== undefined ? `"${value}"` : value;
}
