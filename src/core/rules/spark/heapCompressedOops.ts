// HEAP-COMPRESSED-OOPS: a heap of 32 GiB or more. HotSpot then stops compressing object
// references (GUIDANCE.compressedOopsHeapBytes), so a heap just above 32 GiB holds less data
// than one just below it.
import { GUIDANCE } from '../../catalog';
import { byteFromString, javaTrim } from '../../size';
import type { Rule } from '../types';
import { HEAP_KEYS, human, knownSettings, MiB, replaceValue, valueHazard } from './helpers';

export const heapCompressedOops: Rule = {
  code: 'HEAP-COMPRESSED-OOPS',
  title: 'A heap of 32 GiB or more: the JVM turns compressed oops off',
  defaultSeverity: 'warning',
  appliesTo: ['spark-defaults', 'spark-application'],
  check(ctx, report) {
    const limit = GUIDANCE.compressedOopsHeapBytes.value;
    for (const s of knownSettings(ctx)) {
      if (!HEAP_KEYS.has(s.key) || valueHazard(ctx, s) !== undefined) continue;
      const r = byteFromString(javaTrim(s.value), 'MiB');
      if (!r.ok) continue;
      const bytes = r.value * MiB;
      if (bytes < limit) continue;
      const below = `${limit / 1024 ** 3 - 1}g`;
      report({
        message:
          `${s.key} ${s.value.trim()} is ${human(bytes)}: from 32 GiB on the JVM turns compressed oops off, so every object reference takes 8 bytes instead of 4 ` +
          'and the heap holds noticeably less than its size suggests (a 32-40 GiB heap stores about what a 31 GiB one does). ' +
          `Stay at ${below} or below, or use more executors.`,
        span: s.span,
        fixes: [replaceValue(s, below, `Write ${below}`, false)],
      });
    }
  },
};
