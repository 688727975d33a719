// Rules on spark-operator SparkApplication fields. The Spark rules (sizes, heap, fractions, ...)
// also run on the Spark settings these documents write (sparkConf and the typed fields).
import type { Rule } from '../types';
import { opCoresInt } from './coresInt';
import { opDuplicateKey } from './duplicateKey';
import { opMemoryLimit } from './memoryLimit';
import { opNonString } from './nonString';

export const SPARK_APPLICATION_RULES: readonly Rule[] = [opDuplicateKey, opCoresInt, opNonString, opMemoryLimit];
