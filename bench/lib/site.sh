# Shared by the web benchmarks (web.sh, load.sh): the demo models and waiting for a site to answer.
# Source after lib/jdk.sh.

# The four demo models, as the `models:` block of a config.
demo_models_yaml() {
  cat <<'YAML'
models:
  - {id: demo-orbit, provider: demo, model: demo-orbit}
  - {id: demo-grid, provider: demo, model: demo-grid}
  - {id: demo-waves, provider: demo, model: demo-waves}
  - {id: demo-blocks, provider: demo, model: demo-blocks}
YAML
}

# wait_for URL [SECONDS]: until URL answers 2xx, or exit 1 after SECONDS (default 60).
wait_for() {
  local tries=$(( ${2:-60} * 2 ))
  for _ in $(seq 1 "$tries"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "no answer from $1" >&2; exit 1
}
