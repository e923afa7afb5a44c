#!/usr/bin/env bash
# Renders per minute: the AutoBench renderer (reused browser) vs one cold `chromium --headless
# --screenshot` per page, on the twelve demo pages, side by side in one run. See bench/README.md.
#   bench/render-throughput.sh [rounds=2] [lanes=2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib/jdk.sh # JAVA_HOME and JAVA: a JDK 21+, found as ./autobench finds it
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
out="bench/results/render-throughput-$(date -u +%Y%m%dT%H%M%SZ).txt"
"$JAVA" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" autobench.render.RenderBench "${1:-2}" "${2:-2}" | tee "$out"
echo "saved to $out"
