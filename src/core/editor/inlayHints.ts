// Inlay hints: the sizes a memory setting produces, shown after its value (the effective line of
// each key only), and each SnappyData member's heap, reserved, unified, storage cap and off-heap.
import type { Span } from '../text/lineIndex';
import type { EditorAnalysis } from './analysis';
import { memberHint, sparkHint } from './layoutFacts';

export interface InlayHintItem {
  /** Where the hint goes: just after the value (or the member line). */
  readonly offset: number;
  /** The whole hint: `⟶ unified 2.22 GiB · storage 1.11 GiB · user 1.48 GiB`. */
  readonly label: string;
  /** The same as separate phrases (`unified 2.22 GiB`, `storage 1.11 GiB`, ...), most telling first, for a front end with little room. */
  readonly parts: readonly string[];
}

export const HINT_ARROW = '⟶';
export const HINT_SEPARATOR = '·';

function item(offset: number, parts: readonly string[]): InlayHintItem {
  return { offset, label: `${HINT_ARROW} ${parts.join(` ${HINT_SEPARATOR} `)}`, parts };
}

const overlaps = (s: Span, r: Span | undefined): boolean => r === undefined || (s.end >= r.start && s.start <= r.end);

/** The first line of a start-up error, short enough for a hint. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** The keys whose hint shows the memory manager's sizes (layoutFacts.sparkHint). */
const MANAGER_KEYS: ReadonlySet<string> = new Set([
  'spark.executor.memory',
  'spark.memory.fraction',
  'spark.memory.storageFraction',
  'spark.memory.offHeap.size',
]);

export function inlayHints(a: EditorAnalysis, range?: Span): InlayHintItem[] {
  const out: InlayHintItem[] = [];
  const doc = a.doc;
  if (doc.kind === 'snappy-members') {
    const l = a.layout();
    if (l === undefined || l.kind !== 'snappydata') return out;
    for (const m of doc.members) {
      if (!overlaps(m.lineSpan, range)) continue;
      const layout = l.members[m.index];
      const parts = layout !== undefined ? memberHint(layout) : undefined;
      if (parts !== undefined) out.push(item(m.lineSpan.end, parts));
    }
    return out;
  }
  // Settings written in the file, each at the end of its value; only keys that drive a size.
  const candidates: Array<{ key: string; end: number; span: Span }> = [];
  if (doc.kind === 'spark-defaults') {
    if (doc.loadError !== undefined) return out;
    for (const e of doc.effective.values()) {
      if (overlaps(e.lineSpan, range)) candidates.push({ key: e.key, end: e.lineSpan.end, span: e.lineSpan });
    }
  } else {
    // doc.conf is what spark-submit receives: a sparkConf entry a typed field overrides is not in it.
    for (const c of doc.conf) {
      if (c.span === undefined || !overlaps(c.span, range)) continue;
      candidates.push({ key: c.key, end: c.span.end, span: c.span });
    }
  }
  if (candidates.length === 0) return out;
  const l = a.layout();
  if (l === undefined || l.kind !== 'spark') return out;
  const errors = l.layout.startupErrors;
  // The first error of each key: the one a real launch stops on.
  const refused = new Map<string | undefined, (typeof errors)[number]>();
  for (const e of errors) if (!refused.has(e.key)) refused.set(e.key, e);
  // The executor's layout is gone only when Spark refuses one of its settings; a driver-only
  // refusal (spark.driver.memory below 450 MiB) leaves the executor's sizes standing.
  const first = errors.find((e) => !(e.key ?? '').startsWith('spark.driver.'));
  // Without a memory manager (the layout stops where Spark refuses a fraction or the heap) the keys
  // that size it say so instead of showing nothing.
  const managerLess = l.layout.unified === undefined && l.layout.legacy === undefined;
  for (const c of candidates) {
    const sizes = sparkHint(l.layout, c.key);
    const own = refused.get(c.key);
    // A config Spark refuses has no layout: sizes (a "user -759 MiB" from a fraction of 1.2, the
    // 1 GiB default in place of a size Spark cannot read) would read as one it makes.
    let parts: readonly string[] | undefined = sizes;
    if (own !== undefined) parts = [`Spark refuses this: ${firstLine(own.message)}`];
    else if (first !== undefined && (sizes !== undefined || (managerLess && MANAGER_KEYS.has(c.key))))
      parts = [`no layout: Spark refuses ${first.key ?? 'this config'}`];
    if (parts !== undefined) out.push(item(c.end, parts));
  }
  out.sort((x, y) => x.offset - y.offset);
  return out;
}
