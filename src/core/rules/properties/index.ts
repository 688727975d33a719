// Rules on the java.util.Properties syntax of spark-defaults.conf.
import type { Rule } from '../types';
import { duplicateKey } from './duplicateKey';

export const PROPERTIES_RULES: readonly Rule[] = [duplicateKey];
