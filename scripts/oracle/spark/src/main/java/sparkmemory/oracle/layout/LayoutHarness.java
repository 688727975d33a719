package sparkmemory.oracle.layout;

import static sparkmemory.oracle.Json.quote;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;

/**
 * Builds the memory manager Spark builds for a conf, as SparkEnv does (UnifiedMemoryManager.apply, or
 * StaticMemoryManager on 2.4 with spark.memory.useLegacyMode), and prints the sizes it starts with.
 * One input line per configuration: numCores TAB concurrentTasks TAB key=value TAB key=value ...
 * One output line of JSON per input line: the sizes, or {"error": class, "message": text}.
 * Members that differ between lines (or are Scala-protected) are reached by reflection.
 */
public final class LayoutHarness {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\t", -1);
      int cores = Integer.parseInt(f[0]);
      int tasks = Integer.parseInt(f[1]);
      SparkConf conf = sparkmemory.oracle.Settings.conf(f, 2);
      System.out.println(describe(conf, cores, tasks));
    }
  }

  static String describe(SparkConf conf, int cores, int tasks) {
    try {
      boolean legacy = conf.getBoolean("spark.memory.useLegacyMode", false);
      Object mm;
      if (legacy) {
        mm = Class.forName("org.apache.spark.memory.StaticMemoryManager")
            .getConstructor(SparkConf.class, int.class).newInstance(conf, cores);
      } else {
        Class<?> obj = Class.forName("org.apache.spark.memory.UnifiedMemoryManager$");
        Object module = obj.getField("MODULE$").get(null);
        mm = obj.getMethod("apply", SparkConf.class, int.class).invoke(module, conf, cores);
      }
      StringBuilder sb = new StringBuilder("{");
      sb.append("\"manager\":\"").append(mm.getClass().getSimpleName()).append('"');
      num(sb, "onHeapStoragePool", poolSize(mm, "onHeapStorageMemoryPool"));
      num(sb, "onHeapExecutionPool", poolSize(mm, "onHeapExecutionMemoryPool"));
      num(sb, "offHeapStoragePool", poolSize(mm, "offHeapStorageMemoryPool"));
      num(sb, "offHeapExecutionPool", poolSize(mm, "offHeapExecutionMemoryPool"));
      num(sb, "maxOnHeapStorageMemory", (Long) call(mm, "maxOnHeapStorageMemory"));
      num(sb, "maxOffHeapStorageMemory", (Long) call(mm, "maxOffHeapStorageMemory"));
      num(sb, "pageSizeBytes", (Long) call(mm, "pageSizeBytes"));
      if (legacy) num(sb, "maxUnrollMemory", (Long) call(mm, "maxUnrollMemory"));
      Object mode = call(mm, "tungstenMemoryMode");
      sb.append(",\"tungstenMemoryMode\":\"").append(mode).append('"');
      num(sb, "maxPerTask", maxPerTask(mm, tasks, mode));
      return sb.append('}').toString();
    } catch (Throwable t) {
      while (t instanceof InvocationTargetException && t.getCause() != null) t = t.getCause();
      return "{\"error\":\"" + t.getClass().getName() + "\",\"message\":" + quote(String.valueOf(t.getMessage())) + "}";
    }
  }

  /**
   * The largest execution share one of `tasks` tasks may hold (ExecutionMemoryPool.acquireMemory's
   * maxMemoryPerTask): every task takes 1 byte, then task 0 asks for far more than exists and gets
   * maxPerTask minus that byte (the pool first grows by all the storage memory it can reclaim).
   */
  static long maxPerTask(Object mm, int tasks, Object mode) throws Exception {
    Method acquire = find(mm.getClass(), "acquireExecutionMemory", 3);
    long first = 0;
    for (long t = 0; t < tasks; t++) {
      long g = (Long) acquire.invoke(mm, 1L, t, mode);
      if (t == 0) first = g;
    }
    return first + (Long) acquire.invoke(mm, Long.MAX_VALUE / 4, 0L, mode);
  }

  static Long poolSize(Object mm, String pool) throws Exception {
    return (Long) call(call(mm, pool), "poolSize");
  }

  static Object call(Object target, String name) throws Exception {
    Method m = find(target.getClass(), name, 0);
    return m.invoke(target);
  }

  static Method find(Class<?> c, String name, int arity) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Method m : k.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == arity) {
          m.setAccessible(true);
          return m;
        }
      }
    }
    throw new IllegalStateException("no method " + name + " on " + c.getName());
  }

  static void num(StringBuilder sb, String key, Long v) {
    sb.append(",\"").append(key).append("\":").append(v);
  }
}
