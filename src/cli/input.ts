// Reading config files for the CLI: UTF-8 as Spark reads them (a BOM is kept, malformed bytes
// become U+FFFD), the document type from the name (and content for YAML), and a servers file's
// sibling leads file.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ParsedDocument, parseDocument } from '../core/analyze';
import { DocumentType, detectDocumentType, isSparkApplicationYaml, memberRoleOf } from '../core/document/kind';
import { MAX_CLI_FILE_BYTES } from '../core/editor/limits';
import { MembersDocument, parseMembers } from '../core/parse/members';
import { UsageError } from './args';

export class InputError extends Error {}

/** Why a file system call failed, in words (never the errno text with its syscall and path). */
export function reasonOf(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of links';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  return 'cannot be read';
}

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isSocket(): boolean }) {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a pipe (FIFO), not a regular file';
  if (st.isCharacterDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A config file's bytes, refusing what is not a regular file (a FIFO would block for ever,
 * /dev/zero never ends) and what is larger than the CLI reads. The file is checked by name
 * first (opening a FIFO blocks) and again on the opened descriptor (it may have been swapped).
 */
function readBytes(file: string): Uint8Array {
  const before = statSync(file);
  if (!before.isFile()) throw new InputError(`${file}: ${kindOf(before)}`);
  // O_NONBLOCK is undefined on Windows, whatever @types/node says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${file}: ${kindOf(st)}`);
    if (st.size > MAX_CLI_FILE_BYTES)
      throw new InputError(
        `${file}: ${grouped(st.size)} bytes, more than the ${grouped(MAX_CLI_FILE_BYTES)} the command line reads`,
      );
    // One byte past the size seen: a file that grows while read is still bounded.
    const bytes = new Uint8Array(st.size + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, bytes, n, bytes.length - n, null);
      if (r === 0) break;
      n += r;
      if (n === bytes.length)
        throw new InputError(
          `${file}: the file grew while it was read (more than the ${grouped(st.size)} bytes it had)`,
        );
    }
    return bytes.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function readText(file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as { code?: string }).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : reasonOf(e)}`);
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
