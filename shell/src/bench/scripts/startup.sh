#!/bin/sh
# Start-up of the launcher, whole processes timed from outside (BENCHMARKS.md, "Shell"):
#   shell/src/bench/scripts/startup.sh [ROUNDS]          (default 5; prints one line per run, then medians)
#   VARIANTS="js-runtime js-aot" shell/src/bench/scripts/startup.sh 10     (only those variants)
# Variants, interleaved round by round so that the machine's load falls on all of them alike:
#   run hi.js / run hi.py attached to the warm runtime (the launcher's default: js-runtime, py-runtime);
#   in-process (SPATIALX_RUNTIME=0) with the start-up cache (js-aot, py-aot) and without (SPATIALX_AOT=0);
#   the REPL's first prompt (`shell --lang js|python` on a pseudo-terminal from script(1)) in-process with
#   the cache (prompt-js, prompt-py) and attached to the warm runtime (prompt-js-runtime, prompt-py-runtime),
#   and the whole `print(6*7)` piped into the REPL (the first answer, the context ready; in-process).
# The caches are made first (one recording run each, then waiting for the background assembly), then the
# warm runtime is started and warmed up; it is stopped at the end.
set -eu
root=$(cd "$(dirname "$0")/../../../.." && pwd)
rounds=${1:-5}
work=$(mktemp -d /tmp/spatialx-startup.XXXXXX)
trap './spatialx runtime stop >/dev/null 2>&1; rm -rf "$work"' EXIT
export SPATIALX_HOME="$work/home"
echo 'print("hi")' > "$work/hi.py"
echo 'console.log("hi")' > "$work/hi.js"
cd "$root"
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }

# one recording run per variant, then wait until no assembly is under way
for v in "run $work/hi.js" "run $work/hi.py"; do SPATIALX_RUNTIME=0 ./spatialx $v >/dev/null 2>&1 || true; done
printf '' | ./spatialx shell --lang js >/dev/null 2>&1 || true
printf '' | ./spatialx shell --lang python >/dev/null 2>&1 || true
while ls shell/target/startup-cache/*.lock >/dev/null 2>&1; do sleep 2; done
# the warm runtime: started by a run that finds none, ready when its status says its engine is warm
./spatialx run "$work/hi.js" >/dev/null 2>&1
until ./spatialx runtime status 2>/dev/null | grep -q 'script engine: warm ('; do sleep 1; done
./spatialx runtime status

# The REPL's first prompt: on a pseudo-terminal from script(1), the time until the banner's last line (the
# prompt follows it at once), then Ctrl-D. The first answer: `print(6*7)` piped in, the whole process.
prompt() { # $1 = js|python, $2 = SPATIALX_RUNTIME (0: in-process; 1: attached to the warm runtime)
  out="$work/repl.$1.out"
  rm -f "$out"
  start=$(now)
  ( i=0; until grep -q 'Ctrl-D leaves' "$out" 2>/dev/null || [ $i -ge 10000 ]; do sleep 0.02; i=$((i + 1)); done
    now > "$out.prompt"; printf '\004' ) \
    | SPATIALX_RUNTIME=$2 timeout 300 script -qfec "./spatialx shell --lang $1" "$out" >/dev/null 2>&1 || true
  seconds "$start" "$(cat "$out.prompt")"
}
answer() { # $1 = js|python
  [ "$1" = js ] && input='console.log(6*7)' || input='print(6*7)'
  start=$(now)
  printf '%s\n' "$input" | ./spatialx shell --lang "$1" 2>/dev/null | grep -q 42
  seconds "$start" "$(now)"
}

results="$work/results"
variants=${VARIANTS:-js-runtime py-runtime js-aot py-aot js-none py-none prompt-js prompt-py prompt-js-runtime prompt-py-runtime answer-js answer-py}
for i in $(seq 1 "$rounds"); do
  for variant in $variants; do
    l=$(load)
    case $variant in
      js-runtime) s=$(now); ./spatialx run "$work/hi.js" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      py-runtime) s=$(now); ./spatialx run "$work/hi.py" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      js-aot) s=$(now); SPATIALX_RUNTIME=0 ./spatialx run "$work/hi.js" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      py-aot) s=$(now); SPATIALX_RUNTIME=0 ./spatialx run "$work/hi.py" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      js-none) s=$(now); SPATIALX_RUNTIME=0 SPATIALX_AOT=0 ./spatialx run "$work/hi.js" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      py-none) s=$(now); SPATIALX_RUNTIME=0 SPATIALX_AOT=0 ./spatialx run "$work/hi.py" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      prompt-js) t=$(prompt js 0) ;;
      prompt-py) t=$(prompt python 0) ;;
      prompt-js-runtime) t=$(prompt js 1) ;;
      prompt-py-runtime) t=$(prompt python 1) ;;
      answer-js) t=$(answer js) ;;
      answer-py) t=$(answer python) ;;
    esac
    echo "$variant round $i: $t s (load $l)" | tee -a "$results"
  done
done
echo "medians of $rounds (first figure):"
for variant in $variants; do
  grep "^$variant " "$results" | awk '{print $4}' | sort -n | awk -v v="$variant" '{a[NR]=$1} END {print v, a[int((NR+1)/2)] " s"}'
done
