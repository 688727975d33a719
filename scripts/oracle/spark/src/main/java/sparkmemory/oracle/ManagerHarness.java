package sparkmemory.oracle;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.memory.MemoryConsumer;
import org.apache.spark.memory.MemoryManager;
import org.apache.spark.memory.MemoryMode;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.memory.TestMemoryManager;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.apache.spark.memory.UnifiedMemoryManager$;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerManager;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockInfo;
import org.apache.spark.storage.BlockInfoManager;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.StorageLevel$;
import org.apache.spark.storage.memory.BlockEvictionHandler;
import org.apache.spark.storage.memory.MemoryStore;
import org.apache.spark.util.io.ChunkedByteBuffer;
import scala.Function0;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.util.Either;

/**
 * Drives Spark's real memory classes with programs in the op vocabulary of
 * shared/spec/conformance-format.md: one program (a JSON object {config, consumers, steps}) per input
 * line, one output line per program: a JSON array with the state before the first step and after each
 * step, in exactly the shape test/oracle/snapshot.ts builds from the simulator (compared as text).
 * The pieces are Spark's own: UnifiedMemoryManager (apply or the constructor) or StaticMemoryManager,
 * a MemoryStore with a BlockInfoManager and a SerializerManager, TaskMemoryManagers with consumers
 * like Spark's TestMemoryConsumer. Only the eviction handler is the harness's, as in Spark's
 * MemoryStoreSuite: it records the drop, writes nothing, and keeps a block "on disk" when its level
 * uses disk.
 */
public final class ManagerHarness {
  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();

  /** A MemoryStore that records every evictBlocksToFreeSpace request; "exact"/"throw" are Spark's suite stubs. */
  static final class RecordingStore extends MemoryStore {
    final List<Long> requests = new ArrayList<>();
    String model = "blocks";
    Long unrollOverride;
    /** Set while a putIterator runs: every amount its loop passes to reserveUnrollMemoryForThisTask. */
    List<Long> unrollRequests;
    MemoryManager mm;

    RecordingStore(SparkConf conf, BlockInfoManager bim, SerializerManager sm, MemoryManager mm, BlockEvictionHandler h) {
      super(conf, bim, sm, mm, h);
      this.mm = mm;
    }

    @Override
    public long evictBlocksToFreeSpace(Option<BlockId> blockId, long space, MemoryMode mode) {
      synchronized (requests) {
        requests.add(space);
      }
      if (model.equals("throw")) throw new RuntimeException("eviction is not expected here");
      if (model.equals("exact")) {
        // MemoryManagerSuite's stub: release exactly `space` of storage if that much is used.
        if (space <= mm.storageMemoryUsed()) {
          mm.releaseStorageMemory(space, mode);
          return space;
        }
        return 0L;
      }
      return super.evictBlocksToFreeSpace(blockId, space, mode);
    }

    @Override
    public boolean reserveUnrollMemoryForThisTask(BlockId blockId, long memory, MemoryMode mode) {
      if (unrollRequests != null) unrollRequests.add(memory);
      return super.reserveUnrollMemoryForThisTask(blockId, memory, mode);
    }

    @Override
    public long currentUnrollMemory() {
      return unrollOverride != null ? unrollOverride : super.currentUnrollMemory();
    }
  }

  /** Spark's TestMemoryConsumer ("all") and TestPartialSpillingMemoryConsumer ("partial"). */
  final class Consumer extends MemoryConsumer {
    final String name;
    final boolean partial;
    final long task;
    final TaskMemoryManager tmm;
    long spilled;

    Consumer(TaskMemoryManager tmm, long task, MemoryMode mode, String name, boolean partial) {
      super(tmm, 1024, mode);
      this.name = name;
      this.partial = partial;
      this.task = task;
      this.tmm = tmm;
    }

    long usedNow() {
      return getUsed();
    }

    @Override
    public long spill(long size, MemoryConsumer trigger) {
      long used = getUsed();
      long released = partial ? Math.min(used, size) : used;
      freeMemory(released);
      spilled += released;
      synchronized (spills) {
        if (released > 0) spills.add(name);
      }
      return released;
    }
  }

  private MemoryManager mm;
  private RecordingStore store;
  private BlockInfoManager bim;
  private final Map<String, BlockId> ids = new LinkedHashMap<>();
  private final Map<BlockId, String> names = new LinkedHashMap<>();
  private final List<String> dropped = new ArrayList<>();
  private final TreeSet<String> onDisk = new TreeSet<>();
  private final List<String> spills = new ArrayList<>();
  private final Map<Long, TaskMemoryManager> tmms = new TreeMap<>();
  private final Map<Long, TaskContext> contexts = new TreeMap<>();
  private final TreeSet<Long> tasks = new TreeSet<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final Map<String, HarnessSpillable> spillables = new LinkedHashMap<>();
  /**
   * One per JVM, shared by the programs run one after another: its watchdog thread and worker pool live
   * as long as the harness (a Waiters per program left one watchdog polling every 5 ms per program run,
   * thousands of threads by the end of a batch, and the fuzz slowed down as it went).
   */
  private static final Waiters WAITERS = new Waiters();
  private final Waiters waiters = WAITERS;
  private Field entriesField;

  private BlockId id(String name) {
    return ids.computeIfAbsent(name, n -> {
      BlockId b = SparkBits.blockId(n);
      names.put(b, n);
      return b;
    });
  }

  private TaskMemoryManager tmm(long task) {
    tasks.add(task);
    return tmms.computeIfAbsent(task, t -> new TaskMemoryManager(mm, t));
  }

  private static long num(Map<String, Object> a, String k, long dflt) {
    Object v = a.get(k);
    return v instanceof Number ? ((Number) v).longValue() : dflt;
  }

  private static Long optNum(Map<String, Object> a, String k) {
    Object v = a.get(k);
    return v instanceof Number ? ((Number) v).longValue() : null;
  }

  private static MemoryMode mode(Map<String, Object> a) {
    Object m = a.get("mode");
    return m != null && String.valueOf(m).toUpperCase().replace('-', '_').startsWith("OFF") ? MemoryMode.OFF_HEAP : MemoryMode.ON_HEAP;
  }

  @SuppressWarnings("unchecked")
  void build(Map<String, Object> config, List<Object> consumerDecls, List<Object> spillableDecls) throws Exception {
    SparkConf conf = SparkBits.conf(config);
    String kind = config.get("manager") == null ? "unified" : String.valueOf(config.get("manager"));
    int numCores = (int) num(config, "numCores", 1);
    boolean direct = "direct".equals(config.get("construct"))
        || (config.get("construct") == null && (config.containsKey("maxHeapMemory") || config.containsKey("maxOnHeapExecutionMemory")));
    if (kind.equals("static")) {
      mm = direct ? SparkBits.staticManager(conf, numCores, optNum(config, "maxOnHeapExecutionMemory"), optNum(config, "maxOnHeapStorageMemory"))
          : SparkBits.staticManager(conf, numCores, null, null);
    } else if (kind.equals("unified")) {
      if (direct) {
        long max = num(config, "maxHeapMemory", 0);
        Long region = optNum(config, "onHeapStorageRegionSize");
        if (region == null) region = (long) (max * conf.getDouble("spark.memory.storageFraction", 0.5));
        mm = new UnifiedMemoryManager(conf, max, region, numCores);
      } else {
        mm = UnifiedMemoryManager$.MODULE$.apply(conf, numCores);
      }
    } else if (kind.equals("test-limit")) {
      // Spark's own TestMemoryManager from spark-core's tests jar (core/src/test/scala/.../memory/
      // TestMemoryManager.scala): one counter of available bytes shared by both modes, no fairness,
      // `limit(n)` sets what is available. TaskMemoryManagerSuite runs its consumers on it.
      TestMemoryManager tm = new TestMemoryManager(conf);
      Long limit = optNum(config, "limit");
      if (limit != null) tm.limit(limit);
      mm = tm;
    } else {
      throw new IllegalArgumentException("the oracle does not run manager " + kind);
    }
    bim = SparkBits.blockInfoManager();
    SerializerManager sm = new SerializerManager(new JavaSerializer(conf), conf);
    BlockEvictionHandler handler = new BlockEvictionHandler() {
      @Override
      public <T> StorageLevel dropFromMemory(BlockId blockId, Function0<Either<Object, ChunkedByteBuffer>> data, ClassTag<T> tag) {
        // As BlockManager.dropFromMemory: keep the block on disk when its level uses disk, then free the memory.
        StorageLevel level = bim.get(blockId).get().level();
        String n = names.getOrDefault(blockId, blockId.name());
        synchronized (dropped) {
          dropped.add(n);
        }
        boolean disk = level.useDisk();
        if (disk) onDisk.add(n);
        store.remove(blockId);
        return disk ? StorageLevel.DISK_ONLY() : StorageLevel.NONE();
      }
    };
    store = new RecordingStore(conf, bim, sm, mm, handler);
    Object model = config.get("evictionModel");
    store.model = model == null ? "blocks" : String.valueOf(model);
    mm.setMemoryStore(store);
    waiters.setMonitor(mm);
    entriesField = MemoryStore.class.getDeclaredField("entries");
    entriesField.setAccessible(true);
    if (consumerDecls != null)
      for (Object o : consumerDecls) {
        Map<String, Object> d = (Map<String, Object>) o;
        String name = String.valueOf(d.get("name"));
        consumers.put(name, new Consumer(tmm(num(d, "task", 0)), num(d, "task", 0), mode(d), name, "partial".equals(d.get("spill"))));
      }
    if (spillableDecls != null && !spillableDecls.isEmpty())
      HarnessSpillable.withSparkEnv(conf, mm, () -> {
        for (Object o : spillableDecls) {
          Map<String, Object> d = (Map<String, Object>) o;
          String name = String.valueOf(d.get("name"));
          long task = num(d, "task", 0);
          spillables.put(name, new HarnessSpillable(tmm(task), task, name, !Boolean.FALSE.equals(d.get("forceSpill")), spills));
        }
      });
  }

  private TaskContext context(long task) throws Exception {
    if (task < 0) return null;
    TaskContext c = contexts.get(task);
    if (c == null) {
      bim.registerTask(task);
      c = SparkBits.taskContext(task, tmm(task));
      contexts.put(task, c);
    }
    return c;
  }

  /** Steps after which Spark's ExecutionMemoryPool may have called notifyAll (see Waiters). */
  private static boolean mayNotify(String op) {
    switch (op) {
      case "acquireExecution": case "releaseExecution": case "releaseAllExecutionForTask": case "consumerAcquire":
      case "consumerFree": case "tmmAcquireDirect": case "tmmReleaseDirect": case "tmmCleanUp":
        return true;
      default:
        return false;
    }
  }

  /** Runs one op; fills the result object in the snapshot's key order. */
  private void exec(String op, Map<String, Object> a, StringBuilder r) throws Exception {
    long task = num(a, "task", 0);
    long bytes = num(a, "bytes", 0);
    MemoryMode m = mode(a);
    switch (op) {
      case "acquireExecution": blocking(task, () -> mm.acquireExecutionMemory(bytes, task, m), r); break;
      case "releaseExecution": tasks.add(task); mm.releaseExecutionMemory(bytes, task, m); break;
      case "releaseAllExecutionForTask": r.append("\"freed\":").append(mm.releaseAllExecutionMemoryForTask(task)); break;
      case "acquireStorage": r.append("\"granted\":").append(mm.acquireStorageMemory(id(str(a, "blockId")), bytes, m)); break;
      case "releaseStorage": mm.releaseStorageMemory(bytes, m); break;
      case "releaseAllStorage": mm.releaseAllStorageMemory(); break;
      case "acquireUnroll":
        store.unrollOverride = optNum(a, "currentUnrollMemory");
        try {
          r.append("\"granted\":").append(mm.acquireUnrollMemory(id(str(a, "blockId")), bytes, m));
        } finally {
          store.unrollOverride = null;
        }
        break;
      case "releaseUnroll": mm.releaseUnrollMemory(bytes, m); break;
      case "putBytes": {
        BlockId b = id(str(a, "blockId"));
        StorageLevel level = a.get("level") == null ? StorageLevel.MEMORY_ONLY() : StorageLevel$.MODULE$.fromString(str(a, "level"));
        // As BlockManager.doPut: a new block is write-locked in the BlockInfoManager while it is stored.
        SparkBits.lockNewBlockForWriting(bim, b, new BlockInfo(level, ANY, false));
        boolean ok = store.putBytes(b, bytes, m, () -> SparkBits.bytes(bytes), ANY);
        if (ok) bim.unlock(b, Option.empty());
        else bim.removeBlock(b);
        r.append("\"granted\":").append(ok);
        break;
      }
      case "getBlock": store.getSize(id(str(a, "blockId"))); break;
      case "lockForRead": bim.lockForReading(id(str(a, "blockId")), true); break;
      case "unlock": bim.unlock(id(str(a, "blockId")), Option.empty()); break;
      case "reserveUnrollForTask": {
        TaskContext tc = context(task);
        SparkBits.setTaskContext(tc);
        try {
          r.append("\"granted\":").append(store.reserveUnrollMemoryForThisTask(id(str(a, "blockId")), bytes, m));
        } finally {
          SparkBits.setTaskContext(null);
        }
        break;
      }
      case "releaseUnrollForTask": {
        TaskContext tc = context(task);
        SparkBits.setTaskContext(tc);
        try {
          store.releaseUnrollMemoryForThisTask(m, a.get("bytes") == null ? Long.MAX_VALUE : bytes);
        } finally {
          SparkBits.setTaskContext(null);
        }
        break;
      }
      case "consumerAcquire": {
        Consumer c = consumer(a);
        blocking(c.task, () -> c.acquireMemory(bytes), r);
        break;
      }
      case "consumerFree": consumer(a).freeMemory(bytes); break;
      case "tmmAcquireDirect": {
        Consumer c = consumer(a);
        blocking(c.task, () -> c.tmm.acquireExecutionMemory(bytes, c), r);
        break;
      }
      case "tmmReleaseDirect": { Consumer c = consumer(a); c.tmm.releaseExecutionMemory(bytes, c); break; }
      case "tmmCleanUp": r.append("\"freed\":").append(tmm(task).cleanUpAllAllocatedMemory()); break;
      case "setUnmanaged": Unmanaged.set(m, bytes); break;
      case "putIterator": putIterator(a, task, m, r); break;
      case "maybeSpill": {
        HarnessSpillable sp = spillables.get(str(a, "spillable"));
        if (sp == null) throw new IllegalArgumentException("no spillable " + a.get("spillable"));
        int read = (int) num(a, "elementsRead", 0);
        long current = num(a, "currentMemory", 0);
        boolean[] spilled = new boolean[1];
        blocking(sp.task, () -> {
          spilled[0] = sp.maybeSpillAt(read, current);
          return sp.granted;
        }, r);
        if (r.indexOf("\"blocked\":true") < 0)
          r.append(",\"spilled\":").append(spilled[0]).append(",\"requested\":").append(sp.requested)
              .append(",\"threshold\":").append(sp.threshold());
        break;
      }
      default: throw new UnsupportedOp(op);
    }
  }

  /**
   * putIterator (Unroll.java): as BlockManager.doPutIterator, the new block is write-locked in the
   * BlockInfoManager while Spark's unroll loop runs, unlocked when stored and removed when not.
   */
  private void putIterator(Map<String, Object> a, long task, MemoryMode m, StringBuilder r) throws Exception {
    BlockId b = id(str(a, "blockId"));
    long count = num(a, "count", 0);
    long elementSize = num(a, "elementSize", 0);
    long precise = num(a, "preciseSize", count * elementSize);
    StorageLevel given = a.get("level") == null ? null : StorageLevel$.MODULE$.fromString(str(a, "level"));
    boolean serialized = Boolean.TRUE.equals(a.get("serialized")) || Boolean.TRUE.equals(a.get("asBytes"))
        || (given != null && !given.deserialized());
    StorageLevel level = given != null ? given : serialized ? StorageLevel.MEMORY_ONLY_SER() : StorageLevel.MEMORY_ONLY();
    List<Long> requests = new ArrayList<>();
    // A block already known is not locked again (Spark's put would stop at the lock; the loop's own
    // require then reports a block already in memory, as the simulator does).
    boolean fresh = bim.get(b).isEmpty();
    if (fresh) SparkBits.lockNewBlockForWriting(bim, b, new BlockInfo(level, ANY, false));
    SparkBits.setTaskContext(context(task));
    store.unrollRequests = requests;
    Unroll.Outcome o;
    try {
      o = Unroll.put(store, b, count, new Unroll.LinearValuesHolder(elementSize, precise, m, serialized), m);
    } catch (Exception e) {
      if (fresh) bim.removeBlock(b);
      throw e;
    } finally {
      store.unrollRequests = null;
      SparkBits.setTaskContext(null);
    }
    if (fresh && o.stored) bim.unlock(b, Option.empty());
    else if (fresh) bim.removeBlock(b);
    r.append("\"result\":\"").append(o.stored ? "stored" : "failed").append(o.stored ? "\",\"size\":" : "\",\"unrollHeld\":")
        .append(o.bytes).append(",\"unrollRequests\":");
    list(r, requests);
  }

  static final class Aborted extends Exception {}

  static final class UnsupportedOp extends Exception {
    UnsupportedOp(String op) {
      super(op);
    }
  }

  private Consumer consumer(Map<String, Object> a) {
    Consumer c = consumers.get(str(a, "consumer"));
    if (c == null) throw new IllegalArgumentException("no consumer " + a.get("consumer"));
    return c;
  }

  private static String str(Map<String, Object> a, String k) {
    return String.valueOf(a.get(k));
  }

  /** Set by the step: the simulator expects this call to wait (then it runs on a worker thread). */
  private boolean simBlocks;

  private void blocking(long task, java.util.concurrent.Callable<Object> body, StringBuilder r) throws Exception {
    tasks.add(task);
    if (!simBlocks) {
      // Fast path: the call runs on this thread. Should Spark make it wait where the simulator did
      // not, the watchdog sees this thread in wait() on the manager and interrupts it; the program
      // ends there and the outputs differ (a divergence), instead of the harness hanging.
      Object v = waiters.inline(body);
      if (v == Waiters.BLOCKED_INLINE) {
        r.append("\"blocked\":true");
        throw new Aborted();
      }
      r.append("\"granted\":").append(v).append(",\"blocked\":false");
      return;
    }
    Waiters.Call c = waiters.run(task, body);
    if (!c.done) {
      r.append("\"blocked\":true");
      return;
    }
    if (c.error != null) {
      if (c.error instanceof Exception) throw (Exception) c.error;
      if (c.error instanceof Error) throw (Error) c.error;
      throw new RuntimeException(c.error);
    }
    r.append("\"granted\":").append(c.result).append(",\"blocked\":false");
  }

  /** The state, in the key order test/oracle/snapshot.ts writes. */
  private void snapshot(StringBuilder b, String result, List<Waiters.Call> woken) throws Exception {
    b.append("{\"r\":{").append(result).append("},\"w\":[");
    for (int k = 0; k < woken.size(); k++) {
      Waiters.Call c = woken.get(k);
      if (k > 0) b.append(',');
      b.append("{\"task\":").append(c.task);
      if (c.error != null) b.append(",\"error\":\"").append(c.error.getClass().getSimpleName()).append('"');
      else b.append(",\"granted\":").append(c.result);
      b.append('}');
    }
    b.append("],\"pools\":[").append(mm.onHeapStorageMemoryPool().poolSize()).append(',')
        .append(mm.onHeapExecutionMemoryPool().poolSize()).append(',')
        .append(mm.offHeapStorageMemoryPool().poolSize()).append(',')
        .append(mm.offHeapExecutionMemoryPool().poolSize()).append("],\"used\":[")
        .append(mm.executionMemoryUsed()).append(',').append(mm.storageMemoryUsed()).append("],\"maxStorage\":[")
        .append(mm.maxOnHeapStorageMemory()).append(',').append(mm.maxOffHeapStorageMemory()).append("],\"req\":");
    synchronized (store.requests) {
      list(b, store.requests);
    }
    b.append(",\"evicted\":");
    strings(b, dropped);
    b.append(",\"inMemory\":");
    List<String> mem = new ArrayList<>();
    Object entries = entriesField.get(store);
    synchronized (entries) {
      for (Object k : ((java.util.LinkedHashMap<?, ?>) entries).keySet()) mem.add(names.getOrDefault(k, ((BlockId) k).name()));
    }
    strings(b, mem);
    b.append(",\"onDisk\":");
    strings(b, new ArrayList<>(onDisk));
    b.append(",\"tasks\":{");
    boolean first = true;
    for (long t : tasks) {
      long u = mm.getExecutionMemoryUsageForTask(t);
      if (u == 0) continue;
      if (!first) b.append(',');
      first = false;
      b.append('"').append(t).append("\":").append(u);
    }
    b.append("},\"consumers\":{");
    first = true;
    for (Consumer c : consumers.values()) {
      if (!first) b.append(',');
      first = false;
      Json.quote(b, c.name);
      b.append(':').append(c.usedNow());
    }
    for (HarnessSpillable c : spillables.values()) {
      if (!first) b.append(',');
      first = false;
      Json.quote(b, c.name);
      b.append(':').append(c.used());
    }
    b.append("},\"spilled\":{");
    first = true;
    for (Consumer c : consumers.values()) {
      if (!first) b.append(',');
      first = false;
      Json.quote(b, c.name);
      b.append(':').append(c.spilled);
    }
    for (HarnessSpillable c : spillables.values()) {
      if (!first) b.append(',');
      first = false;
      Json.quote(b, c.name);
      b.append(':').append(c.spilled);
    }
    b.append("},\"spillOrder\":");
    synchronized (spills) {
      strings(b, spills);
    }
    b.append(",\"unroll\":");
    SparkState.unrollByTask(b, store, mm);
    b.append(",\"maxHeap\":").append(mm instanceof UnifiedMemoryManager ? String.valueOf(((UnifiedMemoryManager) mm).maxHeapMemory()) : "null");
    b.append(",\"peaks\":");
    SparkState.peaks(b, tmms);
    b.append('}');
  }

  private static void list(StringBuilder b, List<Long> xs) {
    b.append('[');
    for (int k = 0; k < xs.size(); k++) b.append(k > 0 ? "," : "").append(xs.get(k));
    b.append(']');
  }

  private static void strings(StringBuilder b, List<String> xs) {
    b.append('[');
    for (int k = 0; k < xs.size(); k++) {
      if (k > 0) b.append(',');
      Json.quote(b, xs.get(k));
    }
    b.append(']');
  }

  private void clearStep() {
    synchronized (store.requests) {
      store.requests.clear();
    }
    synchronized (dropped) {
      dropped.clear();
    }
    synchronized (spills) {
      spills.clear();
    }
  }

  /** The 3.3+ error class of a SparkThrowable (the class names and texts differ across lines; SPARK-38467). */
  static String errorClass(Throwable e) {
    try {
      Object v = e.getClass().getMethod("getErrorClass").invoke(e);
      return v == null ? null : v.toString();
    } catch (ReflectiveOperationException x) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static String runProgram(Map<String, Object> program) {
    ManagerHarness h = new ManagerHarness();
    StringBuilder b = new StringBuilder("[");
    try {
      Unmanaged.reset();
      h.build((Map<String, Object>) program.get("config"), (List<Object>) program.get("consumers"),
          (List<Object>) program.get("spillables"));
    } catch (Throwable t) {
      Throwable e = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      String ec = errorClass(e);
      if (ec != null) return "{\"construct\":{\"errorClass\":\"" + ec + "\"}}";
      StringBuilder err = new StringBuilder("{\"construct\":{\"throws\":");
      Json.quote(err, e.getClass().getSimpleName());
      err.append(",\"message\":");
      Json.quote(err, String.valueOf(e.getMessage()));
      return err.append("}}").toString();
    }
    try {
      h.snapshot(b, "", List.of());
      for (Object o : (List<Object>) program.get("steps")) {
        Map<String, Object> step = (Map<String, Object>) o;
        String op = String.valueOf(step.get("op"));
        Map<String, Object> args = step.get("args") == null ? Map.of() : (Map<String, Object>) step.get("args");
        h.clearStep();
        int older = h.waiters.waitingCount();
        h.waiters.markBaselines();
        StringBuilder r = new StringBuilder();
        h.simBlocks = Boolean.TRUE.equals(step.get("simBlocks"));
        try {
          h.exec(op, args, r);
        } catch (Aborted a) {
          b.append(',');
          h.snapshot(b, r.toString(), List.of());
          h.waiters.abandon();
          return b.append(",{\"aborted\":\"Spark waits where the simulator did not\"}]").toString();
        } catch (UnsupportedOp u) {
          h.waiters.abandon();
          return "{\"unsupported\":\"" + op + "\"}";
        } catch (Exception | AssertionError e) {
          r.setLength(0);
          r.append("\"throws\":");
          Json.quote(r, e.getClass().getSimpleName());
        }
        List<Waiters.Call> woken = h.mayNotify(op) ? h.waiters.wakeAll(older, op.startsWith("release") || op.equals("consumerFree") || op.startsWith("tmmRelease") || op.equals("tmmCleanUp")) : List.of();
        b.append(',');
        h.snapshot(b, r.toString(), woken);
      }
    } catch (Throwable t) {
      h.waiters.abandon();
      StringBuilder err = new StringBuilder("{\"harnessError\":");
      Json.quote(err, t.toString());
      return err.append('}').toString();
    }
    h.waiters.abandon();
    return b.append(']').toString();
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    out.println("{\"spark\":\"" + SparkBits.sparkVersion() + "\"}");
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      out.println(runProgram((Map<String, Object>) Json.parse(line)));
      // The caller waits for a whole batch: flush when no more input is buffered.
      if (!in.ready()) out.flush();
    }
    out.flush();
    System.exit(0);
  }
}
