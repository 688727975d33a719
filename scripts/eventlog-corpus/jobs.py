"""Real Spark runs in local mode whose event logs calibrate the replay (docs/event-logs.md).

Usage: python jobs.py <job> <event-log-dir> [codec]
Each job runs in its own JVM (a fresh process), at a small heap, with block updates and stage
executor metrics logged, so the log holds what the replay is checked against.
"""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark import StorageLevel

JOBS = {}


def job(name, **conf):
    def register(fn):
        JOBS[name] = (fn, conf)
        return fn

    return register


def rows(spark, n, parts):
    """n rows of an id and a 128-character hex string (SHA-512 of the id: incompressible, so a
    cached column takes its full size), in `parts` partitions."""
    return spark.range(0, n, 1, parts).select(F.col("id"), F.sha2(F.col("id").cast("string"), 512).alias("s"))


def noop(df):
    df.write.format("noop").mode("overwrite").save()


@job("cache-fits")
def cache_fits(spark):
    df = rows(spark, 200_000, 8).persist(StorageLevel.MEMORY_ONLY)
    df.count()
    df.count()


# About 450 MiB cached against a storage of at most 290 MiB (1 GiB heap, spark.memory.fraction 0.4:
# at 0.6 the heap runs out while the column batches are built, see oom-while-caching).
@job("cache-thrash-memory-only", **{"spark.memory.fraction": "0.4"})
def cache_thrash_memory_only(spark):
    df = rows(spark, 3_000_000, 16).persist(StorageLevel.MEMORY_ONLY)
    df.count()
    df.count()


@job("cache-thrash-memory-and-disk", **{"spark.memory.fraction": "0.4"})
def cache_thrash_memory_and_disk(spark):
    df = rows(spark, 3_000_000, 16).persist(StorageLevel.MEMORY_AND_DISK)
    df.count()
    df.count()


@job("oom-while-caching")
def oom_while_caching(spark):
    # About 600 MiB of column batches at MEMORY_ONLY in a 1 GiB heap: the heap runs out while they are built.
    df = rows(spark, 4_000_000, 16).persist(StorageLevel.MEMORY_ONLY)
    df.count()
    df.count()


@job("sort-spill", **{"spark.sql.shuffle.partitions": "2"})
def sort_spill(spark):
    noop(rows(spark, 4_000_000, 4).orderBy("s"))


@job("aggregation-spill", **{"spark.sql.shuffle.partitions": "2"})
def aggregation_spill(spark):
    noop(rows(spark, 4_000_000, 4).groupBy("s").agg(F.sum("id").alias("n")))


@job("broadcast-join")
def broadcast_join(spark):
    small = rows(spark, 200_000, 2)
    big = spark.range(0, 2_000_000, 1, 8)
    noop(big.join(F.broadcast(small), "id"))


@job(
    "offheap-sort",
    **{"spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "128m", "spark.sql.shuffle.partitions": "2"},
)
def offheap_sort(spark):
    noop(rows(spark, 2_000_000, 4).orderBy("s"))


@job("skew")
def skew(spark):
    df = rows(spark, 3_000_000, 8).withColumn("k", F.when(F.col("id") % 10 < 7, F.lit(0)).otherwise(F.col("id") % 1000))
    noop(df.repartition(8, "k").sortWithinPartitions("s"))


@job("oom", **{"spark.task.maxFailures": "1"})
def oom(spark):
    # One group holding every row: collect_list's buffer cannot spill, the heap runs out.
    noop(rows(spark, 8_000_000, 2).groupBy(F.lit(1)).agg(F.collect_list("s")))


@job("many-tasks", **{"spark.eventLog.rolling.enabled": "true", "spark.eventLog.rolling.maxFileSize": "10m"})
def many_tasks(spark):
    spark.sparkContext.range(0, 8000, numSlices=8000).count()


def main():
    name, log_dir = sys.argv[1], sys.argv[2]
    codec = sys.argv[3] if len(sys.argv) > 3 else "zstd"
    fn, conf = JOBS[name]
    b = (
        SparkSession.builder.master("local[2]")
        .appName(name)
        .config("spark.driver.memory", "1g")
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.dir", log_dir)
        .config("spark.eventLog.logBlockUpdates.enabled", "true")
        .config("spark.eventLog.logStageExecutorMetrics", "true")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.ui.enabled", "false")
    )
    if codec == "none":
        b = b.config("spark.eventLog.compress", "false")
    else:
        b = b.config("spark.eventLog.compress", "true").config("spark.eventLog.compression.codec", codec)
    for k, v in conf.items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    try:
        fn(spark)
    except Exception as e:  # the OOM run fails by design; its log is what is wanted
        print(f"{name}: the job failed: {str(e).splitlines()[0][:200]}", file=sys.stderr)
    finally:
        try:
            spark.stop()
        except Exception:  # an OutOfMemoryError can take the JVM down (SparkUncaughtExceptionHandler)
            print(f"{name}: the JVM is gone; its event log ends where it died", file=sys.stderr)


if __name__ == "__main__":
    main()
