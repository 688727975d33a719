package sparkmemory.oracle;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.spark.memory.MemoryMode;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.memory.DeserializedMemoryEntry;
import org.apache.spark.storage.memory.MemoryEntry;
import org.apache.spark.storage.memory.MemoryEntryBuilder;
import org.apache.spark.storage.memory.MemoryStore;
import org.apache.spark.storage.memory.SerializedMemoryEntry;
import org.apache.spark.storage.memory.ValuesHolder;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.util.Either;
import scala.util.Left;
import scala.util.Right;

/**
 * The `putIterator` op of shared/spec/conformance-format.md through Spark's own unroll loop.
 *
 * MemoryStore.putIterator[T](blockId, values, classTag, memoryMode, valuesHolder): Either[Long, Long]
 * (core/src/main/scala/org/apache/spark/storage/memory/MemoryStore.scala, the same signature on 2.4.8,
 * 3.5.9, 4.0.2, 4.1.3 and 4.2.0 by javap) is the loop putIteratorAsValues and putIteratorAsBytes share:
 * the initial spark.storage.unrollMemoryThreshold reservation, a size check every
 * spark.storage.unrollMemoryCheckPeriod values, requests of size x spark.storage.unrollMemoryGrowthFactor
 * minus the threshold through reserveUnrollMemoryForThisTask, the final top-up to the builder's
 * preciseSize and the transfer of unroll memory to storage. It is a private method (reached by
 * reflection); its ValuesHolder is a private[storage] trait, an interface in bytecode. Spark's own
 * holders size real objects with SizeEstimator; this one follows the case's linear size model (after k
 * values the estimate is k x elementSize, the built entry preciseSize), so Spark's loop, not the
 * harness, decides every request, refusal and transfer.
 *
 * On Left(unrollMemoryUsedByThisBlock) Spark hands the caller a PartiallyUnrolledIterator (values) or a
 * PartiallySerializedBlock (bytes) that keeps that unroll memory reserved for the task until it is
 * consumed, closed or discarded; no op consumes it, so it stays reserved (releaseUnrollForTask frees it
 * as Task.run does).
 */
final class Unroll {
  private Unroll() {}

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();
  private static Method putIterator;

  /** The outcome: stored with its size, or failed holding `unrollHeld`. */
  static final class Outcome {
    final boolean stored;
    final long bytes;

    Outcome(boolean stored, long bytes) {
      this.stored = stored;
      this.bytes = bytes;
    }
  }

  /** A holder whose estimate after k values is k x elementSize (the spec's linear size model). */
  static final class LinearValuesHolder implements ValuesHolder<Object> {
    private final long elementSize;
    private final long preciseSize;
    private final MemoryMode mode;
    private final boolean serialized;
    private long stored;

    LinearValuesHolder(long elementSize, long preciseSize, MemoryMode mode, boolean serialized) {
      this.elementSize = elementSize;
      this.preciseSize = preciseSize;
      this.mode = mode;
      this.serialized = serialized;
    }

    @Override
    public void storeValue(Object value) {
      stored++;
    }

    @Override
    public long estimatedSize() {
      return stored * elementSize;
    }

    @Override
    public MemoryEntryBuilder<Object> getBuilder() {
      return new MemoryEntryBuilder<Object>() {
        @Override
        public long preciseSize() {
          return preciseSize;
        }

        @Override
        public MemoryEntry<Object> build() {
          return entry(preciseSize, mode, serialized);
        }
      };
    }
  }

  /**
   * The entry Spark's own builders make: a SerializedMemoryEntry of `size` bytes (bytes, and off-heap
   * always: 2.4's DeserializedMemoryEntry is on-heap only), else a DeserializedMemoryEntry of that size
   * (its constructor gained a MemoryMode in 3.x).
   */
  @SuppressWarnings("unchecked")
  static MemoryEntry<Object> entry(long size, MemoryMode mode, boolean serialized) {
    if (serialized || mode == MemoryMode.OFF_HEAP) return new SerializedMemoryEntry<>(SparkBits.bytes(size), mode, ANY);
    try {
      for (Constructor<?> c : DeserializedMemoryEntry.class.getConstructors()) {
        if (c.getParameterCount() == 3) return (MemoryEntry<Object>) c.newInstance(new Object[0], size, ANY);
        if (c.getParameterCount() == 4) return (MemoryEntry<Object>) c.newInstance(new Object[0], size, mode, ANY);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no DeserializedMemoryEntry constructor");
  }

  /** Runs Spark's putIterator over `count` values; an exception Spark raises is rethrown as itself. */
  static Outcome put(MemoryStore store, BlockId id, long count, ValuesHolder<Object> holder, MemoryMode mode) throws Exception {
    if (putIterator == null) {
      putIterator = MemoryStore.class.getDeclaredMethod(
          "putIterator", BlockId.class, scala.collection.Iterator.class, ClassTag.class, MemoryMode.class, ValuesHolder.class);
      putIterator.setAccessible(true);
    }
    Object values = scala.collection.Iterator$.MODULE$.range(0, (int) count);
    Either<?, ?> r;
    try {
      r = (Either<?, ?>) putIterator.invoke(store, id, values, ANY, mode, holder);
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof Exception) throw (Exception) c;
      if (c instanceof Error) throw (Error) c;
      throw e;
    }
    if (r instanceof Right) return new Outcome(true, ((Number) ((Right<?, ?>) r).value()).longValue());
    return new Outcome(false, ((Number) ((Left<?, ?>) r).value()).longValue());
  }
}
