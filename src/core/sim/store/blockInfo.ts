// The locking part of BlockInfoManager (core/src/main/scala/org/apache/spark/storage/
// BlockInfoManager.scala): readers hold a block; eviction needs a non-blocking write lock.
export const NO_WRITER = -1;

export class BlockInfo {
  readerCount = 0;
  writerTask = NO_WRITER;
  constructor(readonly blockId: string) {}
}

export class BlockInfoManager {
  private readonly infos = new Map<string, BlockInfo>();

  get(blockId: string): BlockInfo | undefined {
    return this.infos.get(blockId);
  }

  getOrCreate(blockId: string): BlockInfo {
    let i = this.infos.get(blockId);
    if (i === undefined) {
      i = new BlockInfo(blockId);
      this.infos.set(blockId, i);
    }
    return i;
  }

  /** lockForReading without blocking: false if a writer holds it. */
  lockForReading(blockId: string): boolean {
    const i = this.getOrCreate(blockId);
    if (i.writerTask !== NO_WRITER) return false;
    i.readerCount++;
    return true;
  }

  /** lockForWriting(blockId, blocking = false): only when nobody reads or writes it. */
  tryLockForWriting(blockId: string, task: number): boolean {
    const i = this.getOrCreate(blockId);
    if (i.readerCount > 0 || i.writerTask !== NO_WRITER) return false;
    i.writerTask = task;
    return true;
  }

  /** unlock: drops the write lock if one is held, else one read lock. */
  unlock(blockId: string): void {
    const i = this.infos.get(blockId);
    if (i === undefined) return;
    if (i.writerTask !== NO_WRITER) i.writerTask = NO_WRITER;
    else if (i.readerCount > 0) i.readerCount--;
  }

  removeBlock(blockId: string): void {
    this.infos.delete(blockId);
  }

  isReadLocked(blockId: string): boolean {
    return (this.infos.get(blockId)?.readerCount ?? 0) > 0;
  }
}
