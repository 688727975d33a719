#!/usr/bin/env bash
# Makes the calibration corpus: real Spark runs in local mode (pyspark from PyPI, Java 17), one
# JVM per job, event logs written by Spark itself into test/fixtures/eventlog-corpus/<job>/.
# Usage: bash scripts/eventlog-corpus/make-corpus.sh [job ...]   (default: every job)
set -euo pipefail
# Local mode binds to this host only (and quiets the loopback warning).
export SPARK_LOCAL_IP=127.0.0.1
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SPARK_MEMORY_PYSPARK_VENV:-$root/.cache/pyspark-venv}"
version=3.5.7
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark; assert pyspark.__version__ == '$version'" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyspark==$version"
fi
out="${SPARK_MEMORY_CORPUS_OUT:-$root/test/fixtures/eventlog-corpus}"
jobs=("$@")
if [ ${#jobs[@]} -eq 0 ]; then
  jobs=(cache-fits cache-thrash-memory-only cache-thrash-memory-and-disk oom-while-caching sort-spill aggregation-spill broadcast-join offheap-sort skew oom many-tasks)
fi
for job in "${jobs[@]}"; do
  rm -rf "$out/$job" && mkdir -p "$out/$job"
  "$venv/bin/python" "$here/jobs.py" "$job" "$out/$job" zstd || echo "$job: exit $?" >&2
done
# The codecs Spark writes, on the smallest job.
for codec in none lz4 lzf snappy zstd; do
  rm -rf "$out/codec-$codec" && mkdir -p "$out/codec-$codec"
  "$venv/bin/python" "$here/jobs.py" cache-fits "$out/codec-$codec" "$codec" || echo "codec $codec: exit $?" >&2
done
