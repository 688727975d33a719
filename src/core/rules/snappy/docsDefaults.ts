// SNAPPY-DOCS-DEFAULTS: a line that relies on a value SnappyData's docs describe differently from
// the code, where that changes this line's numbers (config-formats.md B.7, B.8): the unified region
// uses spark.memory.fraction 0.85 (the docs' examples 0.92/0.97), off-heap storage may grow to
// memory-size × 0.95 (the docs: 0.9), and the launcher's default critical/eviction percentages
// follow the heap (the docs: 95 and 85.5). The docs' figures are in catalog/snappyKeys.ts; the
// code's come from the catalog and the layout. Gentle on purpose: each distinct note is given once
// per file (the fraction note on the first line only), and a percentage only when it is at least one
// point away from the docs'.
import { SNAPPY_DOCUMENTED_VALUES } from '../../catalog/snappyKeys';
import { snappyReservedMemory } from '../../layout/snappyMemory';
import type { MemberLine } from '../../parse/members';
import type { Rule } from '../types';
import { humanBytes, layoutsOf, membersOf, percentText } from './common';

const documented = (key: string): { docs: readonly number[]; where: string } | undefined =>
  SNAPPY_DOCUMENTED_VALUES.find((d) => d.key === key);
/** How far (percentage points) a default must be from the docs' figure before it is worth a note. */
const PERCENT_NOTE_MIN_DIFF = 1;

type MemberLayout = ReturnType<typeof layoutsOf>[number];
type SizedLayout = MemberLayout & {
  readonly systemMemory: number;
  readonly reservedMemory: number;
  readonly maxHeapSize: NonNullable<MemberLayout['maxHeapSize']>;
};

/**
 * Lines worth a note: laid out without start-up errors, with a heap the line sets (a default heap
 * depends on the host's RAM and cores), and without a format problem (those have their own, more
 * urgent findings).
 */
function notedLine(m: MemberLine, l: MemberLayout | undefined): l is SizedLayout {
  if (l === undefined || l.systemMemory === undefined || l.reservedMemory === undefined) return false;
  if (l.startupErrors.length > 0 || l.maxHeapSize?.origin !== 'set') return false;
  return (
    m.tabInHost === undefined &&
    m.launchError === undefined &&
    m.shellComment === undefined &&
    m.carriageReturn === undefined
  );
}

/** The launcher's default critical and eviction percentages, where they are a point or more from the docs'. */
function percentageNotes(l: SizedLayout, sys: number): string[] {
  const notes: string[] = [];
  const crit = l.criticalHeapPercentage;
  const cd = documented('critical-heap-percentage');
  if (crit.origin === 'default' && cd !== undefined && Math.abs(crit.value - cd.docs[0]!) >= PERCENT_NOTE_MIN_DIFF) {
    notes.push(
      `critical-heap-percentage defaults to ${percentText(crit.value)} for this heap (the launcher's formula), not the docs' ${cd.docs.join(' or ')}: ` +
        `SnappyData reserves ${humanBytes(l.reservedMemory)} rather than ${humanBytes(snappyReservedMemory(sys, cd.docs[0]!))}.`,
    );
  }
  const ev = l.evictionHeapPercentage;
  const ed = documented('eviction-heap-percentage');
  if (
    ev.origin === 'default' &&
    ev.value > 0 &&
    ed !== undefined &&
    Math.abs(ev.value - ed.docs[0]!) >= PERCENT_NOTE_MIN_DIFF
  ) {
    notes.push(
      `eviction-heap-percentage defaults to ${percentText(ev.value)} (0.9 × critical-heap-percentage), not the docs' ${ed.docs[0]}.`,
    );
  }
  return notes;
}

export const snappyDocsDefaults: Rule = {
  code: 'SNAPPY-DOCS-DEFAULTS',
  title: "A value this line relies on differs between SnappyData's docs and its code",
  defaultSeverity: 'info',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const layouts = layoutsOf(ctx);
    let fractionNoted = false;
    // Each distinct note once per file, on the first line it applies to.
    const given = new Set<string>();
    doc.members.forEach((m, i) => {
      const l = layouts[i];
      if (!notedLine(m, l)) return;
      const notes: string[] = [];
      const sys = l.systemMemory;
      const frac = l.memoryFraction;
      const fd = documented('spark.memory.fraction');
      if (!fractionNoted && frac?.origin === 'default' && fd !== undefined && l.maxHeapMemory !== undefined) {
        fractionNoted = true;
        const alt = fd.docs[fd.docs.length - 1]!;
        notes.push(
          `The unified region uses spark.memory.fraction ${frac.value} (the code's default since 1.1.0): ${humanBytes(l.maxHeapMemory)} here, ` +
            `not the ${humanBytes(Math.trunc((sys - l.reservedMemory) * alt))} that the docs' ${fd.docs.join('/')} would give (${fd.where}). This applies to every line that does not set it.`,
        );
      }
      const smf = l.storageMaxFraction;
      const sd = documented('spark.memory.storageMaxFraction');
      if (
        smf?.origin === 'default' &&
        sd !== undefined &&
        l.memorySize.value > 0 &&
        l.maxOffHeapStorageSize !== undefined
      ) {
        notes.push(
          `Off-heap storage may grow to memory-size × ${smf.value} = ${humanBytes(l.maxOffHeapStorageSize)}, not the docs' × ${sd.docs[0]} = ${humanBytes(Math.trunc(l.memorySize.value * sd.docs[0]!))} (${sd.where}).`,
        );
      }
      notes.push(...percentageNotes(l, sys));
      const fresh = notes.filter((n) => !given.has(n));
      for (const n of fresh) given.add(n);
      if (fresh.length === 0) return;
      const heap = l.maxHeapSize.span;
      const span =
        heap !== undefined && heap.start >= m.lineSpan.start && heap.end <= m.lineSpan.end ? heap : m.hostSpan;
      report({
        message: `${fresh.join(' ')} The code decides; this is only what a reader of the docs would expect.`,
        span,
      });
    });
  },
};
