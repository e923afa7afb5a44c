#!/usr/bin/env bash
# Ratings benchmarks (see bench/README.md):
#  1. JMH: Bradley–Terry + 1000 bootstrap rounds for 100 models at 100k and 1M votes, with the GC
#     profiler (allocation per operation), and the streaming JSONL reader;
#  2. retained heap of the tally after reading 100k and 1M votes;
#  3. wall and CPU time of the leaderboard, repeated in one JVM (the machine may be shared);
#  4. the whole `ratings --votes FILE` command on a generated 1,000,000-line file, end to end.
# Extra arguments go to JMH, e.g.  bench/ratings.sh -p votes=1000000 -i 3
# Results land in bench/results/ (not committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source bench/lib/jdk.sh # JAVA_HOME and JAVA: a JDK 21+, found as ./autobench finds it

OUT=bench/results
mkdir -p "$OUT"
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"

echo "== JMH"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'autobench.bench.RatingsBenchmark' -prof gc \
  -rf json -rff "$OUT/ratings-jmh.json" "$@" | tee "$OUT/ratings-jmh.txt"

echo "== generated votes files (seeded)"
for n in 100000 1000000; do
  f="$OUT/votes-$n.jsonl"
  [[ -s "$f" ]] || "$JAVA" -cp "$CP" autobench.bench.VoteFileGenerator "$f" "$n" 100 42
  echo "$f: $(wc -l < "$f") lines, $(du -h "$f" | cut -f1)"
done

echo "== retained heap after reading"
"$JAVA" -cp "$CP" autobench.bench.TallyFootprint "$OUT/votes-100000.jsonl" "$OUT/votes-1000000.jsonl"

echo "== CPU time of the leaderboard (1M votes; process CPU, all threads)"
"$JAVA" -cp "$CP" autobench.bench.LeaderboardCpuTime "$OUT/votes-1000000.jsonl" 8

echo "== ratings --votes, end to end (3 runs, fresh JVM each)"
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS")
for run in 1 2 3; do
  start=$(date +%s%N)
  "${timer[@]}" "$JAVA" -cp "$CP" autobench.bench.RatingsMain --votes "$OUT/votes-1000000.jsonl" > "$OUT/ratings-1m.txt"
  echo "run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms wall"
done
head -5 "$OUT/ratings-1m.txt"
