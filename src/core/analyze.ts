// One entry point from a file's text to what the product shows: the parsed document, the Spark
// conf, and the layout for the chosen Spark version. Front ends (extension, CLI, webview) call this.
import { SparkConfView } from './config/confSource';
import { confOfProperties, confOfSparkApplication } from './config/documentConf';
import { derived, derivedKey } from './document/derived';
import { DocumentType } from './document/kind';
import { SnappyLayoutOptions, SnappyMemberLayout, snappyLayouts, snappyMemberLayout } from './layout/snappyLayout';
import { SparkLayout, SparkLayoutOptions, sparkLayout } from './layout/sparkLayout';
import { MembersDocument, parseMembers } from './parse/members';
import { PropertiesDocument, parseProperties } from './parse/properties';
import { SparkApplicationDocument, parseSparkApplication } from './parse/sparkApplication';
import { DEFAULT_SPARK_VERSION, SparkVersion, parseSparkVersion } from './version';

export type ParsedDocument = PropertiesDocument | MembersDocument | SparkApplicationDocument;

export function parseDocument(type: DocumentType, text: string): ParsedDocument {
  switch (type.kind) {
    case 'spark-defaults':
      return parseProperties(text);
    case 'snappy-members':
      return parseMembers(text, type.role ?? 'server');
    case 'spark-application':
      return parseSparkApplication(text);
  }
}

const CONF = derivedKey<SparkConfView>('conf');

/** The document's Spark conf, built once per parsed document (the engine and the layout share it; SparkConfView is immutable). */
export function sparkConfOf(doc: PropertiesDocument | SparkApplicationDocument): SparkConfView {
  return derived(doc, CONF, () =>
    doc.kind === 'spark-defaults' ? confOfProperties(doc) : confOfSparkApplication(doc),
  );
}

/** The version in force: the user's choice, else what the document declares, else the default line. */
export function sparkVersionFor(
  doc: ParsedDocument,
  chosen?: SparkVersion,
): { version: SparkVersion; source: 'setting' | 'document' | 'default' } {
  if (chosen !== undefined) return { version: chosen, source: 'setting' };
  if (doc.kind === 'spark-application' && doc.sparkVersion !== undefined) {
    const v = parseSparkVersion(doc.sparkVersion.text);
    if (v !== undefined) return { version: v, source: 'document' };
  }
  return { version: DEFAULT_SPARK_VERSION, source: 'default' };
}

export interface LayoutRequest {
  readonly sparkVersion?: SparkVersion;
  readonly spark?: Omit<SparkLayoutOptions, 'version'>;
  readonly snappy?: SnappyLayoutOptions;
  /** Overrides (what-if) applied to the Spark conf before the layout is derived. */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
}

export type DocumentLayout =
  | { readonly kind: 'spark'; readonly layout: SparkLayout }
  | { readonly kind: 'snappydata'; readonly members: readonly SnappyMemberLayout[] };

export function layoutOfDocument(doc: ParsedDocument, req: LayoutRequest = {}, member?: number): DocumentLayout {
  if (doc.kind === 'snappy-members') {
    const opts = req.snappy ?? {};
    if (member !== undefined) return { kind: 'snappydata', members: [snappyMemberLayout(doc, member, opts)] };
    return { kind: 'snappydata', members: snappyLayouts(doc, opts) };
  }
  const { version } = sparkVersionFor(doc, req.sparkVersion);
  let conf = sparkConfOf(doc);
  if (req.overrides !== undefined) conf = conf.with(req.overrides);
  const pythonApp = req.spark?.pythonApp ?? (doc.kind === 'spark-application' ? doc.nonJvm : undefined);
  const clusterManager = req.spark?.clusterManager ?? (doc.kind === 'spark-application' ? 'kubernetes' : undefined);
  return {
    kind: 'spark',
    layout: sparkLayout(conf, {
      ...req.spark,
      version,
      ...(pythonApp !== undefined ? { pythonApp } : {}),
      ...(clusterManager !== undefined ? { clusterManager } : {}),
    }),
  };
}
