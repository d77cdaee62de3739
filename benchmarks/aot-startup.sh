#!/usr/bin/env bash
# Start-up time and memory of the sample app on the JVM, with and without ahead-of-time
# processing (BENCHMARKS.md, "AOT start-up"). One command from the repository root:
#
#   bash benchmarks/aot-startup.sh [runs]        (default 5 runs of each, alternating)
#
# Builds the sample app's jar (process-aot runs in its build), then starts it `runs` times as
# `java -jar` and `java -Dspring.aot.enabled=true -jar`, each on a free loopback port against its
# own offline demo model, and stops it once started. Prints a Markdown table of medians:
# Spring's "Started ... in X seconds" and "process running for Y", the process's resident memory
# (VmRSS) when started, and the JVM's heap and non-heap in use then (Actuator's jvm.memory.used).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"

./mvnw -B -q -pl sample-app -am package -DskipTests > /dev/null
JAR=$(ls sample-app/target/llm-client-sample-app-*.jar | grep -v original | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# one start: prints "started_s running_s rss_mib heap_mib nonheap_mib"
start_once() {
  local mode="$1" port log pid line
  port=$(free_port)
  log="$WORK/$mode-$RANDOM.log"
  local flags=()
  if [ "$mode" = aot ]; then flags=(-Dspring.aot.enabled=true); fi
  java "${flags[@]}" -jar "$JAR" --server.port="$port" --logging.level.io.github.llmclient=info > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if grep -q "Started SampleApplication" "$log"; then break; fi
    if ! kill -0 "$pid" 2> /dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.1
  done
  line=$(grep "Started SampleApplication" "$log") || { kill "$pid"; cat "$log" >&2; exit 1; }
  local rss heap nonheap
  rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$pid/status")
  heap=$(curl -s "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"] / 1048576)')
  nonheap=$(curl -s "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:nonheap" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"] / 1048576)')
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  echo "$line" | sed -E 's/.* in ([0-9.]+) seconds \(process running for ([0-9.]+)\).*/\1 \2/' | tr -d '\n'
  echo " $rss $heap $nonheap"
}

for i in $(seq 1 "$RUNS"); do
  echo "run $i/$RUNS" >&2
  start_once jvm >> "$WORK/jvm.txt"
  start_once aot >> "$WORK/aot.txt"
done

python3 - "$WORK/jvm.txt" "$WORK/aot.txt" "$RUNS" <<'PY'
import statistics, sys
def medians(path):
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    return [statistics.median(column) for column in zip(*rows)]
jvm, aot = medians(sys.argv[1]), medians(sys.argv[2])
names = ["Started in (s, Spring's figure)", "Process running for (s)", "Resident memory when started (MiB)",
         "Heap in use when started (MiB)", "Non-heap in use when started (MiB)"]
print(f"Sample app, JVM, medians of {sys.argv[3]} starts each (alternating)\n")
print("| | without AOT | with AOT (`-Dspring.aot.enabled=true`) | AOT / plain |")
print("|---|---:|---:|---:|")
for name, plain, processed in zip(names, jvm, aot):
    print(f"| {name} | {plain:.2f} | {processed:.2f} | {processed / plain:.3f}x |")
PY
