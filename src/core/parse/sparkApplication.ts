// A spark-operator SparkApplication (api/v1beta2/sparkapplication_types.go; submission.go),
// config-formats.md C: the fields that become Spark settings, with their source ranges, and the
// Spark conf spark-submit ends up with. The operator passes memoryOverheadFactor first, then
// spec.sparkConf, then the driver and executor fields, and spark-submit keeps the last --conf for
// a key: so a typed field wins over the same key in sparkConf.
import { LineCounter, Scalar, YAMLMap, isAlias, isMap, isScalar, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { ConfValue } from './confValue';
import type { Span } from '../text/lineIndex';

export type YamlScalarType = 'string' | 'number' | 'boolean' | 'null' | 'other';

export interface YamlField {
  /** The scalar as text (what Go's string field or the operator receives). */
  readonly text: string;
  readonly yamlType: YamlScalarType;
  /** The scalar's characters (quotes included). */
  readonly span: Span;
  readonly keySpan: Span;
  /** Dotted path, e.g. spec.executor.memory. */
  readonly path: string;
  /** The anchor the value was reached through (`executor: *res`): `span` is in the anchored node. */
  readonly viaAlias?: string;
}

export interface SparkConfEntry extends YamlField {
  readonly key: string;
}

/** Typed field -> the Spark key it sets (submission.go driverConfOption / executorConfOption). */
export const TYPED_FIELD_KEYS: ReadonlyArray<readonly [path: string, key: string]> = [
  ['spec.memoryOverheadFactor', 'spark.kubernetes.memoryOverheadFactor'],
  ['spec.driver.cores', 'spark.driver.cores'],
  ['spec.driver.coreRequest', 'spark.kubernetes.driver.request.cores'],
  ['spec.driver.coreLimit', 'spark.kubernetes.driver.limit.cores'],
  ['spec.driver.memory', 'spark.driver.memory'],
  ['spec.driver.memoryOverhead', 'spark.driver.memoryOverhead'],
  ['spec.driver.javaOptions', 'spark.driver.extraJavaOptions'],
  ['spec.executor.instances', 'spark.executor.instances'],
  ['spec.executor.cores', 'spark.executor.cores'],
  ['spec.executor.coreRequest', 'spark.kubernetes.executor.request.cores'],
  ['spec.executor.coreLimit', 'spark.kubernetes.executor.limit.cores'],
  ['spec.executor.memory', 'spark.executor.memory'],
  ['spec.executor.memoryOverhead', 'spark.executor.memoryOverhead'],
  ['spec.executor.javaOptions', 'spark.executor.extraJavaOptions'],
];

export interface SparkApplicationDocument {
  readonly kind: 'spark-application';
  readonly text: string;
  readonly yamlErrors: ReadonlyArray<{ readonly message: string; readonly span: Span }>;
  /** spec.sparkConf entries in order. */
  readonly sparkConf: readonly SparkConfEntry[];
  /** The typed fields that are present, by path. */
  readonly fields: ReadonlyMap<string, YamlField>;
  /** spec.sparkVersion, spec.type, spec.mode and the memory limits that are not Spark settings. */
  readonly sparkVersion?: YamlField;
  readonly appType?: YamlField;
  readonly driverMemoryLimit?: YamlField;
  readonly executorMemoryLimit?: YamlField;
  /** The conf spark-submit receives, each value remembering whether it came from sparkConf or a typed field. */
  readonly conf: readonly ConfValue[];
  /** Whether the application is not JVM-only (Python or R): Kubernetes then uses a 0.4 overhead factor. */
  readonly nonJvm: boolean;
  /** The SparkApplications of the later documents of the file (`---`), each read on its own. */
  readonly others?: readonly SparkApplicationDocument[];
}

/** An alias (`*res`) stands for its anchored node; `anchor` names it when one was followed. */
function deref(node: unknown, doc: Document | undefined): { node: unknown; anchor?: string } {
  if (!isAlias(node) || doc === undefined) return { node };
  try {
    return { node: node.resolve(doc), anchor: node.source };
  } catch {
    return { node: undefined };
  }
}

/**
 * A node's characters. yaml's range of a block scalar (`|`, `>`) also holds the line breaks after
 * its last content line: the span ends with the content, so a squiggle, a removed line or a
 * replaced value stops there and the next key keeps its own line.
 */
function span(node: YamlNode | null | undefined, text: string): Span {
  const s = nodeSpan(node) ?? { start: 0, end: 0 };
  if (!isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED)) return s;
  let end = s.end;
  while (end > s.start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: s.start, end };
}

function scalarType(node: Scalar): YamlScalarType {
  const v = node.value;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v === null) return 'null';
  return 'other';
}

function scalarText(node: Scalar, text: string): string {
  if (typeof node.value === 'string') return node.value;
  // Keep the source text of numbers so `1.0` or `0x10` are reported as written.
  const r = node.range;
  if (r) return text.slice(r[0], r[1]).trim();
  return String(node.value);
}

/** The pair of a block or flow map whose scalar key is `key`. */
/** A YAML node's characters in the text, when it has any. */
export function nodeSpan(node: YamlNode | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

export function mapGet(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    const k = item.key;
    if (isScalar(k) && String(k.value) === key) return item;
  }
  return undefined;
}

function fieldAt(
  map: YAMLMap,
  key: string,
  path: string,
  text: string,
  doc?: Document,
  viaAlias?: string,
): YamlField | undefined {
  const pair = mapGet(map, key);
  if (pair === undefined) return undefined;
  const r = deref(pair.value, doc);
  const value = r.node as YamlNode | null;
  if (!isScalar(value)) return undefined;
  const anchor = r.anchor ?? viaAlias;
  return {
    text: scalarText(value, text),
    yamlType: scalarType(value),
    span: span(value, text),
    keySpan: span(pair.key as YamlNode, text),
    path,
    ...(anchor !== undefined ? { viaAlias: anchor } : {}),
  };
}

/** The spec of the first document whose kind is a SparkApplication (or a ScheduledSparkApplication's template). */
export function applicationSpecOf(docs: readonly { readonly contents: unknown }[]): YAMLMap | undefined {
  const first = applicationSpecsOf(docs)[0];
  return first !== undefined ? first.spec : undefined;
}

/** Every document whose kind is a SparkApplication (or ScheduledSparkApplication), with its spec map if it has one. */
export function applicationSpecsOf<D extends { readonly contents: unknown }>(
  docs: readonly D[],
): Array<{ readonly doc: D; readonly spec: YAMLMap | undefined }> {
  const out: Array<{ readonly doc: D; readonly spec: YAMLMap | undefined }> = [];
  for (const d of docs) {
    const root = d.contents;
    if (!isMap(root)) continue;
    const kind = mapGet(root, 'kind');
    const kindValue = kind && isScalar(kind.value) ? String(kind.value.value) : '';
    if (kindValue !== 'SparkApplication' && kindValue !== 'ScheduledSparkApplication') continue;
    const doc = d as unknown as Document;
    const s = deref(mapGet(root, 'spec')?.value, doc).node;
    if (!isMap(s)) {
      out.push({ doc: d, spec: undefined });
      continue;
    }
    const template =
      kindValue === 'ScheduledSparkApplication' ? deref(mapGet(s, 'template')?.value, doc).node : undefined;
    out.push({ doc: d, spec: isMap(template) ? template : s });
  }
  return out;
}

export function parseSparkApplication(text: string): SparkApplicationDocument {
  const yamlErrors: Array<{ message: string; span: Span }> = [];
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    yamlErrors.push({
      message: e instanceof Error ? e.message : String(e),
      span: { start: 0, end: Math.min(1, text.length) },
    });
    docs = [];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    for (const err of d.errors) {
      const start = Math.min(err.pos[0], text.length);
      yamlErrors.push({
        message: err.message,
        span: { start, end: Math.min(Math.max(err.pos[1], start), text.length) },
      });
    }
  }
  const [first, ...rest] = applicationSpecsOf(list as readonly { readonly contents: unknown }[]);
  const app = applicationOf(text, first?.spec, first?.doc as Document | undefined, yamlErrors);
  if (rest.length === 0) return app;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the parser's own Document
  return { ...app, others: rest.map((r) => applicationOf(text, r.spec, r.doc as Document, [])) };
}

/**
 * One SparkApplication: the fields the operator turns into Spark settings, and the conf
 * spark-submit receives from them (submission.go buildSparkSubmitArgs).
 */
function applicationOf(
  text: string,
  spec: YAMLMap | undefined,
  doc: Document | undefined,
  yamlErrors: SparkApplicationDocument['yamlErrors'],
): SparkApplicationDocument {
  const s: SpecFields = spec !== undefined ? specFields(spec, text, doc) : { sparkConf: [], fields: new Map() };
  const type = s.appType?.text.toLowerCase();
  return {
    kind: 'spark-application',
    text,
    yamlErrors,
    sparkConf: s.sparkConf,
    fields: s.fields,
    ...(s.sparkVersion !== undefined ? { sparkVersion: s.sparkVersion } : {}),
    ...(s.appType !== undefined ? { appType: s.appType } : {}),
    ...(s.driverMemoryLimit !== undefined ? { driverMemoryLimit: s.driverMemoryLimit } : {}),
    ...(s.executorMemoryLimit !== undefined ? { executorMemoryLimit: s.executorMemoryLimit } : {}),
    conf: submitConf(s.sparkConf, s.fields),
    nonJvm: type === 'python' || type === 'r',
  };
}

/** What the parser reads from a spec (SparkApplicationSpec): Spark settings, and the fields that are not. */
interface SpecFields {
  readonly sparkConf: SparkConfEntry[];
  /** The typed fields that set Spark keys, by path: memoryOverheadFactor, then the driver's, then the executor's. */
  readonly fields: Map<string, YamlField>;
  readonly sparkVersion?: YamlField | undefined;
  readonly appType?: YamlField | undefined;
  readonly driverMemoryLimit?: YamlField | undefined;
  readonly executorMemoryLimit?: YamlField | undefined;
}

function specFields(spec: YAMLMap, text: string, doc: Document | undefined): SpecFields {
  const fields = new Map<string, YamlField>();
  const factor = fieldAt(spec, 'memoryOverheadFactor', 'spec.memoryOverheadFactor', text, doc);
  if (factor) fields.set(factor.path, factor);
  const driverMemoryLimit = podFields(spec, 'driver', text, doc, fields);
  const executorMemoryLimit = podFields(spec, 'executor', text, doc, fields);
  return {
    sparkConf: sparkConfOf(spec, text, doc),
    fields,
    sparkVersion: fieldAt(spec, 'sparkVersion', 'spec.sparkVersion', text, doc),
    appType: fieldAt(spec, 'type', 'spec.type', text, doc),
    driverMemoryLimit,
    executorMemoryLimit,
  };
}

/** spec.sparkConf: its scalar entries in order (a key that is not a scalar, or a non-scalar value, is skipped). */
function sparkConfOf(spec: YAMLMap, text: string, doc: Document | undefined): SparkConfEntry[] {
  const out: SparkConfEntry[] = [];
  const sc = deref(mapGet(spec, 'sparkConf')?.value, doc).node;
  if (!isMap(sc)) return out;
  for (const item of sc.items) {
    const k = item.key as YamlNode | null;
    const v = deref(item.value, doc).node as YamlNode | null;
    if (!isScalar(k)) continue;
    const key = String(k.value);
    if (isScalar(v)) {
      out.push({
        key,
        text: scalarText(v, text),
        yamlType: scalarType(v),
        span: span(v, text),
        keySpan: span(k, text),
        path: `spec.sparkConf.${key}`,
      });
    }
  }
  return out;
}

/** The fields of spec.driver / spec.executor (DriverSpec, ExecutorSpec and their SparkPodSpec) that the parser reads. */
const POD_FIELDS = [
  'cores',
  'coreRequest',
  'coreLimit',
  'memory',
  'memoryOverhead',
  'javaOptions',
  'instances',
  'memoryLimit',
];

/**
 * The typed fields of spec.<role> into `fields`; returns its memoryLimit, which is not a Spark
 * setting. `executor: *res`: the fields are read through the alias, as the operator's decoder does.
 */
function podFields(
  spec: YAMLMap,
  role: 'driver' | 'executor',
  text: string,
  doc: Document | undefined,
  fields: Map<string, YamlField>,
): YamlField | undefined {
  const { node: r, anchor } = deref(mapGet(spec, role)?.value, doc);
  if (!isMap(r)) return undefined;
  let memoryLimit: YamlField | undefined;
  for (const name of POD_FIELDS) {
    const f = fieldAt(r, name, `spec.${role}.${name}`, text, doc, anchor);
    if (f === undefined) continue;
    if (name === 'memoryLimit') memoryLimit = f;
    else fields.set(f.path, f);
  }
  return memoryLimit;
}

/**
 * The conf spark-submit ends up with, in buildSparkSubmitArgs' argument order: the overhead
 * factor, spec.sparkConf, the driver's fields, the executor's fields; the last --conf of a key wins.
 */
function submitConf(sparkConf: readonly SparkConfEntry[], fields: ReadonlyMap<string, YamlField>): ConfValue[] {
  const conf = new Map<string, ConfValue>();
  const factor = fields.get('spec.memoryOverheadFactor');
  if (factor)
    conf.set('spark.kubernetes.memoryOverheadFactor', {
      key: 'spark.kubernetes.memoryOverheadFactor',
      value: factor.text,
      origin: 'typed-field',
      span: factor.span,
      keySpan: factor.keySpan,
    });
  for (const e of sparkConf) {
    if (e.key === 'spark.kubernetes.driver.pod.name') continue;
    conf.delete(e.key);
    conf.set(e.key, { key: e.key, value: e.text, origin: 'sparkConf', span: e.span, keySpan: e.keySpan });
  }
  for (const [path, key] of TYPED_FIELD_KEYS) {
    if (path === 'spec.memoryOverheadFactor') continue;
    const f = fields.get(path);
    if (f === undefined) continue;
    conf.delete(key);
    conf.set(key, { key, value: f.text, origin: 'typed-field', span: f.span, keySpan: f.keySpan });
  }
  return [...conf.values()];
}
