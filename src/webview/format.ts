// Numbers of a run as the panel words them. Pure (no DOM): the unit tests and the compare view
// call the same functions as the cards and the event log.
import { formatBytes } from '../core/size';

/** "none", or the bytes and how many spills wrote them ("6.20 GiB in 12 spills"), never "0 B in 0". */
export function spillText(bytes: number, count: number): string {
  if (count === 0) return 'none';
  return `${formatBytes(bytes)} in ${count} spill${count === 1 ? '' : 's'}`;
}

/** A simulated time for people: seconds to the millisecond (the engine keeps fractions of a ms). */
export function eventTime(ms: number): string {
  return `${(Math.round(ms) / 1000).toFixed(3)} s`;
}

/** A duration: "2.02 s", or "350 ms" below a second. */
export function durationText(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
