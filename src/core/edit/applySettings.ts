// Writes settings back into a config file the way a person would: the value of the entry in
// effect is replaced in place (its key, separator, comments and layout stay), and a missing
// setting is added beside its relatives in the file's own style. The simulation panel's "Apply"
// uses it; the edits are plain offsets into the text, so any front end can apply them.
//
// - spark-defaults.conf: the last entry of a key is the one Properties keeps (config-formats.md
//   A.1), so that one is edited; a new key goes after the last entry with the same prefix
//   (spark.memory.*, spark.executor.*), else at the end.
// - SnappyData member files: on one member line, the last `-key=value` is the one QuickLauncher
//   keeps (B.2, LinkedHashMap); a new one goes at the end of the member's logical line, before a
//   `#` the shell would treat as a comment. The heap: `-heap-size=X` becomes `-XmxX -XmsX`, but
//   "-heap-size is ignored for -Xmx if a -J-Xmx came before it" and a later -J-Xmx overrides it
//   (LauncherBase.processHeapSize / processVMArg, B.2): the last -Xmx on the line is what the JVM
//   uses. So a heap change rewrites the line's last `-J-Xmx` when there is one (and a `-J-Xms`
//   that equalled it, so max and initial heap stay equal and the default critical/eviction
//   percentages stay on), else `-heap-size=`.
// - SparkApplication YAML: a typed field (spec.executor.memory ...) wins over the same key in
//   spec.sparkConf (the operator passes it later, config-formats.md C), so it is edited when it
//   exists; else the spec.sparkConf entry, else a new entry (and `sparkConf:` under spec when
//   missing). sparkConf is a map[string]string: values are written as quoted strings.
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { DocumentType } from '../document/kind';
import { parseMembers, type MemberArg, type MemberLine, type MembersDocument } from '../parse/members';
import { parseProperties, type PropertyEntry } from '../parse/properties';
import {
  TYPED_FIELD_KEYS,
  applicationSpecOf,
  mapGet,
  nodeSpan,
  parseSparkApplication,
  type SparkApplicationDocument,
} from '../parse/sparkApplication';
import { applyTextEdits, type TextEdit } from './textEdit';
import { replaceScalar } from './yamlScalar';
import type { Span } from '../text/lineIndex';
import { endsInContinuation, eolOf, lineEndOf, lineStartOf } from '../text/lines';

/** One setting to write: a Spark key, or a SnappyData member flag (`-heap-size`, `memory-size`). */
export interface SettingChange {
  readonly key: string;
  readonly value: string;
}

export type SettingEditsResult =
  { readonly ok: true; readonly edits: TextEdit[] } | { readonly ok: false; readonly message: string };

export interface SettingEditsOptions {
  /** SnappyData member files: the member line to edit, 1-based among the member lines (default 1). */
  readonly member?: number;
}

/** The edits that set every change in `text` (non-overlapping, in document order). */
export function settingEdits(
  type: DocumentType,
  text: string,
  changes: readonly SettingChange[],
  opts: SettingEditsOptions = {},
): SettingEditsResult {
  if (changes.length === 0) return { ok: false, message: 'Nothing to change.' };
  // The last change of a key wins, as it would if they were applied one after the other.
  const byKey = new Map<string, SettingChange>();
  for (const c of changes) {
    const key = type.kind === 'snappy-members' ? c.key.replace(/^-/, '') : c.key;
    if (key.length === 0 || /[\s=:#!]/.test(key))
      return { ok: false, message: `${JSON.stringify(c.key)} is not a setting name.` };
    if (c.value.length === 0) return { ok: false, message: `${c.key}: a value is required.` };
    if (/[\r\n\0]/.test(c.value)) return { ok: false, message: `${c.key}: the value must be on one line.` };
    byKey.delete(key);
    byKey.set(key, { key, value: c.value });
  }
  const list = [...byKey.values()];
  let out: SettingEditsResult;
  switch (type.kind) {
    case 'spark-defaults':
      out = propertiesEdits(text, list);
      break;
    case 'snappy-members':
      out = membersEdits(text, type, list, opts.member ?? 1);
      break;
    case 'spark-application':
      out = applicationEdits(text, list);
      break;
  }
  return out.ok ? { ok: true, edits: mergeInsertions(out.edits) } : out;
}

/**
 * The member file as it would read after "Apply" wrote `changes` into member line `member`
 * (1-based): what-if runs lay out this text, so a preview is exactly what Apply would write.
 */
export function membersWithSettings(
  doc: MembersDocument,
  changes: readonly SettingChange[],
  member: number,
): { readonly ok: true; readonly doc: MembersDocument } | { readonly ok: false; readonly message: string } {
  if (changes.length === 0) return { ok: true, doc };
  const r = settingEdits({ kind: 'snappy-members', role: doc.role }, doc.text, changes, { member });
  return r.ok ? { ok: true, doc: parseMembers(applyTextEdits(doc.text, r.edits), doc.role) } : r;
}

/** Sorts the edits and joins insertions at one offset (in the order they were made). */
function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of sorted) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      prev.span.start === prev.span.end &&
      e.span.start === e.span.end &&
      prev.span.start === e.span.start
    ) {
      out[out.length - 1] = { span: prev.span, newText: prev.newText + e.newText };
    } else out.push(e);
  }
  return out;
}

/** Where a new line goes at the end of the text: after a line break, adding one only when needed. */
function appendLine(text: string, line: string, eol: string): TextEdit {
  const end = text.length;
  if (end === 0) return { span: { start: 0, end: 0 }, newText: line + eol };
  const last = text.charCodeAt(end - 1);
  if (last === 10 || last === 13) return { span: { start: end, end }, newText: line + eol };
  return { span: { start: end, end }, newText: eol + line };
}

// ---- spark-defaults.conf ---------------------------------------------------------------------

/**
 * appendLine for a Properties file: when the last line ends in an odd run of backslashes, Properties
 * continues it onto the next line, so an empty line goes first (a continuation onto an empty line
 * ends there, and a backslash at the very end of the file is dropped: the old value reads the same).
 */
function appendPropertiesLine(text: string, line: string, eol: string): TextEdit {
  const end = text.length;
  const last = text.charCodeAt(end - 1);
  const broken = last === 10 || last === 13;
  const lastLineEnd = broken ? (last === 10 && text.charCodeAt(end - 2) === 13 ? end - 2 : end - 1) : end;
  if (end === 0 || !endsInContinuation(text, lastLineEnd)) return appendLine(text, line, eol);
  return { span: { start: end, end }, newText: (broken ? eol : eol + eol) + line + (broken ? eol : '') };
}

/** A value as Properties.load reads it back: backslashes escaped, leading blanks kept. */
function propertiesValue(value: string): string {
  let v = value.replace(/\\/g, '\\\\');
  if (/^[ \t\f]/.test(v)) v = `\\${v}`;
  return v;
}

/** The prefix a key is grouped under: its first two segments when it has three or more (spark.memory.). */
function groupPrefix(key: string): string | undefined {
  const parts = key.split('.');
  return parts.length >= 3 ? `${parts[0]}.${parts[1]}.` : undefined;
}

/** The text between an entry's key and its value, when it is a plain separator (blanks, `=` or `:`). */
function separatorOf(text: string, e: PropertyEntry): string | undefined {
  if (e.hasEscapes || e.valueSpan.start === e.valueSpan.end) return undefined;
  const sep = text.slice(e.keySpan.end, e.valueSpan.start);
  return /^[ \t]*[=:]?[ \t]*$/.test(sep) && sep.length > 0 ? sep : undefined;
}

/** `key<sep>value` in the style of `like`: the same `=`/`:` separator, or blanks up to the same value column. */
function propertiesLine(text: string, key: string, value: string, like: PropertyEntry | undefined): string {
  const sep = like !== undefined ? separatorOf(text, like) : undefined;
  if (sep === undefined || like === undefined) return `${key} ${value}`;
  if (/[=:\t]/.test(sep)) return `${key}${sep}${value}`;
  // Blanks: line the value up with the neighbour's value column.
  const column = like.valueSpan.start - like.keySpan.start;
  return `${key}${' '.repeat(Math.max(1, column - key.length))}${value}`;
}

function propertiesEdits(text: string, changes: readonly SettingChange[]): SettingEditsResult {
  const doc = parseProperties(text);
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  for (const c of changes) {
    if (c.key.startsWith('-'))
      return { ok: false, message: `${c.key} is a SnappyData member flag, not a spark-defaults.conf key.` };
    const value = propertiesValue(c.value);
    const entry = doc.effective.get(c.key);
    if (entry !== undefined) {
      const v = entry.valueSpan;
      // An entry without a value and without a separator (`spark.x` alone): keep key and value apart.
      const glued = v.start === v.end && v.start === entry.keySpan.end;
      edits.push({ span: v, newText: glued ? ` ${value}` : value });
      continue;
    }
    const prefix = groupPrefix(c.key);
    let anchor: PropertyEntry | undefined;
    if (prefix !== undefined) {
      for (let i = doc.entries.length - 1; i >= 0; i--) {
        const e = doc.entries[i]!;
        if (e.key.startsWith(prefix)) {
          anchor = e;
          break;
        }
      }
    }
    if (anchor !== undefined) {
      const at = anchor.lineSpan.end;
      // A last line ending in `\` (only possible at the end of the file) would take the new line into its value.
      const gap = endsInContinuation(text, at) ? eol : '';
      edits.push({ span: { start: at, end: at }, newText: gap + eol + propertiesLine(text, c.key, value, anchor) });
    } else {
      const like = doc.entries[doc.entries.length - 1];
      edits.push(appendPropertiesLine(text, propertiesLine(text, c.key, value, like), eol));
    }
  }
  return { ok: true, edits };
}

// ---- SnappyData member files -----------------------------------------------------------------

/** Characters the launch scripts' eval/ssh would interpret (config-formats.md B.1): not written. */
const SHELL_UNSAFE = /[\s'"\\$`;&|<>()*?[\]#{}~]/;

/** An argument whose source characters are exactly its argv word (no quotes, escapes or joins). */
function isPlain(text: string, a: MemberArg): boolean {
  return text.slice(a.span.start, a.span.end) === a.text;
}

/** A span without the carriage return a CRLF line leaves in its last argument. */
function beforeCr(span: Span, m: MemberLine): Span {
  const cr = m.carriageReturn;
  if (cr === undefined || span.end <= cr.start) return span;
  return { start: Math.min(span.start, cr.start), end: cr.start };
}

/** Replaces the text after `prefixLength` characters of an argument, or the whole argument when it is not plain. */
function replaceArgValue(
  text: string,
  m: MemberLine,
  a: MemberArg,
  prefixLength: number,
  value: string,
  word: string,
): TextEdit {
  if (isPlain(text, a))
    return { span: beforeCr({ start: a.span.start + prefixLength, end: a.span.end }, m), newText: value };
  return { span: beforeCr(a.span, m), newText: word };
}

function lastArg(m: MemberLine, test: (a: MemberArg) => boolean): MemberArg | undefined {
  for (let i = m.args.length - 1; i >= 0; i--) if (test(m.args[i]!)) return m.args[i];
  return undefined;
}

/**
 * Whether a CRLF line's `\r` would end up in a written value: bash keeps it in the line's last word
 * (B.1), so a value written last keeps it (and does not read as written), and an argument added at
 * the end takes it over from the old last one. A `\r` inside a shell comment goes with the comment.
 */
function crEndsInValue(m: MemberLine, edits: readonly TextEdit[], adds: boolean): boolean {
  const cr = m.carriageReturn;
  if (cr === undefined || (m.shellComment !== undefined && cr.start >= m.shellComment.start)) return false;
  return adds || edits.some((e) => e.span.end === cr.start);
}

const VALUED: ReadonlySet<string> = new Set(['dir', 'classpath', 'heap-size', 'sync', 'option']);

/** The edits for a file without member lines: the scripts start one member on localhost; write that line. */
function localhostLineEdits(text: string, changes: readonly SettingChange[], member: number): SettingEditsResult {
  if (member !== 1)
    return {
      ok: false,
      message: `There is no member line ${member}: the file has none (the scripts start one member on localhost).`,
    };
  // bash splits lines on `\n` only (B.1): after a CR-only line break the new line would be part of
  // the line before (a comment, maybe), and a CRLF line's `\r` would end up in the new value.
  const eol = eolOf(text);
  if (eol !== '\n')
    return {
      ok: false,
      message: `The file has ${eol === '\r' ? 'CR-only' : 'Windows (CRLF)'} line breaks, which bash does not read as plain line ends: convert them to LF (SNAPPY-CRLF) before applying settings.`,
    };
  const line = `localhost ${changes.map((c) => `-${c.key}=${c.value}`).join(' ')}`;
  return { ok: true, edits: [appendLine(text, line, eol)] };
}

function membersEdits(
  text: string,
  type: DocumentType,
  changes: readonly SettingChange[],
  member: number,
): SettingEditsResult {
  const doc = parseMembers(text, type.role ?? 'server');
  for (const c of changes) {
    if (SHELL_UNSAFE.test(c.value)) {
      return {
        ok: false,
        message: `-${c.key}=${c.value}: the launch scripts run member lines through the shell, so a value with blanks, quotes or shell characters cannot be written safely.`,
      };
    }
  }
  if (doc.members.length === 0) return localhostLineEdits(text, changes, member);
  const m = doc.members[member - 1];
  if (m === undefined)
    return { ok: false, message: `There is no member line ${member}: the file has ${doc.members.length}.` };
  // A line the launcher rejects or splits wrongly: writing into it would not mean what it says.
  if (m.launchError !== undefined)
    return {
      ok: false,
      message: `Member line ${member} (${m.host}) does not start (${m.launchError.message}): fix it before applying settings.`,
    };
  if (m.tabInHost !== undefined)
    return {
      ok: false,
      message: `Member line ${member} has a TAB after the host, so its arguments are part of the host name: fix it before applying settings.`,
    };
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const c of changes) {
    const word = `-${c.key}=${c.value}`;
    if (c.key === 'heap-size') {
      const xmx = lastArg(m, (a) => a.kind === 'jvm' && (a.key ?? '').startsWith('-Xmx'));
      if (xmx !== undefined) {
        const old = (xmx.key ?? '').slice(4);
        edits.push(replaceArgValue(text, m, xmx, 6, c.value, `-J-Xmx${c.value}`));
        const xms = lastArg(m, (a) => a.kind === 'jvm' && (a.key ?? '').startsWith('-Xms'));
        if (xms !== undefined && (xms.key ?? '').slice(4).replace(/\r$/, '') === old.replace(/\r$/, '')) {
          edits.push(replaceArgValue(text, m, xms, 6, c.value, `-J-Xms${c.value}`));
        }
        continue;
      }
    }
    // processHeapSize sets the heap only while none is set (B.2), so of several -heap-size the first
    // one counts; of every other flag the last one (QuickLauncher's LinkedHashMap, B.2).
    const arg =
      c.key === 'heap-size'
        ? m.args.find((a) => a.kind === 'heap-size')
        : lastArg(m, (a) => VALUED.has(a.kind) && a.key === c.key);
    if (arg !== undefined) {
      if (arg.value !== undefined) edits.push(replaceArgValue(text, m, arg, c.key.length + 2, c.value, word));
      else edits.push({ span: beforeCr(arg.span, m), newText: word });
      continue;
    }
    added.push(word);
  }
  if (crEndsInValue(m, edits, added.length > 0))
    return {
      ok: false,
      message: `Member line ${member} ends with a carriage return (a Windows line break), which bash keeps in its last argument: remove the carriage returns (SNAPPY-CRLF) before applying settings.`,
    };
  if (added.length > 0) {
    const last = m.args[m.args.length - 1];
    const at = beforeCr(last !== undefined ? last.span : m.hostSpan, m).end;
    edits.push({ span: { start: at, end: at }, newText: added.map((w) => ` ${w}`).join('') });
  }
  return { ok: true, edits };
}

// ---- SparkApplication YAML -------------------------------------------------------------------

const INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'spec.driver.cores',
  'spec.executor.cores',
  'spec.executor.instances',
]);

/** A YAML string in the quote style of `like` (single or double quotes; double for plain scalars). */
function yamlString(value: string, like?: string): string {
  if (like !== undefined && like.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A map key written like the map's first key (quoted or plain). */
function yamlKey(key: string, like?: string): string {
  if (like !== undefined && (like.startsWith('"') || like.startsWith("'"))) return yamlString(key, like);
  return /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(key) ? key : JSON.stringify(key);
}

/** The spec map the parser reads (SparkApplication spec, or a ScheduledSparkApplication's template). */
function specOf(text: string): YAMLMap | undefined {
  return applicationSpecOf(parseAllDocuments(text, { uniqueKeys: false }));
}

/** The end of the last line a block map item occupies (after its value, before the line break). */
function itemLineEnd(text: string, pair: Pair): number {
  const v = nodeSpan(pair.value as YamlNode | null) ?? nodeSpan(pair.key as YamlNode | null) ?? { start: 0, end: 0 };
  let end = v.end;
  while (end > v.start && /[\s]/.test(text.charAt(end - 1))) end--;
  return lineEndOf(text, end);
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** How many times `*name` occurs in the text (an over-count in comments only makes Apply more careful). */
function aliasUses(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (text.match(new RegExp(`\\*${escaped}(?![^\\s,\\]}])`, 'g')) ?? []).length;
}

/**
 * Settings written into a SparkApplication: a key the file already sets is changed where it is
 * set (its typed field, else its last spec.sparkConf entry); the others are added to spec.sparkConf.
 */
function applicationEdits(text: string, changes: readonly SettingChange[]): SettingEditsResult {
  const app = parseSparkApplication(text);
  if (app.yamlErrors.length > 0)
    return {
      ok: false,
      message: `The YAML has errors (${app.yamlErrors[0]!.message.split('\n')[0]}): fix them before applying settings.`,
    };
  const edits: TextEdit[] = [];
  const missing: SettingChange[] = [];
  for (const c of changes) {
    if (c.key.startsWith('-'))
      return { ok: false, message: `${c.key} is a SnappyData member flag, not a Spark setting of a SparkApplication.` };
    const written = writtenSettingEdit(text, app, c);
    if (written === undefined) missing.push(c);
    else if ('message' in written) return { ok: false, message: written.message };
    else edits.push(written);
  }
  if (missing.length === 0) return { ok: true, edits };
  const added = sparkConfAdditions(text, missing);
  return added.ok ? { ok: true, edits: [...edits, ...added.edits] } : added;
}

/**
 * The edit that changes a setting the SparkApplication already writes: its typed field (which
 * wins over sparkConf, see parseSparkApplication), else its last spec.sparkConf entry; undefined
 * when it writes neither.
 */
function writtenSettingEdit(
  text: string,
  app: SparkApplicationDocument,
  c: SettingChange,
): TextEdit | { readonly message: string } | undefined {
  const typed = TYPED_FIELD_KEYS.find(([, key]) => key === c.key);
  const field = typed !== undefined ? app.fields.get(typed[0]) : undefined;
  if (field !== undefined) {
    // A field read through an alias is written in the anchored node, where it takes effect, unless
    // other aliases share that anchor (the change would reach them too).
    if (field.viaAlias !== undefined && aliasUses(text, field.viaAlias) > 1)
      return {
        message: `${field.path} comes from the anchor &${field.viaAlias}, which ${aliasUses(text, field.viaAlias)} aliases share: change it by hand.`,
      };
    if (INTEGER_FIELDS.has(field.path)) {
      if (!/^[0-9]+$/.test(c.value))
        return { message: `${field.path} is an integer field: ${c.value} cannot be written there.` };
      return replaceScalar(text, field.span, c.value);
    }
    return replaceScalar(text, field.span, yamlString(c.value, text.slice(field.span.start, field.span.end)));
  }
  const entry = [...app.sparkConf].reverse().find((e) => e.key === c.key);
  if (entry === undefined) return undefined;
  return replaceScalar(text, entry.span, yamlString(c.value, text.slice(entry.span.start, entry.span.end)));
}

/**
 * The edits that add `missing` to spec.sparkConf: into the map when there is one (flow or block),
 * under a `sparkConf:` that holds nothing, or as a new `sparkConf:` after spec's last field.
 */
function sparkConfAdditions(text: string, missing: readonly SettingChange[]): SettingEditsResult {
  const spec = specOf(text);
  if (spec === undefined) return { ok: false, message: 'The SparkApplication has no spec map to add sparkConf to.' };
  if (spec.flow === true)
    return { ok: false, message: 'spec is written as a flow map ({...}): add the settings by hand.' };
  const confPair = mapGet(spec, 'sparkConf');
  const conf = confPair?.value as YamlNode | null | undefined;
  if (confPair !== undefined && isMap(conf)) {
    const into = intoSparkConfMap(text, conf, missing);
    if (into !== undefined) return into;
  }
  const eol = eolOf(text);
  const specItems = spec.items;
  const specKey = specItems.length > 0 ? nodeSpan(specItems[0]!.key as YamlNode) : undefined;
  if (specKey === undefined)
    return { ok: false, message: 'spec has no fields to place sparkConf beside: add it by hand.' };
  const specIndent = ' '.repeat(columnOf(text, specKey.start));
  const entryIndent = `${specIndent}  `;
  const lines = missing.map((c) => `${eol}${entryIndent}${yamlKey(c.key)}: ${yamlString(c.value)}`).join('');
  if (confPair !== undefined) return underEmptySparkConf(text, confPair, conf, lines);
  const at = itemLineEnd(text, specItems[specItems.length - 1]!);
  return { ok: true, edits: [{ span: { start: at, end: at }, newText: `${eol}${specIndent}sparkConf:${lines}` }] };
}

/**
 * The entries added into an existing spec.sparkConf map, written like its first key: before the
 * closing brace of a flow map, or on new lines after a block map's last item. Undefined when a
 * block map has no key to write like (the caller then refuses it as not a map).
 */
function intoSparkConfMap(
  text: string,
  conf: YAMLMap,
  missing: readonly SettingChange[],
): SettingEditsResult | undefined {
  const items = conf.items;
  const firstKey = items.length > 0 ? nodeSpan(items[0]!.key as YamlNode) : undefined;
  const keyLike = firstKey !== undefined ? text.slice(firstKey.start, firstKey.end) : undefined;
  if (conf.flow === true) {
    const r = nodeSpan(conf);
    if (r === undefined || text.charAt(r.end - 1) !== '}')
      return { ok: false, message: 'spec.sparkConf is written in a form this cannot edit: add the settings by hand.' };
    const body = missing.map((c) => `${yamlKey(c.key, keyLike)}: ${yamlString(c.value)}`).join(', ');
    let before = r.end - 1;
    while (before > r.start && /\s/.test(text.charAt(before - 1))) before--;
    const empty = text.charAt(before - 1) === '{';
    return { ok: true, edits: [{ span: { start: before, end: before }, newText: empty ? body : `, ${body}` }] };
  }
  if (items.length === 0 || firstKey === undefined) return undefined;
  const eol = eolOf(text);
  const indent = ' '.repeat(columnOf(text, firstKey.start));
  const at = itemLineEnd(text, items[items.length - 1]!);
  const newText = missing.map((c) => `${eol}${indent}${yamlKey(c.key, keyLike)}: ${yamlString(c.value)}`).join('');
  return { ok: true, edits: [{ span: { start: at, end: at }, newText }] };
}

/** `lines` (the new entries) under a `sparkConf:` key whose value is nothing, `~` or `null`. */
function underEmptySparkConf(
  text: string,
  confPair: Pair,
  conf: YamlNode | null | undefined,
  lines: string,
): SettingEditsResult {
  if (conf !== null && conf !== undefined && !(isScalar(conf) && conf.value === null))
    return { ok: false, message: 'spec.sparkConf is not a map: fix it before applying settings.' };
  const keyRange = nodeSpan(confPair.key as YamlNode)!;
  const vr = nodeSpan(conf);
  if (vr !== undefined && vr.end > vr.start) {
    // `sparkConf: ~` or `sparkConf: null`: the entries take the place of the null.
    let from = vr.start;
    while (from > keyRange.end && /[ \t]/.test(text.charAt(from - 1))) from--;
    // A comment after the null stays on the key's line; the entries go below it.
    const lineEnd = lineEndOf(text, vr.end);
    if (/^[ \t]+#/.test(text.slice(vr.end, lineEnd)))
      return {
        ok: true,
        edits: [
          { span: { start: from, end: vr.end }, newText: '' },
          { span: { start: lineEnd, end: lineEnd }, newText: lines },
        ],
      };
    return { ok: true, edits: [{ span: { start: from, end: vr.end }, newText: lines }] };
  }
  const at = lineEndOf(text, keyRange.end);
  return { ok: true, edits: [{ span: { start: at, end: at }, newText: lines }] };
}
