// SNAPPY-HEAP-SYNTAX: a heap value the JVM rejects. `-heap-size=X` becomes `-XmxX -XmsX` verbatim
// (SS LauncherBase.processHeapSize l.226) and `-J-Xmx`/`-J-Xms` go to the JVM as written, whose
// grammar is only <n>[k|m|g|t] (config-formats.md A.4, B.2; size/jvmSize.ts, checked on a JDK).
// So `4gb`, `1GB` (the docs' own example) and `1.5g` stop the JVM, and a bare number is bytes:
// `-heap-size=4096` is "Too small maximum heap".
import { parseJvmHeapSize, suggestJvmHeapSize } from '../../size';
import type { Rule } from '../types';
import { layoutsOf, membersOf, shown } from './common';
import { heapArgs } from './heapFlags';

export const snappyHeapSyntax: Rule = {
  code: 'SNAPPY-HEAP-SYNTAX',
  title: 'A -heap-size or -J-Xmx/-Xms value the JVM rejects',
  defaultSeverity: 'error',
  appliesTo: ['snappy-members'],
  check(ctx, report) {
    const doc = membersOf(ctx);
    if (doc === undefined) return;
    const layouts = layoutsOf(ctx);
    doc.members.forEach((m, i) => {
      const reported = new Set<number>();
      for (const f of heapArgs(ctx, m).flags) {
        if (reported.has(f.valueSpan.start)) continue;
        // A trailing carriage return is SNAPPY-CRLF's.
        const value = f.value.replace(/\r$/, '');
        const r = parseJvmHeapSize(value, f.flag);
        if (r.ok) continue;
        reported.add(f.valueSpan.start);
        const fromHeapSize = f.arg.kind === 'heap-size';
        const jvmText = r.error.replace(/\n/g, ' ');
        // With equal heaps and no critical-heap-percentage, the launcher parses the heap first (parseMemorySize) and may stop before the JVM.
        const launcher = layouts[i]?.startupErrors.find(
          (e) =>
            e.phase === 'snappy-launcher' &&
            e.exceptionClass === 'IllegalArgumentException' &&
            e.span?.start === f.valueSpan.start,
        );
        const suggestion = suggestJvmHeapSize(value);
        const bare = /^\d+$/.test(value);
        report({
          message:
            (fromHeapSize
              ? `-heap-size=${shown(value)} is passed to the JVM as ${f.flag}${shown(value)}`
              : `The JVM gets ${f.flag}${shown(value)}`) +
            `, which it rejects: "${jvmText}". The JVM accepts only a whole number followed by k, m, g or t${bare ? ' (a bare number is bytes)' : ''}.` +
            (launcher !== undefined
              ? ` SnappyData's launcher stops even earlier, reading the heap for its default critical-heap-percentage: ${launcher.message}`
              : '') +
            (suggestion !== undefined ? ` Write ${suggestion}.` : ''),
          span: f.valueSpan,
          ...(suggestion !== undefined
            ? {
                fixes: [
                  {
                    title: `Write ${suggestion}${bare ? ' (MB)' : ''}`,
                    // A quoted or escaped -J argument has no exact value span: rewrite the whole argument.
                    edits: [
                      f.valueSpan.start === f.arg.span.start && f.valueSpan.end === f.arg.span.end
                        ? { span: f.arg.span, newText: `${fromHeapSize ? '-heap-size=' : `-J${f.flag}`}${suggestion}` }
                        : { span: f.valueSpan, newText: suggestion },
                    ],
                    isPreferred: true,
                  },
                ],
              }
            : {}),
        });
      }
    });
  },
};
