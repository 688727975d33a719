// Runs the rules over one document: builds the context once, applies per-rule severity settings
// and suppression comments, and never lets one rule's bug take the others down.
import { DocumentLayout, ParsedDocument, layoutOfDocument, sparkConfOf } from '../analyze';
import type { SparkConfView } from '../config/confSource';
import type { MembersDocument } from '../parse/members';
import type { TextEdit } from '../edit/textEdit';
import { yamlValueEdit } from '../edit/yamlScalar';
import { LineIndex } from '../text/lineIndex';
import type { SparkVersion } from '../version';
import { findSuppressions, isSuppressed } from './suppression';
import type { Finding, LintSettings, QuickFix, Rule, RuleContext, Severity } from './types';

export interface LintOptions {
  readonly version: SparkVersion;
  readonly settings?: LintSettings;
  /** Per-code severity overrides; 'off' drops the rule. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  readonly leads?: MembersDocument;
  readonly leadsUri?: string;
}

function commentsOf(doc: ParsedDocument): readonly { start: number; end: number }[] {
  if (doc.kind === 'spark-application') {
    // YAML comments: every `#` that starts a comment on its line (outside quotes is good enough here).
    const out: { start: number; end: number }[] = [];
    const re = /(^|[ \t])#[^\n\r]*/g;
    for (let m = re.exec(doc.text); m !== null; m = re.exec(doc.text)) {
      const start = m.index + (m[1]?.length ?? 0);
      out.push({ start, end: m.index + m[0].length });
    }
    return out;
  }
  return doc.comments;
}

/**
 * The context the rules share. A class, not an object literal with a `get lines()`: V8 keeps a
 * literal's getter closure in the object's hidden class, which outlives the call, so every linted
 * document stayed reachable until a full GC (measured: a 10,000-line lint 3x slower in a loop).
 */
class LintContext implements RuleContext {
  readonly text: string;
  readonly version: SparkVersion;
  readonly settings: LintSettings;
  readonly conf?: SparkConfView;
  readonly leads?: MembersDocument;
  readonly leadsUri?: string;
  // The line index is built only when something needs a line number (a rule's edit, a
  // suppression comment): most files have neither, and it costs as much as reading the file.
  private lineIndex: LineIndex | undefined;
  private derivedLayout: DocumentLayout | undefined;

  constructor(
    readonly doc: ParsedDocument,
    private readonly opts: LintOptions,
  ) {
    this.text = doc.text;
    this.version = opts.version;
    this.settings = opts.settings ?? {};
    if (doc.kind !== 'snappy-members') this.conf = sparkConfOf(doc);
    if (opts.leads !== undefined) this.leads = opts.leads;
    if (opts.leadsUri !== undefined) this.leadsUri = opts.leadsUri;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.doc.text));
  }

  layout(): DocumentLayout {
    const opts = this.opts;
    return (this.derivedLayout ??= layoutOfDocument(this.doc, {
      sparkVersion: opts.version,
      ...(opts.settings?.pythonApp !== undefined ? { spark: { pythonApp: opts.settings.pythonApp } } : {}),
      ...(opts.leads !== undefined ? { snappy: { leads: opts.leads } } : {}),
    }));
  }
}

export function lintDocument(doc: ParsedDocument, rules: readonly Rule[], opts: LintOptions): Finding[] {
  const findings = lintOne(doc, rules, opts);
  // A file of several YAML documents: each SparkApplication is checked on its own (same text, own spec).
  if (doc.kind === 'spark-application')
    for (const other of doc.others ?? []) for (const f of lintOne(other, rules, opts)) findings.push(f);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return findings;
}

/**
 * The fixes of a rule with the line breaks kept: in YAML, an edit over a block scalar keeps the break
 * after it (yamlValueEdit); in a member file, an edit of a CRLF line's last argument, whose span
 * holds the `\r` bash leaves in it, stops before the `\r` (only SNAPPY-CRLF's own fix removes it).
 */
function safeFixes(doc: ParsedDocument, fixes: readonly QuickFix[]): readonly QuickFix[] {
  const text = doc.text;
  if (doc.kind === 'spark-application')
    return fixes.map((f) => ({ ...f, edits: f.edits.map((e) => yamlValueEdit(text, e)) }));
  if (doc.kind !== 'snappy-members') return fixes;
  const keepCr = (e: TextEdit): TextEdit => {
    const end = e.span.end;
    const crlf = text.charCodeAt(end - 1) === 13 && (end === text.length || text.charCodeAt(end) === 10);
    if (!crlf || end - 1 <= e.span.start || e.newText.endsWith('\r')) return e;
    return { span: { start: e.span.start, end: end - 1 }, newText: e.newText };
  };
  return fixes.map((f) => ({ ...f, edits: f.edits.map(keepCr) }));
}

function lintOne(doc: ParsedDocument, rules: readonly Rule[], opts: LintOptions): Finding[] {
  const ctx = new LintContext(doc, opts);
  const lines = (): LineIndex => ctx.lines;
  // Directives live in comments: reading the reader's comment spans costs far less than searching
  // the text. YAML has no reader-made comment list, and finding one scans the text, so ask first.
  const suppressions =
    doc.kind !== 'spark-application' || doc.text.includes('spark-memory-disable')
      ? findSuppressions(doc.text, commentsOf(doc), lines)
      : undefined;
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo.includes(doc.kind)) continue;
    const configured = opts.severities?.[rule.code];
    if (configured === 'off') continue;
    try {
      rule.check(ctx, (r) => {
        if (suppressions !== undefined && isSuppressed(suppressions, rule.code, lines().positionAt(r.span.start).line))
          return;
        findings.push({
          code: rule.code,
          severity: configured ?? r.severity ?? rule.defaultSeverity,
          message: r.message,
          span: r.span,
          ...(r.related !== undefined ? { related: r.related } : {}),
          ...(r.fixes !== undefined ? { fixes: safeFixes(doc, r.fixes) } : {}),
          ...(r.tags !== undefined ? { tags: r.tags } : {}),
        });
      });
    } catch (e) {
      // A rule's own defect must not hide the other rules' findings; it shows up as a finding.
      findings.push({
        code: 'INTERNAL',
        severity: 'hint',
        message: `Rule ${rule.code} failed on this file: ${e instanceof Error ? e.message : String(e)}`,
        span: { start: 0, end: 0 },
      });
    }
  }
  return findings;
}
