#!/bin/sh
# Start-up of the launcher, whole processes timed from outside (BENCHMARKS.md, "Shell"):
#   shell/src/bench/scripts/startup.sh [ROUNDS]          (default 5; prints one line per run, then medians)
# Variants, interleaved round by round so that the machine's load falls on all of them alike:
#   run hi.js / run hi.py with the start-up cache (the launcher's default), and without (SPATIALX_AOT=0);
#   the REPL's first prompt (`shell --lang js|python`, a pseudo-terminal from script(1) when present:
#   the time until the prompt is printed, then the time until the answer of its first input).
# The caches are made first (one recording run each, then waiting for the background assembly).
set -eu
root=$(cd "$(dirname "$0")/../../../.." && pwd)
rounds=${1:-5}
work=$(mktemp -d /tmp/spatialx-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SPATIALX_HOME="$work/home"
echo 'print("hi")' > "$work/hi.py"
echo 'console.log("hi")' > "$work/hi.js"
cd "$root"
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }

# one recording run per variant, then wait until no assembly is under way
for v in "run $work/hi.js" "run $work/hi.py"; do ./spatialx $v >/dev/null 2>&1 || true; done
printf 'exit()\n' | ./spatialx shell --lang js >/dev/null 2>&1 || true
printf 'exit()\n' | ./spatialx shell --lang python >/dev/null 2>&1 || true
while ls shell/target/startup-cache/*.lock >/dev/null 2>&1; do sleep 2; done

# The REPL: the prompt is on the terminal; `script` gives it one, `expect`-free: the first line typed is
# evaluated only once the context is ready, and its answer is what we wait for.
repl() { # $1 = js|python; prints "prompt-seconds answer-seconds"
  [ "$1" = js ] && input='console.log(6*7)' || input='print(6*7)'
  start=$(now)
  out="$work/repl.$1.out"
  rm -f "$out"
  ( sleep 0.05; while ! grep -q '>>> \|> ' "$out" 2>/dev/null; do sleep 0.02; done; echo "prompt $(now)" > "$out.prompt"
    printf '%s\n' "$input" ; while ! grep -q '^42' "$out" 2>/dev/null; do sleep 0.02; done; echo "answer $(now)" > "$out.answer"
    printf 'exit()\n' ) | script -qfec "./spatialx shell --lang $1" "$out" >/dev/null 2>&1 || true
  p=$(cut -d' ' -f2 "$out.prompt"); a=$(cut -d' ' -f2 "$out.answer")
  echo "$(seconds "$start" "$p") $(seconds "$start" "$a")"
}

results="$work/results"
for i in $(seq 1 "$rounds"); do
  for variant in js-aot py-aot js-none py-none repl-js repl-py; do
    l=$(load)
    case $variant in
      js-aot) s=$(now); ./spatialx run "$work/hi.js" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      py-aot) s=$(now); ./spatialx run "$work/hi.py" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      js-none) s=$(now); SPATIALX_AOT=0 ./spatialx run "$work/hi.js" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      py-none) s=$(now); SPATIALX_AOT=0 ./spatialx run "$work/hi.py" >/dev/null; t=$(seconds "$s" "$(now)") ;;
      repl-js) t=$(repl js) ;;
      repl-py) t=$(repl python) ;;
    esac
    echo "$variant round $i: $t s (load $l)" | tee -a "$results"
  done
done
echo "medians of $rounds (first figure):"
for variant in js-aot py-aot js-none py-none repl-js repl-py; do
  grep "^$variant " "$results" | awk '{print $4}' | sort -n | awk -v v="$variant" '{a[NR]=$1} END {print v, a[int((NR+1)/2)] " s"}'
done
