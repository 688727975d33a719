// Rules on SnappyData conf/servers, conf/leads and conf/locators lines.
import type { Rule } from '../types';

export const SNAPPY_RULES: readonly Rule[] = [];
