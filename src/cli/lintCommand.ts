// `spark-memory lint <files or folders...> [--format text|json|sarif] [--spark-version V]
// [--container-limit MiB]`: runs every rule over the given files and the config files found in
// the given folders, prints the findings, and exits 0 (no errors), 1 (errors) or 2 (usage or
// unreadable input).
import { statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { sparkVersionFor } from '../core/analyze';
import { RULES, lintDocument } from '../core/rules';
import { LineIndex, type Span } from '../core/text/lineIndex';
import type { SparkVersion } from '../core/version';
import { ParsedArgs, UsageError, optionChoice, optionSparkVersion, optionString } from './args';
import { InputError, loadDocument, reasonOf } from './input';
import type { LintRecord, Position } from './lintRecord';
import { toSarif } from './sarif';
import { firstVisit, newWalk, walkFolder } from './walk';

export const LINT_OPTIONS = { format: true, 'spark-version': true, 'container-limit': true } as const;
const CLI_VERSION = '0.1.0';

function positionOf(index: LineIndex, span: Span): Position {
  const s = index.positionAt(span.start);
  const e = index.positionAt(span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function uriOf(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel === '' ? file : rel).split(sep).join('/');
}

export function lintFile(file: string, opts: { version?: SparkVersion; containerLimitMiB?: number }): LintRecord[] {
  const loaded = loadDocument(file);
  const version = sparkVersionFor(loaded.doc, opts.version).version;
  const leadsUri =
    loaded.leads !== undefined
      ? join(file, '..', basename(file).endsWith('.template') ? 'leads.template' : 'leads')
      : undefined;
  const findings = lintDocument(loaded.doc, RULES, {
    version,
    settings: opts.containerLimitMiB !== undefined ? { containerLimitMiB: opts.containerLimitMiB } : {},
    ...(loaded.leads !== undefined ? { leads: loaded.leads } : {}),
    ...(leadsUri !== undefined ? { leadsUri } : {}),
  });
  const index = new LineIndex(loaded.text);
  const leadsIndex = loaded.leads !== undefined ? new LineIndex(loaded.leads.text) : undefined;
  const uri = uriOf(file);
  return findings.map((f) => ({
    file,
    uri,
    severity: f.severity,
    code: f.code,
    message: f.message.replace(/\s*\n\s*/g, ' '),
    ...positionOf(index, f.span),
    related: (f.related ?? []).flatMap((r) => {
      const idx = r.uri === undefined ? index : leadsIndex;
      if (idx === undefined) return [];
      return [{ ...positionOf(idx, r.span), uri: r.uri === undefined ? uri : uriOf(r.uri), message: r.message }];
    }),
  }));
}

export function runLint(
  args: ParsedArgs,
  out: (s: string) => void,
  err: (s: string) => void = () => undefined,
): number {
  if (args.positionals.length === 0) throw new UsageError('lint needs at least one file or folder');
  const format = optionChoice(args, 'format', ['text', 'json', 'sarif'] as const) ?? 'text';
  const version = optionSparkVersion(args);
  const limitText = optionString(args, 'container-limit');
  const containerLimitMiB = limitText === undefined ? undefined : Number(limitText);
  if (containerLimitMiB !== undefined && !(Number.isFinite(containerLimitMiB) && containerLimitMiB > 0))
    throw new UsageError(`--container-limit needs a positive number of MiB, got ${limitText}`);

  // Files and folders given twice, or reached again through a link, are linted once.
  const w = newWalk((message) => err(`spark-memory lint: warning: ${message}\n`));
  for (const p of args.positionals) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`${p}: ${reasonOf(e)}`);
    }
    if (st.isDirectory()) walkFolder(w, p);
    else if (firstVisit(w, p)) w.files.push(p);
  }
  const records: LintRecord[] = [];
  for (const f of w.files) {
    const found = lintFile(f, {
      ...(version !== undefined ? { version } : {}),
      ...(containerLimitMiB !== undefined ? { containerLimitMiB } : {}),
    });
    // One at a time: a spread of 100,000s of findings overflows the call stack.
    for (const r of found) records.push(r);
  }
  if (format === 'json') {
    out(
      JSON.stringify(
        records.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
          file,
          line,
          column,
          endLine,
          endColumn,
          severity,
          code,
          message,
        })),
        null,
        2,
      ) + '\n',
    );
  } else if (format === 'sarif') {
    out(JSON.stringify(toSarif(records, CLI_VERSION), null, 2) + '\n');
  } else {
    out(records.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code} ${r.message}\n`).join(''));
  }
  return records.some((r) => r.severity === 'error') ? 1 : 0;
}
