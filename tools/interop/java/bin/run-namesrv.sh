#!/usr/bin/env bash
# Starts a real Apache RocketMQ name server in the foreground (to validate the harness, and as the
# reference the fixture capture tool talks to).
#   run-namesrv.sh <listenPort> <workDir>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/java-common.sh"

port="${1:?listen port}"
work="${2:?work dir}"
mkdir -p "$work/home/conf"
cat > "$work/namesrv.conf" <<CONF
listenPort=$port
kvConfigPath=$work/home/namesrv/kvConfig.json
configStorePath=$work/home/namesrv/namesrv.properties
CONF

export ROCKETMQ_HOME="$work/home"
read -r -a heap <<< "${NAMESRV_HEAP_OPTS:--Xms128m -Xmx256m}"
exec java "${heap[@]}" "${JAVA_OPTS_COMMON[@]}" -Duser.home="$work/home" \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.namesrv.NamesrvStartup -c "$work/namesrv.conf"
