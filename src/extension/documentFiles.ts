// Which documents are ours and where their sibling files are: the light half of documents.ts, with
// no analysis behind it, so the editor features in dist/features.js can use it without bundling the
// rules (scripts/build.mjs). documents.ts re-exports all of it.
import * as vscode from 'vscode';
import { DocumentType, detectDocumentType, memberRoleOf } from '../core/document/kind';

/** Schemes whose documents are views of other files (diffs, output): never analysed. */
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'comment', 'vscode-notebook-cell-output']);

export const LANGUAGES = ['spark-defaults', 'snappydata-members', 'yaml'];
export const SELECTOR: vscode.DocumentSelector = LANGUAGES.map((language) => ({ language }));

const typeCache = new WeakMap<vscode.TextDocument, { version: number; type: DocumentType | undefined }>();

/**
 * The kind of config file a document is: by its path as the real systems find their files (and
 * content for YAML), else by the language the user gave it (an untitled spark-defaults buffer).
 */
export function documentTypeOf(doc: vscode.TextDocument): DocumentType | undefined {
  if (IGNORED_SCHEMES.has(doc.uri.scheme)) return undefined;
  const hit = typeCache.get(doc);
  if (hit !== undefined && hit.version === doc.version) return hit.type;
  let type = detectDocumentType(
    doc.uri.path,
    doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri.path) ? doc.getText() : undefined,
  );
  if (type === undefined && doc.languageId === 'spark-defaults') type = { kind: 'spark-defaults' };
  if (type === undefined && doc.languageId === 'snappydata-members')
    type = { kind: 'snappy-members', role: memberRoleOf(doc.uri.path) ?? 'server' };
  typeCache.set(doc, { version: doc.version, type });
  return type;
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** UTF-8 as VS Code and Spark decode it (malformed bytes become U+FFFD), without the BOM. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function siblingOf(uri: vscode.Uri, name: string): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..', name);
}

/** The leads file a servers file takes its lead's Spark properties from. */
export function leadsUriOf(serversUri: vscode.Uri): vscode.Uri {
  return siblingOf(serversUri, basename(serversUri).endsWith('.template') ? 'leads.template' : 'leads');
}

/** The servers file beside a leads file, or undefined when `uri` is not a leads file. */
export function serversUriOf(leadsUri: vscode.Uri): vscode.Uri | undefined {
  const name = basename(leadsUri);
  if (memberRoleOf(leadsUri.path) !== 'lead') return undefined;
  return siblingOf(leadsUri, name.endsWith('.template') ? 'servers.template' : 'servers');
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
