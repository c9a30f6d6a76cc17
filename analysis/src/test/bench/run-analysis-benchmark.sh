#!/usr/bin/env bash
# Analysis benchmark: for each size, generates counts with known cell types (2,000 genes) in a temporary
# folder, runs the pipeline (normalize, HVG, PCA, neighbours, Leiden) with our module in a fresh JVM and with
# the Python stack (reference_pipeline.py bench) on the same files, prints one JSON line per step and side,
# deletes the data.
# Usage (from the repository root):
#   analysis/src/test/bench/run-analysis-benchmark.sh [CELLS ...]        (default 10000 100000 500000)
# Needs /usr/bin/python3 with numpy, scipy, pandas, sklearn, umap-learn, pynndescent, igraph, leidenalg.
# THREADS (default: all cores) sets both sides' threads; JAVA_OPTS adds JVM options; KEEP_DATA=1 keeps the data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 500000)
threads=${THREADS:-$(nproc)}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
cpfile=$(mktemp)
(cd "$root" && ./mvnw -B -q -o test-compile dependency:build-classpath -pl analysis -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cpfile" >/dev/null)
cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$root/api/target/classes:$(cat "$cpfile")"
rm -f "$cpfile"
export NUMBA_NUM_THREADS=$threads OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
export NUMBA_CACHE_DIR=${NUMBA_CACHE_DIR:-/tmp/spatialx-bench-numba}
script="$root/analysis/src/test/python/reference_pipeline.py"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), threads $threads"
for cells in "${sizes[@]}"; do
  data=$(mktemp -d /tmp/spatialx-analysis-bench.XXXXXX)
  "$java" -Xmx8g -cp "$cp" org.spatialx.analysis.bench.AnalysisBenchmark generate "$data" "$cells" 2000
  if [[ ! -d "$NUMBA_CACHE_DIR" ]]; then  # numba compiles umap-learn and pynndescent once; not part of any step
    "$java" -cp "$cp" org.spatialx.analysis.bench.AnalysisBenchmark generate "$data/warm" 5000 2000 >/dev/null
    /usr/bin/python3 "$script" bench "$data/warm" log1p-normalized 1000 90 1.0 0 >/dev/null
  fi
  heap=$(( cells < 50000 ? 4 : cells < 200000 ? 8 : 14 ))
  echo "cells $cells, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for jit in cold warm; do  # cold: a fresh JVM; warm: after an untimed run on 3,000 cells (a long-running server)
    echo "  java, $jit JIT"
    # shellcheck disable=SC2086
    /usr/bin/time -f "  (java process: %e s wall, %M kB peak RSS)" "$java" -Xmx${heap}g ${JAVA_OPTS:-} -cp "$cp" \
      org.spatialx.analysis.bench.AnalysisBenchmark run "$data" "$threads" "$jit"
  done
  echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "  (python process: %e s wall, %M kB peak RSS)" /usr/bin/python3 "$script" bench "$data" \
    log1p-normalized 1000 90 1.0 0
  /usr/bin/python3 - "$data" <<'PY'
import sys, numpy as np
from sklearn.metrics import adjusted_rand_score
d = sys.argv[1]
truth = np.load(d + "/truth.npy")
java, python = np.load(d + "/java_labels.npy"), np.load(d + "/pipeline_labels.npy")
print('{"ari_truth_java": %.4f, "ari_truth_python": %.4f, "ari_java_python": %.4f}'
      % (adjusted_rand_score(truth, java), adjusted_rand_score(truth, python), adjusted_rand_score(java, python)))
PY
  [[ -n "${KEEP_DATA:-}" ]] && echo "  data kept in $data" || rm -rf "$data"
done
