// Registers the editor features at activation. VS Code holds a small stand-in for each provider whose
// object (hover, completion, code actions, navigation, folding and semantic tokens, symbols, the
// formatter) is made on the first request: their classes and the core they call are dist/features.js
// in the Node build (scripts/build.mjs), so neither activation nor the first diagnostics load them.
import * as vscode from 'vscode';
import { isRuleCode } from '../diagnostics';
import { SELECTOR, type DocumentStore } from '../documents';
import { SECTION } from '../settings';
import { SparkMemoryCodeActions } from './codeActions';
import { SparkMemoryCompletion } from './completion';
import { SparkMemoryHover } from './hover';
import type { SparkMemoryInlayHints } from './inlayHints';
import {
  CODE_ACTION_KINDS,
  SEMANTIC_LEGEND,
  SPARK_DEFAULTS_SELECTOR,
  STRUCTURE_SELECTOR,
  TRIGGER_CHARACTERS,
} from './kinds';
import { SparkMemoryNavigation } from './navigation';
import { SparkDefaultsFormatter, SparkMemoryStructure } from './structure';
import { SparkMemorySymbols } from './symbols';

/**
 * A provider VS Code can hold from activation whose object is made on the first request. `methods`
 * names every method VS Code may call: it looks some up when the provider is registered (a code
 * action provider's resolveCodeAction is used only if it is there then), so all are there at once.
 */
export function onFirstRequest<T extends object, K extends keyof T & string>(
  make: () => T,
  methods: readonly K[],
): Pick<T, K> {
  let made: T | undefined;
  const out: Partial<Pick<T, K>> = {};
  for (const m of methods) {
    const call = (...args: unknown[]): unknown => {
      made ??= make();
      return (made[m] as (...a: unknown[]) => unknown).apply(made, args);
    };
    out[m] = call as unknown as T[K];
  }
  return out as Pick<T, K>;
}

export function registerProviders(
  context: vscode.ExtensionContext,
  store: DocumentStore,
  hints: SparkMemoryInlayHints,
): void {
  const codeActions = onFirstRequest(
    () => new SparkMemoryCodeActions(store, isRuleCode),
    ['provideCodeActions', 'resolveCodeAction'],
  );
  const hover = onFirstRequest(() => new SparkMemoryHover(store), ['provideHover']);
  const completion = onFirstRequest(() => new SparkMemoryCompletion(store), ['provideCompletionItems']);
  const symbols = onFirstRequest(() => new SparkMemorySymbols(store), ['provideDocumentSymbols']);
  const navigation = onFirstRequest(
    () => new SparkMemoryNavigation(store),
    ['provideDefinition', 'provideReferences', 'provideDocumentLinks'],
  );
  const structure = onFirstRequest(
    () => new SparkMemoryStructure(store),
    ['provideFoldingRanges', 'provideDocumentSemanticTokens'],
  );
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, codeActions, { providedCodeActionKinds: CODE_ACTION_KINDS }),
    vscode.languages.registerHoverProvider(SELECTOR, hover),
    vscode.languages.registerCompletionItemProvider(SELECTOR, completion, ...TRIGGER_CHARACTERS),
    vscode.languages.registerInlayHintsProvider(SELECTOR, hints),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, symbols, { label: 'Spark Memory' }),
    vscode.languages.registerDefinitionProvider(SELECTOR, navigation),
    vscode.languages.registerReferenceProvider(SELECTOR, navigation),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, navigation),
    vscode.languages.registerFoldingRangeProvider(STRUCTURE_SELECTOR, structure),
    vscode.languages.registerDocumentSemanticTokensProvider(STRUCTURE_SELECTOR, structure, SEMANTIC_LEGEND),
  );
  registerFormatter(context, store);
}

/** Registers the formatter while `sparkMemory.format.enable` is on, and follows the setting. */
function registerFormatter(context: vscode.ExtensionContext, store: DocumentStore): void {
  let registration: vscode.Disposable | undefined;
  const sync = (): void => {
    const on = vscode.workspace.getConfiguration(SECTION).get<unknown>('format.enable') === true;
    if (on && registration === undefined) {
      const f = onFirstRequest(
        () => new SparkDefaultsFormatter(store),
        ['provideDocumentFormattingEdits', 'provideDocumentRangeFormattingEdits'],
      );
      const a = vscode.languages.registerDocumentFormattingEditProvider(SPARK_DEFAULTS_SELECTOR, f);
      const b = vscode.languages.registerDocumentRangeFormattingEditProvider(SPARK_DEFAULTS_SELECTOR, f);
      registration = vscode.Disposable.from(a, b);
    } else if (!on && registration !== undefined) {
      registration.dispose();
      registration = undefined;
    }
  };
  sync();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.format.enable`)) sync();
    }),
    { dispose: () => void registration?.dispose() },
  );
}
