package sparkmemory.oracle;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkEnv$;
import org.apache.spark.memory.MemoryConsumer;
import org.apache.spark.memory.MemoryManager;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.util.collection.Spillable;

/**
 * A `spillables` entry of shared/spec/conformance-format.md: Spark's own abstract Spillable
 * (core/src/main/scala/org/apache/spark/util/collection/Spillable.scala) with the two methods its
 * collections (ExternalSorter, ExternalAppendOnlyMap) implement. spill(collection) writes nothing here
 * (the case's collection has no data), forceSpill() answers as the case says. Everything else, the
 * 32-element check, the request of 2 x currentMemory - myMemoryThreshold, the force-spill rules
 * (numElementsForceSpillThreshold, and 4.1's maxSizeInBytesForSpillThreshold), releaseMemory and
 * spill(size, trigger), is Spark's code. acquireMemory is only wrapped to record what maybeSpill asked
 * for and got, and spill(size, trigger) to record what it released.
 */
final class HarnessSpillable extends Spillable<Object> {
  final String name;
  final long task;
  final TaskMemoryManager tmm;
  private final boolean canForceSpill;
  private final List<String> spills;
  long requested;
  long granted;
  /** Bytes released by spill(size, trigger) calls (TaskMemoryManager asking), as TestMemoryConsumer counts them. */
  long spilled;

  HarnessSpillable(TaskMemoryManager tmm, long task, String name, boolean canForceSpill, List<String> spills) {
    super(tmm);
    this.tmm = tmm;
    this.task = task;
    this.name = name;
    this.canForceSpill = canForceSpill;
    this.spills = spills;
  }

  @Override
  public void spill(Object collection) {}

  @Override
  public boolean forceSpill() {
    return canForceSpill;
  }

  @Override
  public long acquireMemory(long size) {
    requested = size;
    granted = super.acquireMemory(size);
    return granted;
  }

  @Override
  public long spill(long size, MemoryConsumer trigger) {
    long released = super.spill(size, trigger);
    spilled += released;
    synchronized (spills) {
      if (released > 0) spills.add(name);
    }
    return released;
  }

  long used() {
    return getUsed();
  }

  private static Field field(String name) throws NoSuchFieldException {
    Field f = Spillable.class.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /** Spark's private myMemoryThreshold (the case's `threshold`). */
  long threshold() throws Exception {
    return field("myMemoryThreshold").getLong(this);
  }

  /**
   * maybeSpill(collection, currentMemory) with the element counter at `elementsRead`: the counter is
   * Spark's private _elementsRead (a collection adds one per record with addElementsRead, and maybeSpill
   * resets it on a spill), set directly as the op states it.
   */
  boolean maybeSpillAt(int elementsRead, long currentMemory) throws Exception {
    field("_elementsRead").setInt(this, elementsRead);
    requested = 0;
    granted = 0;
    return super.maybeSpill((Object) null, currentMemory);
  }

  /**
   * Spillable's constructor reads spark.shuffle.spill.initialMemoryThreshold,
   * spark.shuffle.spill.numElementsForceSpillThreshold and (4.1+) maxSizeInBytesForSpillThreshold from
   * SparkEnv.get.conf. Spark's own suites of these collections start a SparkContext for that; the least
   * that makes the constructor run is a real SparkEnv built with the program's SparkConf and the memory
   * manager (on lines whose constructor takes one), every other service null: the constructor stores
   * its arguments and nothing else reads them here. It is set only while the Spillables are built.
   */
  static void withSparkEnv(SparkConf conf, MemoryManager mm, Runnable build) throws Exception {
    Constructor<?> c = SparkEnv.class.getConstructors()[0];
    Class<?>[] ps = c.getParameterTypes();
    Object[] args = new Object[ps.length];
    for (int k = 0; k < ps.length; k++) {
      if (ps[k] == String.class) args[k] = "driver";
      else if (ps[k] == SparkConf.class) args[k] = conf;
      else if (ps[k] == MemoryManager.class) args[k] = mm;
    }
    SparkEnv previous = SparkEnv$.MODULE$.get();
    SparkEnv$.MODULE$.set((SparkEnv) c.newInstance(args));
    try {
      build.run();
    } finally {
      SparkEnv$.MODULE$.set(previous);
    }
  }
}
