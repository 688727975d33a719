// `npm run conformance -- file.json ...`: runs conformance case files against the simulator.
// One line per case and release, then `conformance: N passed, N failed`. Exit 1 on a failure,
// exit 2 (one line per file) when a file cannot be read or does not follow the format.
import { readFileSync } from 'node:fs';
import { CaseFile, CaseFormatError, formatResult, loadCaseFile, parseReleaseOption, runCaseFile, CaseRelease } from '.';

function main(argv: readonly string[]): number {
  const files: string[] = [];
  let release: CaseRelease | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--release' || a.startsWith('--release=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      release = v === undefined ? undefined : parseReleaseOption(v);
      if (release === undefined) {
        console.log(
          `conformance: --release needs a Spark release such as 2.4, 3.3, 3.5 or 4.1 (got ${v ?? 'nothing'})`,
        );
        return 2;
      }
    } else if (a === '--help' || a === '-h') {
      console.log('usage: conformance [--release X.Y] case-file.json ...');
      return 0;
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) {
    console.log('conformance: no case files given (usage: conformance [--release X.Y] case-file.json ...)');
    return 2;
  }
  const loaded: { name: string; file: CaseFile }[] = [];
  let bad = false;
  for (const name of files) {
    let text: string;
    try {
      text = readFileSync(name, 'utf8');
    } catch (e) {
      console.log(`conformance: ${name}: cannot read the file (${e instanceof Error ? e.message : String(e)})`);
      bad = true;
      continue;
    }
    try {
      loaded.push({ name, file: loadCaseFile(text) });
    } catch (e) {
      const msg =
        e instanceof CaseFormatError ? e.message : `unexpected problem: ${e instanceof Error ? e.message : String(e)}`;
      console.log(`conformance: ${name}: ${msg}`);
      bad = true;
    }
  }
  if (bad) return 2;
  let passed = 0;
  let failed = 0;
  for (const { file } of loaded) {
    for (const r of runCaseFile(file, release !== undefined ? { release } : {})) {
      console.log(formatResult(r));
      if (r.ok) passed++;
      else failed++;
    }
  }
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.log(`conformance: internal error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
