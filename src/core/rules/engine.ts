// Runs the rules over one document: builds the context once, applies per-rule severity settings
// and suppression comments, and never lets one rule's bug take the others down.
import { DocumentLayout, ParsedDocument, layoutOfDocument, sparkConfOf } from '../analyze';
import type { MembersDocument } from '../parse/members';
import { LineIndex } from '../text/lineIndex';
import type { SparkVersion } from '../version';
import { findSuppressions, isSuppressed } from './suppression';
import type { Finding, LintSettings, Rule, RuleContext, Severity } from './types';

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

export function lintDocument(doc: ParsedDocument, rules: readonly Rule[], opts: LintOptions): Finding[] {
  // The line index is built only when something needs a line number (a rule's edit, a
  // suppression comment): most files have neither, and it costs as much as reading the file.
  let lineIndex: LineIndex | undefined;
  const lines = (): LineIndex => (lineIndex ??= new LineIndex(doc.text));
  let layout: DocumentLayout | undefined;
  const ctx: RuleContext = {
    doc,
    text: doc.text,
    get lines() {
      return lines();
    },
    version: opts.version,
    settings: opts.settings ?? {},
    ...(doc.kind !== 'snappy-members' ? { conf: sparkConfOf(doc) } : {}),
    layout: () => {
      layout ??= layoutOfDocument(doc, {
        sparkVersion: opts.version,
        ...(opts.settings?.pythonApp !== undefined ? { spark: { pythonApp: opts.settings.pythonApp } } : {}),
        ...(opts.leads !== undefined ? { snappy: { leads: opts.leads } } : {}),
      });
      return layout;
    },
    ...(opts.leads !== undefined ? { leads: opts.leads } : {}),
    ...(opts.leadsUri !== undefined ? { leadsUri: opts.leadsUri } : {}),
  };
  const suppressions = doc.text.includes('spark-memory-disable') ? findSuppressions(doc.text, commentsOf(doc), lines()) : undefined;
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo.includes(doc.kind)) continue;
    const configured = opts.severities?.[rule.code];
    if (configured === 'off') continue;
    try {
      rule.check(ctx, (r) => {
        if (suppressions !== undefined && isSuppressed(suppressions, rule.code, lines().positionAt(r.span.start).line)) return;
        findings.push({
          code: rule.code,
          severity: configured ?? r.severity ?? rule.defaultSeverity,
          message: r.message,
          span: r.span,
          ...(r.related !== undefined ? { related: r.related } : {}),
          ...(r.fixes !== undefined ? { fixes: r.fixes } : {}),
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
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return findings;
}
