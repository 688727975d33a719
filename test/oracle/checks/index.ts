// The oracle's checks, run in this order. Each is one module exporting an OracleCheck (see ../check.ts).
import { OracleCheck } from '../check';
import { containersCheck } from './containers';
import { eventLogsCheck } from './eventLogs';
import { jvmMaxMemoryCheck } from './jvmMaxMemory';
import { keyTypesCheck } from './keyTypes';
import { layoutGridCheck } from './layoutGrid';
import { managersCheck } from './managers';
import { sparkContextCheck } from './sparkContext';
import { startupErrorsCheck } from './startupErrors';

export const CHECKS: readonly OracleCheck[] = [
  managersCheck,
  jvmMaxMemoryCheck,
  layoutGridCheck,
  containersCheck,
  sparkContextCheck,
  keyTypesCheck,
  startupErrorsCheck,
  eventLogsCheck,
];
