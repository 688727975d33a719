// The "Get started with Spark Memory" walkthrough's progress: steps complete on commands
// (package.json completionEvents) and on these context keys, set when the user does the step.
import * as vscode from 'vscode';
import { documentTypeOf } from './documents';

export const CONFIG_OPEN_CONTEXT = 'sparkMemory.walkthrough.configOpen';
export const FINDING_FIXED_CONTEXT = 'sparkMemory.walkthrough.findingFixed';
export const WHAT_IF_APPLIED_CONTEXT = 'sparkMemory.walkthrough.whatIfApplied';
export const NEW_SPARK_DEFAULTS_COMMAND = 'sparkMemory.newSparkDefaults';

/** A starter file with one setting Spark refuses, so the next step has a finding to fix. */
const STARTER = `# spark-defaults.conf: one "key value" per line (java.util.Properties).
spark.executor.memory           4g
spark.executor.cores            4
# Spark refuses a fraction above 1: hover it, then fix it with the light bulb (Ctrl+.).
spark.memory.fraction           1.2
spark.memory.storageFraction    0.5
`;

export function setContext(key: string): void {
  void vscode.commands.executeCommand('setContext', key, true);
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  const findings = new Map<string, number>();
  const onActive = (e: vscode.TextEditor | undefined): void => {
    if (e !== undefined && documentTypeOf(e.document) !== undefined) setContext(CONFIG_OPEN_CONTEXT);
  };
  onActive(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(onActive),
    vscode.commands.registerCommand(NEW_SPARK_DEFAULTS_COMMAND, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'spark-defaults', content: STARTER });
      await vscode.window.showTextDocument(doc);
    }),
    // A finding is fixed when an edit of an open config file leaves it with fewer errors and warnings.
    vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const key = uri.toString();
        const count = vscode.languages
          .getDiagnostics(uri)
          .filter((d) => d.source === 'spark-memory' && d.severity <= vscode.DiagnosticSeverity.Warning).length;
        const before = findings.get(key);
        findings.set(key, count);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (before !== undefined && count < before && doc !== undefined && doc.version > 1) {
          setContext(FINDING_FIXED_CONTEXT);
        }
      }
    }),
  );
}
