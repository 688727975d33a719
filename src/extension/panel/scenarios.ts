// The scenarios "Run Scenario…" offers: the built-in presets (by id; the workload engine owns
// their content and the webview runs them) and `*.scenario.yaml` files of the workspace, plus
// the template "New Scenario File" opens.
import * as vscode from 'vscode';
import type { ScenarioRef } from '../../shared/protocol';
import { PRESETS as WORKLOAD_PRESETS } from '../../core/workload';
import { decodeUtf8, openDocument } from '../documents';

export { scenarioTemplate } from '../../core/workload';

export interface PresetInfo {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

/** The engine's presets, as the quick pick shows them. */
export const PRESETS: readonly PresetInfo[] = WORKLOAD_PRESETS.map((p) => ({
  id: p.id,
  label: p.title,
  description: p.description,
}));

export const SCENARIO_GLOB = '**/*.scenario.{yaml,yml}';
const EXCLUDE = '**/{node_modules,.git}/**';

type ScenarioPick = vscode.QuickPickItem & { readonly ref: () => Promise<ScenarioRef | undefined> };

/** A scenario file as the webview receives it (the open document's text when it is open). */
export async function scenarioFromFile(uri: vscode.Uri): Promise<ScenarioRef | undefined> {
  const open = openDocument(uri);
  let text: string;
  if (open !== undefined) text = open.getText();
  else {
    try {
      text = decodeUtf8(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }
  return { source: 'file', fileName: vscode.workspace.asRelativePath(uri, false), text };
}

/** The quick pick of presets and workspace scenario files; undefined when dismissed. */
export async function pickScenario(): Promise<ScenarioRef | undefined> {
  const files =
    (vscode.workspace.workspaceFolders ?? []).length > 0
      ? await vscode.workspace.findFiles(SCENARIO_GLOB, EXCLUDE, 200)
      : [];
  const items: Array<ScenarioPick | vscode.QuickPickItem> = [
    { label: 'Built-in', kind: vscode.QuickPickItemKind.Separator },
    ...PRESETS.map((p): ScenarioPick => ({
      label: p.label,
      description: p.id,
      detail: p.description,
      ref: () => Promise.resolve({ source: 'preset', id: p.id }),
    })),
  ];
  if (files.length > 0) {
    items.push({ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator });
    for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) {
      items.push({
        label: vscode.workspace.asRelativePath(f, false),
        ref: () => scenarioFromFile(f),
      } satisfies ScenarioPick);
    }
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Spark Memory: Run Scenario',
    placeHolder: 'Which workload should the simulation run?',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick === undefined || !('ref' in pick)) return undefined;
  return pick.ref();
}

/** A command argument naming a scenario: a preset id, a scenario file's URI, or a ScenarioRef. */
export async function scenarioFromArgument(arg: unknown): Promise<ScenarioRef | undefined> {
  if (typeof arg === 'string') return PRESETS.some((p) => p.id === arg) ? { source: 'preset', id: arg } : undefined;
  if (arg instanceof vscode.Uri) return scenarioFromFile(arg);
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as Record<string, unknown>;
    if (o['source'] === 'preset' && typeof o['id'] === 'string') return { source: 'preset', id: o['id'] };
    if (o['source'] === 'file' && typeof o['fileName'] === 'string' && typeof o['text'] === 'string')
      return { source: 'file', fileName: o['fileName'], text: o['text'] };
  }
  return undefined;
}
