#!/usr/bin/env bash
# Resolves Apache Spark's jars for one line (or `all`) from Maven Central into ~/.m2 and writes the
# classpath to $SPARK_MEMORY_ORACLE_CACHE/<line>/classpath.txt (default ~/.cache/spark-memory-oracle),
# with the release in version.txt beside it. Test oracle only: the product never loads these jars.
# Usage: scripts/oracle/fetch-spark.sh <3.5|4.0|4.1|4.2|2.4|all>
# A warm ~/.m2 resolves offline in seconds; a cold one downloads about 100 MB per line.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${SPARK_MEMORY_ORACLE_CACHE:-$HOME/.cache/spark-memory-oracle}
want=${1:-all}

command -v mvn >/dev/null || { echo "oracle: Maven is missing: install it (apt-get install maven), as .ci/run does" >&2; exit 2; }
command -v java >/dev/null || { echo "oracle: Java is missing: install a JDK 17 (apt-get install openjdk-17-jdk-headless), as .ci/run does" >&2; exit 2; }

fetch() { # fetch <line> <release> <scala>
  local line=$1 rel=$2 scala=$3 dir="$CACHE/$1"
  mkdir -p "$dir"
  # The classpath is resolved again when the release or the pom changed (pom.txt holds the pom's hash).
  local pom; pom=$(sha256sum "$HERE/spark/pom.xml" | cut -c1-16)
  if [ -s "$dir/classpath.txt" ] && [ "$(cat "$dir/version.txt" 2>/dev/null)" = "$rel" ] &&
     [ "$(cat "$dir/pom.txt" 2>/dev/null)" = "$pom" ] &&
     tr ':' '\n' < "$dir/classpath.txt" | while read -r j; do [ -f "$j" ] || exit 1; done; then
    echo "oracle: Spark $rel (line $line): jars present"
    return 0
  fi
  local args=(-q -B -f "$HERE/spark/pom.xml" dependency:build-classpath "-Dspark.version=$rel" "-Dscala.binary=$scala"
    "-Dmdep.outputFile=$dir/classpath.txt")
  # Offline first (warm ~/.m2), then online.
  if ! mvn -o "${args[@]}" >"$dir/mvn.log" 2>&1; then
    echo "oracle: resolving Spark $rel (spark-core_$scala) from Maven Central..."
    mvn "${args[@]}" >"$dir/mvn.log" 2>&1 || { echo "oracle: Maven could not resolve Spark $rel: see $dir/mvn.log" >&2; tail -5 "$dir/mvn.log" >&2; return 1; }
  fi
  echo "$rel" > "$dir/version.txt"
  echo "$pom" > "$dir/pom.txt"
  echo "oracle: Spark $rel (line $line): $(tr ':' '\n' < "$dir/classpath.txt" | wc -l) jars, classpath in $dir/classpath.txt"
}

# The cluster managers' modules (spark/clusters/lines.txt) for ContainerHarness: <line>-yarn and
# <line>-kubernetes are classpaths of their own (the line's spark-core classpath first, then the module's
# jar and, for Kubernetes, fabric8's model; or, for a module of another Scala binary, spark-core of that
# binary at the module's release), written like a line's so the oracle compiles and runs against them.
fetch_cluster() { # fetch_cluster <line> <yarn|kubernetes> <release> <scala> <fabric8|->
  local line=$1 kind=$2 rel=$3 scala=$4 fabric8=$5 dir="$CACHE/$1-$2" core="$CACHE/$1"
  [ "$rel" = - ] && return 0
  mkdir -p "$dir"
  local key; key="$(sha256sum "$HERE/spark/clusters/pom.xml" | cut -c1-16) $rel $scala $fabric8 $(cat "$core/version.txt")"
  if [ -s "$dir/classpath.txt" ] && [ "$(cat "$dir/key.txt" 2>/dev/null)" = "$key" ] &&
     tr ':' '\n' < "$dir/classpath.txt" | while read -r j; do [ -f "$j" ] || exit 1; done; then
    echo "oracle: spark-${kind}_$scala $rel (line $line): jars present"
    return 0
  fi
  local own=0 coreScala; coreScala=$(tr ':' '\n' < "$core/classpath.txt" | sed -nE 's#.*/spark-core_([0-9.]+)-[^/]*\.jar$#\1#p' | head -1)
  [ "$scala" != "$coreScala" ] && own=1
  local profiles=()
  [ "$fabric8" != - ] && profiles+=(fabric8)
  [ "$own" = 1 ] && profiles+=(scala212-core)
  local args=(-q -B -f "$HERE/spark/clusters/pom.xml" dependency:build-classpath "-Dmodule.artifact=spark-${kind}_$scala"
    "-Dmodule.version=$rel" "-Dfabric8.version=$fabric8" "-Dcore.version=$rel" "-Dmdep.outputFile=$dir/module.txt")
  [ ${#profiles[@]} -gt 0 ] && args+=("-P$(IFS=,; echo "${profiles[*]}")")
  if ! mvn -o "${args[@]}" >"$dir/mvn.log" 2>&1; then
    echo "oracle: resolving spark-${kind}_$scala $rel from Maven Central..."
    mvn "${args[@]}" >"$dir/mvn.log" 2>&1 || { echo "oracle: Maven could not resolve spark-${kind}_$scala $rel: see $dir/mvn.log" >&2; tail -5 "$dir/mvn.log" >&2; return 1; }
  fi
  if [ "$own" = 1 ]; then cp "$dir/module.txt" "$dir/classpath.txt"
  else echo "$(cat "$core/classpath.txt"):$(cat "$dir/module.txt")" > "$dir/classpath.txt"; fi
  echo "$rel" > "$dir/version.txt"
  echo "$key" > "$dir/key.txt"
  echo "oracle: spark-${kind}_$scala $rel (line $line): classpath in $dir/classpath.txt"
}

fetch_clusters() { # fetch_clusters <line>
  local l yrel yscala krel kscala fabric8
  while read -r l yrel yscala krel kscala fabric8; do
    case "$l" in ''|'#'*) continue ;; esac
    [ "$l" = "$1" ] || continue
    fetch_cluster "$l" yarn "$yrel" "$yscala" -
    fetch_cluster "$l" kubernetes "$krel" "$kscala" "$fabric8"
  done < "$HERE/spark/clusters/lines.txt"
}

# The History Server tier (scripts/eventlog-corpus/history-server.mjs) runs a line's server with
# jackson-core at jackson-databind's version, as Spark's own build pins them (Maven's nearest-wins gives
# spark-core alone an older jackson-core): fetch that jar here, with the other jars, so the tier reads
# ~/.m2 offline and nothing downloads while the tests run.
jackson_core_for() { # jackson_core_for <line>
  local cp="$CACHE/$1/classpath.txt" databind
  [ -s "$cp" ] || return 0
  databind=$(tr ':' '\n' < "$cp" | sed -nE 's#.*/jackson-databind-([0-9.]+)\.jar$#\1#p' | head -1)
  [ -n "$databind" ] || return 0
  [ -f "$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-core/$databind/jackson-core-$databind.jar" ] && return 0
  echo "oracle: fetching jackson-core $databind (jackson-databind's version) for the History Server tier"
  mvn -q -B dependency:get "-Dartifact=com.fasterxml.jackson.core:jackson-core:$databind" -Dtransitive=false >/dev/null
}

found=0
while read -r line rel scala; do
  case "$line" in ''|'#'*) continue ;; esac
  if [ "$want" = all ] || [ "$want" = "$line" ]; then
    found=1
    fetch "$line" "$rel" "$scala"
    fetch_clusters "$line"
    [ "$line" = 3.5 ] && jackson_core_for "$line"
  fi
done < "$HERE/lines.txt"
[ "$found" = 1 ] || { echo "oracle: no Spark line \"$want\" in $HERE/lines.txt" >&2; exit 2; }
