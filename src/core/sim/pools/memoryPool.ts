// MemoryPool (core/src/main/scala/org/apache/spark/memory/MemoryPool.scala, 2.4.4 – 4.1.1):
// a resizable pool; growing and shrinking are checked as Spark's `require`s are.
import { requirementFailed } from '../errors';

export abstract class MemoryPool {
  protected _poolSize = 0;

  get poolSize(): number {
    return this._poolSize;
  }

  abstract get memoryUsed(): number;

  get memoryFree(): number {
    return this._poolSize - this.memoryUsed;
  }

  incrementPoolSize(delta: number): void {
    if (!(delta >= 0)) throw requirementFailed();
    this._poolSize += delta;
  }

  decrementPoolSize(delta: number): void {
    if (!(delta >= 0)) throw requirementFailed();
    if (!(delta <= this._poolSize)) throw requirementFailed();
    if (!(this._poolSize - delta >= this.memoryUsed)) throw requirementFailed();
    this._poolSize -= delta;
  }
}
