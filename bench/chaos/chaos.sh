#!/usr/bin/env bash
# Crash test: four `serve --roles worker,scheduler` processes on one PostgreSQL and a local stub
# provider (0.5–8 s latency, 10 % 429/500/503). Phase 1 SIGKILLs a random process that has claimed
# work, at a random moment, and restarts it, ROUNDS times; phase 2 does the same with SIGTERM
# (graceful stop). After each phase the survivors finish the work (recovery), then the figures are
# printed (autobench.bench.ChaosCheck) and the script exits non-zero if an invariant broke.
#   bench/chaos/chaos.sh                 20 rounds per phase, 3 days of 10 tasks × 8 models
#   bench/chaos/chaos.sh --rounds 30
#   bench/chaos/chaos.sh --quick         6 rounds per phase, 2 days of 4 tasks × 8 models
# Environment: MVN_FLAGS (default "-B -q"; add -o offline), SEED (default: random), KEEP=1 keeps the
# temp dir. PostgreSQL: Debian's package (/usr/lib/postgresql/*/bin), started here under a temp
# dir on a free port; without it (or with PG=embedded) an embedded PostgreSQL. Results in
# bench/results/chaos/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/../lib/jdk.sh"

ROUNDS=20; TASKS=10; MODELS=8; DAYS=3; PROCS=4
while (( $# )); do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --quick) ROUNDS=6; TASKS=4; DAYS=2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench/chaos/chaos.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
SEED="${SEED:-$RANDOM}"; RANDOM="$SEED"
OUT="$ROOT/bench/results/chaos"; mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/autobench-chaos.XXXXXX)"; chmod 755 "$WORK"
PIDS=(); PG_MODE=""; PG_BIN=""
log() { echo "[chaos $(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  [[ -n "${STUB_PID:-}" ]] && kill "$STUB_PID" 2>/dev/null || true
  if [[ "$PG_MODE" == debian ]]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1 || true
  elif [[ "$PG_MODE" == embedded ]]; then kill "$PG_PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
log "building the test classes"
./mvnw ${MVN_FLAGS:--B -q} test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-classpath.txt)"
JVM=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP")
# Background JVMs are started as plain commands, never through a function: $! must be the JVM's own
# pid (a function would run in a subshell, and a signal to it would not reach the JVM).
jrun() { "${JVM[@]}" "$@"; }

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port found" >&2; exit 1
}
# initdb refuses to run as root: then the server runs as the postgres user.
as_pg() { if (( EUID == 0 )); then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi; }

# --- PostgreSQL ---------------------------------------------------------------------------------
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ "${PG:-}" != embedded && -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] && { (( EUID != 0 )) || id postgres >/dev/null 2>&1; }; then
  PG_MODE=debian; PG_PORT="$(free_port)"
  mkdir -p "$WORK/pgdata" && (( EUID == 0 )) && chown postgres "$WORK/pgdata"
  as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 >"$WORK/initdb.log" 2>&1
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgdata/server.log" -w \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null
  PG_VERSION="$("$PG_BIN/postgres" --version)"
else
  PG_MODE=embedded; log "using embedded PostgreSQL (PG=${PG:-}; Debian package: ${PG_BIN:-none})"
  "${JVM[@]}" autobench.bench.ChaosPostgres "$WORK/pgdata" "$WORK/pg.port" >"$WORK/pg.log" 2>&1 & PG_PID=$!
  for _ in $(seq 1 120); do [[ -s "$WORK/pg.port" ]] && break; sleep 0.5; done
  PG_PORT="$(cat "$WORK/pg.port")"; PG_VERSION="embedded PostgreSQL (zonky)"
fi
log "PostgreSQL ($PG_MODE, $PG_VERSION) on port $PG_PORT"
ADMIN_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres"
sql() { jrun autobench.bench.ChaosCheck query "$1" "$2"; }
if [[ "$PG_MODE" == debian ]] && command -v psql >/dev/null; then
  sql() { # same output as ChaosCheck query, without starting a JVM
    local db="${1##*/}"; db="${db%%\?*}"
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -AtqF $'\t' -c "$2"
  }
fi

# --- one phase ------------------------------------------------------------------------------------
start_serve() { # slot
  "${JVM[@]}" -Xmx384m autobench.cli.App serve --config "$CONFIG" --roles worker,scheduler >>"$PHASE_DIR/serve-$1.log" 2>&1 &
  PIDS[$1]=$!
}

# The live slots whose process has claimed something: a stage run or a call carries its pid.
claimed_slots() {
  local owners; owners="$(sql "$URL" "SELECT split_part(caller, '/', 2) FROM provider_calls UNION SELECT split_part(owner, '/', 2) FROM stage_runs" 2>/dev/null || true)"
  for i in "${!PIDS[@]}"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null && grep -qx "${PIDS[$i]}" <<<"$owners" && echo "$i"
  done
  return 0
}

open_work() { sql "$URL" "SELECT (SELECT COUNT(*) FROM submissions WHERE status IN ('pending', 'calling'))
  + GREATEST(0, $TASKS * $MODELS * $DAYS - (SELECT COUNT(*) FROM submissions))
  + (SELECT COUNT(*) FROM stage_runs WHERE stage = 'dispatch' AND status <> 'done')" 2>/dev/null || echo 1; }

run_phase() { # name signal
  local name="$1" sig="$2" db="chaos_$1"
  PHASE_DIR="$WORK/$name"; mkdir -p "$PHASE_DIR"
  sql "$ADMIN_URL" "CREATE DATABASE $db" >/dev/null
  URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db?user=postgres"
  "${JVM[@]}" autobench.bench.ChaosStub "$PHASE_DIR/stub.port" "$PHASE_DIR/stub.jsonl" "$SEED" 500 8000 0.10 >"$PHASE_DIR/stub.log" 2>&1 &
  STUB_PID=$!
  for _ in $(seq 1 120); do [[ -s "$PHASE_DIR/stub.port" ]] && break; sleep 0.5; done
  local stub_port; stub_port="$(cat "$PHASE_DIR/stub.port")"
  CONFIG="$PHASE_DIR/autobench.yaml"
  {
    echo "database: \"$URL\""
    echo "zone: UTC"
    echo "tasks_per_day: $TASKS"
    echo "shutdown_grace_seconds: 20     # longer than the stub's slowest answer"
    echo "render: {enabled: false}"
    echo "schedule: {generate_at: \"00:00\", dispatch_at: \"00:00\", render_at: \"00:00\", catch_up_days: $((DAYS - 1)), stage_lease_seconds: 5}"
    echo "dispatch: {max_attempts: 3, lease_margin_seconds: 5, max_concurrency: 4, retry_base_ms: 200, retry_max_ms: 2000}"
    echo "models:"
    for m in $(seq 1 "$MODELS"); do
      echo "  - {id: m$m, provider: openai-compatible, model: stub-m$m, base_url: \"http://127.0.0.1:$stub_port/v1\", timeout_seconds: 15, max_output_tokens: 1000, price: {input: 1.0, output: 2.0}}"
    done
  } >"$CONFIG"

  log "phase $name: $PROCS processes, $ROUNDS rounds of SIG$sig, $DAYS day(s) of $TASKS tasks × $MODELS models"
  PIDS=()
  for i in $(seq 0 $((PROCS - 1))); do start_serve "$i"; done
  local round=0 started; started=$(date +%s)
  while (( round < ROUNDS )); do
    local slots=() waited=0
    while :; do
      mapfile -t slots < <(claimed_slots)
      (( ${#slots[@]} > 0 )) && break
      if (( $(open_work) == 0 )); then log "phase $name: all work done after $round rounds"; break 2; fi
      sleep 0.5; waited=$((waited + 1))
      (( waited > 240 )) && { log "phase $name: no process claimed anything for 120 s"; break 2; }
    done
    local victim="${slots[RANDOM % ${#slots[@]}]}" pid delay
    pid="${PIDS[$victim]}"
    delay="$((RANDOM % 6)).$((RANDOM % 10))"
    sleep "$delay"
    round=$((round + 1))
    log "phase $name round $round: SIG$sig to serve #$victim (pid $pid) ${delay}s after it was seen claiming"
    kill -s "$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { log "pid $pid still alive 30 s after SIG$sig: killing"; kill -KILL "$pid"; }
    wait "$pid" 2>/dev/null || true
    start_serve "$victim"
  done
  echo "$round" >"$PHASE_DIR/rounds"
  sql "$URL" "SELECT COUNT(*) FROM submissions WHERE status = 'unknown'" >"$PHASE_DIR/unknown-after-rounds"
  log "phase $name: $round rounds in $(( $(date +%s) - started )) s; $(cat "$PHASE_DIR/unknown-after-rounds") unknown; recovery: survivors finish the work"
  local t0; t0=$(date +%s)
  until (( $(open_work) == 0 )); do
    (( $(date +%s) - t0 > 600 )) && { log "phase $name: work still open after 10 minutes of recovery"; break; }
    sleep 2
  done
  log "phase $name: recovery took $(( $(date +%s) - t0 )) s; stopping the processes"
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
  kill "$STUB_PID" 2>/dev/null || true; wait "$STUB_PID" 2>/dev/null || true; STUB_PID=""
  cp "$PHASE_DIR/stub.jsonl" "$OUT/$name-stub.jsonl"
  cat "$PHASE_DIR"/serve-*.log >"$OUT/$name-serve.log"
}

STATUS=0
{
  echo "# bench/chaos/chaos.sh --rounds $ROUNDS (tasks $TASKS, models $MODELS, days $DAYS, processes $PROCS, seed $SEED)"
  echo "# $(date -u +%FT%TZ); $(nproc) CPUs; $(free -g | awk '/Mem:/ {print $2 " GB RAM"}'); $("$JAVA" -version 2>&1 | head -1); $PG_VERSION ($PG_MODE)"
} | tee "$OUT/figures.txt"
for phase in kill:KILL term:TERM; do
  name="${phase%%:*}"; sig="${phase##*:}"
  run_phase "$name" "$sig"
  unknown_ok=true; [[ "$sig" == TERM ]] && unknown_ok=false
  rounds="$(cat "$WORK/$name/rounds")"
  echo "phase $name: $rounds rounds of SIG$sig; unknown rows right after the rounds: $(cat "$WORK/$name/unknown-after-rounds")" | tee -a "$OUT/figures.txt"
  jrun autobench.bench.ChaosCheck check "jdbc:postgresql://127.0.0.1:$PG_PORT/chaos_$name?user=postgres" "$WORK/$name/stub.jsonl" \
    "after SIG$sig rounds and recovery" "$unknown_ok" >"$WORK/$name/figures.txt" || STATUS=1
  tee -a "$OUT/figures.txt" <"$WORK/$name/figures.txt"
  if (( rounds < ROUNDS )); then
    echo "  TOO FEW ROUNDS: only $rounds of $ROUNDS ran (the work ran out; make the days bigger)" | tee -a "$OUT/figures.txt"; STATUS=1
  fi
done
echo "figures in $OUT/figures.txt" >&2
exit "$STATUS"
