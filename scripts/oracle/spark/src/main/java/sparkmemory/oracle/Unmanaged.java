package sparkmemory.oracle;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.memory.MemoryMode;

/**
 * The `setUnmanaged` op on Spark 4.1+ (UnifiedMemoryManager.scala and UnmanagedMemoryConsumer.scala@v4.1.3): memory used
 * outside Spark's pools is reported by UnmanagedMemoryConsumers registered with the
 * UnifiedMemoryManager object; a poller sums them per mode every
 * spark.memory.unmanagedMemoryPollingInterval, and a manager whose interval is above 0 takes that sum
 * off its pools. The harness registers one consumer per mode that reports the op's bytes and runs
 * Spark's poll itself right away, so the figure is in force at the next step (the background poller,
 * when one runs, finds the same sum). Reached by reflection: the classes exist from 4.1 only.
 */
final class Unmanaged {
  private static final Object MODULE;
  private static final Method REGISTER;
  private static final Method CLEAR;
  private static final Method POLL;
  private static final Class<?> CONSUMER;
  private static final Method NEW_ID;

  static {
    Object module = null;
    Method register = null, clear = null, poll = null, newId = null;
    Class<?> consumer = null;
    try {
      Class<?> obj = Class.forName("org.apache.spark.memory.UnifiedMemoryManager$");
      module = obj.getField("MODULE$").get(null);
      consumer = Class.forName("org.apache.spark.memory.UnmanagedMemoryConsumer");
      register = obj.getMethod("registerUnmanagedMemoryConsumer", consumer);
      clear = obj.getMethod("clearUnmanagedMemoryUsers");
      poll = obj.getMethod("org$apache$spark$memory$UnifiedMemoryManager$$pollUnmanagedMemoryUsers");
      newId = Class.forName("org.apache.spark.memory.UnmanagedMemoryConsumerId").getMethod("apply", String.class, String.class);
    } catch (ReflectiveOperationException e) {
      module = null; // before 4.1: no unmanaged memory
    }
    MODULE = module;
    REGISTER = register;
    CLEAR = clear;
    POLL = poll;
    CONSUMER = consumer;
    NEW_ID = newId;
  }

  /** Bytes reported per mode by this program's consumers (registered on first use). */
  private static final Map<MemoryMode, long[]> reported = new EnumMap<>(MemoryMode.class);

  static boolean available() {
    return MODULE != null;
  }

  /** Before each program: Spark's registry is static, so the last program's consumers and sums go. */
  static void reset() throws Exception {
    if (!available() || reported.isEmpty()) return;
    CLEAR.invoke(MODULE);
    reported.clear();
    POLL.invoke(MODULE);
  }

  static void set(MemoryMode mode, long bytes) throws Exception {
    if (!available()) throw new UnsupportedOperationException("setUnmanaged needs Spark 4.1+");
    long[] cell = reported.get(mode);
    if (cell == null) {
      long[] c = new long[1];
      Object id = NEW_ID.invoke(null, "spark-memory-oracle", mode.name());
      Object consumer = Proxy.newProxyInstance(CONSUMER.getClassLoader(), new Class<?>[] {CONSUMER}, (p, m, args) -> {
        switch (m.getName()) {
          case "unmanagedMemoryConsumerId": return id;
          case "memoryMode": return mode;
          case "getMemBytesUsed": return c[0];
          case "hashCode": return System.identityHashCode(p);
          case "equals": return p == args[0];
          case "toString": return "oracle unmanaged " + mode;
          default: throw new UnsupportedOperationException(m.getName());
        }
      });
      REGISTER.invoke(MODULE, consumer);
      reported.put(mode, c);
      cell = c;
    }
    cell[0] = bytes;
    POLL.invoke(MODULE);
  }
}
