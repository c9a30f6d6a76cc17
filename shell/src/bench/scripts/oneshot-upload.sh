#!/bin/sh
# One-shot uploads, whole processes timed from outside against one `./spatialx serve` on loopback
# (BENCHMARKS.md, "Uploads: one-shot"). Usage:
#   shell/src/bench/scripts/oneshot-upload.sh [SIZE_MIB [ROUNDS]]     (default 1024 MiB, 5 rounds)
# Per round (odd rounds in this order, even rounds in reverse): curl -F file=@ to upload/simple;
# `./spatialx run up.js` (upload_big_file); `./spatialx upload FILE` attached to the warm runtime (upload-cli)
# and in-process (upload-cli-inproc: SPATIALX_RUNTIME=0); the Python SDK's upload_big_file (sdk_upload.py,
# CPython + requests). VARIANTS="upload-cli upload-cli-inproc" runs only those. Each
# upload goes to its own server folder; the published file's SHA-256 is checked against the local one after
# every upload (not timed). Prints one line per upload (seconds, MB/s, load average; the CPU seconds of the
# client process, user + system (attached to the warm runtime: the client's, then the runtime's, which does the work), and
# of the server during the upload; for `spatialx upload`, the transfer time it reports itself, JVM start
# excluded) and the medians.
# DIR=/some/disk puts the file and the server home there (default /tmp). FILE=/path uploads that file (kept)
# instead of a new random one of SIZE_MIB: runs of two checkouts, alternated, then send the same bytes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
size_mib=${1:-1024}
rounds=${2:-5}
work=$(mktemp -d "${DIR:-/tmp}/spatialx-oneshot.XXXXXX")
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; ./spatialx runtime stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
cd "$root"
export SPATIALX_HOME="$work/client-home"
file=${FILE:-$work/data-$size_mib.bin}
[ -n "${FILE:-}" ] || head -c "$((size_mib * 1048576))" /dev/urandom > "$file"
expected=$(sha256sum "$file" | cut -d' ' -f1)
bytes=$(stat -c %s "$file")

token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
SPATIALX_TOKEN=$token ./spatialx serve --home "$work/server-home" --port 0 > "$work/serve.log" 2>&1 &
server_pid=$!
while ! grep -q "domain:" "$work/serve.log"; do sleep 0.2; kill -0 "$server_pid"; done
domain=$(sed -n 's/^ *domain: *//p' "$work/serve.log" | head -n 1)
uploads="$work/server-home/uploads"
cat > "$work/up.js" <<JS
const connector = new SpatialXConnector({domain: env.DOMAIN, token: env.TOKEN});
connector.upload_big_file({file_path: argv[1], server_folder_name: argv[2]});
JS
# The start-up caches of `run` (js) and `upload` are made before timing anything, by a 64 MiB upload each
# (their training runs), as a user's first upload would make them.
head -c 67108864 /dev/urandom > "$work/training.bin"
DOMAIN=$domain TOKEN=$token ./spatialx run "$work/up.js" "$work/training.bin" training-js >/dev/null 2>&1
SPATIALX_RUNTIME=0 SPATIALX_TOKEN=$token ./spatialx upload --domain "$domain" --folder training-cli "$work/training.bin" >/dev/null 2>&1
# curl's path on the server (upload/simple) is warmed the same way: a first upload runs its code cold
curl -sS -f -H "SpatialX-Token: $token" -F folder_name=training-curl -F unique_id= -F is_chunk=False \
  -F "file=@$work/training.bin" "${domain}openapi/upload/simple" >/dev/null
while ls shell/target/startup-cache/*.lock >/dev/null 2>&1; do sleep 2; done
# the warm runtime (run-js and upload-cli attach to it): started by a command that finds none
SPATIALX_TOKEN=$token ./spatialx upload --domain "$domain" --folder training-runtime "$work/training.bin" >/dev/null 2>&1
until ./spatialx runtime status 2>/dev/null | grep -q 'script engine: warm ('; do sleep 1; done

results="$work/results"
server_java=$(pgrep -P "$server_pid" java || echo "$server_pid") # the launcher execs java: usually the same
runtime_pid=$(./spatialx runtime status | sed -n 's/^warm runtime: pid \([0-9]*\).*/\1/p')
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU of process $1, clock ticks
check() { # $1 = the server folder: the published file must have the local SHA-256
  got=$(find "$work/server-home" -path "*/$1/$(basename "$file")" -type f | head -n 1)
  [ -n "$got" ] && [ "$(sha256sum "$got" | cut -d' ' -f1)" = "$expected" ] || { echo "MISMATCH or missing in $1" >&2; exit 1; }
  rm -f "$got"
}
variants=${VARIANTS:-curl run-js upload-cli upload-cli-inproc python-sdk}
reversed=$(echo $variants | tr ' ' '\n' | tac | tr '\n' ' ')
for i in $(seq 1 "$rounds"); do
  order=$variants
  [ $((i % 2)) -eq 1 ] || order=$reversed # even rounds in reverse: no variant always goes first
  for variant in $order; do
    folder="$variant-$i"
    l=$(cut -d' ' -f1 /proc/loadavg)
    c0=$(cpu_ticks "$server_java")
    r0=$(cpu_ticks "$runtime_pid")
    s=$(date +%s.%N)
    timed="/usr/bin/time -f %U+%S -o $work/cpu"
    case $variant in
      curl) $timed curl -sS -f -H "SpatialX-Token: $token" -F "folder_name=$folder" -F unique_id= -F is_chunk=False \
              -F "file=@$file" "${domain}openapi/upload/simple" >/dev/null ;;
      run-js) DOMAIN=$domain TOKEN=$token $timed ./spatialx run "$work/up.js" "$file" "$folder" >/dev/null ;;
      upload-cli) SPATIALX_TOKEN=$token $timed ./spatialx upload --domain "$domain" --folder "$folder" "$file" > "$work/out" ;;
      upload-cli-inproc) SPATIALX_RUNTIME=0 SPATIALX_TOKEN=$token $timed ./spatialx upload --domain "$domain" \
                           --folder "$folder" "$file" > "$work/out" ;;
      python-sdk) $timed /usr/bin/python3 "$here/sdk_upload.py" "$domain" "$token" "$file" "$folder" >/dev/null ;;
    esac
    e=$(date +%s.%N)
    c1=$(cpu_ticks "$server_java")
    r1=$(cpu_ticks "$runtime_pid")
    t=$(echo "$e - $s" | bc)
    check "$folder"
    client=$(echo "$(cat "$work/cpu")" | bc)
    case $variant in # attached: the runtime does the work
      run-js|upload-cli) client="$client + runtime $(echo "scale=2; ($r1 - $r0) / 100" | bc)" ;;
    esac
    transfer=""
    case $variant in upload-cli*) transfer=", transfer $(sed -n 's/.*bytes, \([0-9.]*\) s,.*/\1/p' "$work/out") s" ;; esac
    echo "$variant round $i: $t s $(echo "$bytes / $t / 1000000" | bc) MB/s (load $l; CPU s: client $client, server $(echo "scale=2; ($c1 - $c0) / 100" | bc)$transfer)" | tee -a "$results"
  done
done
echo "medians of $rounds, $size_mib MiB:"
for variant in $variants; do
  grep "^$variant " "$results" | awk '{print $4, $6}' | sort -n | awk -v v="$variant" '{t[NR]=$1; r[NR]=$2} END {m=int((NR+1)/2); print v, t[m] " s", r[m] " MB/s"}'
done
