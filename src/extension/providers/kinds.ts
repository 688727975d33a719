// What VS Code is told when the editor features are registered (selectors, trigger characters, the
// semantic tokens legend, the code action kinds) and the command ids the quick fixes name. They live
// apart from the providers because activation needs them and the providers' classes load only on the
// first request (dist/features.js, scripts/build.mjs).
import * as vscode from 'vscode';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../core/editor/semanticLegend';

/** The languages whose structure we know; YAML keeps VS Code's own folding and colouring. */
export const STRUCTURE_SELECTOR: vscode.DocumentSelector = [
  { language: 'spark-defaults' },
  { language: 'snappydata-members' },
];
export const SPARK_DEFAULTS_SELECTOR: vscode.DocumentSelector = [{ language: 'spark-defaults' }];

export const SEMANTIC_LEGEND = new vscode.SemanticTokensLegend(
  [...SEMANTIC_TOKEN_TYPES],
  [...SEMANTIC_TOKEN_MODIFIERS],
);

/** The source of every diagnostic the extension reports (and of the collection that holds them). */
export const SOURCE = 'spark-memory';

export const TRIGGER_CHARACTERS = ['.', '-', '=', '"'];

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('sparkMemory');
export const CODE_ACTION_KINDS = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];
export const REMOVE_BOM_COMMAND = 'sparkMemory.removeByteOrderMark';
export const SHOW_RULE_COMMAND = 'sparkMemory.showRuleDocumentation';
