// tsconfig.core.json maps `vscode` here, so that an import of it from src/core or src/shared fails to
// compile ("... is not a module") instead of finding @types/vscode in node_modules: the core runs in
// the webview, the CLI and the web worker extension host too. The vscode API belongs in src/extension.
