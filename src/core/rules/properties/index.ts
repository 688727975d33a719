// Rules on the java.util.Properties syntax of spark-defaults.conf (and, for key names, of a
// SparkApplication's sparkConf).
import type { Rule } from '../types';
import { backslash } from './backslash';
import { bom } from './bom';
import { duplicateKey } from './duplicateKey';
import { emptyValue } from './emptyValue';
import { inlineComment } from './inlineComment';
import { malformedEscape } from './malformedEscape';
import { nbsp } from './nbsp';
import { nonSpark } from './nonSpark';
import { quotedValue } from './quotedValue';
import { unknownKey } from './unknownKey';

export const PROPERTIES_RULES: readonly Rule[] = [
  duplicateKey,
  inlineComment,
  nonSpark,
  bom,
  nbsp,
  unknownKey,
  malformedEscape,
  emptyValue,
  quotedValue,
  backslash,
];
