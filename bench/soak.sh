#!/usr/bin/env bash
# Soak: N simulated days in one JVM (the arena's clock advanced day by day), each running the whole
# cycle with a fault-injecting demo provider, votes through the battles, and the snapshot; a CSV line
# per day (heap after GC, database size, published, snapshot) and a summary. See docs/reliability.md.
#   bench/soak.sh [--days N] [--db sqlite|postgresql|both] [--render auto|on|off] [--votes N]
# Defaults: 60 days, SQLite, rendering with Chromium when it is installed (said loudly when not).
# PostgreSQL is the embedded server the tests use. Exit status 1 when a day was not published or
# the snapshot days have a gap. Results in bench/results/soak/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
source "$HERE/lib/jdk.sh"

DAYS=60; DB=sqlite; RENDER=auto; VOTES=40
while (($#)); do
  case "$1" in
    --days) DAYS="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    --render) RENDER="$2"; shift 2 ;;
    --votes) VOTES="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "bench/soak.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$DB" in sqlite|postgresql) DBS=("$DB") ;; both) DBS=(sqlite postgresql) ;;
  *) echo "bench/soak.sh: --db must be sqlite, postgresql or both" >&2; exit 2 ;; esac
HEAP="${HEAP:-512m}"
OUT="$ROOT/bench/results/soak"; mkdir -p "$OUT"

cd "$ROOT"
./mvnw -B -q -o test-compile >&2 || ./mvnw -B -q test-compile >&2
./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null \
  || ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)" >&2
STATUS=0
for db in "${DBS[@]}"; do
  # One JVM per database, so the heap figures of one run are not the other's.
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx"$HEAP" -cp "$CP" autobench.bench.SoakRun \
    --days "$DAYS" --db "$db" --render "$RENDER" --votes "$VOTES" --out "$OUT" || STATUS=1
done
exit "$STATUS"
