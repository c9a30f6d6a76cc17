#!/usr/bin/env bash
# Analysis benchmark: k-means and DE genes (wilcoxon, t-test) of this module next to scikit-learn 1.2 and the
# scanpy pipeline written with numpy/scipy, on the same generated data (10 clusters, 50-dimensional
# embedding, GENES genes), one process per run, interleaved. Prints one line per run with the analysis's
# own wall time, and each process's wall time and peak RSS measured from the outside; deletes the data.
# Usage (from the repository root):
#   analysis/src/test/bench/run-analysis-benchmark.sh [CELLS ...]     (default 10000 100000 500000)
# Needs /usr/bin/python3 with numpy, scipy, scikit-learn (Debian 12: python3-sklearn) and /usr/bin/time.
# GENES=2000 by default; KEEP_DATA=DIR keeps (and reuses) the data of the last size in DIR;
# JAVA_OPTS are added to the JVM's options; ONLY=kmeans|wilcoxon|t-test runs one analysis.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 500000)
genes=${GENES:-2000}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
cpfile=$(mktemp)
# test-compile so that the reactor's modules resolve to their classes; the last module written is analysis
(cd "$root" && ./mvnw -B -q -o test-compile dependency:build-classpath -pl analysis -am \
  -Dmdep.outputFile="$cpfile" >/dev/null)
cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$root/api/target/classes"
cp="$cp:$root/technologies/target/classes:$(cat "$cpfile")"
rm -f "$cpfile"
process_time() { /usr/bin/time -f "  (process: %e s wall, %M kB peak RSS)" "$@"; }
run_java() { process_time "$java" ${JAVA_OPTS:--Xmx4g} -cp "$cp" org.spatialx.analysis.bench.AnalysisBenchmark "$@" 2>&1; }
run_python() { process_time /usr/bin/python3 "$here/reference_analysis.py" "$@" 2>&1; }
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%FT%TZ)"
"$java" -version 2>&1 | head -1
/usr/bin/python3 -c "import sklearn, scipy, numpy; print('scikit-learn', sklearn.__version__, 'scipy', scipy.__version__, 'numpy', numpy.__version__)"
for cells in "${sizes[@]}"; do
  data=${KEEP_DATA:-$(mktemp -d /tmp/spatialx-analysis-bench.XXXXXX)}
  if [[ ! -f "$data/shape.i4" ]] || [[ "$(/usr/bin/python3 -c "import numpy; print(numpy.fromfile('$data/shape.i4', '<i4')[0])")" != "$cells" ]]; then
    /usr/bin/python3 "$here/generate_analysis_data.py" "$data" "$cells" "$genes"
  fi
  for analysis in kmeans wilcoxon t-test; do
    [[ -z "${ONLY:-}" || "$ONLY" == "$analysis" ]] || continue
    echo "== $cells cells, $analysis ($(load))"
    run_java "$analysis" "$data"
    run_python "$analysis" "$data"
  done
  [[ -n "${KEEP_DATA:-}" ]] || rm -rf "$data"
done
