#!/usr/bin/env bash
# Starts a real Apache RocketMQ 5.3.3 controller (DLedger) in the foreground: the reference our
# controller and our controller-mode brokers are checked against.
#   run-controller.sh <workDir> <selfId> <peers> [extra key=value ...]
#   peers: n0-127.0.0.1:9878;n1-127.0.0.1:9868;n2-127.0.0.1:9858 (each controller's client port is
#   its own peer port, as in RocketMQ's quick start)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/java-common.sh"

work="${1:?work dir}"
self="${2:?self id, e.g. n0}"
peers="${3:?peers, e.g. n0-127.0.0.1:9878}"
shift 3
mkdir -p "$work/home/conf" "$work/store"
{
  echo "controllerDLegerGroup=group1"
  echo "controllerDLegerPeers=$peers"
  echo "controllerDLegerSelfId=$self"
  echo "controllerStorePath=$work/store"
  echo "configStorePath=$work/controller.properties.persisted"
  for pair in "$@"; do echo "$pair"; done
} > "$work/controller.conf"

export ROCKETMQ_HOME="$work/home"
read -r -a heap <<< "${CONTROLLER_HEAP_OPTS:--Xms128m -Xmx256m}"
exec java "${heap[@]}" "${JAVA_OPTS_COMMON[@]}" -Duser.home="$work/home" \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.controller.ControllerStartup -c "$work/controller.conf"
