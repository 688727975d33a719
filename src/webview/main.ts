// The simulation panel's browser entry point: wires the VS Code webview API to the App.
// uPlot's stylesheet goes into dist/webview.css; the panel's own is media/style.css, linked after it.
import 'uplot/dist/uPlot.min.css';
import type { PanelState, WebviewMessage } from '../shared/protocol';
import { App } from './app';

interface VsCodeApi {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const app = new App(root, {
  post: (m: WebviewMessage) => api.postMessage(m),
  getState: () => api.getState(),
  setState: (s: PanelState) => api.setState(s),
});
window.addEventListener('message', (e: MessageEvent) => app.receive(e.data));
// VS Code switches the body's theme class (vscode-light, vscode-dark, vscode-high-contrast): redraw charts in the new colours.
new MutationObserver(() => app.retheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
window.addEventListener('error', (e) =>
  api.postMessage({ type: 'log', level: 'error', message: `webview error: ${e.message}` }),
);
app.ready();
