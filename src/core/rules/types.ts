// The shape of a rule and of what it reports. Rules are pure: they read the parsed document,
// the Spark conf and the layout, and report findings with exact spans and quick fixes.
import type { DocumentLayout, ParsedDocument } from '../analyze';
import type { SparkConfView } from '../config/confSource';
import type { DocumentKind } from '../document/kind';
import type { TextEdit } from '../edit/textEdit';
import type { MembersDocument } from '../parse/members';
import type { LineIndex, Span } from '../text/lineIndex';
import type { SparkVersion } from '../version';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix a "Fix all" applies (one per finding at most). */
  readonly isPreferred?: boolean;
  /** The key this fix writes (a rename): Fix all takes one fix per key, never two onto the same key. */
  readonly setsKey?: string;
}

export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
  /** Another file (the leads file for a server line); absent for the same document. */
  readonly uri?: string;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly QuickFix[];
  readonly tags?: ReadonlyArray<'unnecessary' | 'deprecated'>;
}

/** What a rule may report: the engine adds the code and the (configured) severity. */
export interface Report {
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly QuickFix[];
  readonly tags?: ReadonlyArray<'unnecessary' | 'deprecated'>;
  /** Overrides the rule's default severity for this one finding (e.g. a warning that is an error in 3.x). */
  readonly severity?: Severity;
}

export interface LintSettings {
  /** Memory a node (YARN NodeManager) or pod (Kubernetes limit) can give one executor, in MiB. */
  readonly containerLimitMiB?: number;
  /** Treat the application as a Python/R app (PySpark memory is part of the container). */
  readonly pythonApp?: boolean;
}

export interface RuleContext {
  readonly doc: ParsedDocument;
  readonly text: string;
  readonly lines: LineIndex;
  readonly version: SparkVersion;
  readonly settings: LintSettings;
  /** The Spark conf (spark-defaults.conf and SparkApplication documents). */
  readonly conf?: SparkConfView;
  /** The layout for this document (computed once, on first use). */
  layout(): DocumentLayout;
  /** For a servers file: the leads file beside it, and its URI for related locations. */
  readonly leads?: MembersDocument;
  readonly leadsUri?: string;
}

export interface Rule {
  /** Stable code, e.g. SIZE-PARSE; the docs page is docs/rules/<code>.md. */
  readonly code: string;
  /** One line saying what the rule checks. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  readonly appliesTo: readonly DocumentKind[];
  check(ctx: RuleContext, report: (r: Report) => void): void;
}
