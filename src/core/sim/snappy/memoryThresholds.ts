// GemFire's heap thresholds as SnappyData's store has them (TIBCOSoftware/snappy-store, gemfire-core
// com/gemstone/gemfire/internal/cache/control/MemoryThresholds.java; the store of SnappyData 1.3.1).
// Percentages are Java floats: the launcher parses them with Float.parseFloat, and the byte
// thresholds widen that float to a double (so 95.12 counts as 95.12000274658203 of the heap).

// LocalizedStrings.MemoryThresholds_* (the texts the constructor throws): one copy, beside the layout's checks.
import { CRITICAL_GTE_EVICTION, CRITICAL_PERCENTAGE_RANGE, EVICTION_PERCENTAGE_RANGE } from '../../layout/snappyMemory';
export { CRITICAL_GTE_EVICTION, CRITICAL_PERCENTAGE_RANGE, EVICTION_PERCENTAGE_RANGE };

/** MemoryThresholds.MemoryState. */
export type MemoryState =
  | 'DISABLED'
  | 'EVICTION_DISABLED'
  | 'EVICTION_DISABLED_CRITICAL'
  | 'CRITICAL_DISABLED'
  | 'EVICTION_CRITICAL_DISABLED'
  | 'NORMAL'
  | 'EVICTION'
  | 'CRITICAL'
  | 'EVICTION_CRITICAL';

/** MemoryState.isCritical. */
export function isCritical(s: MemoryState): boolean {
  return s === 'CRITICAL' || s === 'EVICTION_DISABLED_CRITICAL' || s === 'EVICTION_CRITICAL';
}

/**
 * MemoryState.isEviction: always false in a SnappyData store ("!isSnappyStore() && ..."), which is
 * why the heap monitor never starts GemFire's centralized eviction in SnappyData (HeapEvictor.onEvent
 * also returns early on EVICTION for a Snappy store): table data is evicted by the memory manager.
 */
export function isEviction(_s: MemoryState): boolean {
  return false;
}

/** MemoryState.isNormal. */
export function isNormal(s: MemoryState): boolean {
  return s === 'NORMAL' || s === 'EVICTION_DISABLED' || s === 'CRITICAL_DISABLED';
}

/** ResourceManager.THRESHOLD_THICKNESS_PROP default "2.00": a down event needs usage 2% of max below the threshold. */
const THRESHOLD_THICKNESS = 2.0;

export class MemoryThresholds {
  readonly criticalThreshold: number;
  readonly evictionThreshold: number;
  readonly criticalThresholdBytes: number;
  readonly criticalThresholdClearBytes: number;
  readonly evictionThresholdBytes: number;
  readonly evictionThresholdClearBytes: number;

  /** Percentages as given (rounded to a float here, as Java stores them); 0 = disabled. */
  constructor(
    readonly maxMemoryBytes: number,
    criticalThreshold: number,
    evictionThreshold: number,
  ) {
    const c = Math.fround(criticalThreshold);
    const e = Math.fround(evictionThreshold);
    if (c > 100 || c < 0) throw new RangeError(CRITICAL_PERCENTAGE_RANGE);
    if (e > 100 || e < 0) throw new RangeError(EVICTION_PERCENTAGE_RANGE);
    if (e !== 0 && c !== 0 && e >= c) throw new RangeError(CRITICAL_GTE_EVICTION);
    this.criticalThreshold = c;
    this.evictionThreshold = e;
    // (long) (criticalThreshold * 0.01 * maxMemoryBytes), the float widened to a double.
    this.criticalThresholdBytes = Math.trunc(c * 0.01 * maxMemoryBytes);
    this.criticalThresholdClearBytes = Math.trunc(
      this.criticalThresholdBytes - 0.01 * THRESHOLD_THICKNESS * maxMemoryBytes,
    );
    this.evictionThresholdBytes = Math.trunc(e * 0.01 * maxMemoryBytes);
    this.evictionThresholdClearBytes = Math.trunc(
      this.evictionThresholdBytes - 0.01 * THRESHOLD_THICKNESS * maxMemoryBytes,
    );
  }

  get isCriticalThresholdEnabled(): boolean {
    return this.criticalThreshold > 0;
  }

  get isEvictionThresholdEnabled(): boolean {
    return this.evictionThreshold > 0;
  }

  /** computeNextState: the state for `bytesUsed`, with the 2% hysteresis on the way down. */
  computeNextState(oldState: MemoryState, bytesUsed: number): MemoryState {
    const evictionOn = this.evictionThreshold !== 0;
    const criticalOn = this.criticalThreshold !== 0;
    const belowEviction =
      bytesUsed < this.evictionThresholdClearBytes ||
      (!isEviction(oldState) && bytesUsed < this.evictionThresholdBytes);
    const belowCritical =
      bytesUsed < this.criticalThresholdClearBytes ||
      (!isCritical(oldState) && bytesUsed < this.criticalThresholdBytes);
    if (evictionOn && criticalOn) {
      if (belowEviction) return 'NORMAL';
      if (belowCritical) return 'EVICTION';
      return 'EVICTION_CRITICAL';
    }
    if (!evictionOn && !criticalOn) return 'DISABLED';
    if (!evictionOn) return belowCritical ? 'EVICTION_DISABLED' : 'EVICTION_DISABLED_CRITICAL';
    return belowEviction ? 'CRITICAL_DISABLED' : 'EVICTION_CRITICAL_DISABLED';
  }
}
