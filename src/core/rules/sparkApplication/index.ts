// Rules on spark-operator SparkApplication fields.
import type { Rule } from '../types';

export const SPARK_APPLICATION_RULES: readonly Rule[] = [];
