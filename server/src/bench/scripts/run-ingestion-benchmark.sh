#!/usr/bin/env bash
# Ingestion benchmark: a Xenium-layout data set at scale (CELLS x GENES h5, TRANSCRIPTS rows of parquet)
# ingested by the local server (IngestionBenchmark: parse, submit, log to DONE) and by the Python
# equivalent (python_ingestion.py: h5py, pandas, anndata.write_zarr, pyarrow), each process timed and its
# peak RSS measured from outside, in one run. Usage (from the repository root):
#   server/src/bench/scripts/run-ingestion-benchmark.sh [--classpath CP] [CELLS GENES TRANSCRIPTS]
#   (default 200000 5000 50000000; ./mvnw -Pbench runs it with the server's test class path)
# Data: generated with formats/src/bench/scripts/generate_xenium_scale.py (the readers' scale files) plus
# cells.parquet and experiment.xenium; KEEP_DATA=DIR reuses / keeps it; ROUNDS=N interleaved rounds (default 2);
# SKIP_PYTHON=1 runs our side only (e.g. to compare peak memory at another transcript count). Needs /usr/bin/python3 with h5py,
# pandas, anndata, zarr and pyarrow (PYTHONPATH to an unpacked wheel); without them it says so and stops.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cp=""
if [[ "${1:-}" == "--classpath" ]]; then cp=$2; shift 2; fi
cells=${1:-200000}; genes=${2:-5000}; transcripts=${3:-50000000}
if ! missing=$(/usr/bin/python3 -c 'import h5py, numpy, pandas, pyarrow, anndata, zarr' 2>&1); then
  echo "ingestion benchmark skipped: it needs /usr/bin/python3 with h5py, numpy, pandas, anndata, zarr and pyarrow" \
    "(set PYTHONPATH to an unpacked pyarrow wheel): ${missing##*$'\n'}"
  exit 0
fi
data=${KEEP_DATA:-$(mktemp -d /tmp/spatialx-ingest-bench.XXXXXX)}
[[ -n "${KEEP_DATA:-}" ]] || trap 'rm -rf "$data"' EXIT
if [[ ! -f "$data/transcripts.parquet" ]]; then
  /usr/bin/python3 "$root/formats/src/bench/scripts/generate_xenium_scale.py" "$data" "$cells" "$genes" "$transcripts" h5,parquet
fi
if [[ ! -f "$data/cells.parquet" ]]; then
  /usr/bin/python3 - "$data" "$cells" <<'PY'
import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
out, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(6)
pq.write_table(pa.table({"cell_id": [f"cell{i:07d}-1" for i in range(n)],
                         "x_centroid": rng.uniform(0, 10000, n), "y_centroid": rng.uniform(0, 8000, n)}),
               f"{out}/cells.parquet")
PY
  cp "$root/examples/data/xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium" "$data/"
fi
ls -l "$data"
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ -z "$cp" ]]; then
  cpfile=$(mktemp)
  (cd "$root" && ./mvnw -B -q test-compile dependency:build-classpath -pl server -am -Dmdep.outputFile="$cpfile" >/dev/null)
  cp="$root/server/target/classes:$root/server/target/test-classes:$(cat "$cpfile")"
  rm -f "$cpfile"
fi
process_time() { /usr/bin/time -f "  (process: %e s wall, %M kB peak RSS)" "$@"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
out=$(mktemp -d /tmp/spatialx-python-ingest.XXXXXX)
for round in $(seq 1 "${ROUNDS:-2}"); do
  echo "== java, round $round (-Xmx${JAVA_XMX:-3g})"
  process_time "$java" -Xmx${JAVA_XMX:-3g} --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" org.spatialx.server.ingestion.IngestionBenchmark "$data" 2>&1 | grep -v '^WARNING'
  [[ -z "${SKIP_PYTHON:-}" ]] || continue
  echo "== python, round $round"
  rm -rf "$out"/*
  process_time /usr/bin/python3 "$here/python_ingestion.py" "$data" "$out" 2>&1 | grep -v Warning
done
rm -rf "$out"
