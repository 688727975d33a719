package sparkmemory.oracle.layout;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;

/**
 * Starts a real local SparkContext in this JVM (its heap set by -Xmx and the collector by -XX:+Use…GC)
 * and prints the maximum memory its BlockManager registers, as a SparkListener sees it
 * (SparkListenerBlockManagerAdded.maxMem: the unified region plus the off-heap size). Arguments are
 * key=value pairs for the SparkConf. The listener goes in through spark.extraListeners: the bus holds
 * events posted before it starts, so the driver's own registration reaches it.
 */
public final class SparkContextHarness {
  /** Registered by class name through spark.extraListeners. */
  public static final class MaxMemoryListener extends SparkListener {
    @Override
    public void onBlockManagerAdded(SparkListenerBlockManagerAdded added) {
      System.out.println("{\"blockManagerMaxMem\":" + added.maxMem() + ",\"runtimeMaxMemory\":"
          + Runtime.getRuntime().maxMemory() + "}");
    }
  }

  public static void main(String[] args) {
    SparkConf conf = new SparkConf(false)
        .setMaster("local[2]")
        .setAppName("spark-memory-oracle")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.extraListeners", MaxMemoryListener.class.getName());
    for (String[] kv : sparkmemory.oracle.Settings.of(args, 0)) conf.set(kv[0], kv[1]);
    try {
      SparkContext sc = new SparkContext(conf);
      sc.listenerBus().waitUntilEmpty(10000);
      sc.stop();
    } catch (Throwable t) {
      System.out.println("{\"error\":\"" + t.getClass().getName() + "\",\"message\":"
          + sparkmemory.oracle.Json.quote(String.valueOf(t.getMessage())) + "}");
    }
  }
}
