package sparkmemory.oracle;

import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;
import org.apache.spark.memory.MemoryManager;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockId$;
import org.apache.spark.storage.BlockInfoManager;
import org.apache.spark.storage.TestBlockId;
import org.apache.spark.util.io.ChunkedByteBuffer;

/** The pieces whose Java signatures differ between Spark lines, reached by reflection, and small helpers. */
final class SparkBits {
  private SparkBits() {}

  static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** BlockId.apply for Spark's own names (rdd_R_P, broadcast_N, ...); any other name is a TestBlockId. */
  static BlockId blockId(String name) {
    try {
      return BlockId$.MODULE$.apply(name);
    } catch (Exception e) {
      // UnrecognizedBlockId (a SparkException): a name of the cases' own, such as "dummy".
      return new TestBlockId(name);
    }
  }

  /** new BlockInfoManager() before 3.4, new BlockInfoManager(trackingCacheVisibility = false) after. */
  static BlockInfoManager blockInfoManager() throws Exception {
    for (Constructor<?> c : BlockInfoManager.class.getConstructors()) {
      if (c.getParameterCount() == 0) return (BlockInfoManager) c.newInstance();
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == boolean.class)
        return (BlockInfoManager) c.newInstance(false);
    }
    throw new IllegalStateException("no BlockInfoManager constructor");
  }

  /**
   * A TaskContextImpl whose taskAttemptId is `task` (the first long parameter in every line), the
   * other parameters zero, empty or null: the memory code reads only the attempt id.
   */
  static TaskContext taskContext(long task, TaskMemoryManager tmm) throws Exception {
    Class<?> impl = Class.forName("org.apache.spark.TaskContextImpl");
    Constructor<?> c = impl.getConstructors()[0];
    Class<?>[] ps = c.getParameterTypes();
    Object[] args = new Object[ps.length];
    boolean longSeen = false;
    for (int k = 0; k < ps.length; k++) {
      Class<?> p = ps[k];
      if (p == int.class) args[k] = 0;
      else if (p == long.class) {
        args[k] = longSeen ? 0L : task;
        longSeen = true;
      } else if (p == boolean.class) args[k] = false;
      else if (p == TaskMemoryManager.class) args[k] = tmm;
      else if (p == Properties.class) args[k] = new Properties();
      else if (p.getName().equals("scala.collection.immutable.Map"))
        args[k] = scala.collection.immutable.Map$.MODULE$.empty();
      else args[k] = null;
    }
    return (TaskContext) c.newInstance(args);
  }

  /** lockNewBlockForWriting(id, info) before 3.x, (id, info, keepReadLock) after. */
  static void lockNewBlockForWriting(BlockInfoManager bim, BlockId id, org.apache.spark.storage.BlockInfo info) throws Exception {
    for (java.lang.reflect.Method m : BlockInfoManager.class.getMethods()) {
      if (!m.getName().equals("lockNewBlockForWriting")) continue;
      if (m.getParameterCount() == 2) m.invoke(bim, id, info);
      else m.invoke(bim, id, info, true);
      return;
    }
    throw new IllegalStateException("no lockNewBlockForWriting");
  }

  static void setTaskContext(TaskContext tc) {
    if (tc == null) TaskContext$.MODULE$.unset();
    else TaskContext$.MODULE$.setTaskContext(tc);
  }

  private static final ByteBuffer ZEROS = ByteBuffer.allocate(16 << 20);

  /** A ChunkedByteBuffer of `size` bytes made of views of one shared zero buffer (nothing is copied). */
  static ChunkedByteBuffer bytes(long size) {
    int chunk = ZEROS.capacity();
    int n = (int) ((size + chunk - 1) / chunk);
    ByteBuffer[] chunks = new ByteBuffer[n];
    long left = size;
    for (int k = 0; k < n; k++) {
      ByteBuffer b = ZEROS.duplicate();
      b.limit((int) Math.min(chunk, left));
      left -= b.limit();
      chunks[k] = b;
    }
    return new ChunkedByteBuffer(chunks);
  }

  static SparkConf conf(java.util.Map<String, Object> config) {
    SparkConf conf = new SparkConf(false);
    for (java.util.Map.Entry<String, Object> e : config.entrySet()) {
      if (!e.getKey().startsWith("spark.") || e.getValue() == null) continue;
      Object v = e.getValue();
      if (v instanceof java.util.Map || v instanceof java.util.List) continue;
      conf.set(e.getKey(), String.valueOf(v));
    }
    return conf;
  }

  static MemoryManager staticManager(SparkConf conf, int numCores, Long exec, Long storage) throws Exception {
    Class<?> c = Class.forName("org.apache.spark.memory.StaticMemoryManager");
    if (exec != null || storage != null)
      return (MemoryManager)
          c.getConstructor(SparkConf.class, long.class, long.class, int.class)
              .newInstance(conf, exec == null ? 0L : exec, storage == null ? 0L : storage, numCores);
    return (MemoryManager) c.getConstructor(SparkConf.class, int.class).newInstance(conf, numCores);
  }
}
