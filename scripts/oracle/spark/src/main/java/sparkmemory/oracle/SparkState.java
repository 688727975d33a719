package sparkmemory.oracle;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.memory.MemoryManager;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.storage.memory.MemoryStore;
import scala.Tuple2;

/**
 * State the snapshot prints that Spark keeps in private fields or only on some lines: each task's
 * unroll memory (MemoryStore's onHeapUnrollMemoryMap and offHeapUnrollMemoryMap) and each task's peak
 * execution memory (TaskMemoryManager.getPeakOnHeapExecutionMemory / getPeakOffHeapExecutionMemory,
 * SPARK-48628, 4.0+). Both print as arrays of [task, ...] rows in task order (a JSON object would put
 * task -1 after the others on the TypeScript side).
 */
final class SparkState {
  private SparkState() {}

  private static Field onHeapUnroll;
  private static Field offHeapUnroll;
  private static Method peakOn;
  private static Method peakOff;
  private static boolean peaksLooked;

  /** [[task, bytes], ...]: unroll memory per task over both modes, tasks holding none left out. */
  static void unrollByTask(StringBuilder b, MemoryStore store, MemoryManager mm) throws Exception {
    if (onHeapUnroll == null) {
      onHeapUnroll = MemoryStore.class.getDeclaredField("onHeapUnrollMemoryMap");
      offHeapUnroll = MemoryStore.class.getDeclaredField("offHeapUnrollMemoryMap");
      onHeapUnroll.setAccessible(true);
      offHeapUnroll.setAccessible(true);
    }
    TreeMap<Long, Long> byTask = new TreeMap<>();
    // All accesses of these maps synchronize on the memory manager (MemoryStore.scala).
    synchronized (mm) {
      for (Field f : new Field[] {onHeapUnroll, offHeapUnroll}) {
        scala.collection.Iterator<?> it = ((scala.collection.mutable.HashMap<?, ?>) f.get(store)).iterator();
        while (it.hasNext()) {
          Tuple2<?, ?> e = (Tuple2<?, ?>) it.next();
          byTask.merge(((Number) e._1()).longValue(), ((Number) e._2()).longValue(), Long::sum);
        }
      }
    }
    b.append('[');
    boolean first = true;
    for (Map.Entry<Long, Long> e : byTask.entrySet()) {
      if (e.getValue() == 0) continue;
      if (!first) b.append(',');
      first = false;
      b.append('[').append(e.getKey()).append(',').append(e.getValue()).append(']');
    }
    b.append(']');
  }

  /** [[task, peakOnHeap, peakOffHeap], ...] on lines that track peaks (4.0+), else []; all-zero rows left out. */
  static void peaks(StringBuilder b, Map<Long, TaskMemoryManager> tmms) throws Exception {
    if (!peaksLooked) {
      peaksLooked = true;
      try {
        peakOn = TaskMemoryManager.class.getMethod("getPeakOnHeapExecutionMemory");
        peakOff = TaskMemoryManager.class.getMethod("getPeakOffHeapExecutionMemory");
      } catch (NoSuchMethodException e) {
        peakOn = null;
      }
    }
    b.append('[');
    if (peakOn != null) {
      boolean first = true;
      for (Map.Entry<Long, TaskMemoryManager> e : tmms.entrySet()) {
        long on = (Long) peakOn.invoke(e.getValue());
        long off = (Long) peakOff.invoke(e.getValue());
        if (on == 0 && off == 0) continue;
        if (!first) b.append(',');
        first = false;
        b.append('[').append(e.getKey()).append(',').append(on).append(',').append(off).append(']');
      }
    }
    b.append(']');
  }
}
