# Sourced (POSIX sh) by ./mvnw, ./spatialx and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: the JAVA_HOME already set, then the JDKs under /usr/lib/jvm and /opt (newest first),
# then the `java` on PATH. Prints a clear error and returns 1 when none qualifies.
# Every ./spatialx command runs this first, so it starts no process where the shell can do the work:
# versions are read from each JDK's `release` file with the shell's own `read` (a sed per JDK was most of
# the 90 ms this took; BENCHMARKS.md, "Attached commands: the launcher").

# Sets spatialx_major to the feature version (8, 17, 21, 25, ...) of the JDK home $1, or to nothing.
spatialx_read_major() {
  spatialx_major=""
  v=""
  if [ -r "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"*)
          v=${line#JAVA_VERSION=\"}
          v=${v%%\"*}
          break ;;
      esac
    done <"$1/release"
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9._]*\).*/\1/p' | head -n 1)
  fi
  case $v in 1.*) v=${v#1.} ;; esac
  spatialx_major=${v%%[!0-9]*}
}

# True when $1 is a JDK (it has javac) of version 21 or newer; spatialx_major is then its version.
spatialx_qualifies() {
  [ -x "$1/bin/javac" ] || return 1
  spatialx_read_major "$1"
  [ -n "$spatialx_major" ] && [ "$spatialx_major" -ge 21 ]
}

# Makes JAVA_HOME the best JDK >= 21 and exports it; spatialx_java_major is then its feature version.
spatialx_find_jdk() {
  best="" best_major=0
  # an explicit JAVA_HOME that qualifies is kept
  if [ -n "${JAVA_HOME-}" ] && spatialx_qualifies "$JAVA_HOME"; then
    best=$JAVA_HOME best_major=$spatialx_major
  fi
  if [ -z "$best" ]; then
    # globs, sorted by name: of two JDKs of the same version the later name wins (./mvnw runs with set -f)
    case $- in *f*) globbing_was_off=1; set +f ;; *) globbing_was_off=0 ;; esac
    for c in /usr/lib/jvm/* /opt/* /opt/java/*; do
      if spatialx_qualifies "$c" && [ "$spatialx_major" -ge "$best_major" ]; then
        best=$c best_major=$spatialx_major
      fi
    done
    [ "$globbing_was_off" = 0 ] || set -f
    # the java on PATH, when it is newer than all of those
    if command -v java >/dev/null 2>&1; then
      j=$(command -v java)
      j=$(readlink -f "$j" 2>/dev/null || printf '%s' "$j")
      c=${j%/bin/java}
      if spatialx_qualifies "$c" && [ "$spatialx_major" -gt "$best_major" ]; then
        best=$c best_major=$spatialx_major
      fi
    fi
  fi
  if [ -z "$best" ]; then
    echo "spatialx: no JDK >= 21 found (looked at JAVA_HOME='${JAVA_HOME-}', /usr/lib/jvm/*, /opt and the java on PATH)." >&2
    echo "spatialx: install a JDK 21 or newer (JDK 25 recommended) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  spatialx_java_major=$best_major
  export JAVA_HOME
}
