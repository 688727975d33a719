// For people with a desktop VS Code: runs the same in-host suites with @vscode/test-electron
// (`npm run test:electron`). It downloads a VS Code build the first time, so it refuses to run in
// CI or offline; there, scripts/e2e/run-in-host.js runs the suites in code-server's VS Code server.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  if (process.env['CI']) {
    console.error('test:electron downloads a desktop VS Code and is not for CI: use npm test (the in-host tier runs these suites).');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..', '..', '..');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'suite', 'index'),
      launchArgs: [path.join(root, 'samples'), '--disable-extensions'],
    });
  } catch (e) {
    console.error(`test:electron: ${e instanceof Error ? e.message : String(e)} (no network? use npm test instead)`);
    process.exit(1);
  }
}

void main();
