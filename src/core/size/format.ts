// Human units for display only (binary, as Spark's Utils.bytesToString prints them).

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

export function formatBytes(bytes: number, digits = 2): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${sign}${v} B`;
  return `${sign}${v.toFixed(digits)} ${UNITS[i]}`;
}

/** The shortest exact Spark size string for a byte count (`4g`, `1536m`, `300k`, `7b`). */
export function toSizeString(bytes: number): string {
  const units: ReadonlyArray<[string, number]> = [
    ['t', 2 ** 40],
    ['g', 2 ** 30],
    ['m', 2 ** 20],
    ['k', 2 ** 10],
  ];
  for (const [suffix, mult] of units) {
    if (bytes !== 0 && bytes % mult === 0) return `${bytes / mult}${suffix}`;
  }
  return `${bytes}b`;
}

/** A MiB-default size string with a JVM-compatible suffix (`4g`, `1536m`), for heap keys. */
export function toHeapSizeString(bytes: number): string {
  const s = toSizeString(bytes);
  if (s.endsWith('b')) return `${Math.max(1, Math.ceil(bytes / 2 ** 20))}m`;
  if (s.endsWith('k')) return bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20}m` : s;
  return s;
}
