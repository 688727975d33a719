// The simulation panel's page: a strict Content-Security-Policy (scripts only with this page's
// nonce, styles, images and fonts only from the extension), the bundles the webview build writes
// (dist/webview.js, dist/webview.css with uPlot's styles), the panel's stylesheet media/style.css,
// and one empty <main> the script fills. The config and the
// scenario arrive as messages (src/shared/protocol.ts), never inside the HTML.
import * as vscode from 'vscode';

export const VIEW_TYPE = 'sparkMemory.simulation';
export const TITLE = 'Spark Memory Simulation';

/** 128 random bits in hex: Web Crypto's getRandomValues, there in Node's global scope and in a web worker alike. */
export function nonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bytes of a base64 string (an exported PNG): atob, in Node's global scope and in a web worker alike (no Buffer). */
export function base64Bytes(data: string): Uint8Array {
  return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function contentSecurityPolicy(cspSource: string, n: string): string {
  return `default-src 'none'; script-src 'nonce-${n}'; style-src ${cspSource} 'nonce-${n}'; img-src ${cspSource} data: blob:; font-src ${cspSource}`;
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, n = nonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css'));
  const panelStyle = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'style.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${n}">
<link rel="stylesheet" href="${panelStyle.toString()}" nonce="${n}">
<title>${TITLE}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
