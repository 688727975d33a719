import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'spark-memory.spark-memory';

/** Whether these tests run in a Node extension host (false in the web worker one: test/web/index.ts). */
export const NODE_HOST =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/** `it` for a test of what needs Node (the lint task's process): pending in the web worker host. */
export const itWithNode: Mocha.TestFunction | Mocha.PendingTestFunction = NODE_HOST ? it : it.skip;

/** Polls `fn` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first workspace folder (the harness opens a copy of samples/). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder must be open (the samples/ workspace)');
  return folder.uri;
}

export function sample(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Opens a file in an editor and returns its document. */
export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Our diagnostics on a file (source spark-memory), in document order. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'spark-memory')
    .sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c !== undefined && typeof c === 'object') return String(c.value);
  return undefined;
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** "line:col-line:col severity CODE" (0-based), the form the tests compare. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${SEVERITY[d.severity]} ${codeOf(d)}`;
}

/** Polls our diagnostics on `uri` until `ok` holds for them; fails showing the last ones seen. */
export async function diagnosticsWhen(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 15000,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await waitFor(
      () => {
        last = ours(uri);
        return ok(last) ? last : undefined;
      },
      what,
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last seen: ${JSON.stringify(last.map(describeDiagnostic))}`, {
      cause: e,
    });
  }
}

/** Polls until the described diagnostics on `uri` are exactly `expected`. */
export function expectDiagnostics(
  uri: vscode.Uri,
  expected: readonly string[],
  timeoutMs?: number,
): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify(expected);
  return diagnosticsWhen(
    uri,
    (ds) => JSON.stringify(ds.map(describeDiagnostic)) === want,
    `diagnostics ${want} on ${vscode.workspace.asRelativePath(uri)}`,
    timeoutMs,
  );
}

/** A scratch folder under the workspace copy, removed by `cleanup()`. */
export class Scratch {
  readonly root: vscode.Uri;
  constructor(name: string) {
    this.root = vscode.Uri.joinPath(workspaceRoot(), `scratch-${name}`);
  }

  uri(relPath: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...relPath.split('/'));
  }

  async write(relPath: string, content: string | Uint8Array): Promise<vscode.Uri> {
    const uri = this.uri(relPath);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return uri;
  }

  /** Copies a file of the samples workspace into the scratch folder. */
  async copy(sampleRel: string, relPath = sampleRel): Promise<vscode.Uri> {
    const bytes = await vscode.workspace.fs.readFile(sample(...sampleRel.split('/')));
    return this.write(relPath, bytes);
  }

  async cleanup(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(this.root, { recursive: true }).then(undefined, () => undefined);
  }
}

/** Sets a sparkMemory.* workspace setting and returns a function that restores the previous value. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('sparkMemory');
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('sparkMemory').update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}

/** The document's full text after edits, for comparing. */
export function textOf(doc: vscode.TextDocument): string {
  return doc.getText();
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit !== undefined) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}"`);
  if (action.command !== undefined)
    await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}
