package sparkmemory.oracle;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.memory.MemoryMode;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.apache.spark.memory.UnifiedMemoryManager$;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerManager;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockInfo;
import org.apache.spark.storage.BlockInfoManager;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.memory.BlockEvictionHandler;
import org.apache.spark.storage.memory.MemoryStore;
import org.apache.spark.util.io.ChunkedByteBuffer;
import scala.Function0;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.util.Either;

/**
 * `npm run bench`'s JVM side: the op stream of src/bench/sim.ts (managerOps) on Spark's real
 * UnifiedMemoryManager and MemoryStore, timed in this JVM (default JIT, after a warm-up, median of the
 * runs), so the simulator's ops/s stand beside Spark's own on the same machine in the same bench run.
 * Per round: 4 tasks acquire 8 MiB of execution memory, one 64 MiB MEMORY_ONLY_SER block is put (a
 * full storage region evicts the oldest block of the other RDD), the block put 40 rounds ago is
 * removed, and the 4 tasks release. The block calls go the way BlockManager makes them (doPut's write
 * lock around putBytes, removeBlock's write lock), which Spark's eviction needs (it write-locks each
 * block it drops), so the JVM's figure includes BlockInfoManager's bookkeeping.
 * Usage: ManagerBench <ops per run> <runs>; prints one JSON line.
 */
public final class ManagerBench {
  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();
  private static final long MiB = 1024L * 1024L;

  private final UnifiedMemoryManager mm;
  private final BlockInfoManager bim;
  private final MemoryStore store;
  private final Method lockNew;
  private final StorageLevel level = StorageLevel.MEMORY_ONLY_SER();

  ManagerBench() throws Exception {
    // As the simulator's bench: 4096 MiB of system memory (spark.testing.memory), 4 cores, Spark's defaults.
    SparkConf conf = new SparkConf(false).set("spark.testing.memory", String.valueOf(4096 * MiB));
    mm = (UnifiedMemoryManager) UnifiedMemoryManager$.MODULE$.apply(conf, 4);
    bim = SparkBits.blockInfoManager();
    SerializerManager sm = new SerializerManager(new JavaSerializer(conf), conf);
    MemoryStore[] self = new MemoryStore[1];
    BlockEvictionHandler handler = new BlockEvictionHandler() {
      @Override
      public <T> StorageLevel dropFromMemory(BlockId blockId, Function0<Either<Object, ChunkedByteBuffer>> data, ClassTag<T> tag) {
        // MEMORY_ONLY_SER: the block leaves memory and is gone (BlockManager.dropFromMemory without disk).
        self[0].remove(blockId);
        return StorageLevel.NONE();
      }
    };
    store = new MemoryStore(conf, bim, sm, mm, handler);
    self[0] = store;
    mm.setMemoryStore(store);
    Method found = null;
    for (Method m : BlockInfoManager.class.getMethods()) if (m.getName().equals("lockNewBlockForWriting")) found = m;
    lockNew = found;
  }

  private void lockNew(BlockId id) throws Exception {
    BlockInfo info = new BlockInfo(level, ANY, false);
    if (lockNew.getParameterCount() == 2) lockNew.invoke(bim, id, info);
    else lockNew.invoke(bim, id, info, true);
  }

  /** The op stream; returns a checksum so nothing is optimised away. */
  long run(int n) throws Exception {
    long check = 0;
    int ops = 0;
    int block = 0;
    long blockSize = 64 * MiB;
    while (ops < n) {
      for (int t = 0; t < 4; t++) {
        check += mm.acquireExecutionMemory(8 * MiB, t, MemoryMode.ON_HEAP);
        ops++;
      }
      BlockId id = new RDDBlockId(block & 1, block);
      lockNew(id);
      if (store.putBytes(id, blockSize, MemoryMode.ON_HEAP, () -> SparkBits.bytes(blockSize), ANY)) bim.unlock(id, Option.empty());
      else bim.removeBlock(id);
      ops++;
      if (block >= 40) {
        BlockId old = new RDDBlockId((block - 40) & 1, block - 40);
        if (bim.lockForWriting(old, false).isDefined()) {
          store.remove(old);
          bim.removeBlock(old);
        }
        ops++;
      }
      block++;
      for (int t = 0; t < 4; t++) {
        mm.releaseExecutionMemory(8 * MiB, t, MemoryMode.ON_HEAP);
        ops++;
      }
    }
    return check + ops;
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    long sink = new ManagerBench().run(n / 10);
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      ManagerBench b = new ManagerBench();
      long t0 = System.nanoTime();
      sink += b.run(n);
      ms[r] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
    System.out.println("{\"spark\":\"" + SparkBits.sparkVersion() + "\",\"ops\":" + n + ",\"runs\":" + runs
        + ",\"medianMs\":" + median + ",\"minMs\":" + sorted[0] + ",\"maxMs\":" + sorted[runs - 1]
        + ",\"opsPerSecond\":" + Math.round(n / (median / 1000)) + ",\"sink\":" + (sink & 1) + "}");
  }
}
