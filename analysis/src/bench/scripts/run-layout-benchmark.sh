#!/usr/bin/env bash
# UMAP, t-SNE and region segmentation benchmark: the umap and tsne kinds of this module next to umap-learn and scikit-learn's
# TSNE (Barnes-Hut) on the same generated 50-component embedding, one process per run; then the
# trustworthiness (sklearn, k = 15) and kNN preservation of each layout on the same 5,000-cell sample.
# Prints the fit's wall time of each side, each process's wall time and peak RSS measured from the outside,
# and the load average before each run (the machine is shared); deletes the data. Then region segmentation
# (Java only: no Python counterpart) on a generated tissue of the same size, with its ARI against the domains.
# Usage (from the repository root):
#   analysis/src/bench/scripts/run-layout-benchmark.sh [--classpath CP] [CELLS ...]   (default 10000 100000)
# Needs /usr/bin/python3 with numpy, scikit-learn and umap-learn, and /usr/bin/time; without them it says
# so and stops, successfully. ONLY=umap|tsne|regions runs one method; THREADS sets the Java side's threads;
# JAVA_OPTS replace the JVM's options (-Xmx4g); TIMEOUT=SECONDS stops a process that runs longer (it says so, and
# its layout is left out of the trustworthiness); PYTHON_TIMEOUT=SECONDS sets another limit for the Python side.
# umap-learn optimises single-threaded when given a seed (random_state), as here; scikit-learn's TSNE uses all cores (OpenMP).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cp=""
if [[ "${1:-}" == "--classpath" ]]; then cp=$2; shift 2; fi
sizes=()
for arg in "$@"; do sizes+=($arg); done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000)
if ! missing=$(/usr/bin/python3 -c 'import numpy, sklearn, umap' 2>&1) || [[ ! -x /usr/bin/time ]]; then
  echo "UMAP and t-SNE benchmark skipped: it needs /usr/bin/time and /usr/bin/python3 with numpy," \
    "scikit-learn and umap-learn: ${missing##*$'\n'}"
  exit 0
fi
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ -z "$cp" ]]; then
  cpfile=$(mktemp)
  (cd "$root" && ./mvnw -B -q -o test-compile dependency:build-classpath -pl analysis -am \
    -Dmdep.outputFile="$cpfile" >/dev/null)
  cp="$root/analysis/target/classes:$root/analysis/target/test-classes:$root/api/target/classes"
  cp="$cp:$root/formats/target/classes:$(cat "$cpfile")"
  rm -f "$cpfile"
fi
reference="$root/analysis/src/test/python/layout_reference.py"
process_time() { # $1 = the time limit in seconds (empty: none), then the command
  local status=0 limit=$1
  shift
  /usr/bin/time -f "  (process: %e s wall, %U s user, %M kB peak RSS)" ${limit:+timeout "$limit"} "$@" || status=$?
  [[ $status -ne 124 ]] || echo "  (stopped after $limit s)"
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%FT%TZ)"
"$java" -version 2>&1 | head -1
/usr/bin/python3 -c "import sklearn, umap, numpy; print('scikit-learn', sklearn.__version__, 'umap-learn',
  umap.__version__, 'numpy', numpy.__version__)"
for cells in "${sizes[@]}"; do
  data=$(mktemp -d /tmp/spatialx-layout-bench.XXXXXX)
  /usr/bin/python3 "$here/generate_layout_data.py" "$data" "$cells"
  for method in umap tsne regions; do
    [[ -z "${ONLY:-}" || "$ONLY" == "$method" ]] || continue
    if [[ $method == regions ]]; then
      echo "== $cells cells, region segmentation (load $(cut -d' ' -f1-3 /proc/loadavg))"
      process_time "${TIMEOUT:-}" "$java" ${JAVA_OPTS:--Xmx4g} ${THREADS:+-Dspatialx.bench.threads=$THREADS} -cp "$cp" \
        org.spatialx.analysis.RegionSegmentationBenchmark "$cells" 2>&1
      continue
    fi
    echo "== $cells cells, $method (load $(cut -d' ' -f1-3 /proc/loadavg))"
    process_time "${TIMEOUT:-}" "$java" ${JAVA_OPTS:--Xmx4g} ${THREADS:+-Dspatialx.bench.threads=$THREADS} -cp "$cp" \
      org.spatialx.analysis.LayoutBenchmark "$method" "$data" "$data/java.f64" 2>&1
    echo "  (load $(cut -d' ' -f1-3 /proc/loadavg))"
    if [[ $method == umap ]]; then args=(15 pca 0); else args=(30 pca 0); fi
    printf "python %s: " "$method"
    process_time "${PYTHON_TIMEOUT:-${TIMEOUT:-}}" /usr/bin/python3 "$reference" "$method" "$data/embedding.f64" "$cells" 50 "$data/python.f64" \
      "${args[@]}" 2>&1 | sed '1s/$/ s/'
    echo "  trustworthiness, kNN preservation (k = 15, 5,000 cells) of java, then python (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    layouts=()
    for side in java python; do [[ ! -f "$data/$side.f64" ]] || layouts+=("$data/$side.f64"); done
    /usr/bin/python3 "$reference" trustworthiness "$data/embedding.f64" "$cells" 50 "${layouts[@]}" 15 5000 0 \
      | sed 's/^/    /'
    rm -f "$data/java.f64" "$data/python.f64"
  done
  rm -rf "$data"
done
