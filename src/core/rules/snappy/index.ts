// Rules on SnappyData conf/servers, conf/leads and conf/locators lines. Each has a page at
// docs/rules/<CODE>.md. Line-format rules come first, then per-argument values, then the memory
// layout (with the leads file for servers), then guidance.
import type { Rule } from '../types';
import { snappyCrlf } from './crlf';
import { snappyDirShared } from './dirShared';
import { snappyDocsDefaults } from './docsDefaults';
import { snappyEqSpace } from './eqSpace';
import { snappyEvictCrit } from './evictCrit';
import { snappyExecutorMemory } from './executorMemory';
import { snappyHeapGuidance } from './heapGuidance';
import { snappyHeapSyntax } from './heapSyntax';
import { snappyHeapXmxMix } from './heapXmxMix';
import { snappyInlineComment } from './inlineComment';
import { snappyJava8 } from './java8';
import { snappyMemorySize } from './memorySize';
import { snappyMultiServer } from './multiServer';
import { snappyNoDash } from './noDash';
import { snappyOffHeapPct } from './offHeapPct';
import { snappyPercentSign } from './percentSign';
import { snappyReservedSmall } from './reservedSmall';
import { snappyShell } from './shell';
import { snappySparkOnServer } from './sparkOnServer';
import { snappyStartup } from './startup';
import { snappyStorageFractionPct } from './storageFractionPct';
import { snappyTab } from './tab';
import { snappyUnknownOption } from './unknownOption';

export const SNAPPY_RULES: readonly Rule[] = [
  snappyTab,
  snappyInlineComment,
  snappyEqSpace,
  snappyNoDash,
  snappyShell,
  snappyCrlf,
  snappyHeapSyntax,
  snappyMemorySize,
  snappyPercentSign,
  snappyStorageFractionPct,
  snappyUnknownOption,
  snappyHeapXmxMix,
  snappyEvictCrit,
  snappyReservedSmall,
  snappyExecutorMemory,
  snappyOffHeapPct,
  snappyMultiServer,
  snappyDirShared,
  snappySparkOnServer,
  snappyJava8,
  snappyStartup,
  snappyHeapGuidance,
  snappyDocsDefaults,
];
