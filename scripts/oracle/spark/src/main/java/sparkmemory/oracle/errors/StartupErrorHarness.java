package sparkmemory.oracle.errors;

import static sparkmemory.oracle.Json.quote;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;

/**
 * Runs one bad configuration after another through the checks Spark applies while an application
 * starts, in the order a spark-submit and a SparkContext start meet them, all in this one JVM:
 *
 * <ol>
 *   <li>launcher: spark-launcher's SparkSubmitCommandBuilder.buildCommand, which bin/spark-submit runs
 *       (launcher.Main) before any Spark JVM: its check of the driver's java options for -Xmx;
 *   <li>submit: SparkSubmitArguments (its validateSubmitArguments: "Executor memory must be a positive
 *       number", ...), given the settings as --conf;
 *   <li>validateSettings: SparkConf.validateSettings, the first thing SparkContext does with its conf;
 *   <li>driverMemoryManager: the memory manager SparkEnv.createDriverEnv builds (UnifiedMemoryManager.apply,
 *       or 2.4's StaticMemoryManager with spark.memory.useLegacyMode), in a JVM whose Runtime.maxMemory
 *       is the second input field (given as spark.testing.memory): its own reads of the memory keys
 *       (typed entries or plain getters, as the line has them) come first;
 *   <li>resourceProfile: SparkContext's default ResourceProfile (3.1+), before the driver's memory manager up
 *       to 4.0 and after it from 4.1, as SparkContext's constructor orders them;
 *   <li>read: SparkConf.get(entry) of every other set key Spark has a ConfigEntry for (the entry's own
 *       reader: its type conversion and checkValue), as SparkContext, the cluster manager's client and
 *       the executors read them while starting;
 *   <li>taskCpus: ResourceUtils.validateTaskCpusLargeEnough(conf, executor cores, task cpus), which
 *       SparkContext.createTaskScheduler calls after the driver's SparkEnv exists (3.x+);
 *   <li>allocationManager: 2.4's ExecutorAllocationManager and its validateSettings, with dynamic allocation;
 *   <li>container: the executors' container as YARN's YarnAllocator or Kubernetes' feature steps size it
 *       (ContainerHarness), where the JVM's classpath has that module;
 *   <li>executorMemoryManager: the same manager in an executor JVM (third input field).
 * </ol>
 *
 * One input line per case: id TAB driverMaxMemory TAB executorMaxMemory TAB key=value TAB ... One JSON
 * line out per case: {"id", "stage": "ok"} or {"id", "stage", "error": class, "message": text} for
 * the first stage that throws. A field of "-" skips that memory manager.
 */
public final class StartupErrorHarness {
  public static void main(String[] args) throws Exception {
    // Registers the core config entries (ConfigEntry.findEntry sees only loaded entries).
    Class.forName("org.apache.spark.internal.config.package$").getField("MODULE$").get(null);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\t", -1);
      List<String[]> settings = sparkmemory.oracle.Settings.of(f, 3);
      System.out.println(run(f[0], f[1], f[2], settings));
      System.out.flush();
    }
  }

  static String run(String id, String driverMax, String executorMax, List<String[]> settings) {
    String stage = "launcher";
    try {
      launcher(settings);
      stage = "submit";
      submit(settings);
      SparkConf conf = new SparkConf(false);
      for (String[] kv : settings) conf.set(kv[0], kv[1]);
      stage = "validateSettings";
      conf.validateSettings();
      // SparkContext builds its ResourceProfileManager before SparkEnv up to 4.0, after it from 4.1.
      boolean profileFirst = !atLeast41();
      if (profileFirst) {
        stage = "resourceProfile";
        defaultProfile(conf);
      }
      stage = "driverMemoryManager";
      if (!driverMax.equals("-")) memoryManager(conf, driverMax);
      if (!profileFirst) {
        stage = "resourceProfile";
        defaultProfile(conf);
      }
      stage = "read";
      for (String[] kv : settings) {
        ConfigEntry<?> e = ConfigEntry$.MODULE$.findEntry(kv[0]);
        if (e != null) conf.get(e);
      }
      stage = "taskCpus";
      taskCpus(conf);
      stage = "allocationManager";
      allocationManager(conf);
      stage = "container";
      container(conf);
      stage = "executorMemoryManager";
      if (!executorMax.equals("-")) memoryManager(conf, executorMax);
      return "{\"id\":" + quote(id) + ",\"stage\":\"ok\"}";
    } catch (Throwable t) {
      while (t instanceof InvocationTargetException && t.getCause() != null) t = t.getCause();
      return "{\"id\":" + quote(id) + ",\"stage\":\"" + stage + "\",\"error\":\"" + t.getClass().getName()
          + "\",\"message\":" + quote(String.valueOf(t.getMessage())) + "}";
    }
  }

  /** What spark-submit is given: --conf k=v ... --class C app.jar. */
  static List<String> submitArgs(List<String[]> settings) {
    List<String> a = new ArrayList<>();
    for (String[] kv : settings) {
      a.add("--conf");
      a.add(kv[0] + "=" + kv[1]);
    }
    a.add("--class");
    a.add("oracle.Main");
    a.add("oracle-app.jar");
    return a;
  }

  /** An empty Spark home (a RELEASE file and its jars directory) for the launcher's class path. */
  private static String sparkHome;

  /**
   * new SparkSubmitCommandBuilder(args).buildCommand(env), as launcher.Main does for bin/spark-submit, with
   * SPARK_HOME an empty distribution (the command's class path is not what is checked) and the Scala
   * version given, so that only the settings can make it throw.
   */
  static void launcher(List<String[]> settings) throws Exception {
    if (sparkHome == null) {
      java.nio.file.Path home = java.nio.file.Files.createTempDirectory("spark-home");
      java.nio.file.Files.createDirectories(home.resolve("jars"));
      java.nio.file.Files.createFile(home.resolve("RELEASE"));
      home.toFile().deleteOnExit();
      sparkHome = home.toString();
    }
    Class<?> c = Class.forName("org.apache.spark.launcher.SparkSubmitCommandBuilder");
    Constructor<?> k = c.getDeclaredConstructor(List.class);
    k.setAccessible(true);
    Object builder = k.newInstance(submitArgs(settings));
    java.lang.reflect.Field f = Class.forName("org.apache.spark.launcher.AbstractCommandBuilder").getDeclaredField("childEnv");
    f.setAccessible(true);
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> env = (java.util.Map<String, String>) f.get(builder);
    env.put("SPARK_HOME", sparkHome);
    env.put("SPARK_SCALA_VERSION", scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1"));
    Method build = c.getDeclaredMethod("buildCommand", java.util.Map.class);
    build.setAccessible(true);
    build.invoke(builder, new java.util.HashMap<String, String>());
  }

  /** new SparkSubmitArguments(--conf k=v ... --class C app.jar, env = empty): its constructor validates. */
  static void submit(List<String[]> settings) throws Exception {
    Object seq = scala.collection.JavaConverters.asScalaBuffer(submitArgs(settings)).toList();
    Object env = scala.collection.immutable.Map$.MODULE$.empty();
    Constructor<?> c = Class.forName("org.apache.spark.deploy.SparkSubmitArguments").getConstructors()[0];
    c.newInstance(seq, env);
  }

  /** SparkEnv's memory manager for a JVM whose Runtime.maxMemory is `maxMemory` (spark.testing.memory). */
  static void memoryManager(SparkConf base, String maxMemory) throws Exception {
    SparkConf conf = base.clone();
    if (!conf.contains("spark.testing.memory")) conf.set("spark.testing.memory", maxMemory);
    int cores = 1;
    // spark.memory.useLegacyMode exists up to 2.4 (SPARK-26218 removed it and StaticMemoryManager in 3.0).
    if (hasClass("org.apache.spark.memory.StaticMemoryManager") && conf.getBoolean("spark.memory.useLegacyMode", false)) {
      Class.forName("org.apache.spark.memory.StaticMemoryManager")
          .getConstructor(SparkConf.class, int.class)
          .newInstance(conf, cores);
    } else {
      Class<?> obj = Class.forName("org.apache.spark.memory.UnifiedMemoryManager$");
      Object module = obj.getField("MODULE$").get(null);
      obj.getMethod("apply", SparkConf.class, int.class).invoke(module, conf, cores);
    }
  }

  /** ResourceUtils.validateTaskCpusLargeEnough where the line has it (3.x+), with the entries' values. */
  static void taskCpus(SparkConf conf) throws Exception {
    Class<?> obj;
    try {
      obj = Class.forName("org.apache.spark.resource.ResourceUtils$");
    } catch (ClassNotFoundException e) {
      return;
    }
    Method m = null;
    for (Method x : obj.getMethods()) if (x.getName().equals("validateTaskCpusLargeEnough")) m = x;
    if (m == null) return;
    int execCores = (Integer) conf.get(ConfigEntry$.MODULE$.findEntry("spark.executor.cores"));
    int taskCpus = (Integer) conf.get(ConfigEntry$.MODULE$.findEntry("spark.task.cpus"));
    m.invoke(obj.getField("MODULE$").get(null), conf, execCores, taskCpus);
  }

  /**
   * 2.4's ExecutorAllocationManager, which SparkContext builds when Utils.isDynamicAllocationEnabled (the
   * option on and a master that is not local): its constructor reads the dynamic-allocation settings and runs
   * validateSettings (the executor counts, the timeouts, the external shuffle service, then executor cores
   * against task cpus) before it touches the allocation client, the listener bus or the block manager master,
   * so those are null here, and what they throw (a NullPointerException once the settings have passed) does
   * not count. From 3.0
   * SparkContext checks the cores itself (taskCpus above) and the manager's constructor differs; it is not run.
   */
  static void allocationManager(SparkConf conf) throws Exception {
    Class<?> eam = Class.forName("org.apache.spark.ExecutorAllocationManager");
    Constructor<?> legacy = null;
    for (Constructor<?> c : eam.getConstructors()) if (c.getParameterCount() == 4) legacy = c;
    if (legacy == null) return;
    Class<?> utils = Class.forName("org.apache.spark.util.Utils$");
    Object enabled = utils.getMethod("isDynamicAllocationEnabled", SparkConf.class).invoke(utils.getField("MODULE$").get(null), conf);
    if (!(Boolean) enabled) return;
    try {
      legacy.newInstance(null, null, conf, null);
    } catch (InvocationTargetException e) {
      // A NullPointerException comes after validateSettings, from the null collaborators.
      if (!(e.getCause() instanceof NullPointerException)) throw e;
    }
  }

  /**
   * The executors' container as the cluster manager's own code sizes it (ContainerHarness: YARN's
   * YarnAllocator, or Kubernetes' feature steps when spark.master is k8s://), after the driver's
   * SparkContext has its task scheduler and before any executor starts; only when this JVM's classpath
   * has the module (the oracle runs this harness on the line's spark-yarn / spark-kubernetes classpath).
   */
  static void container(SparkConf conf) throws Exception {
    boolean k8s = conf.get("spark.master", "").startsWith("k8s://");
    sparkmemory.oracle.layout.ContainerHarness.clearDefaultProfile();
    if (k8s && hasClass("org.apache.spark.deploy.k8s.features.BasicExecutorFeatureStep"))
      sparkmemory.oracle.layout.ContainerHarness.kubernetes(conf.clone(), false);
    else if (!k8s && hasClass("org.apache.spark.deploy.yarn.YarnAllocator"))
      sparkmemory.oracle.layout.ContainerHarness.yarn(conf.clone(), false);
  }

  /**
   * SparkContext's default resource profile (3.1+: ResourceProfileManager's constructor calls
   * ResourceProfile.getOrCreateDefaultProfile): getDefaultExecutorResources reads the executors' memory,
   * cores, memory overhead, PySpark memory and off-heap size (Utils.executorOffHeapMemorySizeAsMb) on the
   * driver. The cached default profile is cleared first (ResourceProfile.clearDefaultProfile).
   */
  static void defaultProfile(SparkConf conf) throws Exception {
    if (!hasClass("org.apache.spark.resource.ResourceProfile$")) return;
    sparkmemory.oracle.layout.ContainerHarness.clearDefaultProfile();
    Class<?> c = Class.forName("org.apache.spark.resource.ResourceProfile$");
    c.getMethod("getOrCreateDefaultProfile", SparkConf.class).invoke(c.getField("MODULE$").get(null), conf);
    sparkmemory.oracle.layout.ContainerHarness.clearDefaultProfile();
  }

  /** Whether this JVM's Spark is 4.1 or newer (org.apache.spark.SPARK_VERSION). */
  static boolean atLeast41() {
    String[] v = org.apache.spark.package$.MODULE$.SPARK_VERSION().split("\\.");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    return major > 4 || (major == 4 && minor >= 1);
  }

  static boolean hasClass(String name) {
    try {
      Class.forName(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
