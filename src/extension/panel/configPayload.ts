// The `config` message for a document: its text and version (so an Apply can refuse to write over
// a newer text), what kind of file it is, the leads file beside a servers file, the Spark version
// setting, and this extension's diagnostics on it.
import * as vscode from 'vscode';
import type { DocumentType } from '../../core/document/kind';
import { versionSetting } from '../../core/editor';
import type { ClusterPayload, ConfigPayload, PanelDiagnostic, Severity } from '../../shared/protocol';
import { decodeUtf8, leadsUriOf, openDocument, siblingOf } from '../documents';
import { SECTION } from '../settings';

/** The protocol's limit on a text field: a larger file is not sent. */
export const MAX_PAYLOAD_TEXT = 8 * 1024 * 1024;

const SEVERITY: Readonly<Record<number, Severity>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c !== undefined && typeof c === 'object') return String(c.value);
  return '';
}

export function panelDiagnostics(diagnostics: readonly vscode.Diagnostic[]): PanelDiagnostic[] {
  return diagnostics.map((d) => ({
    code: codeOf(d).slice(0, 200),
    severity: SEVERITY[d.severity] ?? 'info',
    message: d.message.slice(0, 10_000),
    line: d.range.start.line,
  }));
}

/** As the linter reads it: an edited leads editor's text, else the disk (a saved editor may lag it). */
async function leadsText(uri: vscode.Uri): Promise<string | undefined> {
  return memberFileText(leadsUriOf(uri));
}

/** A member file as the linter reads it: an edited editor's text, else the disk; undefined when absent. */
async function memberFileText(leads: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(leads);
  if (open !== undefined && open.isDirty) return open.getText();
  try {
    return decodeUtf8(await vscode.workspace.fs.readFile(leads)).replace(/^\ufeff/, '');
  } catch {
    return open?.getText();
  }
}

/** The `sparkMemory.sparkVersion` setting for `uri`, when it names a version (not "auto"). */
export function sparkVersionSetting(uri: vscode.Uri): string | undefined {
  const raw = vscode.workspace.getConfiguration(SECTION, uri).get<unknown>('sparkVersion');
  return typeof raw === 'string' && versionSetting(raw) !== undefined ? raw.trim() : undefined;
}

/** This extension's version (package.json), for the panel's exports. */
function productVersion(): string | undefined {
  const pkg = vscode.extensions.getExtension('spark-memory.spark-memory')?.packageJSON as
    { version?: unknown } | undefined;
  return typeof pkg?.version === 'string' ? pkg.version : undefined;
}

export async function configPayload(
  doc: vscode.TextDocument,
  type: DocumentType,
  diagnostics: readonly vscode.Diagnostic[],
): Promise<ConfigPayload> {
  const text = doc.getText();
  const version = doc.version;
  const leads = type.kind === 'snappy-members' && type.role === 'server' ? await leadsText(doc.uri) : undefined;
  const sparkVersion = sparkVersionSetting(doc.uri);
  const product = productVersion();
  return {
    uri: doc.uri.toString(),
    fileName: vscode.workspace.asRelativePath(doc.uri, false),
    kind: type.kind,
    ...(type.role !== undefined ? { role: type.role } : {}),
    text,
    version,
    ...(leads !== undefined && leads.length <= MAX_PAYLOAD_TEXT ? { leadsText: leads } : {}),
    ...(sparkVersion !== undefined ? { sparkVersion } : {}),
    diagnostics: panelDiagnostics(diagnostics),
    ...(product !== undefined ? { productVersion: product } : {}),
  };
}

/**
 * The `cluster` message for a SnappyData member file: the servers, leads and locators files of its
 * folder (conf/servers, conf/leads, conf/locators; `.template` names beside a template), each
 * as the linter reads it. The shown file is one of them, with its editor's text.
 */
export async function clusterPayload(doc: vscode.TextDocument): Promise<ClusterPayload> {
  const name = doc.uri.path.split('/').pop() ?? '';
  const suffix = name.endsWith('.template') ? '.template' : '';
  const out: { -readonly [K in keyof ClusterPayload]: ClusterPayload[K] } = { uri: doc.uri.toString() };
  for (const role of ['servers', 'leads', 'locators'] as const) {
    const sibling = siblingOf(doc.uri, `${role}${suffix}`);
    const text = sibling.toString() === doc.uri.toString() ? doc.getText() : await memberFileText(sibling);
    if (text !== undefined && text.length <= MAX_PAYLOAD_TEXT) out[role] = text;
  }
  return out;
}
