#!/usr/bin/env bash
# Page weight and time to a running battle on a cold visit (issue 22): autobench.bench.ColdBattleVisit
# opens /battle in a fresh Chromium context (empty cache) on a demo arena and on an arena whose answers
# load p5.js and React + Babel, with the sandbox's libraries compressed and as they are. See bench/README.md.
#   bench/cold-battle.sh [rounds=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib/jdk.sh # JAVA_HOME and JAVA: a JDK 21+, found as ./autobench finds it
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
mkdir -p bench/results
out="bench/results/cold-battle-$(date -u +%Y%m%dT%H%M%SZ).txt"
"$JAVA" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" autobench.bench.ColdBattleVisit "${1:-5}" | tee "$out"
echo "saved to $out"
