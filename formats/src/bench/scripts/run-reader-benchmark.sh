#!/usr/bin/env bash
# Reader benchmark: generates a Xenium-layout data set in a temporary folder, reads every file with our
# readers (one JVM per file) and with h5py/pandas/pyarrow, prints one line per run, deletes the data.
# Usage (from the repository root):
#   formats/src/bench/scripts/run-reader-benchmark.sh [--classpath CP] [CELLS GENES TRANSCRIPTS]
#   (default 200000 5000 10000000; ./mvnw -Pbench runs it with the class path of formats' test scope)
# Needs /usr/bin/python3 with h5py, numpy, pandas (Debian packages) and pyarrow (PYTHONPATH, e.g. an unpacked
# wheel); without them it says so and stops, successfully, so that the other benchmarks of -Pbench still run.
# Set KEEP_DATA=DIR to reuse / keep a generated data set. SKIP_H5=1 skips the matrix (e.g. for a 50 M-row run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cp=""
if [[ "${1:-}" == "--classpath" ]]; then cp=$2; shift 2; fi
cells=${1:-200000}; genes=${2:-5000}; transcripts=${3:-10000000}
if ! missing=$(/usr/bin/python3 -c 'import h5py, numpy, pandas, pyarrow' 2>&1); then
  echo "reader benchmark skipped: the data generator and the reference readers need /usr/bin/python3 with h5py," \
    "numpy, pandas and pyarrow (set PYTHONPATH to an unpacked pyarrow wheel): ${missing##*$'\n'}"
  exit 0
fi
data=${KEEP_DATA:-$(mktemp -d /tmp/spatialx-reader-bench.XXXXXX)}
[[ -n "${KEEP_DATA:-}" ]] || trap 'rm -rf "$data"' EXIT
if [[ ! -f "$data/transcripts.csv.gz" ]]; then
  /usr/bin/python3 "$here/generate_xenium_scale.py" "$data" "$cells" "$genes" "$transcripts"
fi
ls -l "$data"
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ -z "$cp" ]]; then
  cpfile=$(mktemp)
  # test-compile (it compiles src/bench/java too) so that the reactor's api module resolves to its classes;
  # the last module written is formats
  (cd "$root" && ./mvnw -B -q test-compile dependency:build-classpath -pl formats -am -Dmdep.outputFile="$cpfile" >/dev/null)
  cp="$root/formats/target/classes:$root/formats/target/test-classes:$root/api/target/classes:$(cat "$cpfile")"
  rm -f "$cpfile"
fi
# every process is also timed from the outside (start-up included on both sides: the JVM's, Python's imports)
process_time() { /usr/bin/time -f "  (process: %e s wall, %M kB peak RSS)" "$@"; }
run_java() { process_time "$java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$cp" \
  org.spatialx.formats.ReaderBenchmark "$@" 2>&1 | grep -v '^\[main\]\|^WARNING'; }
run_python() { process_time /usr/bin/python3 "$here/reference_readers.py" "$@" 2>&1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
[[ -n "${SKIP_H5:-}" ]] || for round in 1 2 3; do  # interleaved: the machine's load changes by the minute
  run_java h5 "$data/cell_feature_matrix.h5"
  run_python h5 "$data/cell_feature_matrix.h5"
done
[[ -n "${SKIP_H5:-}" ]] || run_java h5 "$data/cell_feature_matrix.h5" 4  # later reads in the same JVM: a long-running process
[[ -n "${SKIP_H5:-}" ]] || JAVA_OPTS="-Dspatialx.libdeflate=false ${JAVA_OPTS:-}" run_java h5 "$data/cell_feature_matrix.h5"  # java.util.zip only
JAVA_OPTS="-Xmx256m ${JAVA_OPTS:-}" run_java transcripts "$data/transcripts.parquet"
run_python parquet-pandas "$data/transcripts.parquet"
run_python parquet-pyarrow "$data/transcripts.parquet"
JAVA_OPTS="-Xmx256m ${JAVA_OPTS:-}" run_java transcripts "$data/transcripts.csv.gz"
run_python csv-pandas "$data/transcripts.csv.gz"
