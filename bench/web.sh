#!/usr/bin/env bash
# Web throughput: wrk on loopback against the home, a task, the leaderboard and one API call, served
# by `autobench serve` (cached, then with --no-cache) and by nginx serving the very same bytes as
# static files, side by side in one run; plus the site's resident memory under load.
#   bench/web.sh                       defaults: 3 rounds of 8 s runs (median shown), 2 threads, 32 connections,
#                                      each URL without encoding and again with Accept-Encoding: gzip
#   DURATION=30 CONNECTIONS=64 bench/web.sh
#   PIN=1 bench/web.sh                 each server on core 1 (nginx with one worker), wrk on core 0 with one
#                                      thread: r/s is then what one core of the server can serve, not how the
#                                      two cores happened to be shared between wrk and the server
# Needs: wrk and nginx (Debian: apt-get install -y nginx-light wrk), curl. Results in bench/results/web/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
source "$HERE/lib/jdk.sh"
source "$HERE/lib/site.sh"   # demo_models_yaml, wait_for
PIN="${PIN:-0}"
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-8}"; WARMUP="${WARMUP:-5}"; CONNECTIONS="${CONNECTIONS:-32}"
SERVER_CPU=(); CLIENT_CPU=(); NGINX_WORKERS_N="$(nproc)"; THREADS="${THREADS:-2}"
if [[ "$PIN" == 1 ]]; then
  [[ "$(nproc)" -ge 2 ]] || { echo "bench/web.sh: PIN=1 needs two cores" >&2; exit 1; }
  command -v taskset >/dev/null 2>&1 || { echo "bench/web.sh: PIN=1 needs taskset (Debian: util-linux)" >&2; exit 1; }
  SERVER_CPU=(taskset -c 1); CLIENT_CPU=(taskset -c 0); NGINX_WORKERS_N=1; THREADS=1
fi
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
  "${SERVER_CPU[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED $JVM_OPTS -jar "$JAR" serve --roles web --config "$CONFIG" --port "$1" --sandbox-port "$2" "${@:3}" \
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
worker_processes $NGINX_WORKERS_N;
error_log $OUT/nginx-error.log;
pid $OUT/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on; tcp_nopush on; keepalive_requests 100000; gzip_static on;
  # without it nginx opens, stats and closes the file on every request (16-30 % fewer r/s on / here)
  open_file_cache max=1000 inactive=60s; open_file_cache_valid 60s;
  server {
    listen 127.0.0.1:$NGINX;
    root $STATIC;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
CONF
"${SERVER_CPU[@]}" nginx -c "$OUT/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
wait_for "http://127.0.0.1:$NGINX/"

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
PEAK=0
watch_rss() { while kill -0 "$CACHED_PID" 2>/dev/null; do r="$(rss_kb "$CACHED_PID")"; echo "$r"; sleep 0.5; done >"$OUT/rss-samples.txt"; }
watch_rss & PIDS+=($!)

# CPU the server spent (user + system, every thread or worker process), in clock ticks, from /proc.
NGINX_WORKERS=()
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
# One wrk run against the server whose pids follow the URL: prints "requests/s µs-of-server-CPU-per-request".
# r/s depends on how the two cores are shared between wrk and the server (and on anything else running);
# the CPU a server spends on one request does not, so it is the steadier of the two comparisons.
rps() {
  local url="$1"; shift; local pids=("$@") t0 t1 out
  t0="$(ticks "${pids[@]}")"
  out="$("${CLIENT_CPU[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "${WRK_ARGS[@]}" "$url" | tee -a "$OUT/wrk.log")"
  t1="$(ticks "${pids[@]}")"
  awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.2f\n", r, (n > 0 ? t * 1000000 / hz / n : 0)}' <<<"$out"
}
GZ=(-H 'Accept-Encoding: gzip')
: >"$OUT/wrk.log"
# JIT warm-up: the JVM compiles its hot path in the first seconds; nginx needs none, but gets the same.
for p in "${PATHS[@]}"; do
  for port in $CACHED $UNCACHED $NGINX; do "${CLIENT_CPU[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$p" >/dev/null; done
done
# Rounds interleave the three servers, so a burst of load from elsewhere hits all of them; the median is shown.
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A A N U AZ NZ
mapfile -t NGINX_WORKERS < <(pgrep -P "$NGINX_PID")
[[ ${#NGINX_WORKERS[@]} -gt 0 ]] || { echo "bench/web.sh: nginx has no worker processes" >&2; exit 1; }
declare -A AC NC AZC NZC
# Appends a run's r/s to the first array and its CPU per request to the second.
record() { local -n rs="$1" us="$2"; local key="$3" r c; read -r r c < <(rps "${@:4}"); rs[$key]+=" $r"; us[$key]+=" $c"; }
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    WRK_ARGS=()
    record A AC "$p" "http://127.0.0.1:$CACHED$p" "$CACHED_PID"
    record N NC "$p" "http://127.0.0.1:$NGINX$p" "${NGINX_WORKERS[@]}"
    U[$p]+=" $(rps "http://127.0.0.1:$UNCACHED$p" "$UNCACHED_PID" | cut -d' ' -f1)"
    WRK_ARGS=("${GZ[@]}")
    record AZ AZC "$p" "http://127.0.0.1:$CACHED$p" "$CACHED_PID"
    record NZ NZC "$p" "http://127.0.0.1:$NGINX$p" "${NGINX_WORKERS[@]}"
  done
done
# Columns: requests per second (median), their ratio, then the server CPU per request in µs (median)
# and nginx's CPU per request over ours (above 1.0: each request costs autobench less CPU than nginx).
HEAD_FMT='%-22s %14s %14s %8s %11s %11s %9s'
ROW_FMT='%-22s %14.0f %14.0f %8.2f %11.2f %11.2f %9.2f'
row() { # label a-rates n-rates a-cpu n-cpu
  local a n ac nc; a="$(echo "$2" | median)"; n="$(echo "$3" | median)"; ac="$(echo "$4" | median)"; nc="$(echo "$5" | median)"
  printf "$ROW_FMT" "$1" "$a" "$n" "$(echo "$a / $n" | bc -l)" "$ac" "$nc" "$(echo "$nc / $ac" | bc -l)"
}
printf "\n$HEAD_FMT %16s\n" "path" "autobench r/s" "nginx r/s" "ratio" "ab µs/req" "ngx µs/req" "cpu ratio" "no-cache r/s" | tee "$OUT/summary.txt"
for p in "${PATHS[@]}"; do
  label="$p"; [[ "$p" == /task/* ]] && label="/task/{id}"
  printf '%s %16.0f\n' "$(row "$label" "${A[$p]}" "${N[$p]}" "${AC[$p]}" "${NC[$p]}")" "$(echo "${U[$p]}" | median)" | tee -a "$OUT/summary.txt"
  echo "  rounds: autobench${A[$p]} · nginx${N[$p]} · no-cache${U[$p]} · µs/req autobench${AC[$p]} · nginx${NC[$p]}" >>"$OUT/summary.txt"
done
printf "\nAccept-Encoding: gzip (as browsers ask; both send the same gzip bytes)\n$HEAD_FMT\n" "path" "autobench r/s" "nginx r/s" "ratio" "ab µs/req" "ngx µs/req" "cpu ratio" | tee -a "$OUT/summary.txt"
for p in "${PATHS[@]}"; do
  label="$p"; [[ "$p" == /task/* ]] && label="/task/{id}"
  row "$label" "${AZ[$p]}" "${NZ[$p]}" "${AZC[$p]}" "${NZC[$p]}" | tee -a "$OUT/summary.txt"; echo | tee -a "$OUT/summary.txt"
  echo "  rounds: autobench${AZ[$p]} · nginx${NZ[$p]} · µs/req autobench${AZC[$p]} · nginx${NZC[$p]}" >>"$OUT/summary.txt"
done
PEAK="$(sort -n "$OUT/rss-samples.txt" | tail -1)"
echo | tee -a "$OUT/summary.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine competes for the same cores)" | tee -a "$OUT/summary.txt"
echo "autobench serve (cached) peak RSS under load: $((PEAK / 1024)) MB ($JVM_OPTS); $(nproc) cores$([[ "$PIN" == 1 ]] && echo ", servers pinned to core 1 and wrk to core 0"); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS rounds" | tee -a "$OUT/summary.txt"
echo "JDK: $("$JAVA" -version 2>&1 | head -1); nginx: $(nginx -v 2>&1)" | tee -a "$OUT/summary.txt"
