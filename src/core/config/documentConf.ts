// The Spark conf a document hands to Spark: spark-defaults.conf keeps only `spark.*` keys, the
// last duplicate winning (Utils.loadDefaultSparkProperties); a SparkApplication gives the conf
// spark-submit receives from the operator.
import { isSparkKey, type PropertiesDocument, type PropertyEntry } from '../parse/properties';
import type { SparkApplicationDocument } from '../parse/sparkApplication';
import type { ConfValue } from '../parse/confValue';
import { SparkConfView } from './confSource';

export function confOfProperties(doc: PropertiesDocument): SparkConfView {
  // Properties.load throws on a malformed \uXXXX escape, and then Spark loads nothing from the file.
  if (doc.loadError !== undefined) return new SparkConfView();
  // Read through the document's own index: copying 10,000 keys into a Map would cost more than
  // the parse, and Spark's memory code asks for a few dozen of them.
  const made = new Map<PropertyEntry, ConfValue>();
  const valueOf = (e: PropertyEntry): ConfValue => {
    let v = made.get(e);
    if (v === undefined) {
      v = { key: e.key, value: e.value, origin: 'file', span: e.valueSpan, keySpan: e.keySpan };
      made.set(e, v);
    }
    return v;
  };
  return new SparkConfView({
    get: (key) => {
      if (!isSparkKey(key)) return undefined;
      const e = doc.effective.get(key);
      return e === undefined ? undefined : valueOf(e);
    },
    *all() {
      for (const e of doc.effective.values()) if (isSparkKey(e.key)) yield valueOf(e);
    },
  });
}

export function confOfSparkApplication(doc: SparkApplicationDocument): SparkConfView {
  return new SparkConfView(doc.conf);
}
