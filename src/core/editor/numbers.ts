// Byte counts as the editor shows them: exact, with digit groups, and in binary units.
import { formatBytes } from '../size/format';

/** 4294967296 -> "4,294,967,296". */
export function groupDigits(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  return `${n < 0 ? '-' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** "4.00 GiB (4,294,967,296 bytes)". */
export function bytesExact(n: number): string {
  return `${formatBytes(n)} (${groupDigits(n)} bytes)`;
}

/** "4.00 GiB". */
export function bytesShort(n: number): string {
  return formatBytes(n);
}

/** A MiB count (container requests are whole MiB): "4,480 MiB (4.38 GiB)". */
export function mibExact(mib: number): string {
  return `${groupDigits(mib)} MiB (${formatBytes(mib * 1024 * 1024)})`;
}
