// SNAPPY-HEAP-XMX-MIX: heap settings that fight each other. LauncherBase (SS l.226-260) replays the
// arguments in order: -heap-size sets -Xmx only if no -J-Xmx came before, and -Xms only if no
// -J-Xms came before; a later -J-Xmx/-J-Xms overrides it (the JVM takes the last flag); a second
// -heap-size is ignored entirely. Worse, when the resulting -Xmx and -Xms differ the launcher sets
// NO default critical-heap-percentage or eviction-heap-percentage (setDefaultVMArgs l.273-338), so
// the LowMemoryException safety net is off (config-formats.md B.2).
import { parseJvmHeapSize } from '../../size';
import type { TextEdit } from '../../edit/textEdit';
import type { QuickFix, RelatedLocation, Rule } from '../types';
import { layoutsOf, membersOf, removeArg } from './common';
import { heapArgs } from './heapFlags';

export const snappyHeapXmxMix: Rule = {
  code: 'SNAPPY-HEAP-XMX-MIX',
  title: '-heap-size mixed with -J-Xmx/-J-Xms (or -Xmx != -Xms): which heap wins, and default thresholds turned off',
  defaultSeverity: 'warning',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const layouts = layoutsOf(ctx);
    doc.members.forEach((m, i) => {
      const l = layouts[i];
      const h = heapArgs(ctx, m);
      for (const ignored of h.ignoredHeapSize) {
        report({
          message: `${ignored.text} is ignored: the heap was already set by an earlier argument (${h.flags[0]?.arg.text ?? '-heap-size'}). Unlike other options, for -heap-size the first one wins.`,
          span: ignored.span,
          tags: ['unnecessary'],
          fixes: [{ title: `Remove ${ignored.text}`, edits: [removeArg(ctx, ignored)], isPreferred: true }],
        });
      }
      if (l === undefined || l.maxHeapSize === undefined) return;
      const max = l.maxHeapSize.value;
      const initial = l.initialHeapSize ?? max;
      const differ = max !== initial;
      const critSet = m.options.has('critical-heap-percentage');
      const safetyOff =
        differ && l.criticalHeapPercentage.origin === 'disabled'
          ? ` Because -Xmx${max} and -Xms${initial} differ, the launcher sets no default critical-heap-percentage or eviction-heap-percentage: the LowMemoryException safety net is off${critSet ? '' : ' and SnappyData reserves only its fallback share of the heap'}.`
          : differ && !m.options.has('eviction-heap-percentage')
            ? ` Because -Xmx${max} and -Xms${initial} differ, the launcher sets no default eviction-heap-percentage.`
            : '';
      const maxB = parseJvmHeapSize(max);
      const initB = parseJvmHeapSize(initial, '-Xms');
      const inverted = maxB.ok && initB.ok && initB.bytes > maxB.bytes;
      const invertedText = inverted
        ? ` The JVM refuses to start: its initial heap (-Xms${initial}) is larger than its maximum (-Xmx${max}).`
        : '';
      if (h.heapSizeArgs.length > 0 && h.jvmArgs.length > 0) {
        const hs = h.heapSizeArgs[0]!;
        const related: RelatedLocation[] = [
          { span: hs.span, message: `${hs.text} sets -Xmx and -Xms only where no -J-Xmx/-J-Xms came before it` },
        ];
        const removeJ: TextEdit[] = h.jvmArgs.map((j) => removeArg(ctx, j.arg));
        const jMax = [...h.jvmArgs].reverse().find((j) => j.flag === '-Xmx');
        const fixes: QuickFix[] = [
          { title: `Keep ${hs.text}: remove ${h.jvmArgs.map((j) => j.arg.text).join(' ')}`, edits: removeJ },
        ];
        if (jMax !== undefined && hs.valueSpan !== undefined && jMax.value !== hs.value) {
          fixes.push({
            title: `Use ${jMax.value}: write -heap-size=${jMax.value} and remove ${h.jvmArgs.map((j) => j.arg.text).join(' ')}`,
            edits: [{ span: hs.valueSpan, newText: jMax.value }, ...removeJ],
          });
        }
        for (const j of h.jvmArgs) {
          report({
            message: `${j.arg.text} together with ${hs.text}: the JVM runs with -Xmx${max} -Xms${initial}.${safetyOff}${invertedText} Set the heap one way only (prefer -heap-size, which keeps -Xmx and -Xms equal).`,
            span: j.arg.span,
            related,
            ...(inverted ? { severity: 'error' as const } : {}),
            fixes,
          });
        }
      } else if (differ && h.jvmArgs.length > 0) {
        const xms = [...h.jvmArgs].reverse().find((j) => j.flag === '-Xms') ?? h.jvmArgs[h.jvmArgs.length - 1]!;
        const xmx = [...h.jvmArgs].reverse().find((j) => j.flag === '-Xmx');
        report({
          message: `The JVM runs with -Xmx${max} -Xms${initial}.${safetyOff}${invertedText} Use -heap-size=${max} (or equal -J-Xmx/-J-Xms) to keep them equal.`,
          span: xms.arg.span,
          ...(xmx !== undefined ? { related: [{ span: xmx.arg.span, message: `-Xmx${max}` }] } : {}),
          ...(inverted ? { severity: 'error' as const } : {}),
          ...(xms.flag === '-Xms' && xms.valueSpan !== xms.arg.span && xms.valueSpan.end > xms.valueSpan.start
            ? {
                fixes: [
                  { title: `Write -J-Xms${max}`, edits: [{ span: xms.valueSpan, newText: max }], isPreferred: true },
                ],
              }
            : {}),
        });
      }
    });
  },
};
