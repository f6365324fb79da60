#!/usr/bin/env bash
# Starts a real Apache RocketMQ broker (master, id 0) in the foreground.
#   run-broker.sh <namesrv ip:port> <listenPort> <workDir> [brokerName] [clusterName]
# The broker also binds listenPort+1 (HA) and listenPort-2 (fast channel). Everything it writes
# (broker.conf, store, logs) goes under <workDir>. Extra broker.conf lines: env BROKER_EXTRA_CONF.
# Heap: env BROKER_HEAP_OPTS (default -Xms256m -Xmx512m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/java-common.sh"

namesrv="${1:?namesrv address}"
port="${2:?listen port}"
work="${3:?work dir}"
name="${4:-broker-a}"
cluster="${5:-DefaultCluster}"
mkdir -p "$work/store" "$work/home/conf"

cat > "$work/broker.conf" <<CONF
brokerClusterName=$cluster
brokerName=$name
brokerId=0
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
listenPort=$port
brokerIP1=127.0.0.1
namesrvAddr=$namesrv
storePathRootDir=$work/store
storePathCommitLog=$work/store/commitlog
autoCreateTopicEnable=true
autoCreateSubscriptionGroup=true
mappedFileSizeCommitLog=67108864
mapedFileSizeCommitLog=67108864
mappedFileSizeConsumeQueue=600000
mapedFileSizeConsumeQueue=600000
maxHashSlotNum=50000
maxIndexNum=200000
timerWheelEnable=false
diskMaxUsedSpaceRatio=95
${BROKER_EXTRA_CONF:-}
CONF

# BrokerStartup refuses to run without ROCKETMQ_HOME; logs go to \${user.home}/logs.
export ROCKETMQ_HOME="$work/home"
read -r -a heap <<< "${BROKER_HEAP_OPTS:--Xms256m -Xmx512m}"
exec java "${heap[@]}" "${JAVA_OPTS_COMMON[@]}" -Duser.home="$work/home" \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.broker.BrokerStartup -n "$namesrv" -c "$work/broker.conf"
