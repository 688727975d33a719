// Entry point the web worker extension host loads through extensionTestsPath (scripts/e2e/run-in-host.js
// --web bundles it for the browser): the suites of test/suite that need no Node, run inside the host
// of vscode.dev and github.dev against the `browser` entry, and test/web/*.test.ts. The bundle is one
// file (that host's `require` knows only 'vscode'), so the suites are imported, not found on disk.
import './setup';
import '../suite/languages.test';
import '../suite/diagnostics.test';
import '../suite/codeActions.test';
import '../suite/features.test';
import '../suite/navigation.test';
import '../suite/panel.test';
import '../suite/robustness.test';
import './web.test';

/** SPARK_MEMORY_IN_HOST_GREP of the harness, written into the bundle (a web worker has no environment). */
declare const SPARK_MEMORY_IN_HOST_GREP: string;

/** Line the harness reads the counts from (it prints the plain `in-web-host: N passed, N failed`). */
const RESULT_MARK = '@@spark-memory-in-host-result ';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      if (SPARK_MEMORY_IN_HOST_GREP !== '') mocha.grep(SPARK_MEMORY_IN_HOST_GREP);
      const runner = mocha.run(() => {
        console.log(RESULT_MARK + JSON.stringify({ passed, failed }));
        if (failed > 0) reject(new Error(`${failed} in-web-host test(s) failed`));
        else if (passed === 0) reject(new Error('no in-web-host test ran'));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
