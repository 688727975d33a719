// One setting as a reader found it: the key, its exact value characters and where they came from,
// so a derived number or an error can point back at the text that caused it. Every reader
// (properties, member lines, SparkApplication YAML) produces these; SparkConfView reads them.
import type { Span } from '../text/lineIndex';

export type ConfOrigin =
  /** A line of spark-defaults.conf. */
  | 'file'
  /** `spec.sparkConf` of a SparkApplication. */
  | 'sparkConf'
  /** A typed SparkApplication field (spec.executor.memory, ...), which wins over sparkConf. */
  | 'typed-field'
  /** A SnappyData member line's own `-spark.*` option. */
  | 'member'
  /** A `-spark.*` option of the lead, which servers' executors take over. */
  | 'lead'
  /** A what-if override set in the panel or on the command line. */
  | 'override';

export interface ConfValue {
  readonly key: string;
  readonly value: string;
  readonly origin: ConfOrigin;
  /** The value's characters in its document (absent for overrides). */
  readonly span?: Span;
  /** The key's characters in its document. */
  readonly keySpan?: Span;
  /** The document the span refers to, when it is not the one being analysed (the lead file). */
  readonly uri?: string;
}
