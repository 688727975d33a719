// StorageLevel (core/src/main/scala/org/apache/spark/storage/StorageLevel.scala, 2.4.4 – 4.1.1).
import { MemoryMode } from '../memoryMode';

export interface StorageLevel {
  readonly name: string;
  readonly useDisk: boolean;
  readonly useMemory: boolean;
  readonly useOffHeap: boolean;
  readonly deserialized: boolean;
  readonly replication: number;
}

function level(
  name: string,
  useDisk: boolean,
  useMemory: boolean,
  useOffHeap: boolean,
  deserialized: boolean,
  replication = 1,
): StorageLevel {
  return Object.freeze({ name, useDisk, useMemory, useOffHeap, deserialized, replication });
}

export const StorageLevels = {
  NONE: level('NONE', false, false, false, false),
  DISK_ONLY: level('DISK_ONLY', true, false, false, false),
  DISK_ONLY_2: level('DISK_ONLY_2', true, false, false, false, 2),
  MEMORY_ONLY: level('MEMORY_ONLY', false, true, false, true),
  MEMORY_ONLY_2: level('MEMORY_ONLY_2', false, true, false, true, 2),
  MEMORY_ONLY_SER: level('MEMORY_ONLY_SER', false, true, false, false),
  MEMORY_ONLY_SER_2: level('MEMORY_ONLY_SER_2', false, true, false, false, 2),
  MEMORY_AND_DISK: level('MEMORY_AND_DISK', true, true, false, true),
  MEMORY_AND_DISK_2: level('MEMORY_AND_DISK_2', true, true, false, true, 2),
  MEMORY_AND_DISK_SER: level('MEMORY_AND_DISK_SER', true, true, false, false),
  MEMORY_AND_DISK_SER_2: level('MEMORY_AND_DISK_SER_2', true, true, false, false, 2),
  OFF_HEAP: level('OFF_HEAP', true, true, true, false),
} as const;

export type StorageLevelName = keyof typeof StorageLevels;

export function storageLevelByName(name: string): StorageLevel | undefined {
  return Object.prototype.hasOwnProperty.call(StorageLevels, name)
    ? StorageLevels[name as StorageLevelName]
    : undefined;
}

/** StorageLevel.memoryMode. */
export function levelMemoryMode(l: StorageLevel): MemoryMode {
  return l.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
}

/** StorageLevel.isValid. */
export function levelIsValid(l: StorageLevel): boolean {
  return (l.useMemory || l.useDisk) && l.replication > 0;
}
