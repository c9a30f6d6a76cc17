# Sourced (POSIX sh) by ./mvnw, ./spatialx and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: the JAVA_HOME already set, then the JDKs under /usr/lib/jvm and /opt (newest first),
# then the `java` on PATH. Prints a clear error and returns 1 when none qualifies.
spatialx_jdk_major() {
  # $1 = a JDK home; prints its feature version (8, 17, 21, 25, ...) or nothing.
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9._]*\).*/\1/p' "$1/release" | head -n 1)
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9._]*\).*/\1/p' | head -n 1)
  else
    v=""
  fi
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s' "${v%%.*}"
}

spatialx_find_jdk() {
  candidates="${JAVA_HOME-}"
  # find, not a glob: ./mvnw runs with `set -f`.
  for d in $(find /usr/lib/jvm /opt /opt/java -mindepth 1 -maxdepth 1 2>/dev/null | sort -r); do
    candidates="$candidates
$d"
  done
  if command -v java >/dev/null 2>&1; then
    j=$(command -v java)
    j=$(readlink -f "$j" 2>/dev/null || printf '%s' "$j")
    candidates="$candidates
${j%/bin/java}"
  fi
  best="" best_major=0
  old_ifs=$IFS
  IFS='
'
  for c in $candidates; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    m=$(spatialx_jdk_major "$c")
    [ -n "$m" ] || continue
    if [ "$m" -ge 21 ]; then
      # Keep an explicit JAVA_HOME that qualifies; otherwise take the newest JDK found.
      if [ "$c" = "${JAVA_HOME-}" ]; then best=$c; best_major=$m; break; fi
      if [ "$m" -gt "$best_major" ]; then best=$c; best_major=$m; fi
    fi
  done
  IFS=$old_ifs
  if [ -z "$best" ]; then
    echo "spatialx: no JDK >= 21 found (looked at JAVA_HOME='${JAVA_HOME-}', /usr/lib/jvm/*, /opt and the java on PATH)." >&2
    echo "spatialx: install a JDK 21 or newer (JDK 25 recommended) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
