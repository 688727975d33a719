// For people with a desktop and network: runs the in-host suite (test/suite/*.test.ts) in a desktop
// VS Code that @vscode/test-electron downloads into .vscode-test/. Not used by `npm test` or CI,
// which run the same suite in code-server offline (scripts/e2e/run-in-host.js).
//
//   npm run compile-tests && node out/test/suite/runWithElectron.js
import * as dns from 'dns';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const DOWNLOAD_HOST = 'update.code.visualstudio.com';

function resolves(host: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    dns.lookup(host, (err) => {
      clearTimeout(timer);
      resolve(!err);
    });
  });
}

async function main(): Promise<number> {
  if (process.env['CI']) {
    console.log(
      'runWithElectron: not run when CI is set (it downloads VS Code); CI uses npm test, which runs this suite in code-server.',
    );
    return 0;
  }
  if (!(await resolves(DOWNLOAD_HOST, 5000))) {
    console.log(
      `runWithElectron: ${DOWNLOAD_HOST} is not reachable, so desktop VS Code cannot be downloaded; use npm test (code-server, offline) instead.`,
    );
    return 0;
  }
  const { runTests } = await import('@vscode/test-electron');
  const root = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-memory-electron-'));
  fs.cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    return 0;
  } catch (e) {
    console.error(
      `runWithElectron: tests failed or VS Code could not start: ${e instanceof Error ? e.message : String(e)}`,
    );
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
