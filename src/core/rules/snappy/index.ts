// Rules on SnappyData conf/servers, conf/leads and conf/locators lines. Each has a page at
// docs/rules/<CODE>.md. Line-format rules come first, then per-argument values, then the memory
// layout (with the leads file for servers), then guidance.
import type { Rule } from '../types';
import { snappyCrlf } from './crlf';
import { snappyEqSpace } from './eqSpace';
import { snappyInlineComment } from './inlineComment';
import { snappyNoDash } from './noDash';
import { snappyShell } from './shell';
import { snappyTab } from './tab';

export const SNAPPY_RULES: readonly Rule[] = [
  snappyTab, snappyInlineComment, snappyEqSpace, snappyNoDash, snappyShell, snappyCrlf,
];
