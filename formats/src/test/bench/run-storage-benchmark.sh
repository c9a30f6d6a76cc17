#!/usr/bin/env bash
# Storage benchmark: writes a generated table (AnnData zarr) and generated transcripts (points parquet
# partitioned by gene) with our writers (one JVM each) and with anndata.write_zarr / pyarrow, on the
# same sizes in the same run; prints one line per run with wall time and peak RSS; deletes the output.
# Usage (from the repository root):
#   formats/src/test/bench/run-storage-benchmark.sh [CELLS GENES PER_CELL TRANSCRIPTS...]
#   (default 200000 5000 150 10000000 50000000: a 200k x 5k table of 30 M values, then 10 M and 50 M transcripts)
# Needs /usr/bin/python3 with anndata, scipy, pandas (Debian packages) and pyarrow (PYTHONPATH, e.g. an
# unpacked wheel). SKIP_TABLE=1 skips the table, SKIP_PYTHON=1 the reference writers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cells=${1:-200000}; genes=${2:-5000}; per_cell=${3:-150}
shift $(( $# < 3 ? $# : 3 ))
if [[ $# -gt 0 ]]; then counts=("$@"); else counts=(10000000 50000000); fi
out=$(mktemp -d /tmp/spatialx-storage-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
cpfile=$(mktemp)
(cd "$root" && ./mvnw -B -q test-compile dependency:build-classpath -pl formats -am -Dmdep.outputFile="$cpfile" >/dev/null)
cp="$root/formats/target/classes:$root/formats/target/test-classes:$root/api/target/classes:$(sed 's|[^:]*spatialx-api[^:]*:||' "$cpfile")"
rm -f "$cpfile"
process_time() { /usr/bin/time -f "  (process: %e s wall, %U s user + %S s system CPU, %M kB peak RSS)" "$@"; }
run_java() { process_time "$java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$cp" \
  org.spatialx.formats.bench.StorageBenchmark "$@" 2>&1 | grep -v '^\[main\]\|^WARNING\|SIMD\|VectorSupport'; }
run_python() { process_time /usr/bin/python3 "$here/reference_writers.py" "$@" 2>&1 | grep -v Warning; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
if [[ -z "${SKIP_TABLE:-}" ]]; then
  for round in 1 2; do  # interleaved: the machine's load changes by the minute
    run_java table "$cells" "$genes" "$per_cell" "$out/table-java-$round"
    du -sh "$out/table-java-$round"; rm -rf "$out/table-java-$round"
    run_java table "$cells" "$genes" "$per_cell" "$out/table-raw-$round" uncompressed
    du -sh "$out/table-raw-$round"; rm -rf "$out/table-raw-$round"
    [[ -n "${SKIP_PYTHON:-}" ]] || { run_python table "$cells" "$genes" "$per_cell" "$out/table-py-$round"
      du -sh "$out/table-py-$round"; rm -rf "$out/table-py-$round"; }
  done
fi
for n in "${counts[@]}"; do
  JAVA_OPTS="-Xmx512m ${JAVA_OPTS:-}" run_java points "$n" "$genes" "$out/points-java"
  du -sh "$out/points-java"; rm -rf "$out/points-java"
  [[ -n "${SKIP_PYTHON:-}" ]] || { run_python points "$n" "$genes" "$out/points-py"
    du -sh "$out/points-py"; rm -rf "$out/points-py"; }
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
done
