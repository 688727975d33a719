// Rules on Spark settings (spark-defaults.conf and SparkApplication alike).
import type { Rule } from '../types';
import { containerBudget } from './containerBudget';
import { coresTaskCpus } from './coresTaskCpus';
import { deprecatedAlt } from './deprecatedAlt';
import { execPerTask } from './execPerTask';
import { fractionRange } from './fractionRange';
import { fractionStorage } from './fractionStorage';
import { fractionUserMemory } from './fractionUserMemory';
import { heapCompressedOops } from './heapCompressedOops';
import { heapLarge } from './heapLarge';
import { keyVersion } from './keyVersion';
import { legacyKey } from './legacyKey';
import { minHeap } from './minHeap';
import { offHeapBudget } from './offHeapBudget';
import { offHeapConsistency } from './offHeapConsistency';
import { offHeapNotEnabled } from './offHeapNotEnabled';
import { overheadFactorRange } from './overheadFactorRange';
import { overheadSmall } from './overheadSmall';
import { sizeFraction } from './sizeFraction';
import { sizeJvmSuffix } from './sizeJvmSuffix';
import { sizeK8sQuantity } from './sizeK8sQuantity';
import { sizeOffHeapBytes } from './sizeOffHeapBytes';
import { sizeParse } from './sizeParse';
import { sizeTruncate } from './sizeTruncate';
import { sizeUnitlessHeap } from './sizeUnitlessHeap';
import { startupErrorRule } from './startupErrorRule';
import { valueType } from './valueType';
import { xmxInJavaOptions } from './xmxInJavaOptions';

export const SPARK_RULES: readonly Rule[] = [
  // sizes
  sizeParse,
  sizeFraction,
  sizeK8sQuantity,
  sizeUnitlessHeap,
  sizeJvmSuffix,
  sizeTruncate,
  sizeOffHeapBytes,
  // heap
  minHeap,
  heapCompressedOops,
  heapLarge,
  // fractions and old keys
  fractionRange,
  fractionUserMemory,
  fractionStorage,
  legacyKey,
  deprecatedAlt,
  keyVersion,
  // off-heap
  offHeapConsistency,
  offHeapNotEnabled,
  offHeapBudget,
  // container
  containerBudget,
  overheadFactorRange,
  overheadSmall,
  // execution per task, cores, JVM options
  execPerTask,
  coresTaskCpus,
  xmxInJavaOptions,
  // every other key's type (the registry generated from Spark's jars)
  valueType,
  // every other start-up error
  startupErrorRule,
];
