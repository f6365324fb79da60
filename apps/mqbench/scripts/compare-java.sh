#!/usr/bin/env bash
# mqbench (our TypeScript client) against the official Java client (tools/interop/java BenchProducer /
# BenchConsumer), same broker, same settings, runs alternating. Prints figures, asserts nothing.
#
#   apps/mqbench/scripts/compare-java.sh [--runs 3] [--duration 30] [--warmup 5] [--size 1024]
#       [--concurrency 64] [--backlog 200000] [--consume-runs 3] [--namesrv host:port --broker host:port]
#
# Without --namesrv it starts our namesrv and broker (ASYNC_FLUSH, fresh store under the work dir) and
# stops them at the end. --backlog 0 skips the consume comparison. Logs and results stay in the work
# dir it prints (/tmp/mqbench-compare-*).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
runs=3 duration=30 warmup=5 size=1024 concurrency=64 backlog=200000 consume_runs=3 namesrv='' broker=''
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2" ;;
    --duration) duration="$2" ;;
    --warmup) warmup="$2" ;;
    --size) size="$2" ;;
    --concurrency) concurrency="$2" ;;
    --backlog) backlog="$2" ;;
    --consume-runs) consume_runs="$2" ;;
    --namesrv) namesrv="$2" ;;
    --broker) broker="$2" ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
  shift 2
done

work="$(mktemp -d /tmp/mqbench-compare-XXXXXX)"
results="$work/results.jsonl"
started_pids=()
cleanup() {
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  rm -rf "$work/store"
}
trap cleanup EXIT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

wait_for_line() { # file pattern seconds
  for _ in $(seq 1 $(($3 * 5))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "timed out waiting for '$2' in $1" >&2; tail -20 "$1" >&2; exit 1
}

classpath="$(cat "$("$ROOT/tools/interop/java/setup.sh" | tail -1)")"
JAVA=(java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.net.preferIPv4Stack=true
  -Dlogback.statusListenerClass=org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  "-Duser.home=$work/java-home" -cp "$classpath")

if [[ -z "$namesrv" ]]; then
  ns_port=$((30000 + RANDOM % 10000)) broker_port=$((40000 + RANDOM % 10000))
  "$ROOT/bin/mqnamesrv" --listenPort=$ns_port --httpPort=$((ns_port + 4)) --kvConfigPath="$work/kvConfig.json" --logLevel=warn >"$work/namesrv.log" 2>&1 &
  started_pids+=($!)
  wait_for_line "$work/namesrv.log" 'boot success' 90
  namesrv="127.0.0.1:$ns_port" broker="127.0.0.1:$broker_port"
  "$ROOT/bin/mqbroker" -n "$namesrv" --listenPort=$broker_port --httpPort=$((broker_port - 2)) --brokerIP1=127.0.0.1 \
    --brokerName=mqbench-compare --storePathRootDir="$work/store" --flushDiskType=ASYNC_FLUSH --logLevel=warn >"$work/broker.log" 2>&1 &
  started_pids+=($!)
  wait_for_line "$work/broker.log" 'boot success' 120
fi
[[ -n "$broker" ]] || { echo "--broker is needed with --namesrv" >&2; exit 1; }
log "namesrv $namesrv, broker $broker, work dir $work, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Both clients send to the same 8-queue topic; BenchProducer creates it (-b, -r) and waits for the route.
"${JAVA[@]}" org.rocketmqts.interop.BenchProducer -n "$namesrv" -b "$broker" -r 8 -t BenchSend -w 1 -s "$size" -q 1 >"$work/create-topic.log" 2>&1

# CPU seconds (user + sys) of the children this shell has waited for; `times` runs in this shell (no
# subshell), so the difference around one foreground client is that client's CPU, JVM/swc start-up included.
# Sets CPU_NOW (a command substitution would run `times` in a subshell, which has no children).
children_cpu() {
  times >"$work/times"
  CPU_NOW="$(tail -1 "$work/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')"
}
cpu_since() { children_cpu; awk -v a="$1" -v b="$CPU_NOW" 'BEGIN { printf "%.3f", b - a }'; }

record() { # client kind json cpu-seconds messages-handled
  jq -c --arg client "$1" --arg kind "$2" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --argjson cpu "$4" --argjson handled "${5:-0}" \
    '. + {client: $client, kind: $kind, loadAfter: $load, clientCpuS: $cpu, cpuUsPerMsg: (if $handled > 0 then ($cpu * 1e6 / $handled | floor) else null end)}' <<<"$3" >>"$results"
  log "  $(tail -1 "$results")"
}

java_send() {
  log "send run $1/$runs: Java BenchProducer"
  children_cpu; local before="$CPU_NOW"
  "${JAVA[@]}" org.rocketmqts.interop.BenchProducer -n "$namesrv" -t BenchSend -r 8 -w "$concurrency" -s "$size" \
    --warmup-s "$warmup" --duration-s "$duration" >"$work/java-send-$1.log" 2>&1 || true
  cpu_since "$before" >"$work/cpu"; local cpu; cpu="$(cat "$work/cpu")"
  local json; json="$(grep '^RESULT ' "$work/java-send-$1.log" | tail -1 | cut -c8-)"
  record java send "$json" "$cpu" "$(jq '.totalOk' <<<"$json")"
}

ts_send() {
  log "send run $1/$runs: mqbench producer"
  children_cpu; local before="$CPU_NOW"
  "$ROOT/bin/mqbench" producer -n "$namesrv" -t BenchSend -w "$concurrency" -s "$size" --warmup "$warmup" -d "$duration" --json \
    >"$work/ts-send-$1.log" 2>"$work/ts-send-$1.err" || true
  cpu_since "$before" >"$work/cpu"; local cpu; cpu="$(cat "$work/cpu")"
  record ts send "$(tail -1 "$work/ts-send-$1.log")" "$cpu" "$(sed -n 's/^\[Complete\] Send Total: \([0-9]*\).*/\1/p' "$work/ts-send-$1.log")"
}

java_consume() {
  log "consume run $1/$consume_runs: Java BenchConsumer"
  children_cpu; local before="$CPU_NOW"
  "${JAVA[@]}" org.rocketmqts.interop.BenchConsumer -n "$namesrv" -t BenchBacklog -c "$backlog" -w 20 --idle-s 30 \
    -g "java_drain_${1}_$$" >"$work/java-consume-$1.log" 2>&1 || true
  cpu_since "$before" >"$work/cpu"; local cpu; cpu="$(cat "$work/cpu")"
  local json; json="$(grep '^RESULT ' "$work/java-consume-$1.log" | tail -1 | cut -c8-)"
  record java consume "$json" "$cpu" "$(jq '.consumed' <<<"$json")"
}

ts_consume() {
  log "consume run $1/$consume_runs: mqbench consumer"
  children_cpu; local before="$CPU_NOW"
  "$ROOT/bin/mqbench" consumer -n "$namesrv" -t BenchBacklog -q "$backlog" -w 20 --from first -p false -g "ts_drain_${1}_$$" -d 300 --json \
    >"$work/ts-consume-$1.log" 2>"$work/ts-consume-$1.err" || true
  cpu_since "$before" >"$work/cpu"; local cpu; cpu="$(cat "$work/cpu")"
  local json; json="$(tail -1 "$work/ts-consume-$1.log")"
  record ts consume "$json" "$cpu" "$(jq '.messages' <<<"$json")"
}

# Alternate which client goes first, so a load that builds up during a pair hurts both alike.
for run in $(seq 1 "$runs"); do
  if (( run % 2 == 1 )); then java_send "$run"; ts_send "$run"; else ts_send "$run"; java_send "$run"; fi
done

if [[ "$backlog" -gt 0 ]]; then
  log "filling BenchBacklog with $backlog messages"
  "$ROOT/bin/mqbench" producer -n "$namesrv" -t BenchBacklog -w "$concurrency" -s "$size" -q "$backlog" --json >"$work/fill.log" 2>&1
  for run in $(seq 1 "$consume_runs"); do
    if (( run % 2 == 1 )); then java_consume "$run"; ts_consume "$run"; else ts_consume "$run"; java_consume "$run"; fi
  done
fi

# Medians per client and kind. Java's RESULT has tps/p99Ms/...; mqbench's summary has tps/latencyMs.p99.
jq -rs '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def r2: if . == null then null else . * 100 | round / 100 end;
  def lat($k): if .latencyMs then .latencyMs[$k] else .[{"avg":"avgMs","p50":"p50Ms","p99":"p99Ms","p999":"p999Ms","max":"maxMs"}[$k]] end;
  def row($kind; $client): [.[] | select(.kind == $kind and .client == $client)] as $r
    | "| \($kind) | \($client) | \($r | length) | \([$r[] | .tps] | median | floor) | \([$r[] | .tps | floor] | map(tostring) | join(" / ")) | \([$r[] | .cpuUsPerMsg] | median) | "
      + (if $kind == "send" then "\([$r[] | lat("p50")] | median | r2) | \([$r[] | lat("p99")] | median | r2) | \([$r[] | lat("p99") | r2 | tostring] | join(" / ")) | \([$r[] | lat("p999")] | median | r2) |" else "- | - | - | - |" end);
  "| kind | client | runs | median TPS | TPS per run | client CPU µs/msg | median p50 ms | median p99 ms | p99 per run | median p999 ms |",
  "|---|---|---:|---:|---|---:|---:|---:|---|---:|",
  row("send"; "java"), row("send"; "ts"), (if any(.[]; .kind == "consume") then row("consume"; "java"), row("consume"; "ts") else empty end)
' "$results"
log "results: $results"
