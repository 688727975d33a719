// Entry point the VS Code extension host loads through extensionTestsPath (see
// scripts/e2e/run-in-host.js and .vscode/launch.json "Extension Tests"): runs every
// `*.test.js` beside this file with mocha inside the host, where `vscode` is the real API.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Line the harness reads the counts from (it prints the plain `in-host: N passed, N failed`). */
const RESULT_MARK = '@@spark-memory-in-host-result ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  const grep = process.env['SPARK_MEMORY_IN_HOST_GREP'];
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        console.log(RESULT_MARK + JSON.stringify({ passed, failed }));
        if (failed > 0) reject(new Error(`${failed} in-host test(s) failed`));
        else if (passed === 0) reject(new Error('no in-host test ran'));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
