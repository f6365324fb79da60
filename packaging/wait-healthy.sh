#!/usr/bin/env bash
# Waits until a rocketmq-ts process answers /health with 200: the systemd units' ExecStartPost, so
# that `systemctl start` returns once the process serves (and fails the start if it never does).
#   wait-healthy <properties file> <default listenPort> [timeout s]   name server, broker: httpPort
#                                                                     from the file, else listenPort - 31
#   wait-healthy --http-port <port> [timeout s] [path]                exporter; console (path /api/v1/health)
set -euo pipefail

path=/health
if [[ "${1:-}" == "--http-port" ]]; then
  port="${2:?port}"
  timeout="${3:-90}"
  path="${4:-/health}"
else
  file="${1:?properties file}"
  listen="${2:?default listenPort}"
  timeout="${3:-${WAIT_HEALTHY_TIMEOUT:-280}}"
  value() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\([0-9]*\)[[:space:]]*$/\1/p" "$file" | tail -1; }
  http="$(value httpPort)"
  listen="$(value listenPort)"
  listen="${listen:-$2}"
  port="${http:-$((listen - 31))}"
fi

deadline=$((SECONDS + timeout))
while ((SECONDS < deadline)); do
  if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    status="$(head -1 <&3 || true)"
    exec 3<&-
    [[ "$status" == *" 200"* ]] && exit 0
  fi
  sleep 0.5
done
echo "wait-healthy: nothing answered http://127.0.0.1:$port$path with 200 within ${timeout}s" >&2
exit 1
