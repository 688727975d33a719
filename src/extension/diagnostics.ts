// Diagnostics in the Problems view: for open documents as they are typed (debounced), on open, and
// for the whole workspace on "Spark Memory: Lint Workspace" (files found by name, and SparkApplication
// YAML by content, open or not). Results of the workspace lint stay when a file is closed (they are
// read again from disk); a servers file is linted again when the leads file beside it changes.
import * as vscode from 'vscode';
import { log } from './log';
import { RULES, type Finding, type Severity } from '../core/rules';
import { isSparkApplicationYaml, detectDocumentType, type DocumentType } from '../core/document/kind';
import { MAX_ANALYSED_CHARS } from '../core/editor/limits';
import { DocumentStore, Snapshot, decodeUtf8, documentTypeOf, openDocument, serversUriOf } from './documents';
import { SOURCE } from './providers/kinds';

export const DEBOUNCE_MS = 250;
/** Code of the one diagnostic a file above the size limit gets. */
export const TOO_LARGE_CODE = 'FILE-TOO-LARGE';

// Made on first use, not when this module loads: RULES is in dist/analysis.js, which activation does
// not load (scripts/build.mjs).
let ruleCodes: ReadonlySet<string> | undefined;
const ruleCodesOf = (): ReadonlySet<string> => (ruleCodes ??= new Set(RULES.map((r) => r.code)));

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The page of a rule inside the installed extension (docs/rules is packaged in the VSIX). */
export function ruleDocUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code}.md`);
}

export function isRuleCode(code: string): boolean {
  return ruleCodesOf().has(code);
}

export function toDiagnostic(f: Finding, snap: Snapshot, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(snap.mapper.range(f.span), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = ruleCodesOf().has(f.code) ? { value: f.code, target: ruleDocUri(extensionUri, f.code) } : f.code;
  if (f.related !== undefined && f.related.length > 0) {
    const related: vscode.DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      if (r.uri === undefined)
        related.push(
          new vscode.DiagnosticRelatedInformation(new vscode.Location(snap.uri, snap.mapper.range(r.span)), r.message),
        );
      else if (snap.leads !== undefined && r.uri === snap.leads.name) {
        related.push(
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(snap.leads.uri, snap.leads.mapper.range(r.span)),
            r.message,
          ),
        );
      }
    }
    if (related.length > 0) d.relatedInformation = related;
  }
  if (f.tags !== undefined && f.tags.length > 0) {
    d.tags = f.tags.map((t) =>
      t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated,
    );
  }
  return d;
}

export function diagnosticsOf(snap: Snapshot, extensionUri: vscode.Uri): vscode.Diagnostic[] {
  if (!snap.result.ok) {
    const d = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      snap.result.tooLarge.message,
      vscode.DiagnosticSeverity.Information,
    );
    d.source = SOURCE;
    d.code = TOO_LARGE_CODE;
    return [d];
  }
  return snap.result.analysis.findings.map((f) => toDiagnostic(f, snap, extensionUri));
}

const CONFIG_GLOBS = [
  '**/{spark-defaults.conf,spark-defaults.conf.template}',
  '**/conf/{servers,leads,locators,servers.template,leads.template,locators.template}',
  '**/*.{yaml,yml}',
];
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const MAX_WORKSPACE_FILES = 10_000;

export interface WorkspaceLintResult {
  /** The config files found and linted (URIs as strings). */
  readonly files: readonly string[];
  readonly problems: number;
  readonly cancelled: boolean;
}

export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly runs = new Map<string, number>();
  /** Files the last workspace lint found: their diagnostics outlive their editors. */
  private readonly workspaceFiles = new Map<string, { uri: vscode.Uri; type: DocumentType }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's or file's diagnostics were replaced. */
  readonly onDidLint = this.changed.event;

  constructor(
    private readonly store: DocumentStore,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Lints `doc` after `delay` ms, replacing any run still waiting for it. */
  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintDocument(doc);
      }, delay),
    );
  }

  /** Lints an open document now; results of a run overtaken by a newer version or run are dropped. */
  async lintDocument(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[] | undefined> {
    const key = doc.uri.toString();
    const run = (this.runs.get(key) ?? 0) + 1;
    this.runs.set(key, run);
    const version = doc.version;
    if (documentTypeOf(doc) === undefined) {
      // A YAML file that stopped being a SparkApplication, or a language change.
      if (!this.workspaceFiles.has(key)) this.collection.delete(doc.uri);
      return undefined;
    }
    let snap: Snapshot | undefined;
    const started = Date.now();
    try {
      snap = await this.store.forDocument(doc);
    } catch (e) {
      console.error(`spark-memory: linting ${doc.uri.toString()} failed:`, e);
      return undefined;
    }
    if (snap === undefined || doc.isClosed || doc.version !== version || this.runs.get(key) !== run) return undefined;
    const diagnostics = diagnosticsOf(snap, this.extensionUri);
    this.collection.set(doc.uri, diagnostics);
    log().debug(
      `linted ${vscode.workspace.asRelativePath(doc.uri)} v${version}: ${diagnostics.length} findings in ${Date.now() - started} ms`,
    );
    this.changed.fire(doc.uri);
    return diagnostics;
  }

  /** Lints a file from disk (it is not open). */
  async lintFile(uri: vscode.Uri, type: DocumentType): Promise<readonly vscode.Diagnostic[] | undefined> {
    const key = uri.toString();
    const run = (this.runs.get(key) ?? 0) + 1;
    this.runs.set(key, run);
    const snap = await this.store.forFile(uri, type);
    if (this.runs.get(key) !== run || openDocument(uri) !== undefined) return undefined;
    if (snap === undefined) {
      this.collection.delete(uri);
      return undefined;
    }
    const diagnostics = diagnosticsOf(snap, this.extensionUri);
    this.collection.set(uri, diagnostics);
    this.changed.fire(uri);
    return diagnostics;
  }

  onDidOpen(doc: vscode.TextDocument): void {
    if (documentTypeOf(doc) !== undefined) this.schedule(doc, 0);
  }

  onDidChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const doc = e.document;
    const type = documentTypeOf(doc);
    if (type !== undefined) this.schedule(doc);
    else if (this.collection.has(doc.uri) && !this.workspaceFiles.has(doc.uri.toString()))
      this.collection.delete(doc.uri);
    if (type?.kind === 'snappy-members' && type.role === 'lead') this.leadsChanged(doc.uri);
  }

  onDidClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(key);
    this.runs.set(key, (this.runs.get(key) ?? 0) + 1);
    this.store.forget(doc.uri);
    const ws = this.workspaceFiles.get(key);
    if (ws !== undefined) void this.lintFile(ws.uri, ws.type);
    else this.collection.delete(doc.uri);
    // The servers file beside a closed leads file now reads the leads file from disk.
    const type = documentTypeOf(doc);
    if (type?.kind === 'snappy-members' && type.role === 'lead') this.leadsChanged(doc.uri);
  }

  /** The leads file at `leadsUri` changed (in an editor or on disk): lint the servers file beside it again. */
  leadsChanged(leadsUri: vscode.Uri): void {
    const servers = serversUriOf(leadsUri);
    if (servers === undefined) return;
    this.store.invalidateAnalysis(servers);
    const open = openDocument(servers);
    if (open !== undefined) this.schedule(open);
    else {
      const ws = this.workspaceFiles.get(servers.toString());
      if (ws !== undefined) void this.lintFile(ws.uri, ws.type);
    }
  }

  /** A file changed, appeared or went away on disk. */
  onDiskChange(uri: vscode.Uri, deleted: boolean): void {
    this.store.invalidate(uri);
    const key = uri.toString();
    const open = openDocument(uri);
    if (deleted && open === undefined) {
      this.workspaceFiles.delete(key);
      this.collection.delete(uri);
    } else if (open !== undefined) {
      if (!open.isDirty) this.schedule(open, 0);
    } else {
      const ws = this.workspaceFiles.get(key);
      if (ws !== undefined) void this.lintFile(ws.uri, ws.type);
    }
    if (detectDocumentType(uri.path)?.role === 'lead') this.leadsChanged(uri);
  }

  /** Lints every open document and every file of the last workspace lint again (settings changed). */
  relintAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (documentTypeOf(doc) !== undefined) this.schedule(doc, 0);
    for (const ws of this.workspaceFiles.values())
      if (openDocument(ws.uri) === undefined) void this.lintFile(ws.uri, ws.type);
  }

  /** Finds and lints every config file of the workspace, open or not. */
  async lintWorkspace(
    token?: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<WorkspaceLintResult> {
    const found = new Map<string, vscode.Uri>();
    for (const glob of CONFIG_GLOBS) {
      for (const uri of await vscode.workspace.findFiles(glob, EXCLUDE_GLOB, MAX_WORKSPACE_FILES, token))
        found.set(uri.toString(), uri);
    }
    const files: string[] = [];
    let problems = 0;
    const uris = [...found.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
    const before = new Set(this.workspaceFiles.keys());
    let done = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) return { files, problems, cancelled: true };
      done++;
      progress?.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
      const open = openDocument(uri);
      let type = open !== undefined ? documentTypeOf(open) : detectDocumentType(uri.path);
      if (type === undefined && open === undefined && /\.ya?ml$/i.test(uri.path))
        type = await this.sparkApplicationOnDisk(uri);
      if (type === undefined) continue;
      const key = uri.toString();
      files.push(key);
      before.delete(key);
      this.workspaceFiles.set(key, { uri, type });
      const diagnostics = open !== undefined ? await this.lintDocument(open) : await this.lintFile(uri, type);
      problems += diagnostics?.length ?? this.collection.get(uri)?.length ?? 0;
      // Let other work in the extension host run between files.
      if (done % 20 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    // Files the previous run found that are gone or no longer config files.
    for (const key of before) {
      const ws = this.workspaceFiles.get(key);
      this.workspaceFiles.delete(key);
      if (ws !== undefined && openDocument(ws.uri) === undefined) this.collection.delete(ws.uri);
    }
    return { files, problems, cancelled: false };
  }

  private async sparkApplicationOnDisk(uri: vscode.Uri): Promise<DocumentType | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.length > MAX_ANALYSED_CHARS['spark-application'] * 3) return undefined;
      return isSparkApplicationYaml(decodeUtf8(bytes)) ? { kind: 'spark-application' } : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
    this.changed.dispose();
  }
}
