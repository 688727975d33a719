// The oracle's checks, run in this order. Each is one module exporting an OracleCheck (see ../check.ts).
import { OracleCheck } from '../check';
import { jvmMaxMemoryCheck } from './jvmMaxMemory';

export const CHECKS: readonly OracleCheck[] = [jvmMaxMemoryCheck];
