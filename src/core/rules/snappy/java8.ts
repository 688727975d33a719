// SNAPPY-JAVA8: a garbage collector flag that conflicts with the ones SnappyData's launcher always
// adds. On Oracle/OpenJDK JVMs LauncherBase.setDefaultVMArgs (SS l.339-352) puts
// -XX:+UseParNewGC -XX:+UseConcMarkSweepGC on every member's command line before the line's own
// -J/-XX arguments (QuickLauncher.getStartOptions l.389-393). Those flags need Java 8 (ParNew is
// gone in JDK 10, CMS in JDK 14), so SnappyData 1.3.x runs on Java 8, where a second collector
// such as -XX:+UseG1GC makes the JVM refuse to start: "Conflicting collector combinations in option
// list; please refer to the release notes for the combinations allowed" (config-formats.md B.2).
import type { MemberArg } from '../../parse/members';
import type { Rule } from '../types';
import { launcherArgs, membersOf, removeArg } from './common';

const OTHER_GC = /^-XX:\+Use(G1|Parallel|ParallelOld|Serial|Z|Shenandoah|Epsilon)GC$/;

function jvmFlag(a: MemberArg): string | undefined {
  if (a.kind === 'jvm') return a.key;
  if (a.kind === 'system-property') return a.text;
  return undefined;
}

export const snappyJava8: Rule = {
  code: 'SNAPPY-JAVA8',
  title: 'A GC flag that conflicts with the CMS flags SnappyData always adds (Java 8)',
  defaultSeverity: 'warning',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    for (const m of doc.members) {
      const args = launcherArgs(m);
      const flags = args.map(jvmFlag);
      // Turning both launcher collectors off again makes room for another one.
      const cmsOff = flags.includes('-XX:-UseConcMarkSweepGC') && flags.includes('-XX:-UseParNewGC');
      if (cmsOff) continue;
      args.forEach((a, i) => {
        const f = flags[i];
        if (f === undefined || !OTHER_GC.test(f)) return;
        const prefix = a.kind === 'jvm' ? '-J' : '';
        report({
          message:
            `SnappyData's launcher always adds -XX:+UseParNewGC -XX:+UseConcMarkSweepGC (Oracle/OpenJDK JVMs) before ${a.text}. Those flags need Java 8, the JVM SnappyData 1.3.x runs on, ` +
            'and there a second collector stops the JVM: "Conflicting collector combinations in option list; please refer to the release notes for the combinations allowed". ' +
            `Remove ${a.text}, or also pass ${prefix}-XX:-UseConcMarkSweepGC ${prefix}-XX:-UseParNewGC (the launcher's CMS tuning flags are then ignored).`,
          span: a.span,
          fixes: [
            { title: `Remove ${a.text}`, edits: [removeArg(ctx, a)], isPreferred: true },
            {
              title: `Also turn CMS and ParNew off`,
              edits: [
                {
                  span: { start: a.span.end, end: a.span.end },
                  newText: ` ${prefix}-XX:-UseConcMarkSweepGC ${prefix}-XX:-UseParNewGC`,
                },
              ],
            },
          ],
        });
      });
    }
  },
};
