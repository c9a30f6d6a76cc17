#!/usr/bin/env bash
# k-means and DE benchmark: k-means and DE genes (wilcoxon, t-test) of this module next to scikit-learn 1.2 and the
# scanpy pipeline written with numpy/scipy, on the same generated data (10 clusters, a 50-dimensional
# embedding, GENES genes), one process per run, Java and Python interleaved. Prints one line per run with the
# analysis's own wall time, and each process's wall time and peak RSS measured from the outside; deletes the data.
# Usage (from the repository root):
#   analysis/src/bench/scripts/run-kmeans-de-benchmark.sh [--classpath CP] [CELLS ...]   (default 10000 100000 500000)
#   (./mvnw -B verify -Pbench -DskipTests -pl analysis -am runs it with the class path of analysis' test scope)
# Needs /usr/bin/python3 with numpy, scipy and scikit-learn (Debian 12: python3-sklearn) and /usr/bin/time;
# without them it says so and stops, successfully, so that the other benchmarks of -Pbench still run.
# GENES=2000 by default; KEEP_DATA=DIR keeps (and reuses) the data of one size in DIR; JAVA_OPTS replace the
# JVM's options (-Xmx4g); ONLY=kmeans|wilcoxon|t-test runs one analysis; THREADS sets the Java side's threads;
# RUNS=3 (default) runs each analysis 3 times in its JVM: the first run is a fresh process's, the later ones
# a long-running server's (the Python side runs once: no JIT).
# The machine is shared: run the large sizes when `uptime` shows a low load, and note the load printed per run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cp=""
if [[ "${1:-}" == "--classpath" ]]; then cp=$2; shift 2; fi
sizes=()
for arg in "$@"; do sizes+=($arg); done   # -Pbench passes the sizes as one argument
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 500000)
genes=${GENES:-2000}
if ! missing=$(/usr/bin/python3 -c 'import numpy, scipy, sklearn' 2>&1) || [[ ! -x /usr/bin/time ]]; then
  echo "k-means and DE benchmark skipped: it needs /usr/bin/time and /usr/bin/python3 with numpy, scipy and" \
    "scikit-learn: ${missing##*$'\n'}"
  exit 0
fi
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ -z "$cp" ]]; then
  cpfile=$(mktemp)
  # test-compile (it compiles src/bench/java too) so that the reactor's modules resolve to their classes;
  # the last module written is analysis
  (cd "$root" && ./mvnw -B -q test-compile dependency:build-classpath -pl analysis -am \
    -Dmdep.outputFile="$cpfile" >/dev/null)
  cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$root/api/target/classes"
  cp="$cp:$root/technologies/target/classes:$(cat "$cpfile")"
  rm -f "$cpfile"
fi
process_time() { /usr/bin/time -f "  (process: %e s wall, %U s user, %M kB peak RSS)" "$@"; }
run_java() {
  process_time "$java" ${JAVA_OPTS:--Xmx4g} ${THREADS:+-Dspatialx.bench.threads=$THREADS} -cp "$cp" \
    org.spatialx.analysis.KMeansAndDeBenchmark "$@" "${RUNS:-3}" 2>&1
}
run_python() { process_time /usr/bin/python3 "$here/reference_kmeans_de.py" "$@" 2>&1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%FT%TZ)"
"$java" -version 2>&1 | head -1
/usr/bin/python3 -c "import sklearn, scipy, numpy; print('scikit-learn', sklearn.__version__, 'scipy', scipy.__version__,
  'numpy', numpy.__version__)"
for cells in "${sizes[@]}"; do
  data=${KEEP_DATA:-$(mktemp -d /tmp/spatialx-kmeans-de-bench.XXXXXX)}
  if [[ ! -f "$data/shape.i4" ]] \
    || [[ "$(/usr/bin/python3 -c "import numpy; print(numpy.fromfile('$data/shape.i4', '<i4')[0])")" != "$cells" ]]; then
    /usr/bin/python3 "$here/generate_kmeans_de_data.py" "$data" "$cells" "$genes"
  fi
  for analysis in kmeans wilcoxon t-test; do
    [[ -z "${ONLY:-}" || "$ONLY" == "$analysis" ]] || continue
    echo "== $cells cells, $analysis (load $(cut -d' ' -f1-3 /proc/loadavg))"
    run_java "$analysis" "$data"
    run_python "$analysis" "$data"
  done
  [[ -n "${KEEP_DATA:-}" ]] || rm -rf "$data"
done
