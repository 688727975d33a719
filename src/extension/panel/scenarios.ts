// The scenarios "Run Scenario…" offers: the built-in presets (by id; the workload engine owns
// their content and the webview runs them) and `*.scenario.yaml` files of the workspace, plus
// the template "New Scenario File" opens.
// TODO: import PRESETS and scenarioTemplate() from src/core/workload once the engine is merged.
import * as vscode from 'vscode';
import type { ScenarioRef } from '../../shared/protocol';
import { decodeUtf8, openDocument } from '../documents';

export interface PresetInfo {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export const PRESETS: readonly PresetInfo[] = [
  { id: 'iterative-ml', label: 'Iterative ML', description: 'A cached training set read again every iteration' },
  { id: 'wide-aggregation', label: 'Wide aggregation', description: 'A shuffle with large aggregation buffers that spill' },
  { id: 'broadcast-join', label: 'Broadcast join', description: 'A broadcast table beside a hash-join build' },
  { id: 'cache-thrash', label: 'Cache thrash', description: 'More cached data than storage memory: eviction and recompute' },
  { id: 'offheap-shuffle', label: 'Off-heap shuffle', description: 'Shuffle sort in off-heap execution memory' },
  { id: 'snappy-column-load', label: 'SnappyData column load', description: 'Loading a column table into a SnappyData server' },
];

export const SCENARIO_GLOB = '**/*.scenario.{yaml,yml}';
const EXCLUDE = '**/{node_modules,.git}/**';

export function scenarioTemplate(): string {
  return `# A Spark Memory scenario: what the tasks of each stage do to the executor's memory.
# Save it as <name>.scenario.yaml in the workspace, then run "Spark Memory: Run Scenario…".
# Sizes take Spark's units (512m, 2g); times are simulated milliseconds.
name: my-scenario
description: A cached dataset read by a job that also shuffles.

# Optional: Spark settings this scenario applies on top of the config file (a what-if).
# conf:
#   spark.memory.fraction: "0.6"

stages:
  - name: load and cache
    tasks: 8               # one task per partition
    ops:
      - op: cache          # cache | read | shuffleSort | aggregate | hashJoinBuild | broadcast | userObjects | compute | tableLoad
        rdd: 1
        size: 256m         # per partition
        level: MEMORY_AND_DISK   # MEMORY_ONLY, MEMORY_ONLY_SER, MEMORY_AND_DISK, MEMORY_AND_DISK_SER, DISK_ONLY, OFF_HEAP
      - op: compute
        ms: 200

  - name: aggregate
    tasks: 8
    ops:
      - op: read
        rdd: 1
        size: 256m
        level: MEMORY_AND_DISK
      - op: shuffleSort
        size: 512m
        recordSize: 100
      - op: userObjects    # memory Spark does not track
        size: 64m
        holdMs: 100

# How fast the simulated executor moves bytes.
# throughput:
#   memory: 1g per second
#   disk: 200m per second
`;
}

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
  const files = (vscode.workspace.workspaceFolders ?? []).length > 0 ? await vscode.workspace.findFiles(SCENARIO_GLOB, EXCLUDE, 200) : [];
  const items: Array<ScenarioPick | vscode.QuickPickItem> = [
    { label: 'Built-in', kind: vscode.QuickPickItemKind.Separator },
    ...PRESETS.map((p): ScenarioPick => ({ label: p.label, description: p.id, detail: p.description, ref: () => Promise.resolve({ source: 'preset', id: p.id }) })),
  ];
  if (files.length > 0) {
    items.push({ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator });
    for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) {
      items.push({ label: vscode.workspace.asRelativePath(f, false), ref: () => scenarioFromFile(f) } satisfies ScenarioPick);
    }
  }
  const pick = await vscode.window.showQuickPick(items, { title: 'Spark Memory: Run Scenario', placeHolder: 'Which workload should the simulation run?', matchOnDescription: true, matchOnDetail: true });
  if (pick === undefined || !('ref' in pick)) return undefined;
  return (pick as ScenarioPick).ref();
}

/** A command argument naming a scenario: a preset id, a scenario file's URI, or a ScenarioRef. */
export async function scenarioFromArgument(arg: unknown): Promise<ScenarioRef | undefined> {
  if (typeof arg === 'string') return PRESETS.some((p) => p.id === arg) ? { source: 'preset', id: arg } : undefined;
  if (arg instanceof vscode.Uri) return scenarioFromFile(arg);
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as Record<string, unknown>;
    if (o['source'] === 'preset' && typeof o['id'] === 'string') return { source: 'preset', id: o['id'] };
    if (o['source'] === 'file' && typeof o['fileName'] === 'string' && typeof o['text'] === 'string') return { source: 'file', fileName: o['fileName'], text: o['text'] };
  }
  return undefined;
}
