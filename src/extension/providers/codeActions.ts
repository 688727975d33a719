// Quick fixes from each finding's fixes (the preferred one marked), "Disable CODE for this line",
// "Show documentation for CODE", and the "Fix all Spark Memory problems" source action
// (source.fixAll.sparkMemory, which editor.codeActionsOnSave also runs).
import * as vscode from 'vscode';
import { disableNextLineEdit, fileDisableEdit, fixAllEdits } from '../../core/editor';
import type { TextEdit } from '../../core/edit';
import type { Finding, QuickFix } from '../../core/rules';
import { DocumentStore, Snapshot } from '../documents';
import { SOURCE, isRuleCode } from '../diagnostics';
import type { TextMapper } from '../mapping';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('sparkMemory');
export const REMOVE_BOM_COMMAND = 'sparkMemory.removeByteOrderMark';
export const SHOW_RULE_COMMAND = 'sparkMemory.showRuleDocumentation';

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
 * Fix all of one snapshot, built once: the lightbulb asks on every cursor move, and a snapshot
 * (one document version) always gives the same answer.
 */
const fixAllOfSnapshot = new WeakMap<Snapshot, { readonly result: FixAllResult }>();

/** The edit that applies every preferred fix of the snapshot, and how many findings it fixes. */
export function fixAllEdit(snap: Snapshot): FixAllResult {
  const known = fixAllOfSnapshot.get(snap);
  if (known !== undefined) return known.result;
  const result = buildFixAll(snap);
  fixAllOfSnapshot.set(snap, { result });
  return result;
}

function buildFixAll(snap: Snapshot): FixAllResult {
  if (!snap.result.ok) return undefined;
  const mapper = snap.mapper;
  const all = fixAllEdits(snap.result.analysis.findings, (fix) => fix.edits.every((e) => !mapper.touchesBom(e.span)));
  if (all.edits.length === 0) return undefined;
  return { edit: workspaceEdit(snap.uri, all.edits, mapper), count: all.fixed.length };
}

const sameRange = (a: vscode.Range, b: vscode.Range): boolean => a.isEqual(b);

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c !== undefined && typeof c === 'object') return String(c.value);
  return undefined;
}

export class SparkMemoryCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly store: DocumentStore) {}

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
      let fixable = 0;
      for (const f of analysis.findings) {
        const r = mapper.range(f.span);
        if (f.fixes?.some((x) => x.isPreferred === true)) fixable++;
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
      if (fixable > 1 && actions.some((a) => a.edit !== undefined)) {
        const all = fixAllEdit(snap);
        if (all !== undefined) {
          const action = new vscode.CodeAction(
            `Fix all Spark Memory problems (${all.count})`,
            vscode.CodeActionKind.QuickFix,
          );
          action.edit = all.edit;
          actions.push(action);
        }
      }
    }

    // VS Code leaves source actions out of the quick-fix menu unless they were asked for.
    if (want(FIX_ALL_KIND)) {
      const all = fixAllEdit(snap);
      if (all !== undefined) {
        const action = new vscode.CodeAction('Fix all Spark Memory problems', FIX_ALL_KIND);
        action.edit = all.edit;
        actions.push(action);
      }
    }
    return actions;
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
    if (isRuleCode(f.code)) {
      const show = new vscode.CodeAction(`Show documentation for ${f.code}`, vscode.CodeActionKind.QuickFix);
      show.command = { command: SHOW_RULE_COMMAND, title: `Show documentation for ${f.code}`, arguments: [f.code] };
      show.diagnostics = diagnostics;
      out.push(show);
    }
    return out;
  }
}
