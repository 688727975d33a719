package sparkmemory.oracle.layout;

import static sparkmemory.oracle.Json.quote;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The executor container the cluster manager's own Spark code asks for, per configuration: YARN's
 * {@code YarnAllocator} and Kubernetes' {@code BasicExecutorFeatureStep} are constructed as Spark's
 * YarnAllocatorSuite and BasicExecutorFeatureStepSuite construct them, and their own figures are read
 * back. Everything outside spark-core is reached by reflection, so this compiles against spark-core
 * alone; it runs on a classpath with the line's spark-yarn or spark-kubernetes jar (and fabric8's
 * model for Kubernetes) added (scripts/oracle/spark/clusters/pom.xml).
 *
 * <ul>
 *   <li>yarn: {@code new YarnAllocator(...)} with a real, unstarted-to-any-RM {@code AMRMClient}; its
 *       constructor reads the overhead factor, the minimum overhead and spark.yarn.isPython (which
 *       spark-submit sets for a Python application) and creates the default profile's YARN
 *       {@code Resource} (ResourceProfile.getResourcesForClusterManager from 3.1;
 *       executorMemory + memoryOverhead + pyspark memory in 2.4's constructor). The Resource's memory
 *       (MiB) is printed as {@code totalMiB}, and from 3.1 the parts as that call gives them (yarnParts).
 *   <li>kubernetes: the driver's {@code BasicDriverFeatureStep} first (its
 *       getAdditionalPodSystemProperties is what the executors' conf carries: it writes
 *       spark.kubernetes.memoryOverheadFactor, 0.4 for a non-JVM application unless set), then
 *       {@code BasicExecutorFeatureStep} of the default profile: its {@code execResources} (the
 *       ExecutorResourcesOrDefaults the pod's memory request and limit are built from, totalMemMiB + "Mi")
 *       gives every part. A Python application is submitted as spark-submit does it:
 *       a PythonMainAppResource and spark.kubernetes.resource.type=python.
 * </ul>
 *
 * One input line per configuration: id TAB yarn|kubernetes TAB jvm|python TAB key=value ... One JSON
 * line out: {"id", "totalMiB", ...parts} or {"id", "error": class, "message": text}.
 */
public final class ContainerHarness {
  public static void main(String[] args) throws Exception {
    Class.forName("org.apache.spark.internal.config.package$").getField("MODULE$").get(null);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\t", -1);
      SparkConf conf = sparkmemory.oracle.Settings.conf(f, 3);
      boolean python = f[2].equals("python");
      String out;
      try {
        clearDefaultProfile();
        out = f[1].equals("yarn") ? yarn(conf, python) : kubernetes(conf, python);
      } catch (Throwable t) {
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError)
            && t.getCause() != null) t = t.getCause();
        out = "\"error\":" + quote(t.getClass().getName()) + ",\"message\":"
            + quote(String.valueOf(t.getMessage()));
      }
      System.out.println("{\"id\":" + quote(f[0]) + "," + out + "}");
      System.out.flush();
    }
  }

  /** YarnAllocator's own request for the default profile (YarnAllocatorSuite.createAllocator's way). */
  public static String yarn(SparkConf conf, boolean python) throws Exception {
    // SparkSubmit sets spark.yarn.isPython for a Python application on YARN (config IS_PYTHON_APP).
    if (python) conf.set("spark.yarn.isPython", "true");
    if (yarnArgs == null) yarnArgs = yarnArgs();
    Object[] a = yarnArgs.clone();
    a[3] = conf;
    a[1] = new Driver(conf);
    Class<?> allocatorClass = Class.forName("org.apache.spark.deploy.yarn.YarnAllocator");
    Object allocator = allocatorClass.getConstructors()[0].newInstance(a);
    Object resource;
    boolean profiles = true;
    try {
      Map<?, ?> byProfile = (Map<?, ?>) allocatorClass.getMethod("rpIdToYarnResource").invoke(allocator);
      resource = byProfile.get(0); // ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID
    } catch (NoSuchMethodException e) {
      resource = allocatorClass.getMethod("resource").invoke(allocator); // 2.4
      profiles = false;
    }
    Number mem;
    try {
      mem = (Number) resource.getClass().getMethod("getMemorySize").invoke(resource);
    } catch (NoSuchMethodException e) {
      mem = (Number) resource.getClass().getMethod("getMemory").invoke(resource); // Hadoop 2
    }
    String parts = profiles ? yarnParts(allocatorClass, allocator, conf, mem.longValue()) : "";
    return parts + "\"totalMiB\":" + mem.longValue();
  }

  /**
   * The parts of the default profile's request (3.1+): ResourceProfile.getResourcesForClusterManager called as
   * the allocator's createYarnResourceForResourceProfile calls it, with the allocator's own arguments (its
   * profile, memoryOverheadFactor, minMemoryOverhead from 4.0, isPythonApp, resourceNameMapping, read from
   * its private members), matched by parameter type since the signature differs per line. Their total must be
   * the allocator's Resource memory ({@code resourceMiB}), or the harness says so.
   */
  static String yarnParts(Class<?> allocatorClass, Object allocator, SparkConf conf, long resourceMiB)
      throws Exception {
    Object byId = allocatorClass.getMethod("rpIdToResourceProfile").invoke(allocator);
    Object rp = byId.getClass().getMethod("apply", Object.class).invoke(byId, 0);
    Method get = null;
    for (Method m : profiles().getMethods()) if (m.getName().equals("getResourcesForClusterManager")) get = m;
    Class<?>[] types = get.getParameterTypes();
    Object[] a = new Object[types.length];
    boolean firstMap = true;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == int.class) a[i] = 0;
      else if (types[i] == long.class) a[i] = own(allocatorClass, allocator, "minMemoryOverhead");
      else if (types[i] == double.class) a[i] = own(allocatorClass, allocator, "memoryOverheadFactor");
      else if (types[i] == boolean.class) a[i] = own(allocatorClass, allocator, "isPythonApp");
      else if (types[i] == SparkConf.class) a[i] = conf;
      else if (firstMap) {
        a[i] = rp.getClass().getMethod("executorResources").invoke(rp);
        firstMap = false;
      } else a[i] = own(allocatorClass, allocator, "resourceNameMapping");
    }
    Object r = get.invoke(profilesModule(), a);
    StringBuilder b = new StringBuilder();
    long sum = 0;
    for (String part : new String[] {"executorMemoryMiB", "memoryOverheadMiB", "memoryOffHeapMiB", "pysparkMemoryMiB"}) {
      long x = ((Number) r.getClass().getMethod(part).invoke(r)).longValue();
      sum += x;
      b.append('"').append(part).append("\":").append(x).append(',');
    }
    long total = ((Number) r.getClass().getMethod("totalMemMiB").invoke(r)).longValue();
    if (total != sum || total != resourceMiB)
      throw new IllegalStateException(
          "harness: parts " + sum + ", totalMemMiB " + total + ", the allocator's Resource " + resourceMiB);
    return b.toString();
  }

  /** A private member of the allocator (a Scala private val's accessor). */
  static Object own(Class<?> c, Object o, String name) throws Exception {
    Method m = c.getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(o);
  }

  private static Object[] yarnArgs;

  /**
   * The allocator's other arguments, built once per JVM (they do not take part in the sizing, and the
   * allocator is never asked to allocate): the YARN conf, an AMRMClient inited on it (never started or
   * registered), the attempt id, the security manager, no local resources, the rack resolver, the clock.
   */
  private static Object[] yarnArgs() throws Exception {
    Object yarnConf = Class.forName("org.apache.hadoop.yarn.conf.YarnConfiguration").getConstructor().newInstance();
    Class<?> amrm = Class.forName("org.apache.hadoop.yarn.client.api.AMRMClient");
    Object rm = amrm.getMethod("createAMRMClient").invoke(null);
    Class<?> hconf = Class.forName("org.apache.hadoop.conf.Configuration");
    amrm.getMethod("init", hconf).invoke(rm, yarnConf);
    Class<?> appId = Class.forName("org.apache.hadoop.yarn.api.records.ApplicationId");
    Object app = appId.getMethod("newInstance", long.class, int.class).invoke(null, 0L, 0);
    Object attempt = Class.forName("org.apache.hadoop.yarn.api.records.ApplicationAttemptId")
        .getMethod("newInstance", appId, int.class).invoke(null, app, 0);
    Class<?> resolverClass = Class.forName("org.apache.spark.deploy.yarn.SparkRackResolver");
    Object resolver;
    try {
      resolver = resolverClass.getMethod("get", hconf).invoke(null, yarnConf); // 3.x+
    } catch (NoSuchMethodException e) {
      resolver = resolverClass.getConstructor().newInstance(); // 2.4
    }
    Object clock = Class.forName("org.apache.spark.util.SystemClock").getConstructor().newInstance();
    SparkConf empty = new SparkConf(false);
    return new Object[] {"not used", null, yarnConf, null, rm, attempt, securityManager(empty),
        scala.collection.immutable.Map$.MODULE$.empty(), resolver, clock};
  }

  /** The driver's feature step (the executors' conf), then the executor's, for the default profile. */
  public static String kubernetes(SparkConf conf, boolean python) throws Exception {
    conf.set("spark.kubernetes.container.image", "spark-memory-oracle");
    if (python) conf.set("spark.kubernetes.resource.type", "python");
    Object none = scala.Option.empty();
    Object resource = python
        ? Class.forName("org.apache.spark.deploy.k8s.submit.PythonMainAppResource")
            .getConstructor(String.class).newInstance("local:///opt/app.py")
        : Class.forName("org.apache.spark.deploy.k8s.submit.JavaMainAppResource")
            .getConstructor(scala.Option.class).newInstance(none);
    Class<?> kconfObj = Class.forName("org.apache.spark.deploy.k8s.KubernetesConf$");
    Object kconf = kconfObj.getField("MODULE$").get(null);
    Method createDriverConf = null;
    for (Method m : kconfObj.getMethods())
      if (m.getName().equals("createDriverConf") && m.getParameterTypes()[5] == scala.Option.class) createDriverConf = m;
    Object driverConf = createDriverConf.invoke(kconf, conf, "spark-memory-oracle", resource, "oracle.Main",
        new String[0], none);
    Object driverStep = Class.forName("org.apache.spark.deploy.k8s.features.BasicDriverFeatureStep")
        .getConstructors()[0].newInstance(driverConf);
    SparkConf executorSide = conf.clone();
    scala.collection.Map<?, ?> props = (scala.collection.Map<?, ?>) driverStep.getClass()
        .getMethod("getAdditionalPodSystemProperties").invoke(driverStep);
    scala.collection.Iterator<?> it = props.iterator();
    while (it.hasNext()) {
      scala.Tuple2<?, ?> kv = (scala.Tuple2<?, ?>) it.next();
      executorSide.set(String.valueOf(kv._1()), String.valueOf(kv._2()));
    }
    Method createExecutorConf = null;
    for (Method m : kconfObj.getMethods()) if (m.getName().equals("createExecutorConf")) createExecutorConf = m;
    Object executorConf = createExecutorConf.invoke(kconf, executorSide, "1", "spark-memory-oracle", none, 0);
    Object profile = profiles().getMethod("getOrCreateDefaultProfile", SparkConf.class).invoke(profilesModule(), executorSide);
    Object step = Class.forName("org.apache.spark.deploy.k8s.features.BasicExecutorFeatureStep")
        .getConstructors()[0].newInstance(executorConf, sharedSecurityManager(), profile);
    Field f = step.getClass().getDeclaredField("execResources");
    f.setAccessible(true);
    Object r = f.get(step);
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {"executorMemoryMiB", "memoryOverheadMiB", "memoryOffHeapMiB", "pysparkMemoryMiB"})
      b.append('"').append(part).append("\":").append(((Number) r.getClass().getMethod(part).invoke(r)).longValue()).append(',');
    return b.append("\"totalMiB\":").append(((Number) r.getClass().getMethod("totalMemMiB").invoke(r)).longValue()).toString();
  }

  static Class<?> profiles() throws ClassNotFoundException {
    return Class.forName("org.apache.spark.resource.ResourceProfile$");
  }

  static Object profilesModule() throws Exception {
    return profiles().getField("MODULE$").get(null);
  }

  /**
   * The default profile is built once per JVM from the first conf that asks (ResourceProfile.defaultProfile):
   * each configuration starts without it, as Spark's suites do (ResourceProfile.clearDefaultProfile). 2.4
   * has no profiles.
   */
  public static void clearDefaultProfile() throws Exception {
    try {
      profiles().getMethod("clearDefaultProfile").invoke(profilesModule());
    } catch (ClassNotFoundException e) {
      // 2.4
    }
  }

  /**
   * The driver endpoint the allocator asks once while it is built (RetrieveLastAllocatedExecutorId, an
   * Int: no executor allocated yet), as Spark's YarnAllocatorSuite answers with a mock.
   */
  static final class Driver extends org.apache.spark.rpc.RpcEndpointRef {
    Driver(SparkConf conf) {
      super(conf);
    }

    @Override
    public org.apache.spark.rpc.RpcAddress address() {
      return null;
    }

    @Override
    public String name() {
      return "driver";
    }

    @Override
    public void send(Object message) {}

    @Override
    @SuppressWarnings("unchecked")
    public <T> scala.concurrent.Future<T> ask(
        Object message, org.apache.spark.rpc.RpcTimeout timeout, scala.reflect.ClassTag<T> tag) {
      return (scala.concurrent.Future<T>) scala.concurrent.Future$.MODULE$.successful(0);
    }
  }

  private static Object securityManager;

  /** One SecurityManager per JVM: the feature step keeps it for the pod's secrets, not for its sizing. */
  static Object sharedSecurityManager() throws Exception {
    if (securityManager == null) securityManager = securityManager(new SparkConf(false));
    return securityManager;
  }

  /** new SecurityManager(conf) with the constructor's default arguments (2.4 has two parameters, 3.x+ three). */
  static Object securityManager(SparkConf conf) throws Exception {
    Class<?> sm = Class.forName("org.apache.spark.SecurityManager");
    Constructor<?> c = sm.getConstructors()[0];
    Object[] a = new Object[c.getParameterCount()];
    a[0] = conf;
    for (int i = 1; i < a.length; i++) a[i] = sm.getMethod("$lessinit$greater$default$" + (i + 1)).invoke(null);
    return c.newInstance(a);
  }
}
