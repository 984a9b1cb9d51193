#!/usr/bin/env bash
# HTTP ingest load: starts target/vigil.jar on a fresh data directory (embedded PostgreSQL), runs
# dev.vigil.bench.IngestLoad in batch and single mode against it on loopback, reports throughput,
# latency and peak memory, then stops everything. See docs/benchmarks.md, section "HTTP ingest".
#
# Knobs (environment): DURATION (s, per mode, default 30), WARMUP (s, default 10), BATCH_CLIENTS (4),
# BATCH_SIZE (1000), SINGLE_CLIENTS (16), MODES ("batch single"; also "wrk-single", needs wrk), TRIAGE_WORKERS (service default: 2),
# PORT (default: a free one), KEEP_DATA=1 keeps the data directory and the service log.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
BATCH_CLIENTS=${BATCH_CLIENTS:-4}
BATCH_SIZE=${BATCH_SIZE:-1000}
SINGLE_CLIENTS=${SINGLE_CLIENTS:-16}
MODES=${MODES:-batch single}
JAVA=${JAVA:-java}

if [[ ! -f target/vigil.jar ]]; then
  ./mvnw -B -o -q package -DskipTests
fi
if [[ ! -f target/test-classes/dev/vigil/bench/IngestLoad.class ]]; then
  ./mvnw -B -o -q test-compile
fi
if [[ ! -s target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
  ./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
CLASSPATH_LOAD="target/test-classes:$(cat target/bench-classpath.txt)"

PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DATA=$(mktemp -d -t vigil-bench.XXXXXX)
LOG="$DATA/vigil.log"
VIGIL_PID=

postmaster_pid() { head -n 1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true; }

cleanup() {
  if [[ -n "$VIGIL_PID" ]] && kill -0 "$VIGIL_PID" 2>/dev/null; then
    kill -TERM "$VIGIL_PID"
    for _ in $(seq 60); do kill -0 "$VIGIL_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$VIGIL_PID" 2>/dev/null && kill -KILL "$VIGIL_PID"
  fi
  local pm
  pm=$(postmaster_pid)
  if [[ -n "$pm" ]] && kill -0 "$pm" 2>/dev/null; then
    echo "stopping a postmaster left running (pid $pm)"
    kill -INT "$pm"
    for _ in $(seq 40); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
  fi
  if [[ "${KEEP_DATA:-0}" == 1 ]]; then
    echo "data and log kept in $DATA"
  else
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT

# Peak resident memory in kB: VmHWM of one process.
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

postgres_pids() {
  local pm
  pm=$(postmaster_pid)
  [[ -n "$pm" ]] || return 0
  echo "$pm"
  ps -o pid= --ppid "$pm" || true
}

# PostgreSQL's peak memory two ways: the sum of every process's VmHWM (counts shared buffers once per
# process, so it over-states), and the sampled peak of the sum of proportional set sizes (Pss).
PSS_PEAK=0
sample_postgres_pss() {
  local total=0 pid pss
  for pid in $(postgres_pids); do
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${pss:-0}))
  done
  ((total > PSS_PEAK)) && PSS_PEAK=$total
  return 0
}

report_memory() {
  local sum=0 pid
  for pid in $(postgres_pids); do sum=$((sum + $(hwm "$pid"))); done
  printf 'peak RSS: vigil JVM VmHWM %d MB; postgres (%d processes) sum of VmHWM %d MB, sampled peak Pss %d MB\n' \
    $(($(hwm "$VIGIL_PID") / 1024)) "$(postgres_pids | wc -l)" $((sum / 1024)) $((PSS_PEAK / 1024))
}

echo "starting Vigil on 127.0.0.1:$PORT, data in $DATA"
env VIGIL_DATA_DIR="$DATA" ${TRIAGE_WORKERS:+VIGIL_TRIAGE_WORKERS=$TRIAGE_WORKERS} \
  "$JAVA" ${VIGIL_JAVA_OPTS:-} -jar target/vigil.jar serve --server.port="$PORT" --server.address=127.0.0.1 \
  >"$LOG" 2>&1 &
VIGIL_PID=$!

KEY=
for _ in $(seq 240); do
  kill -0 "$VIGIL_PID" 2>/dev/null || { echo "Vigil exited; log:"; tail -50 "$LOG"; exit 1; }
  KEY=$(sed -n 's/^Admin API key: //p' "$LOG" | head -n 1)
  if [[ -n "$KEY" ]] && curl -sf "http://127.0.0.1:$PORT/actuator/health" | grep -q '"UP"'; then break; fi
  sleep 0.5
done
[[ -n "$KEY" ]] || { echo "no admin key within 120 s; log:"; tail -50 "$LOG"; exit 1; }
echo "Vigil is up (pid $VIGIL_PID, postmaster $(postmaster_pid)) on $(nproc) cores"

run_mode() {
  local mode=$1 clients=$2
  (
    while true; do sample_postgres_pss; echo "$PSS_PEAK" >"$DATA/pss-peak"; sleep 1; done
  ) &
  local sampler=$!
  "$JAVA" -cp "$CLASSPATH_LOAD" dev.vigil.bench.IngestLoad --url="http://127.0.0.1:$PORT" --key="$KEY" \
    --mode="$mode" --clients="$clients" --batch-size="$BATCH_SIZE" --warmup="$WARMUP" --duration="$DURATION" \
    | tee -a "$DATA/results.txt"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  PSS_PEAK=$(cat "$DATA/pss-peak" 2>/dev/null || echo "$PSS_PEAK")
  report_memory | tee -a "$DATA/results.txt"
}

# wrk (Debian package "wrk") is a C load generator: it leaves the 2 cores to Vigil and PostgreSQL far more
# than the Java load tool does. Same request as "single": one Suricata alert per POST.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
run_wrk() {
  local clients=$1 url="http://127.0.0.1:$PORT/api/v1/alerts?format=suricata" out
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
  VIGIL_KEY=$KEY wrk -t2 -c"$clients" -d"${WARMUP}s" -s bench/single.lua "$url" >/dev/null
  (
    while true; do sample_postgres_pss; echo "$PSS_PEAK" >"$DATA/pss-peak"; sleep 1; done
  ) &
  local sampler=$!
  out=$(VIGIL_KEY=$KEY wrk -t2 -c"$clients" -d"${DURATION}s" --latency -s bench/single.lua "$url")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  PSS_PEAK=$(cat "$DATA/pss-peak" 2>/dev/null || echo "$PSS_PEAK")
  echo "$out" | sed 's/^/  wrk: /'
  local rps p50 p99 max errors requests
  rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%d", $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
  max=$(echo "$out" | awk '$1 == "Latency" && $2 != "Distribution" {print $4}' | to_ms)
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "RESULT mode=wrk-single clients=$clients alerts_per_request=1 seconds=$DURATION requests=$requests alerts=$requests errors=${errors:-0} alerts_per_s=$rps requests_per_s=$rps p50_ms=$p50 p99_ms=$p99 max_ms=$max" \
    | tee -a "$DATA/results.txt"
  report_memory | tee -a "$DATA/results.txt"
}

for mode in $MODES; do
  case $mode in
    batch) run_mode batch "$BATCH_CLIENTS" ;;
    single) run_mode single "$SINGLE_CLIENTS" ;;
    wrk-single) run_wrk "$SINGLE_CLIENTS" ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
done

backlog=$(curl -sf -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/v1/queues" || true)
echo "triage queues at the end: $backlog"
echo
echo "| mode | clients | alerts/request | alerts/s | requests/s | p50 ms | p99 ms | max ms | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
sed -n 's/^RESULT //p' "$DATA/results.txt" | while read -r line; do
  declare -A r=()
  for kv in $line; do r[${kv%%=*}]=${kv#*=}; done
  echo "| ${r[mode]} | ${r[clients]} | ${r[alerts_per_request]} | ${r[alerts_per_s]} | ${r[requests_per_s]} |" \
    "${r[p50_ms]} | ${r[p99_ms]} | ${r[max_ms]} | ${r[errors]} |"
done
echo "overall $(grep '^peak RSS' "$DATA/results.txt" | tail -n 1)"
