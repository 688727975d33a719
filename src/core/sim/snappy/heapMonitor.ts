// GemFire's HeapMemoryMonitor in a SnappyData member (snappy-store gemfire-core
// internal/cache/control/HeapMemoryMonitor.java): it compares the heap in use (every object in
// the JVM, tracked by the memory manager or not) with the thresholds and raises memory events.
// In SnappyData only the critical events matter: CRITICAL_UP makes the memory manager refuse
// memory (SnappyMemoryUtils.isCriticalUp) and cancels queries; EVICTION events start nothing.
//
// Not modelled: the DELAY_MEMORY_EVENT damping (a critical event is held back for up to 5
// samples within 5 s of wall time), which has no meaning in simulated time; the monitor here
// delivers each state change as soon as the heap in use changes.
import { MemoryState, MemoryThresholds, isCritical } from './memoryThresholds';

/** One delivered heap memory event (MemoryEvent: previous state, new state, bytes used). */
export interface HeapMemoryEvent {
  readonly previousState: MemoryState;
  readonly state: MemoryState;
  readonly bytesUsed: number;
  /** CRITICAL_UP / CRITICAL_DOWN, or undefined when the critical state did not change. */
  readonly critical: 'CRITICAL_UP' | 'CRITICAL_DOWN' | undefined;
  /** What the member logs (LocalizedStrings.MemoryMonitor_MEMBER_ABOVE/BELOW_CRITICAL_THRESHOLD). */
  readonly message: string | undefined;
}

export class HeapMemoryMonitor {
  private state: MemoryState = 'DISABLED';
  private lastBytesUsed = 0;
  readonly events: HeapMemoryEvent[] = [];

  constructor(
    readonly thresholds: MemoryThresholds,
    /** The member as GemFire names it in its messages. */
    readonly member: string,
  ) {}

  get currentState(): MemoryState {
    return this.state;
  }

  get bytesUsed(): number {
    return this.lastBytesUsed;
  }

  /** HeapMemoryMonitor.isCriticalUp: the state of the most recent event. */
  get isCriticalUp(): boolean {
    return isCritical(this.state);
  }

  /** updateStateAndSendEvent(bytesUsed): a new state is delivered as an event. */
  updateStateAndSendEvent(bytesUsed: number): HeapMemoryEvent | undefined {
    this.lastBytesUsed = bytesUsed;
    const oldState = this.state;
    const newState = this.thresholds.computeNextState(oldState, bytesUsed);
    if (newState === oldState) return undefined;
    this.state = newState;
    const up = isCritical(newState) && !isCritical(oldState);
    const down = !isCritical(newState) && isCritical(oldState);
    const ev: HeapMemoryEvent = {
      previousState: oldState,
      state: newState,
      bytesUsed,
      critical: up ? 'CRITICAL_UP' : down ? 'CRITICAL_DOWN' : undefined,
      message: up
        ? `Member: ${this.member} above heap critical threshold`
        : down
          ? `Member: ${this.member} below heap critical threshold`
          : undefined,
    };
    this.events.push(ev);
    return ev;
  }
}
