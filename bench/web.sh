#!/usr/bin/env bash
# Web throughput: wrk on loopback against the home, a task, the leaderboard and one API call, served
# by `autobench serve` (cached, then with --no-cache) and by nginx serving the very same bytes as
# static files, side by side in one run; plus the site's resident memory under load.
#   bench/web.sh                       defaults: 3 rounds of 8 s runs (median shown), 2 threads, 32 connections,
#                                      each URL without encoding and again with Accept-Encoding: gzip
#   DURATION=30 CONNECTIONS=64 bench/web.sh
# Needs: wrk and nginx (Debian: apt-get install -y nginx-light wrk), curl. Results in bench/results/web/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
source "$HERE/lib/jdk.sh"
source "$HERE/lib/site.sh"   # demo_models_yaml, wait_for
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-8}"; WARMUP="${WARMUP:-5}"; THREADS="${THREADS:-2}"; CONNECTIONS="${CONNECTIONS:-32}"
JVM_OPTS="${JVM_OPTS:-$("$ROOT/autobench" serve-java-opts)}"   # the launcher's serve defaults
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as the launcher sets it for serve
OUT="$ROOT/bench/results/web"; mkdir -p "$OUT"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/web.sh: $tool is missing (Debian: apt-get install -y nginx-light wrk curl)" >&2; exit 1; }
done
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$ROOT/autobench" build >&2
JAR="$ROOT/target/autobench.jar"

# The data: three demo days with simulated votes, made once and kept.
DB="$OUT/bench.db"
if [[ ! -f "$DB" ]]; then
  echo "bench/web.sh: creating three demo days in $DB (renders every answer once; a few minutes)" >&2
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" demo --no-serve --days 3 --database "jdbc:sqlite:$DB" >"$OUT/demo.log" 2>&1
fi
CONFIG="$OUT/bench.yaml"
{ echo "database: \"jdbc:sqlite:$DB\""; demo_models_yaml; } >"$CONFIG"

serve() { # port sandbox-port extra-args... ; prints the pid
  # --roles web: the web alone, so no scheduled cycle competes with the load (and the data stays fixed)
  "$JAVA" --enable-native-access=ALL-UNNAMED $JVM_OPTS -jar "$JAR" serve --roles web --config "$CONFIG" --port "$1" --sandbox-port "$2" "${@:3}" \
    >"$OUT/serve-$1.log" 2>&1 &
  echo $!
}

CACHED=18480; UNCACHED=18482; NGINX=18490
CACHED_PID="$(serve $CACHED 18481)"; PIDS+=("$CACHED_PID")
UNCACHED_PID="$(serve $UNCACHED 18483 --no-cache)"; PIDS+=("$UNCACHED_PID")
wait_for "http://127.0.0.1:$CACHED/"; wait_for "http://127.0.0.1:$UNCACHED/"

TASK="$(curl -fsS "http://127.0.0.1:$CACHED/api/v1/days" | sed -E 's/.*"day":"([0-9-]+)".*/\1/;q')"
TASK="$(curl -fsS "http://127.0.0.1:$CACHED/api/v1/days/$TASK" | sed -E 's/^[^[]*\[\{"id":"([^"]+)".*/\1/')"
PATHS=("/" "/task/$TASK" "/leaderboard" "/api/v1/leaderboard")

# nginx gets exactly the bytes the site sends: uncompressed, and beside each file the site's own gzip
# form (FILE.gz, served by gzip_static) for the runs that ask for gzip as browsers do.
STATIC="$OUT/static"; rm -rf "$STATIC"; mkdir -p "$STATIC"
for p in "${PATHS[@]}"; do
  f="$STATIC${p%/}"; [[ "$p" == "/" ]] && f="$STATIC/index.html"
  mkdir -p "$(dirname "$f")"; curl -fsS "http://127.0.0.1:$CACHED$p" -o "$f"
  curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$CACHED$p" -o "$f.gz"
  cmp -s <(gzip -dc "$f.gz") "$f" || { echo "bench/web.sh: the gzip form of $p does not decode to its page" >&2; exit 1; }
done
cat >"$OUT/nginx.conf" <<CONF
worker_processes $(nproc);
error_log $OUT/nginx-error.log;
pid $OUT/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on; tcp_nopush on; keepalive_requests 100000; gzip_static on;
  server {
    listen 127.0.0.1:$NGINX;
    root $STATIC;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
CONF
nginx -c "$OUT/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX/"

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
PEAK=0
watch_rss() { while kill -0 "$CACHED_PID" 2>/dev/null; do r="$(rss_kb "$CACHED_PID")"; echo "$r"; sleep 0.5; done >"$OUT/rss-samples.txt"; }
watch_rss & PIDS+=($!)

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$@" | tee -a "$OUT/wrk.log" | awk '/Requests\/sec/ {print $2}'; }
GZ=(-H 'Accept-Encoding: gzip')
: >"$OUT/wrk.log"
# JIT warm-up: the JVM compiles its hot path in the first seconds; nginx needs none, but gets the same.
for p in "${PATHS[@]}"; do
  for port in $CACHED $UNCACHED $NGINX; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$p" >/dev/null; done
done
# Rounds interleave the three servers, so a burst of load from elsewhere hits all of them; the median is shown.
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A A N U AZ NZ
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    A[$p]+=" $(rps "http://127.0.0.1:$CACHED$p")"
    N[$p]+=" $(rps "http://127.0.0.1:$NGINX$p")"
    U[$p]+=" $(rps "http://127.0.0.1:$UNCACHED$p")"
    AZ[$p]+=" $(rps "${GZ[@]}" "http://127.0.0.1:$CACHED$p")"
    NZ[$p]+=" $(rps "${GZ[@]}" "http://127.0.0.1:$NGINX$p")"
  done
done
printf '\n%-22s %14s %14s %8s %16s\n' "path" "autobench r/s" "nginx r/s" "ratio" "no-cache r/s" | tee "$OUT/summary.txt"
for p in "${PATHS[@]}"; do
  a="$(echo "${A[$p]}" | median)"; n="$(echo "${N[$p]}" | median)"; u="$(echo "${U[$p]}" | median)"
  label="$p"; [[ "$p" == /task/* ]] && label="/task/{id}"
  printf '%-22s %14.0f %14.0f %8.2f %16.0f\n' "$label" "$a" "$n" "$(echo "$a / $n" | bc -l)" "$u" | tee -a "$OUT/summary.txt"
  echo "  rounds: autobench${A[$p]} · nginx${N[$p]} · no-cache${U[$p]}" >>"$OUT/summary.txt"
done
printf '\nAccept-Encoding: gzip (as browsers ask; both send the same gzip bytes)\n%-22s %14s %14s %8s\n' "path" "autobench r/s" "nginx r/s" "ratio" | tee -a "$OUT/summary.txt"
for p in "${PATHS[@]}"; do
  a="$(echo "${AZ[$p]}" | median)"; n="$(echo "${NZ[$p]}" | median)"
  label="$p"; [[ "$p" == /task/* ]] && label="/task/{id}"
  printf '%-22s %14.0f %14.0f %8.2f\n' "$label" "$a" "$n" "$(echo "$a / $n" | bc -l)" | tee -a "$OUT/summary.txt"
  echo "  rounds: autobench${AZ[$p]} · nginx${NZ[$p]}" >>"$OUT/summary.txt"
done
PEAK="$(sort -n "$OUT/rss-samples.txt" | tail -1)"
echo | tee -a "$OUT/summary.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine competes for the same cores)" | tee -a "$OUT/summary.txt"
echo "autobench serve (cached) peak RSS under load: $((PEAK / 1024)) MB ($JVM_OPTS); $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS rounds" | tee -a "$OUT/summary.txt"
echo "JDK: $("$JAVA" -version 2>&1 | head -1); nginx: $(nginx -v 2>&1)" | tee -a "$OUT/summary.txt"
