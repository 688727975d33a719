// Which startup errors of the layout a specific SNAPPY-* rule reports, so that SNAPPY-STARTUP only
// reports the rest. One predicate per rule, keyed by the error text the layout produces.
import type { SnappyMemberLayout } from '../../layout/snappyLayout';
import type { StartupError } from '../../layout/startupError';
import type { MemberLine } from '../../parse/members';
import type { RuleContext } from '../types';
import { layoutsOf, membersOf } from './common';

export const EVICT_CRIT_ERRORS: readonly RegExp[] = [
  /^Critical percentage must be greater than 0\.0 and less than or equal to 100\.0\.$/,
  /^Eviction percentage must be greater than 0\.0 and less than or equal to 100\.0\.$/,
  /^Eviction percentage must be less than the critical percentage\.$/,
  /^Eviction fraction \S+ must be between 0\.1 and 0\.98\./,
  /^System memory \d+ must be at least \d+\./,
];
export const RESERVED_ERRORS: readonly RegExp[] = [/^Reserved memory -?\d+ must be at least 25MB\./];
export const EXECUTOR_MEMORY_ERRORS: readonly RegExp[] = [/^Executor memory -?\d+ must be at least \d+\./];
export const HEAP_SYNTAX_ERRORS: readonly RegExp[] = [
  /^Invalid (maximum|initial) heap size/,
  /Too small (maximum|initial) heap/,
];
export const MEMORY_SIZE_ERRORS: readonly RegExp[] = [/^Memory size specification = /, /^Invalid memory-size: /];
export const LAUNCH_ERRORS: readonly RegExp[] = [/^Unexpected command-line option: /];

/** The SnappyUnifiedMemoryManager checks run in this order and the first failure stops the member. */
export const UMM_ORDER: readonly RegExp[] = [
  RESERVED_ERRORS[0]!,
  /^System memory \d+ must be at least/,
  EXECUTOR_MEMORY_ERRORS[0]!,
  /^Eviction fraction /,
];

export function matches(e: StartupError, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(e.message));
}

/** GemFire's threshold checks (HeapMemoryMonitor), which the layout models as running before the memory manager's. */
export const GEMFIRE_THRESHOLD_ERRORS: readonly RegExp[] = EVICT_CRIT_ERRORS.slice(0, 3);

/**
 * True when an earlier check already stops the member before `e` is reached: a GemFire threshold
 * error comes before every SnappyUnifiedMemoryManager check, and those run in UMM_ORDER.
 */
export function shadowedByEarlierUmmCheck(e: StartupError, all: readonly StartupError[]): boolean {
  const rank = UMM_ORDER.findIndex((p) => p.test(e.message));
  if (rank < 0) return false;
  if (all.some((o) => matches(o, GEMFIRE_THRESHOLD_ERRORS))) return true;
  return all.some(
    (o) =>
      o !== e &&
      UMM_ORDER.findIndex((p) => p.test(o.message)) >= 0 &&
      UMM_ORDER.findIndex((p) => p.test(o.message)) < rank,
  );
}

/** A member line, its layout and the start-up errors a rule reports on it (in the order the member meets them). */
export interface MemberStartupErrors {
  readonly member: MemberLine;
  readonly layout: SnappyMemberLayout;
  readonly errors: readonly StartupError[];
}

/**
 * Every member line that has a layout, with its start-up errors that `keep` selects: the one loop the
 * SNAPPY-* rules that report start-up errors run.
 */
export function memberStartupErrors(
  ctx: RuleContext,
  keep: (e: StartupError, layout: SnappyMemberLayout, member: MemberLine) => boolean,
): MemberStartupErrors[] {
  const doc = membersOf(ctx);
  if (doc === undefined) return [];
  const layouts = layoutsOf(ctx);
  const out: MemberStartupErrors[] = [];
  doc.members.forEach((member, i) => {
    const layout = layouts[i];
    if (layout !== undefined)
      out.push({ member, layout, errors: layout.startupErrors.filter((e) => keep(e, layout, member)) });
  });
  return out;
}

/** `keep` for one family of checks: its errors that stop the member (an earlier check shadows a later one). */
export function stopsWith(family: readonly RegExp[]): (e: StartupError, layout: SnappyMemberLayout) => boolean {
  return (e, layout) => matches(e, family) && !shadowedByEarlierUmmCheck(e, layout.startupErrors);
}
