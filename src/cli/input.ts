// Reading config files for the CLI: UTF-8 as Spark reads them (a BOM is kept, malformed bytes
// become U+FFFD), the document type from the name (and content for YAML), and a servers file's
// sibling leads file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ParsedDocument, parseDocument } from '../core/analyze';
import { DocumentType, detectDocumentType, isSparkApplicationYaml, memberRoleOf } from '../core/document/kind';
import { MembersDocument, parseMembers } from '../core/parse/members';
import { UsageError } from './args';

export class InputError extends Error {}

export function readText(file: string): string {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as { code?: string }).code;
    throw new InputError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read'}`,
    );
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** The type from the path, as the real systems find their files; content decides for YAML. */
export function documentTypeOf(file: string, text: string, forced?: string): DocumentType {
  if (forced !== undefined) {
    if (forced === 'spark-defaults') return { kind: 'spark-defaults' };
    if (forced === 'spark-application') return { kind: 'spark-application' };
    if (forced === 'servers' || forced === 'leads' || forced === 'locators') {
      return {
        kind: 'snappy-members',
        role: forced === 'servers' ? 'server' : forced === 'leads' ? 'lead' : 'locator',
      };
    }
    throw new UsageError(
      `unknown --type ${forced} (expected spark-defaults, servers, leads, locators or spark-application)`,
    );
  }
  const detected = detectDocumentType(file, text);
  if (detected !== undefined) return detected;
  const role = memberRoleOf(file);
  if (role !== undefined) return { kind: 'snappy-members', role };
  if (/\.ya?ml$/i.test(file) || isSparkApplicationYaml(text)) return { kind: 'spark-application' };
  return { kind: 'spark-defaults' };
}

export interface LoadedDocument {
  readonly file: string;
  readonly text: string;
  readonly type: DocumentType;
  readonly doc: ParsedDocument;
  /** For a servers file: the leads file beside it, when there is one. */
  readonly leads?: MembersDocument;
}

export function loadDocument(file: string, forcedType?: string): LoadedDocument {
  const text = readText(file);
  const type = documentTypeOf(file, text, forcedType);
  const doc = parseDocument(type, text);
  if (type.kind === 'snappy-members' && type.role === 'server') {
    const leadsFile = join(dirname(file), basename(file).endsWith('.template') ? 'leads.template' : 'leads');
    if (existsSync(leadsFile)) {
      try {
        return { file, text, type, doc, leads: parseMembers(readText(leadsFile), 'lead') };
      } catch {
        // An unreadable leads file only means no lead overrides.
      }
    }
  }
  return { file, text, type, doc };
}
