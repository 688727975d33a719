// Quick fixes from each finding's fixes (the preferred one marked), "Disable CODE for this line",
// "Show documentation for CODE", and the "Fix all Spark Memory problems" source action
// (source.fixAll.sparkMemory, which editor.codeActionsOnSave also runs). Fix all of a large file is
// built in slices, off the lightbulb's path, and handed over in resolveCodeAction.
import * as vscode from 'vscode';
import { FixAllBuilder, disableNextLineEdit, fileDisableEdit, inDocumentOrder } from '../../core/editor/fixes';
import { joinTouchingEdits, type TextEdit } from '../../core/edit';
import type { Finding, QuickFix } from '../../core/rules';
import type { DocumentStore, Snapshot } from '../documents';
import type { TextMapper } from '../mapping';
import { FIX_ALL_KIND, REMOVE_BOM_COMMAND, SHOW_RULE_COMMAND, SOURCE } from './kinds';

/** Whether a fix is just the removal of the byte-order mark, which is not a text edit in the editor. */
function isBomRemoval(fix: QuickFix, mapper: TextMapper): boolean {
  return (
    mapper.shift > 0 &&
    fix.edits.length === 1 &&
    fix.edits[0]!.span.start === 0 &&
    fix.edits[0]!.span.end === mapper.shift &&
    fix.edits[0]!.newText === ''
  );
}

/** A fix as editor edits; undefined when an edit would have to change the hidden BOM. */
function editsOf(fix: QuickFix, mapper: TextMapper): vscode.TextEdit[] | undefined {
  const out: vscode.TextEdit[] = [];
  for (const e of fix.edits) {
    if (mapper.touchesBom(e.span)) return undefined;
    out.push(new vscode.TextEdit(mapper.range(e.span), e.newText));
  }
  return out;
}

function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[], mapper: TextMapper): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, mapper.range(e.span), e.newText);
  return we;
}

type FixAllResult = { edit: vscode.WorkspaceEdit; count: number } | undefined;

/**
 * Above this many findings with a preferred fix, Fix all is not built while the lightbulb asks (on
 * every cursor move) but in slices after it, and its action gets the edit in resolveCodeAction. At
 * about 20 µs per finding (fixAllEdits, mapping and the WorkspaceEdit), 2,000 findings take some 40 ms.
 */
export const FIX_ALL_DEFER_FINDINGS = 2_000;

/** How long Fix all works before it lets the extension host run its other work (ms). */
const SLICE_MS = 10;

/** Fix all of one snapshot, built once: a snapshot (one document version) always gives the same answer. */
const fixAllOfSnapshot = new WeakMap<Snapshot, Promise<FixAllResult>>();
/** The Fix all results already built, for the lightbulb's title. */
const settledFixAll = new WeakMap<Snapshot, { readonly result: FixAllResult }>();
/** Findings with a preferred fix, per snapshot. */
const fixableOfSnapshot = new WeakMap<Snapshot, number>();

/** The edit that applies every preferred fix of the snapshot, and how many findings it fixes. */
export function fixAllEdit(snap: Snapshot): Promise<FixAllResult> {
  let known = fixAllOfSnapshot.get(snap);
  if (known === undefined) {
    known = buildFixAll(snap).then((result) => {
      settledFixAll.set(snap, { result });
      return result;
    });
    fixAllOfSnapshot.set(snap, known);
  }
  return known;
}

/** A turn of the event loop for the host's other work (setTimeout: the web worker host has no setImmediate). */
const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `step(0)` to `step(n - 1)`, letting the host run its other work after every SLICE_MS of it. */
async function sliced(n: number, step: (i: number) => void): Promise<void> {
  let sliceStart = Date.now();
  for (let i = 0; i < n; i++) {
    step(i);
    if ((i & 255) === 255 && Date.now() - sliceStart >= SLICE_MS) {
      await yieldToHost();
      sliceStart = Date.now();
    }
  }
}

async function buildFixAll(snap: Snapshot): Promise<FixAllResult> {
  if (!snap.result.ok) return undefined;
  const mapper = snap.mapper;
  const builder = new FixAllBuilder((fix) => fix.edits.every((e) => !mapper.touchesBom(e.span)));
  const ordered = inDocumentOrder(snap.result.analysis.findings);
  await sliced(ordered.length, (i) => builder.add(ordered[i]!));
  const all = builder.result();
  if (all.edits.length === 0) return undefined;
  // Fewer, larger edits: the WorkspaceEdit crosses to the editor's process on every lightbulb that offers it.
  const edits = joinTouchingEdits(all.edits);
  const edit = new vscode.WorkspaceEdit();
  await sliced(edits.length, (i) => {
    const e = edits[i]!;
    edit.replace(snap.uri, mapper.range(e.span), e.newText);
  });
  return { edit, count: all.fixed.length };
}

function fixableCount(snap: Snapshot): number {
  let n = fixableOfSnapshot.get(snap);
  if (n === undefined) {
    n = snap.result.ok ? snap.result.analysis.findings.filter((f) => f.fixes?.some((x) => x.isPreferred)).length : 0;
    fixableOfSnapshot.set(snap, n);
  }
  return n;
}

const sameRange = (a: vscode.Range, b: vscode.Range): boolean => a.isEqual(b);

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c !== undefined && typeof c === 'object') return String(c.value);
  return undefined;
}

export class SparkMemoryCodeActions implements vscode.CodeActionProvider {
  /** Fix all actions offered before their edit was built (see fixAllAction). */
  private readonly pending = new WeakMap<vscode.CodeAction, { doc: vscode.TextDocument; snap: Snapshot }>();

  /**
   * `isRuleCode` comes from the diagnostics (extension.js, where the rules already are): importing it
   * here would copy every rule into dist/features.js, which only needs to know a code has a page.
   */
  constructor(
    private readonly store: DocumentStore,
    private readonly isRuleCode: (code: string) => boolean,
  ) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[] | undefined> {
    const want = (kind: vscode.CodeActionKind): boolean => context.only === undefined || context.only.contains(kind);
    const snap = await this.store.forDocument(doc);
    if (snap === undefined || !snap.result.ok || snap.version !== doc.version) return undefined;
    const analysis = snap.result.analysis;
    const mapper = snap.mapper;
    const actions: vscode.CodeAction[] = [];

    if (want(vscode.CodeActionKind.QuickFix)) {
      const ours = context.diagnostics.filter((d) => d.source === SOURCE);
      const disabled = new Set<string>();
      for (const f of analysis.findings) {
        const r = mapper.range(f.span);
        if (r.intersection(range) === undefined) continue;
        const diagnostics = ours.filter((d) => codeOf(d) === f.code && sameRange(d.range, r));
        for (const fix of f.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          if (isBomRemoval(fix, mapper)) {
            action.command = { command: REMOVE_BOM_COMMAND, title: fix.title, arguments: [doc.uri] };
          } else {
            const edits = editsOf(fix, mapper);
            if (edits === undefined) continue;
            action.edit = new vscode.WorkspaceEdit();
            action.edit.set(doc.uri, edits);
          }
          action.diagnostics = diagnostics;
          action.isPreferred = fix.isPreferred === true;
          actions.push(action);
        }
        const key = `${f.code}@${r.start.line}`;
        if (!disabled.has(key)) {
          disabled.add(key);
          actions.push(...this.suppressions(doc, snap, f, diagnostics));
        }
      }
      if (fixableCount(snap) > 1 && actions.some((a) => a.edit !== undefined)) {
        const action = await this.fixAllAction(doc, snap, vscode.CodeActionKind.QuickFix, true);
        if (action !== undefined) actions.push(action);
      }
    }

    // VS Code leaves source actions out of the quick-fix menu unless they were asked for.
    if (want(FIX_ALL_KIND)) {
      const action = await this.fixAllAction(doc, snap, FIX_ALL_KIND, false);
      if (action !== undefined) actions.push(action);
    }
    return actions;
  }

  /**
   * The Fix all action. A large file's is offered without its edit: the edit is built in slices
   * (started on the first ask, so it is usually ready when the action is chosen) and handed over in
   * resolveCodeAction. The lightbulb, which asks on every cursor move, then neither builds it nor
   * carries tens of thousands of edits to the editor each time.
   */
  private async fixAllAction(
    doc: vscode.TextDocument,
    snap: Snapshot,
    kind: vscode.CodeActionKind,
    counted: boolean,
  ): Promise<vscode.CodeAction | undefined> {
    const settled = settledFixAll.get(snap);
    if (fixableCount(snap) > FIX_ALL_DEFER_FINDINGS) {
      if (settled === undefined) void fixAllEdit(snap);
      else if (settled.result === undefined) return undefined;
      const count = counted ? settled?.result?.count : undefined;
      const action = new vscode.CodeAction(
        `Fix all Spark Memory problems${count !== undefined ? ` (${count})` : ''}`,
        kind,
      );
      this.pending.set(action, { doc, snap });
      return action;
    }
    const all = settled !== undefined ? settled.result : await fixAllEdit(snap);
    if (all === undefined) return undefined;
    const action = new vscode.CodeAction(`Fix all Spark Memory problems${counted ? ` (${all.count})` : ''}`, kind);
    action.edit = all.edit;
    return action;
  }

  /** The edit of a Fix all offered before it was built; none when the document changed since. */
  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    const pending = this.pending.get(action);
    if (pending === undefined) return action;
    const all = await fixAllEdit(pending.snap);
    if (all !== undefined && !token.isCancellationRequested && pending.doc.version === pending.snap.version)
      action.edit = all.edit;
    return action;
  }

  private suppressions(
    doc: vscode.TextDocument,
    snap: Snapshot,
    f: Finding,
    diagnostics: vscode.Diagnostic[],
  ): vscode.CodeAction[] {
    if (!snap.result.ok) return [];
    const a = snap.result.analysis;
    const out: vscode.CodeAction[] = [];
    const line = disableNextLineEdit(a.text, a.lines, f.span.start, f.code, a.type.kind);
    const edit = line ?? fileDisableEdit(a.text, a.lines, f.code, a.type.kind);
    if (!snap.mapper.touchesBom(edit.span)) {
      const title = line !== undefined ? `Disable ${f.code} for this line` : `Disable ${f.code} for this file`;
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(doc.uri, [edit], snap.mapper);
      action.diagnostics = diagnostics;
      out.push(action);
    }
    if (this.isRuleCode(f.code)) {
      const show = new vscode.CodeAction(`Show documentation for ${f.code}`, vscode.CodeActionKind.QuickFix);
      show.command = { command: SHOW_RULE_COMMAND, title: `Show documentation for ${f.code}`, arguments: [f.code] };
      show.diagnostics = diagnostics;
      out.push(show);
    }
    return out;
  }
}
