// The model behind every editor feature: which documents are ours, the byte-order mark on disk,
// the leads file beside a servers file, and one cached analysis per document version (the linter,
// hover, hints, outline and quick fixes share it). Everything that reads the disk is here.
import * as vscode from 'vscode';
import { AnalysisResult, analyzeText } from '../core/editor/analysis';
import { tooLargeToAnalyse } from '../core/editor/limits';
import type { DocumentType } from '../core/document/kind';
import { decodeUtf8, documentTypeOf, hasUtf8Bom, leadsUriOf, openDocument } from './documentFiles';
import { TextMapper } from './mapping';
import { readSettings } from './settings';

export * from './documentFiles';

/** How messages name the leads file: relative to the workspace (conf/leads), as the CLI names it. */
function leadsName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** What the features need of one analysed text: the core's result and the way back to ranges. */
export interface Snapshot {
  readonly uri: vscode.Uri;
  /** The document version analysed; undefined for a file read from disk. */
  readonly version: number | undefined;
  readonly type: DocumentType;
  readonly result: AnalysisResult;
  readonly mapper: TextMapper;
  /** For a servers file with a leads file beside it; `name` is how findings refer to it (conf/leads). */
  readonly leads?: { readonly uri: vscode.Uri; readonly name: string; readonly mapper: TextMapper };
}

interface DiskText {
  readonly text: string;
  readonly bom: boolean;
}

export class DocumentStore implements vscode.Disposable {
  private readonly bom = new Map<string, Promise<boolean>>();
  private readonly disk = new Map<string, Promise<DiskText | undefined>>();
  private readonly snapshots = new Map<string, { key: string; promise: Promise<Snapshot | undefined> }>();
  private readonly epochs = new Map<string, number>();
  private generation = 0;

  /** Forget everything (settings changed). */
  invalidateAll(): void {
    this.generation++;
    this.snapshots.clear();
  }

  /** The file at `uri` changed on disk, or something it depends on did. */
  invalidate(uri: vscode.Uri): void {
    const key = uri.toString();
    this.bom.delete(key);
    this.disk.delete(key);
    this.snapshots.delete(key);
    this.epochs.set(key, (this.epochs.get(key) ?? 0) + 1);
  }

  /** Forget the analysis of `uri` (not what was read from disk): its leads file changed. */
  invalidateAnalysis(uri: vscode.Uri): void {
    const key = uri.toString();
    this.snapshots.delete(key);
    this.epochs.set(key, (this.epochs.get(key) ?? 0) + 1);
  }

  forget(uri: vscode.Uri): void {
    this.snapshots.delete(uri.toString());
  }

  /** Whether the file behind an open document starts with a UTF-8 BOM (which VS Code does not show). */
  private async documentHasBom(doc: vscode.TextDocument): Promise<boolean> {
    if (doc.getText(new vscode.Range(0, 0, 0, 1)) === '\ufeff') return false;
    if (doc.uri.scheme !== 'file') return doc.encoding === 'utf8bom';
    const key = doc.uri.toString();
    let p = this.bom.get(key);
    if (p === undefined) {
      p = Promise.resolve(vscode.workspace.fs.readFile(doc.uri)).then(hasUtf8Bom, () => doc.encoding === 'utf8bom');
      this.bom.set(key, p);
    }
    return p;
  }

  private readDisk(uri: vscode.Uri): Promise<DiskText | undefined> {
    const key = uri.toString();
    let p = this.disk.get(key);
    if (p === undefined) {
      p = Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
        (bytes) => ({ text: decodeUtf8(bytes), bom: hasUtf8Bom(bytes) }),
        () => undefined,
      );
      this.disk.set(key, p);
    }
    return p;
  }

  /**
   * The leads text (as the core reads it) and its mapper: an edited (dirty) leads editor's text,
   * else the disk. A saved, open leads document is the disk's text as VS Code last loaded it, and
   * it lags a change on disk until the file watcher reports it; the disk is never older.
   */
  private async leadsFor(
    uri: vscode.Uri,
    type: DocumentType,
  ): Promise<{ uri: vscode.Uri; coreText: string; shift: number } | undefined> {
    if (type.kind !== 'snappy-members' || type.role !== 'server') return undefined;
    const leadsUri = leadsUriOf(uri);
    const open = openDocument(leadsUri);
    if (open !== undefined && (open.isDirty || open.isUntitled)) {
      const text = open.getText();
      const bom = await this.documentHasBom(open);
      return { uri: leadsUri, coreText: bom ? `\ufeff${text}` : text, shift: bom ? 1 : 0 };
    }
    const d = await this.readDisk(leadsUri);
    if (d === undefined) {
      if (open === undefined) return undefined;
      const text = open.getText();
      const bom = await this.documentHasBom(open);
      return { uri: leadsUri, coreText: bom ? `\ufeff${text}` : text, shift: bom ? 1 : 0 };
    }
    return { uri: leadsUri, coreText: d.bom ? `\ufeff${d.text}` : d.text, shift: d.bom ? 1 : 0 };
  }

  private analyse(
    uri: vscode.Uri,
    version: number | undefined,
    type: DocumentType,
    text: string,
    bom: boolean,
    leads: Awaited<ReturnType<DocumentStore['leadsFor']>>,
  ): Snapshot {
    const coreText = bom ? `\ufeff${text}` : text;
    const settings = readSettings(uri);
    const result = analyzeText(type, coreText, {
      ...settings.options,
      ...(leads !== undefined ? { leads: { text: leads.coreText, uri: leadsName(leads.uri) } } : {}),
    });
    const shift = bom ? 1 : 0;
    const mapper = result.ok ? new TextMapper(result.analysis.lines, shift) : TextMapper.of('', 0);
    return {
      uri,
      version,
      type,
      result,
      mapper,
      ...(leads !== undefined
        ? { leads: { uri: leads.uri, name: leadsName(leads.uri), mapper: TextMapper.of(leads.coreText, leads.shift) } }
        : {}),
    };
  }

  /** The analysis of an open document at its current version (shared by every feature). */
  forDocument(doc: vscode.TextDocument): Promise<Snapshot | undefined> {
    const type = documentTypeOf(doc);
    if (type === undefined) return Promise.resolve(undefined);
    const uriKey = doc.uri.toString();
    const key = `${doc.version}|${this.generation}|${this.epochs.get(uriKey) ?? 0}|${doc.languageId}`;
    const hit = this.snapshots.get(uriKey);
    if (hit !== undefined && hit.key === key) return hit.promise;
    const version = doc.version;
    // Take the text now: the analysis is of this version even if the document changes while the disk is read.
    const text = doc.getText();
    const promise = (async (): Promise<Snapshot | undefined> => {
      if (tooLargeToAnalyse(type.kind, text.length) !== undefined)
        return this.analyse(doc.uri, version, type, text, false, undefined);
      const bom = await this.documentHasBom(doc);
      const leads = await this.leadsFor(doc.uri, type);
      return this.analyse(doc.uri, version, type, text, bom, leads);
    })();
    this.snapshots.set(uriKey, { key, promise });
    // A failed read must not stay cached.
    promise.catch(() => {
      if (this.snapshots.get(uriKey)?.promise === promise) this.snapshots.delete(uriKey);
    });
    return promise;
  }

  /** The last analysis started for `uri`, whatever its version (completion only needs its Spark version). */
  last(uri: vscode.Uri): Promise<Snapshot | undefined> | undefined {
    return this.snapshots.get(uri.toString())?.promise;
  }

  /** The analysis of a file that is not open, read from disk (not cached). */
  async forFile(uri: vscode.Uri, type: DocumentType): Promise<Snapshot | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
    const bom = hasUtf8Bom(bytes);
    const text = decodeUtf8(bytes);
    const leads = tooLargeToAnalyse(type.kind, text.length) === undefined ? await this.leadsFor(uri, type) : undefined;
    return this.analyse(uri, undefined, type, text, bom, leads);
  }

  dispose(): void {
    this.snapshots.clear();
    this.bom.clear();
    this.disk.clear();
  }
}
