// A storage level's name from the flags JsonProtocol.storageLevelToJson writes ("Use Disk", "Use
// Memory", "Use Off Heap" (3.4+), "Deserialized", "Replication"), as StorageLevel.toString's
// constants name them (core/.../storage/StorageLevel.scala).
import { type Json, bool, num } from './json';

export function storageLevelName(level: Json | undefined): string {
  const disk = bool(level, 'Use Disk') ?? false;
  const memory = bool(level, 'Use Memory') ?? false;
  const offHeap = bool(level, 'Use Off Heap') ?? false;
  const deser = bool(level, 'Deserialized') ?? false;
  const replication = num(level, 'Replication') ?? 1;
  const suffix = replication > 1 ? `_${replication}` : '';
  if (offHeap) return 'OFF_HEAP';
  if (!disk && !memory) return 'NONE';
  if (!memory) return `DISK_ONLY${suffix}`;
  const base = disk ? 'MEMORY_AND_DISK' : 'MEMORY_ONLY';
  return `${base}${deser ? '' : '_SER'}${suffix}`;
}

export function usesStorage(level: Json | undefined): boolean {
  return (
    (bool(level, 'Use Disk') ?? false) || (bool(level, 'Use Memory') ?? false) || (bool(level, 'Use Off Heap') ?? false)
  );
}
