#!/usr/bin/env bash
# Load: `autobench serve` with a demo week of data, on SQLite and on PostgreSQL, in three phases per
# database: (1) wrk reads the home, a task, the leaderboard and the API alone; (2) the same reads while
# 100 voting visitors (each with its own cookies and address) take battles, fetch their two posters as a
# browser would, and vote; (3) a crawler
# floods the cacheable routes with 100,000 distinct query strings, with the leaderboard's latency and
# the page cache's size before and after. Figures per database: reads with votes / reads without,
# votes accepted vs stored, refusals by reason, 5xx, p50/p99 per endpoint, requests/s, the server's peak
# RSS, its heap and off-heap memory (Native Memory Tracking) and the cache's share. A compact table to
# paste into docs/reliability.md closes the output. See docs/reliability.md.
#   bench/load.sh [--db sqlite|postgresql|both] [--seconds N] [--visitors N] [--flood N] [--think-ms N]
# Needs: wrk, curl; PostgreSQL's server package (/usr/lib/postgresql/*/bin) for the real server, else the
# embedded one the tests use. --think-ms: each visitor looks at a battle this long (±50 %) before voting;
# 0 (the default) votes at once, a closed loop that measures capacity. WRK_NICE=N (default 10) is the niceness
# the read floods (wrk) run at; 0 runs them beside the server at equal priority. POOL_SIZE=N sets the server's
# database_pool_size (default: the server's own, 4 on SQLite, 10 on PostgreSQL). Exit status 1 when accepted != stored
# or any answer was a 5xx (or non-2xx for wrk).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
source "$HERE/lib/jdk.sh"
source "$HERE/lib/site.sh"   # demo_models_yaml, wait_for

DB=both; SECONDS_RUN=60; VISITORS=100; FLOOD=100000; THINK_MS=0
while (($#)); do
  case "$1" in
    --flood) FLOOD="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    --seconds) SECONDS_RUN="$2"; shift 2 ;;
    --visitors) VISITORS="$2"; shift 2 ;;
    --think-ms) THINK_MS="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/load.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$DB" in sqlite) DBS=(sqlite) ;; postgresql) DBS=(postgresql) ;; both) DBS=(sqlite postgresql) ;;
  *) echo "bench/load.sh: --db must be sqlite, postgresql or both" >&2; exit 2 ;; esac
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as the launcher sets it for serve
DAYS="${DAYS:-7}"; JVM_OPTS="${JVM_OPTS:-$("$ROOT/autobench" serve-java-opts)}"; WRK_CONNECTIONS="${WRK_CONNECTIONS:-8}"; WARMUP="${WARMUP:-5}"
# The read floods stand for visitors on other machines. On this one they are four threads that never sleep, and at
# equal priority they took the cores from PostgreSQL's backends mid-statement (a backend preempted while it holds a
# row or buffer lock stalls every vote queued behind it): the vote p99 then measured the scheduler, 194-271 ms in
# six runs against 54 ms with wrk at nice 10 (docs/reliability.md, "The vote tail on PostgreSQL"). At nice 10 wrk
# still takes every cycle the server leaves idle; the voting client, whose latencies are the figures, is not niced.
WRK_NICE="${WRK_NICE:-10}"
wrk() { nice -n "$WRK_NICE" wrk "$@"; }
CLIENT_WARMUP="${CLIENT_WARMUP:-5}"
OUT="$ROOT/bench/results/load"; mkdir -p "$OUT"
for tool in wrk curl; do
  type -P "$tool" >/dev/null 2>&1 || { echo "bench/load.sh: $tool is missing (Debian: apt-get install -y wrk curl)" >&2; exit 1; }
done

PIDS=(); CLEANUP=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  undo
}
undo() { # the clean-up steps, last registered first (stop the server before removing its directory)
  local i
  for ((i = ${#CLEANUP[@]} - 1; i >= 0; i--)); do eval "${CLEANUP[$i]}" || true; done
  CLEANUP=()
}
trap cleanup EXIT

cd "$ROOT"
"$ROOT/autobench" --help >/dev/null # builds the jar first if the sources changed since
JAR="$ROOT/target/autobench.jar"
./mvnw -B -q -o test-compile >&2 || ./mvnw -B -q test-compile >&2
./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null \
  || ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)"
run_java() { "$JAVA" --enable-native-access=ALL-UNNAMED "$@"; }

free_port() { # a port nobody listens on
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  echo "bench/load.sh: no free port found" >&2; exit 1
}

# The data: a demo week (tasks, answers, renders, simulated votes), made once on SQLite and kept;
# every run starts from a copy of it (SQLite) or an import of its export (PostgreSQL).
WEEK="$OUT/week.db"
if [[ ! -f "$WEEK" ]]; then
  echo "bench/load.sh: creating $DAYS demo days in $WEEK (renders every answer once; several minutes)" >&2
  run_java -jar "$JAR" demo --no-serve --days "$DAYS" --database "jdbc:sqlite:$WEEK.tmp" >"$OUT/demo.log" 2>&1
  mv "$WEEK.tmp" "$WEEK"
fi
# Exported with nothing blind (reveal_after_days 0), so that the PostgreSQL copy has the tasks still blind on
# SQLite too: battles are drawn only from those.
EXPORT="$OUT/week-export-all"
if [[ ! -f "$EXPORT/manifest.json" || "$EXPORT/manifest.json" -ot "$WEEK" ]]; then
  rm -rf "$EXPORT"
  { echo "database: \"jdbc:sqlite:$WEEK\""; echo "voting: {reveal_after_days: 0}"; demo_models_yaml; } >"$OUT/export.yaml"
  run_java -jar "$JAR" export --out "$EXPORT" --config "$OUT/export.yaml" >"$OUT/export.log" 2>&1
fi

PG_NOTE=""; PG_BIN=""; PG_PORT=""
# A server that has been up for a while reuses its WAL files: each checkpoint renames the old ones for the
# log to come. A server fresh from initdb has none, so at every 16 MB switch during the run it creates a
# file and fills it with zeros while every writing backend waits: on this machine's disk, clusters of votes
# stalled together for 300-760 ms (six such stalls in 30 s of votes, docs/reliability.md). Writing and
# dropping 64 MB and checkpointing gives the run the reused files a running server has. Settings unchanged.
warm_wal() { # log file
  [[ -n "$PG_BIN" ]] || return 0
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U autobench -d autobench -v ON_ERROR_STOP=1 \
    -c "CREATE TABLE wal_warmup AS SELECT repeat('x', 1000) AS x FROM generate_series(1, 65536)" \
    -c "DROP TABLE wal_warmup" -c "CHECKPOINT" >"$1" 2>&1
}
start_postgres() { # sets JDBC; the server lives in a temp dir and is stopped on exit
  local port; port="$(free_port)"
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  local tmp; tmp="$(mktemp -d /tmp/autobench-load-pg.XXXXXX)"
  CLEANUP+=("rm -rf '$tmp'")
  if [[ -n "$bin" && -x "$bin/pg_ctl" ]]; then
    local as=()
    if [[ "$(id -u)" == 0 ]]; then chown postgres "$tmp"; as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/initdb" -D "$tmp/data" -U autobench -A trust -E UTF8 >"$OUT/initdb.log" 2>&1
    "${as[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
      -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_SETTINGS:-}" start >"$OUT/pg_ctl.log" 2>&1
    CLEANUP+=("${as[*]} '$bin/pg_ctl' -D '$tmp/data' -m fast -w stop >/dev/null 2>&1")
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U autobench autobench
    JDBC="jdbc:postgresql://127.0.0.1:$port/autobench?user=autobench"
    PG_BIN="$bin"; PG_PORT="$port"
    PG_NOTE="PostgreSQL $("$bin/postgres" --version | awk '{print $3}') (Debian package, started by this script: initdb, pg_ctl; default settings, max_connections=200; WAL warmed, see warm_wal)"
  else
    echo "bench/load.sh: no PostgreSQL server package (/usr/lib/postgresql/*/bin); using the embedded PostgreSQL of the tests" >&2
    "$JAVA" -cp "$CP" autobench.bench.EmbeddedPostgresServer "$port" "$tmp/data" >"$OUT/embedded-pg.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 120); do grep -q ready "$OUT/embedded-pg.log" && break; sleep 0.5; done
    grep -q ready "$OUT/embedded-pg.log" || { echo "embedded PostgreSQL did not start" >&2; exit 1; }
    JDBC="jdbc:postgresql://127.0.0.1:$port/autobench?user=postgres"
    PG_NOTE="embedded PostgreSQL (zonky; the server package was missing)"
  fi
}

wrk_field() { # file label -> value in ms for latency percentiles, raw for others
  local f="$1"
  case "$2" in
    rps) awk '/Requests\/sec/ {print $2}' "$f" ;;
    p50|p99) awk -v q="${2#p}%" '$1 == q {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.1f", v}' "$f" ;;
    non2xx) awk '/Non-2xx or 3xx responses/ {print $5}' "$f" | grep . || echo 0 ;;
    errors) awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$f" | grep . || echo 0 ;;
    requests) awk '/requests in/ {print $1}' "$f" ;;
  esac
}

# The server's memory as the JVM accounts for it: heap committed and used, and Native Memory Tracking's total
# (heap, class metadata, threads, code, GC, direct buffers under "Other", …), beside the RSS the kernel counts.
memory() { # file
  local jcmd="$JAVA_HOME/bin/jcmd"
  { "$jcmd" "$SERVER" VM.native_memory summary scale=KB; "$jcmd" "$SERVER" GC.heap_info; } >"$1" 2>&1 || true
}
nmt() { # file category -> committed MB
  awk -v c="$2" '($0 ~ ("^-[ ]+" c " [(]")) || ($1 == "Total:" && c == "Total") {
    if (match($0, /committed=[0-9]+KB/)) { v = substr($0, RSTART + 10, RLENGTH - 12); printf "%.0f", v / 1024; exit } }' "$1"
}
heap_used() { # G1's one line, or the serial collector's two generations added
  awk '/^ *(garbage-first heap|DefNew|Tenured|PSYoungGen|ParOldGen) / { if (match($0, /used [0-9]+K/)) u += substr($0, RSTART + 5, RLENGTH - 6) }
       END { printf "%.0f", u / 1024 }' "$1"
}

STATUS=0
declare -a COMPACT=()
SUMMARY="$OUT/summary.txt"; : >"$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }
say "bench/load.sh --db $DB --seconds $SECONDS_RUN --visitors $VISITORS --think-ms $THINK_MS   ($(date -u '+%Y-%m-%d %H:%M UTC'))"
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, load average at start $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"

for db in "${DBS[@]}"; do
  RUN="$OUT/$db"; rm -rf "$RUN"; mkdir -p "$RUN"
  if [[ "$db" == sqlite ]]; then
    cp "$WEEK" "$RUN/load.db"
    JDBC="jdbc:sqlite:$RUN/load.db"; NOTE="SQLite file (WAL), a copy of the demo week"
  else
    start_postgres
    { echo "database: \"$JDBC\""; demo_models_yaml; } >"$RUN/import.yaml"
    run_java -jar "$JAR" import "$EXPORT" --config "$RUN/import.yaml" >"$RUN/import.log" 2>&1
    NOTE="$PG_NOTE, the demo week imported from its export"
  fi
  # The data was made on some earlier day: move its days so the newest is today's, blind, with battles to vote on.
  run_java -cp "$CP" autobench.bench.ShiftDays "$JDBC" >"$RUN/shift.txt" 2>&1
  [[ "$db" == sqlite ]] || warm_wal "$RUN/wal-warmup.log"
  PORT="$(free_port)"; SANDBOX="$(free_port)"
  # trust_forwarded_for: the voting client gives each visitor an X-Forwarded-For address in a /24 of its
  # own, so the network cap (1000 a day) applies per visitor as it would for people behind a proxy we
  # run, instead of capping all 100 visitors together as one loopback address. min_view_seconds 0: the
  # client votes as soon as the battle arrives, to load the vote path (people wait 4 s, docs/voting.md).
  { echo "database: \"$JDBC\""; echo "web: {port: $PORT, sandbox_port: $SANDBOX, trust_forwarded_for: true}"
    echo "voting: {min_view_seconds: 0}"; [[ -n "${POOL_SIZE:-}" ]] && echo "database_pool_size: $POOL_SIZE"
    demo_models_yaml; } >"$RUN/serve.yaml"
  # Started directly (not through run_java) so that $! is the JVM itself, whose RSS is sampled.
  # Native Memory Tracking (summary) lets jcmd report the heap and everything off it; it costs a little memory.
  "$JAVA" --enable-native-access=ALL-UNNAMED $JVM_OPTS -XX:NativeMemoryTracking=summary -jar "$JAR" serve --roles web \
    --config "$RUN/serve.yaml" >"$RUN/serve.log" 2>&1 &
  SERVER=$!; PIDS+=("$SERVER")
  BASE="http://127.0.0.1:$PORT"
  wait_for "$BASE/" 120
  DAY="$(curl -fsS "$BASE/api/v1/days" | sed -E 's/.*"day":"([0-9-]+)".*/\1/;q')"
  TASK="$(curl -fsS "$BASE/api/v1/days/$DAY" | sed -E 's/^[^[]*\[\{"id":"([^"]+)".*/\1/')"
  PATHS=("/" "/task/$TASK" "/leaderboard" "/api/v1/leaderboard")
  NAMES=("/" "/task/{id}" "/leaderboard" "/api/v1/leaderboard")
  # Warm-up: the JVM compiles its hot paths; a few visitors vote so the vote path is compiled too.
  for p in "${PATHS[@]}"; do wrk -t1 -c4 -d"${WARMUP}s" "$BASE$p" >/dev/null; done
  run_java -cp "$CP" autobench.bench.VotingClient "$BASE" "$WARMUP" 10 "$JDBC" 1 >"$RUN/warmup-votes.txt" 2>&1 || true

  ( while kill -0 "$SERVER" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$SERVER/status" 2>/dev/null; sleep 0.5; done ) >"$RUN/rss-kb.txt" &
  SAMPLER=$!; PIDS+=("$SAMPLER")

  # Phase 1: the same reads without votes, for the ratio.
  WRKS=()
  for i in "${!PATHS[@]}"; do
    wrk -t1 -c"$WRK_CONNECTIONS" -d"${SECONDS_RUN}s" --timeout 10s --latency "$BASE${PATHS[$i]}" >"$RUN/reads-$i.txt" 2>&1 &
    WRKS+=($!)
  done
  for w in "${WRKS[@]}"; do wait "$w" || true; done
  LOAD_READS="$(cut -d' ' -f1-3 /proc/loadavg)"

  # Phase 2: reads while visitors vote. The voting client first plays CLIENT_WARMUP seconds uncounted (its own
  # JVM compiling its code and opening connections is not the server's latency); wrk starts when the counted
  # visitors do, so both measure the same SECONDS_RUN seconds.
  CLIENT_RC=0
  ( WARMUP_SECONDS="$CLIENT_WARMUP" THINK_MS="$THINK_MS" run_java -cp "$CP" autobench.bench.VotingClient "$BASE" \
      "$SECONDS_RUN" "$VISITORS" "$JDBC" >"$RUN/votes.txt" 2>"$RUN/votes.err" ) &
  CLIENT=$!
  sleep "$CLIENT_WARMUP"
  WRKS=()
  for i in "${!PATHS[@]}"; do
    wrk -t1 -c"$WRK_CONNECTIONS" -d"${SECONDS_RUN}s" --timeout 10s --latency "$BASE${PATHS[$i]}" >"$RUN/wrk-$i.txt" 2>&1 &
    WRKS+=($!)
  done
  wait "$CLIENT" || CLIENT_RC=$?
  for w in "${WRKS[@]}"; do wait "$w" || true; done
  # The server's own account of the same battles and votes (and of its database pool), for the split of
  # each client-side figure into the server's work and the waiting outside it.
  curl -fsS "$BASE/metrics" >"$RUN/metrics-votes.txt" 2>/dev/null || true
  LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
  memory "$RUN/memory-votes.txt"

  # Phase 3: a crawler floods the cacheable routes with distinct query strings; the leaderboard before and after.
  metric() { curl -fsS "$BASE/metrics" | awk -v m="$1" '$1 == m {printf "%.0f", $2}'; }
  wrk -t1 -c4 -d5s --latency "$BASE/leaderboard" >"$RUN/board-before.txt" 2>&1
  CACHE_BEFORE="$(metric autobench_page_cache_entries) entries, $(( $(metric autobench_page_cache_bytes) / 1024 )) KB"
  run_java -cp "$CP" autobench.bench.CacheFlood "$BASE" "$FLOOD" 8 "$TASK" >"$RUN/flood.txt" 2>"$RUN/flood.err" || true
  CACHE_AFTER="$(metric autobench_page_cache_entries) entries, $(( $(metric autobench_page_cache_bytes) / 1024 )) KB"
  CACHE_BOUND="$(( $(metric autobench_page_cache_max_bytes) / 1024 )) KB"
  wrk -t1 -c4 -d5s --latency "$BASE/leaderboard" >"$RUN/board-after.txt" 2>&1
  memory "$RUN/memory-flood.txt"
  kill "$SAMPLER" 2>/dev/null || true
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  [[ "$db" == postgresql ]] && undo

  v() { awk -F= -v k="$1" '$1 == k {print $2}' "$RUN/votes.txt"; }
  fl() { awk -F= -v k="$1" '$1 == k {print $2}' "$RUN/flood.txt"; }
  say ""
  say "== $db: $NOTE; serve --roles web $JVM_OPTS, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; load average before the reads $LOAD_READS"
  say "-- reads alone: 4 wrk (1 thread, $WRK_CONNECTIONS connections each, nice $WRK_NICE) for ${SECONDS_RUN}s"
  printf '%-22s %10s %10s %10s %10s %12s\n' "endpoint" "requests" "req/s" "p50 ms" "p99 ms" "non-2xx" | tee -a "$SUMMARY"
  WRK_BAD=0; READS_ALONE=0; READS_VOTES=0; READ_P99=0
  for i in "${!PATHS[@]}"; do
    f="$RUN/reads-$i.txt"; bad="$(wrk_field "$f" non2xx)"; WRK_BAD=$((WRK_BAD + bad))
    READS_ALONE="$(echo "$READS_ALONE + $(wrk_field "$f" rps)" | bc -l)"
    printf '%-22s %10s %10.0f %10s %10s %12s\n' "${NAMES[$i]}" "$(wrk_field "$f" requests)" "$(wrk_field "$f" rps)" \
      "$(wrk_field "$f" p50)" "$(wrk_field "$f" p99)" "$bad" | tee -a "$SUMMARY"
  done
  say "-- the same reads while $VISITORS voting visitors take battles and vote, ${SECONDS_RUN}s"
  printf '%-22s %10s %10s %10s %10s %12s\n' "endpoint" "requests" "req/s" "p50 ms" "p99 ms" "non-2xx/5xx" | tee -a "$SUMMARY"
  for i in "${!PATHS[@]}"; do
    f="$RUN/wrk-$i.txt"; bad="$(wrk_field "$f" non2xx)"; err="$(wrk_field "$f" errors)"
    WRK_BAD=$((WRK_BAD + bad))
    READS_VOTES="$(echo "$READS_VOTES + $(wrk_field "$f" rps)" | bc -l)"
    READ_P99="$(echo "$READ_P99 $(wrk_field "$f" p99)" | awk '{print ($2 > $1) ? $2 : $1}')"
    printf '%-22s %10s %10.0f %10s %10s %12s\n' "${NAMES[$i]}" "$(wrk_field "$f" requests)" "$(wrk_field "$f" rps)" \
      "$(wrk_field "$f" p50)" "$(wrk_field "$f" p99)" "$bad$([[ "$err" != 0 ]] && echo " (+$err socket errors)")" | tee -a "$SUMMARY"
  done
  for e in battle poster vote; do
    case $e in battle) label="GET /battle" ;; poster) label="GET /p/{ref} (posters)" ;; *) label="POST /battle/vote" ;; esac
    printf '%-22s %10s %10.0f %10s %10s %12s\n' "$label" \
      "$(v $e.requests)" "$(v $e.rps)" "$(v $e.p50_ms)" "$(v $e.p99_ms)" "$(v server_errors_5xx) (all)" | tee -a "$SUMMARY"
  done
  say "p99 per 5 s of the run (client): GET /battle $(v battle.p99_by_5s_ms) · posters $(v poster.p99_by_5s_ms) · vote $(v vote.p99_by_5s_ms) ms"
  M="$RUN/metrics-votes.txt"
  sm() { awk -v s="$1" 'index($0, s) == 1 { printf "%.1f", $2 * 1000; exit }' "$M" 2>/dev/null; }
  say "server's own time (its handler, median / p99 / max, last minutes): GET /battle $(sm 'autobench_battle_request_seconds{request="battle",quantile="0.5"}') / $(sm 'autobench_battle_request_seconds{request="battle",quantile="0.99"}') / $(sm 'autobench_battle_request_seconds_max{request="battle"}') ms · vote $(sm 'autobench_battle_request_seconds{request="vote",quantile="0.5"}') / $(sm 'autobench_battle_request_seconds{request="vote",quantile="0.99"}') / $(sm 'autobench_battle_request_seconds_max{request="vote"}') ms; database pool: longest wait for a connection $(sm 'hikaricp_connections_acquire_seconds_max') ms, connections $(awk '/^hikaricp_connections_max/ {print $2; exit}' "$M" 2>/dev/null)"
  say "votes accepted (client count of reveals): $(v accepted); stored (counted in the database afterwards): $(v stored)"
  say "votes refused: $(v refused)$(grep '^refused\.' "$RUN/votes.txt" | sed 's/^refused\./ · /' | tr '\n' ' '); no battle offered: $(v no_battle); posters without a picture (404): $(v poster_missing); other statuses: $(v other_status); transport errors: $(v transport_errors)"
  RATIO="$(echo "$READS_VOTES / $READS_ALONE" | bc -l)"
  say "reads with votes / reads alone: $(printf '%.0f / %.0f = %.2f' "$READS_VOTES" "$READS_ALONE" "$RATIO"); highest read p99 under votes: $READ_P99 ms"
  say "-- flood: $(fl requests) distinct query strings from 8 connections in $(fl seconds) s ($(fl rps) req/s):$(grep '^status\.' "$RUN/flood.txt" | sed 's/^status\./ /' | tr '\n' ' ')transport errors $(fl transport_errors)"
  say "page cache before: $CACHE_BEFORE; after: $CACHE_AFTER; bound $CACHE_BOUND"
  say "/leaderboard (wrk -c4, 5 s) before the flood: $(wrk_field "$RUN/board-before.txt" rps) req/s, p50 $(wrk_field "$RUN/board-before.txt" p50) ms, p99 $(wrk_field "$RUN/board-before.txt" p99) ms; after: $(wrk_field "$RUN/board-after.txt" rps) req/s, p50 $(wrk_field "$RUN/board-after.txt" p50) ms, p99 $(wrk_field "$RUN/board-after.txt" p99) ms"
  PEAK="$(sort -n "$RUN/rss-kb.txt" | tail -1)"
  M="$RUN/memory-votes.txt"; MF="$RUN/memory-flood.txt"
  say "memory under votes: heap committed $(nmt "$M" "Java Heap") MB (used $(heap_used "$M") MB), NMT total committed $(nmt "$M" Total) MB (off heap: class $(nmt "$M" Class) MB, threads $(nmt "$M" Thread) MB, code $(nmt "$M" Code) MB, GC $(nmt "$M" GC) MB, other (direct buffers) $(nmt "$M" Other) MB); after the flood: heap committed $(nmt "$MF" "Java Heap") MB (used $(heap_used "$MF") MB), NMT total $(nmt "$MF" Total) MB, other $(nmt "$MF" Other) MB"
  say "server peak RSS: $((${PEAK:-0} / 1024)) MB (VmRSS sampled every 0.5 s over all three phases); load average at the end of the votes: $LOAD_END"
  COMPACT+=("$(printf '| %s | %.0f / %.0f = %.2f | %s | %s / %s | %s / %s | %s / %s | %s = %s | %s | %s / %s | %s → %s |' "$db" \
    "$READS_VOTES" "$READS_ALONE" "$RATIO" "$READ_P99" "$(v battle.p50_ms)" "$(v battle.p99_ms)" "$(v poster.p50_ms)" "$(v poster.p99_ms)" "$(v vote.p50_ms)" "$(v vote.p99_ms)" \
    "$(v accepted)" "$(v stored)" "$(( $(v server_errors_5xx) + WRK_BAD ))" "$((${PEAK:-0} / 1024))" "$(nmt "$M" "Java Heap")" \
    "$(wrk_field "$RUN/board-before.txt" p99)" "$(wrk_field "$RUN/board-after.txt" p99)")")
  if [[ "$(v accepted)" == 0 ]]; then
    say "FAILED on $db: no vote was accepted (no battle offered $(v no_battle) times): the load measured nothing"
    STATUS=1
  fi
  if [[ "$CLIENT_RC" != 0 || "$WRK_BAD" != 0 ]]; then
    say "FAILED on $db: $(v ok)$([[ "$WRK_BAD" != 0 ]] && echo "; $WRK_BAD non-2xx answers to wrk")"
    STATUS=1
  fi
done
say ""
say "Compact (paste into docs/reliability.md): load average at start $(head -2 "$SUMMARY" | sed -n 's/.*load average at start \([^;]*\);.*/\1/p')"
say "| db | reads/s with votes / alone = ratio | read p99 ms (worst path) | GET /battle p50 / p99 ms | GET poster p50 / p99 ms | POST vote p50 / p99 ms | accepted = stored | errors | peak RSS MB / heap committed MB | /leaderboard p99 ms before → after flood |"
say "|---|---|---|---|---|---|---|---|---|---|"
for row in "${COMPACT[@]}"; do say "$row"; done
say ""
say "figures in $SUMMARY; raw wrk and client output under $OUT/<db>/"
exit "$STATUS"
