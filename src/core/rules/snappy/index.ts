// Rules on SnappyData conf/servers, conf/leads and conf/locators lines. Each has a page at
// docs/rules/<CODE>.md. Line-format rules come first, then per-argument values, then the memory
// layout (with the leads file for servers), then guidance.
import type { Rule } from '../types';
import { snappyCrlf } from './crlf';
import { snappyEqSpace } from './eqSpace';
import { snappyHeapSyntax } from './heapSyntax';
import { snappyHeapXmxMix } from './heapXmxMix';
import { snappyInlineComment } from './inlineComment';
import { snappyMemorySize } from './memorySize';
import { snappyNoDash } from './noDash';
import { snappyPercentSign } from './percentSign';
import { snappyShell } from './shell';
import { snappyStorageFractionPct } from './storageFractionPct';
import { snappyTab } from './tab';
import { snappyUnknownOption } from './unknownOption';

export const SNAPPY_RULES: readonly Rule[] = [
  snappyTab, snappyInlineComment, snappyEqSpace, snappyNoDash, snappyShell, snappyCrlf,
  snappyHeapSyntax, snappyMemorySize, snappyPercentSign, snappyStorageFractionPct, snappyUnknownOption,
  snappyHeapXmxMix,
];
