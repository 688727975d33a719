// One analysis of an open (or on-disk) config file for the editor features: the parsed document,
// the version in force, the findings with the user's severities, and the layout (computed on first
// use). Hover, inlay hints, the outline and the quick fixes all read the same analysis, so a file
// is read once per change. Files above the size limit are not analysed (limits.ts).
import { DocumentLayout, ParsedDocument, layoutOfDocument, parseDocument, sparkVersionFor } from '../analyze';
import type { DocumentType } from '../document/kind';
import { MembersDocument, parseMembers } from '../parse/members';
import { RULES, lintDocument } from '../rules';
import type { Finding, LintSettings, Rule, Severity } from '../rules/types';
import { LineIndex } from '../text/lineIndex';
import type { SparkVersion } from '../version';
import { TooLarge, tooLargeToAnalyse } from './limits';

export interface EditorOptions {
  /** The user's choice; undefined lets the document decide (else the default line). */
  readonly sparkVersion?: SparkVersion;
  /** Per-code severity overrides; 'off' drops the rule. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  readonly settings?: LintSettings;
  /** For a servers file: the text of the leads file beside it and the URI related locations name. */
  readonly leads?: { readonly text: string; readonly uri: string };
  /** The rule list (tests may pass a subset). */
  readonly rules?: readonly Rule[];
}

export interface EditorAnalysis {
  readonly type: DocumentType;
  /** The text the core read (with a leading U+FEFF when the file on disk has a byte-order mark). */
  readonly text: string;
  readonly doc: ParsedDocument;
  readonly version: SparkVersion;
  readonly versionSource: 'setting' | 'document' | 'default';
  readonly findings: readonly Finding[];
  readonly leads?: MembersDocument;
  readonly leadsUri?: string;
  readonly pythonApp?: boolean;
  /** Offsets <-> lines of `text`. */
  readonly lines: LineIndex;
  /** The layout for the version in force (computed once, on first use). */
  layout(): DocumentLayout | undefined;
}

export type AnalysisResult =
  { readonly ok: true; readonly analysis: EditorAnalysis } | { readonly ok: false; readonly tooLarge: TooLarge };

export function analyzeText(type: DocumentType, text: string, opts: EditorOptions = {}): AnalysisResult {
  const tooLarge = tooLargeToAnalyse(type.kind, text.length);
  if (tooLarge !== undefined) return { ok: false, tooLarge };
  const doc = parseDocument(type, text);
  const { version, source } = sparkVersionFor(doc, opts.sparkVersion);
  const leads =
    doc.kind === 'snappy-members' && doc.role === 'server' && opts.leads !== undefined
      ? parseMembers(opts.leads.text, 'lead')
      : undefined;
  const leadsUri = leads !== undefined ? opts.leads?.uri : undefined;
  const settings = opts.settings ?? {};
  const findings = lintDocument(doc, opts.rules ?? RULES, {
    version,
    settings,
    ...(opts.severities !== undefined ? { severities: opts.severities } : {}),
    ...(leads !== undefined ? { leads } : {}),
    ...(leadsUri !== undefined ? { leadsUri } : {}),
  });
  let layout: DocumentLayout | undefined;
  let layoutDone = false;
  let lines: LineIndex | undefined;
  const analysis: EditorAnalysis = {
    type,
    text,
    doc,
    version,
    versionSource: source,
    findings,
    ...(leads !== undefined ? { leads } : {}),
    ...(leadsUri !== undefined ? { leadsUri } : {}),
    ...(settings.pythonApp !== undefined ? { pythonApp: settings.pythonApp } : {}),
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    layout() {
      if (!layoutDone) {
        layoutDone = true;
        try {
          layout = layoutOfDocument(doc, {
            sparkVersion: version,
            ...(settings.pythonApp !== undefined ? { spark: { pythonApp: settings.pythonApp } } : {}),
            ...(leads !== undefined ? { snappy: { leads } } : {}),
          });
        } catch {
          // A layout defect must not take hovers and hints down with it; they show the catalog only.
          layout = undefined;
        }
      }
      return layout;
    },
  };
  return { ok: true, analysis };
}
