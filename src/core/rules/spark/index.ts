// Rules on Spark settings (spark-defaults.conf and SparkApplication alike).
import type { Rule } from '../types';
import { fractionRange } from './fractionRange';
import { sizeParse } from './sizeParse';

export const SPARK_RULES: readonly Rule[] = [sizeParse, fractionRange];
