// The Spark conf a document hands to Spark: spark-defaults.conf keeps only `spark.*` keys, the
// last duplicate winning (Utils.loadDefaultSparkProperties); a SparkApplication gives the conf
// spark-submit receives from the operator.
import { isSparkKey, type PropertiesDocument } from '../parse/properties';
import type { SparkApplicationDocument } from '../parse/sparkApplication';
import { SparkConfView } from './confSource';

export function confOfProperties(doc: PropertiesDocument): SparkConfView {
  // Properties.load throws on a malformed \uXXXX escape, and then Spark loads nothing from the file.
  if (doc.loadError !== undefined) return new SparkConfView();
  const values = [];
  for (const e of doc.effective.values()) {
    if (!isSparkKey(e.key)) continue;
    values.push({ key: e.key, value: e.value, origin: 'file' as const, span: e.valueSpan, keySpan: e.keySpan });
  }
  return new SparkConfView(values);
}

export function confOfSparkApplication(doc: SparkApplicationDocument): SparkConfView {
  return new SparkConfView(doc.conf);
}
