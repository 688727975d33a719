// Which JVM heap flags each argument of a member line produces, replaying SS LauncherBase in
// argument order: processHeapSize (l.226) adds -Xmx<v> only while no max heap is set and -Xms<v>
// only while no initial heap is set; processVMArg records -J-Xmx/-J-Xms and always passes them on
// (config-formats.md B.2). The JVM parses every flag it is given; the last -Xmx/-Xms wins.
import type { MemberArg, MemberLine } from '../../parse/members';
import type { Span } from '../../text/lineIndex';
import type { RuleContext } from '../types';
import { argSubSpan, jvmHeapFlag, launcherArgs } from './common';

export interface HeapFlag {
  readonly arg: MemberArg;
  readonly flag: '-Xmx' | '-Xms';
  readonly value: string;
  readonly valueSpan: Span;
}

export interface HeapArgs {
  /** Every flag the JVM receives from the line, in order. */
  readonly flags: readonly HeapFlag[];
  /** -heap-size arguments that produced no flag (an earlier -heap-size or -J-Xmx/-Xms had set both). */
  readonly ignoredHeapSize: readonly MemberArg[];
  readonly heapSizeArgs: readonly MemberArg[];
  readonly jvmArgs: readonly HeapFlag[];
}

export function heapArgs(ctx: RuleContext, m: MemberLine): HeapArgs {
  const flags: HeapFlag[] = [];
  const ignored: MemberArg[] = [];
  const heapSizeArgs: MemberArg[] = [];
  const jvmArgs: HeapFlag[] = [];
  let max = false;
  let initial = false;
  for (const a of launcherArgs(m)) {
    if (a.kind === 'heap-size') {
      heapSizeArgs.push(a);
      const value = a.value ?? '';
      const valueSpan = a.valueSpan ?? argSubSpan(ctx, a, 11, a.text.length);
      if (max && initial) ignored.push(a);
      if (!max) flags.push({ arg: a, flag: '-Xmx', value, valueSpan });
      if (!initial) flags.push({ arg: a, flag: '-Xms', value, valueSpan });
      max = true;
      initial = true;
    } else {
      const j = jvmHeapFlag(ctx, a);
      if (j === undefined) continue;
      const f = { arg: a, ...j };
      flags.push(f);
      jvmArgs.push(f);
      if (j.flag === '-Xmx') max = true;
      else initial = true;
    }
  }
  return { flags, ignoredHeapSize: ignored, heapSizeArgs, jvmArgs };
}
